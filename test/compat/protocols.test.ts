/**
 * The official authing-js-sdk's protocol helpers against authing-local: its authorize URL opens
 * the hosted page, and its token, userinfo, introspection, revocation and CAS calls get the
 * answers its code reads.
 */
import { AuthenticationClient } from 'authing-js-sdk';
import { describe, expect, it } from 'vitest';
import { FormBrowser } from '../integration/form-browser.js';
import { useOfficialSdk } from './harness.js';

const h = useOfficialSdk();
const PASSWORD = 'compat-oidc-pa55!';
const CALLBACK = 'http://127.0.0.1:9/compat-callback';

async function appAndUser(suffix: string) {
  const app = await h.management.applications.create({ name: `compat-${suffix}`, identifier: `compat-${suffix}-${h.suffix}`, redirectUris: [CALLBACK] });
  const username = `compat_${suffix}_${h.suffix}`;
  await h.management.users.create({ username, password: PASSWORD, email: `${username}@example.com` });
  return { app: app as unknown as { id: string; secret: string }, username };
}

describe('the official SDK against the OIDC provider', () => {
  it('exchanges a code from the hosted page, reads userinfo, refreshes, introspects and revokes', async () => {
    const { app, username } = await appAndUser('oidc');
    const auth = new AuthenticationClient({ appId: app.id, appHost: h.server.url, secret: app.secret, redirectUri: CALLBACK, protocol: 'oidc', tokenEndPointAuthMethod: 'client_secret_post' });
    const browser = new FormBrowser(CALLBACK);
    const page = await browser.open(auth.buildAuthorizeUrl({ scope: 'openid profile email offline_access' }));
    const back = await browser.submit(page, 'login-form', { account: username, password: PASSWORD });
    const code = new URL(back.url).searchParams.get('code')!;

    const tokens = (await auth.getAccessTokenByCode(code)) as { access_token: string; refresh_token: string; id_token: string };
    expect(tokens).toMatchObject({ access_token: expect.any(String), id_token: expect.any(String), refresh_token: expect.any(String), token_type: 'Bearer' });
    // Its default: GET with ?access_token=.
    expect(await auth.getUserInfoByAccessToken(tokens.access_token)).toMatchObject({ email: `${username}@example.com` });
    expect(await auth.getUserInfoByAccessToken(tokens.access_token, { method: 'POST', tokenPlace: 'header' })).toMatchObject({ email: `${username}@example.com` });
    const refreshed = (await auth.getNewAccessTokenByRefreshToken(tokens.refresh_token)) as { access_token: string };
    expect(await auth.introspectToken(refreshed.access_token)).toMatchObject({ active: true });
    await auth.revokeToken(tokens.refresh_token);
    expect(await auth.introspectToken(refreshed.access_token)).toMatchObject({ active: false });
  });

  it('exchanges a login token for OIDC tokens (getAccessTokenByIdToken)', async () => {
    const { app, username } = await appAndUser('idtoken');
    const auth = new AuthenticationClient({ appId: app.id, appHost: h.server.url, protocol: 'oidc' });
    const user = (await auth.loginByUsername(username, PASSWORD)) as unknown as { token: string };
    const tokens = await auth.getAccessTokenByIdToken({ idToken: user.token, redirectUri: CALLBACK, scope: 'openid profile' });
    expect(tokens).toMatchObject({ access_token: expect.any(String), id_token: expect.any(String), token_type: 'Bearer' });
  });

  it('takes client_credentials tokens for a programmatic access account', async () => {
    const { app } = await appAndUser('m2m');
    const account = (await h.management.acl.createProgrammaticAccessAccount(app.id, { tokenLifetime: 900 })) as unknown as { id: string; secret: string };
    const auth = new AuthenticationClient({ appId: app.id, appHost: h.server.url, protocol: 'oidc' });
    expect(await auth.getAccessTokenByClientCredentials('openid', { accessKey: account.id, accessSecret: account.secret })).toMatchObject({ expires_in: 900, token_type: 'Bearer' });
  });
});

describe("the official SDK's social identity links", () => {
  it('lists and unlinks the identities authing-local stores', async () => {
    const { app, username } = await appAndUser('social');
    const user = (await h.management.users.find({ username })) as unknown as { id: string };
    await h.management.users.linkIdentity({ userId: user.id, userIdInIdp: 'gh-1', identifier: 'github', isSocial: true, extIdpId: 'idp-1' } as never);
    const auth = new AuthenticationClient({ appId: app.id, appHost: h.server.url });
    await auth.loginByUsername(username, PASSWORD);
    const identities = (await auth.social.getIdentities()) as unknown as Array<{ provider: string }>;
    expect(identities.map((i) => i.provider)).toEqual(['github']);
    await auth.social.unlinkExtIdp({ extIdpId: 'idp-1' });
    expect(await auth.social.getIdentities()).toEqual([]);
  });
});

describe('the official SDK against the CAS server', () => {
  it('validates tickets from the CAS login with v1 and v2', async () => {
    const { app, username } = await appAndUser('cas');
    const service = `${CALLBACK}/cas`;
    const auth = new AuthenticationClient({ appId: app.id, appHost: h.server.url, protocol: 'cas' });
    const browser = new FormBrowser(CALLBACK);
    const page = await browser.open(`${h.server.url}/cas-idp/${app.id}?service=${encodeURIComponent(service)}`);
    const back = await browser.submit(page, 'login-form', { account: username, password: PASSWORD });
    const ticket = new URL(back.url).searchParams.get('ticket')!;
    expect(await auth.validateTicketV1(ticket, service)).toEqual({ valid: true });
    const second = new URL((await browser.open(`${h.server.url}/cas-idp/${app.id}?service=${encodeURIComponent(service)}`)).url).searchParams.get('ticket')!;
    expect(await auth.validateTicketV2(second, service, 'JSON')).toMatchObject({ serviceResponse: { authenticationSuccess: { user: username } } });
    expect(await auth.validateTicketV1(second, service)).toEqual({ valid: false, message: 'ticket 不合法' });
    // Without the browser's cookie there is no session.
    expect(await auth.trackSession()).toBeNull();
  });
});
