/**
 * Machine-to-machine access with authing-ts: a service holds a programmatic access account's key
 * and secret (made once by an administrator), takes an access token with the client_credentials
 * grant, and an API it calls verifies that token on its own, against the provider's published
 * keys, with jose. A disabled account gets no more tokens. Compiled by examples/tsconfig.json and
 * run against authing-local by test/integration/oidc-examples.test.ts.
 */
import { AuthenticationClient, AuthingProtocolError, ManagementClient } from 'authing-ts';
import { createRemoteJWKSet, jwtVerify } from 'jose';

export interface MachineExampleConfig {
  userPoolId: string;
  secret: string;
  appId: string;
  host: string;
}

export async function clientCredentialsExample({ userPoolId, secret, appId, host }: MachineExampleConfig) {
  // Once, by an administrator: the account the service will use (tokens live 10 minutes).
  const management = new ManagementClient({ userPoolId, secret, host });
  const account = await management.acl.createProgrammaticAccessAccount(appId, { tokenLifetime: 600, remarks: 'billing service' });

  // In the service: a token for its calls.
  const auth = new AuthenticationClient({ appId, appHost: host });
  const { access_token, expires_in } = await auth.getAccessTokenByClientCredentials('openid', { accessKey: account.id, accessSecret: account.secret });

  // In the API the service calls: verify the token without asking the provider.
  const keys = createRemoteJWKSet(new URL(`${host}/oidc/.well-known/jwks.json`));
  const { payload } = await jwtVerify(access_token, keys, { issuer: `${host}/oidc`, audience: account.id });

  // The administrator disables the account: no token any more.
  await management.acl.disableProgrammaticAccessAccount(account.id);
  let refusedWith = '';
  try {
    await auth.getAccessTokenByClientCredentials('openid', { accessKey: account.id, accessSecret: account.secret });
  } catch (error) {
    if (!(error instanceof AuthingProtocolError)) throw error;
    refusedWith = error.error;
  }
  return { expiresIn: expires_in, verifiedFor: payload.sub === account.id, refusedWith };
}
