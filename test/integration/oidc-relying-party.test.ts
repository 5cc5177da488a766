/**
 * authing-local's OIDC provider as a certified relying-party library sees it: openid-client (by
 * the author of oidc-provider, OpenID-certified) runs discovery, grants, userinfo, introspection
 * and revocation against it, and the id_token is verified against the published JWKS with jose.
 */
import { AuthenticationClient, AuthingProtocolError } from 'authing-ts';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { describe, expect, it } from 'vitest';
import { uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();
const PASSWORD = 'rp-pa55word!';

async function discover(clientId = h.server.appId, secret = h.server.appSecret): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(`${h.server.url}/oidc`), clientId, { client_secret: secret }, oidc.ClientSecretPost(secret), { execute: [oidc.allowInsecureRequests] });
}

async function newUser(): Promise<{ username: string; id: string }> {
  const username = uid('rp');
  const user = await h.management.users.create({ username, password: PASSWORD, email: `${username}@example.com` });
  return { username, id: user.id };
}

const oauthError = (e: unknown) => (e as { error?: string }).error;

describe('openid-client against authing-local', () => {
  it('discovers the provider and takes the password grant, its id_token verified against the JWKS', async () => {
    const config = await discover();
    expect(config.serverMetadata().issuer).toBe(`${h.server.url}/oidc`);
    const { username, id } = await newUser();
    const tokens = await oidc.genericGrantRequest(config, 'password', { username, password: PASSWORD, scope: 'openid profile email offline_access' });
    const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri!));
    const { payload, protectedHeader } = await jwtVerify(tokens.id_token!, jwks, { issuer: `${h.server.url}/oidc`, audience: h.server.appId });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({ sub: id, email: `${username}@example.com`, amr: ['pwd'], auth_time: expect.any(Number) });
    expect(tokens.claims()).toMatchObject({ sub: id });
    // The access token is a JWT of the same key, for the app.
    expect((await jwtVerify(tokens.access_token, jwks, { issuer: `${h.server.url}/oidc`, audience: h.server.appId })).payload.sub).toBe(id);

    const info = await oidc.fetchUserInfo(config, tokens.access_token, id);
    expect(info).toMatchObject({ sub: id, email: `${username}@example.com` });

    expect(await oidc.tokenIntrospection(config, tokens.access_token)).toMatchObject({ active: true, sub: id, client_id: h.server.appId });
    await oidc.tokenRevocation(config, tokens.access_token);
    expect(await oidc.tokenIntrospection(config, tokens.access_token)).toMatchObject({ active: false });
    // Revoking the access token ended its grant: the refresh token is gone too.
    expect(oauthError(await oidc.refreshTokenGrant(config, tokens.refresh_token!).catch((e: unknown) => e))).toBe('invalid_grant');
  });

  it('refuses a wrong password and a wrong client secret', async () => {
    const { username } = await newUser();
    const config = await discover();
    expect(oauthError(await oidc.genericGrantRequest(config, 'password', { username, password: 'wrong!', scope: 'openid' }).catch((e: unknown) => e))).toBe('invalid_grant');
    const wrongSecret = await discover(h.server.appId, 'a'.repeat(32));
    expect(oauthError(await oidc.genericGrantRequest(wrongSecret, 'password', { username, password: PASSWORD, scope: 'openid' }).catch((e: unknown) => e))).toBe('invalid_client');
  });

  it('issues client_credentials tokens to a programmatic access account for its lifetime, and refuses it once disabled', async () => {
    const account = await h.management.acl.createProgrammaticAccessAccount(h.server.appId, { tokenLifetime: 1234, remarks: 'rp test' });
    const config = await discover(account.id, account.secret);
    const tokens = await oidc.clientCredentialsGrant(config, { scope: 'openid' });
    expect(tokens).toMatchObject({ token_type: 'bearer', expires_in: 1234 });
    expect(await oidc.tokenIntrospection(config, tokens.access_token)).toMatchObject({ active: true, client_id: account.id });

    // The SDK's helper takes the same grant.
    const auth = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url });
    const viaSdk = await auth.getAccessTokenByClientCredentials('openid', { accessKey: account.id, accessSecret: account.secret });
    expect(viaSdk.expires_in).toBe(1234);

    await h.management.acl.disableProgrammaticAccessAccount(account.id);
    expect(oauthError(await oidc.clientCredentialsGrant(config, { scope: 'openid' }).catch((e: unknown) => e))).toBe('invalid_client');
    const refused = await auth.getAccessTokenByClientCredentials('openid', { accessKey: account.id, accessSecret: account.secret }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AuthingProtocolError);
    expect(refused).toMatchObject({ error: 'invalid_client', statusCode: 401 });
    const wrong = await auth.getAccessTokenByClientCredentials('openid', { accessKey: account.id, accessSecret: 'b'.repeat(32) }).catch((e: unknown) => e);
    expect(wrong).toMatchObject({ error: 'invalid_client' });
  });

  it('refuses the password grant to a user who must pass MFA', async () => {
    const { username } = await newUser();
    const auth = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url });
    await auth.loginByUsername(username, PASSWORD);
    const { secret } = await auth.mfa.assosicateMfaAuthenticator({ authenticatorType: 'totp' });
    const { generateSync } = await import('otplib');
    await auth.mfa.confirmAssosicateMfaAuthenticator({ authenticatorType: 'totp', totp: generateSync({ secret }) });
    const config = await discover();
    const refused = await oidc.genericGrantRequest(config, 'password', { username, password: PASSWORD, scope: 'openid' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ error: 'invalid_grant', error_description: expect.stringContaining('MFA') });
  });
});

describe('getAccessTokenByIdToken (the authing_token grant)', () => {
  it('turns a login token into OIDC tokens of the app, and refuses a logged-out, foreign or forged one', async () => {
    const { username, id } = await newUser();
    const auth = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url });
    const user = await auth.loginByUsername(username, PASSWORD);
    const tokens = await auth.getAccessTokenByIdToken({ idToken: user.token!, scope: 'openid profile offline_access' });
    expect(tokens).toMatchObject({ token_type: 'Bearer', refresh_token: expect.any(String), scope: 'openid profile offline_access' });
    expect(await auth.validateToken({ idToken: tokens.id_token! })).toMatchObject({ sub: id, aud: h.server.appId });
    expect(await auth.getUserInfoByAccessToken(tokens.access_token)).toMatchObject({ sub: id });

    // Another pool's app does not take this pool's login token.
    const other = await h.server.createUserPool('authing_token other pool');
    const foreign = new AuthenticationClient({ appId: other.appId, appHost: h.server.url });
    expect(await foreign.getAccessTokenByIdToken({ idToken: user.token! }).catch((e: unknown) => e)).toMatchObject({ error: 'invalid_client' });
    const forged = `${user.token!.slice(0, -4)}AAAA`;
    expect(await auth.getAccessTokenByIdToken({ idToken: forged }).catch((e: unknown) => e)).toMatchObject({ error: 'invalid_client' });
    await auth.logout();
    expect(await auth.getAccessTokenByIdToken({ idToken: user.token! }).catch((e: unknown) => e)).toBeInstanceOf(AuthingProtocolError);
    // With the app secret the grant itself refuses the token.
    const withSecret = await fetch(`${h.server.url}/oidc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'http://authing.cn/oidc/grant_type/authing_token', token: user.token!, client_id: h.server.appId, client_secret: h.server.appSecret }).toString(),
    });
    expect(await withSecret.json()).toMatchObject({ error: 'invalid_grant' });
  });
});
