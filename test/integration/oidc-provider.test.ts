import { AuthenticationClient, AuthingAuthenticationError, AuthingProtocolError, AuthingValidationError, type AuthingError } from 'authing-ts';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { generateSync } from 'otplib';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FormBrowser, pageError } from './form-browser.js';
import { adminToken, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();

const PASSWORD = 'oidc-pa55!';
const CALLBACK = 'http://127.0.0.1:9/callback';
const totp = (secret: string, steps = 0) => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });

async function protocolFailure(promise: Promise<unknown>): Promise<AuthingProtocolError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AuthingProtocolError)) throw new Error(`expected an AuthingProtocolError, got ${String(error)}`);
  return error;
}

/** A new app of the pool with the callback registered, and its protocol settings changed as given. */
async function newApp(oidcConfig: Record<string, unknown> = {}): Promise<{ id: string; secret: string }> {
  const app = await h.management.applications.create({ name: uid('oidc-app'), identifier: uid('oidc'), redirectUris: [CALLBACK] });
  if (Object.keys(oidcConfig).length > 0) {
    const res = await fetch(`${h.server.url}/api/v2/applications/${app.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await adminToken(h)}`, 'x-authing-userpool-id': h.server.userPoolId },
      body: JSON.stringify({ oidcConfig }),
    });
    expect(((await res.json()) as { code: number }).code).toBe(200);
  }
  return { id: app.id, secret: String(app.secret) };
}

function clientFor(app: { id: string; secret: string }, extra: Partial<ConstructorParameters<typeof AuthenticationClient>[0]> = {}): AuthenticationClient {
  return new AuthenticationClient({ appId: app.id, appHost: h.server.url, secret: app.secret, redirectUri: CALLBACK, ...extra });
}

async function newUser(): Promise<{ username: string; id: string }> {
  const username = uid('oidc');
  const user = await h.management.users.create({ username, password: PASSWORD, email: `${username}@example.com`, nickname: 'Oidc User' });
  return { username, id: user.id };
}

/** Signs in on the hosted page through the authorize URL; answers the callback's query. */
async function signIn(auth: AuthenticationClient, username: string, params: Parameters<AuthenticationClient['buildAuthorizeUrl']>[0] = {}) {
  const browser = new FormBrowser(CALLBACK);
  const login = await browser.open(auth.buildAuthorizeUrl({ scope: 'openid profile email offline_access', ...params }));
  expect(login.status).toBe(200);
  const done = await browser.submit(login, 'login-form', { account: username, password: PASSWORD });
  expect(done.status).toBe(0);
  return { query: new URL(done.url).searchParams, browser };
}

describe('authing-local as an OIDC provider', () => {
  it('publishes discovery and the JWKS at Authing\'s paths', async () => {
    const config = (await (await fetch(`${h.server.url}/oidc/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    const base = `${h.server.url}/oidc`;
    expect(config).toMatchObject({
      issuer: base,
      authorization_endpoint: `${base}/auth`,
      token_endpoint: `${base}/token`,
      userinfo_endpoint: `${base}/me`,
      introspection_endpoint: `${base}/token/introspection`,
      revocation_endpoint: `${base}/token/revocation`,
      end_session_endpoint: `${base}/session/end`,
      jwks_uri: `${base}/.well-known/jwks.json`,
      code_challenge_methods_supported: ['S256'],
    });
    expect(config.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token', 'password', 'client_credentials']));
    expect(config.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(['client_secret_post', 'client_secret_basic', 'none']));
    const jwks = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) });
    expect(jwks.keys[0]).not.toHaveProperty('d');
    const oauth = (await (await fetch(`${h.server.url}/oauth/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(oauth).toMatchObject({ issuer: `${h.server.url}/oauth`, token_endpoint: `${h.server.url}/oauth/token` });
  });

  it('runs the code flow with PKCE through the hosted page: a wrong password shown, then tokens, userinfo, refresh, introspection and revocation', async () => {
    const app = await newApp();
    const { username, id } = await newUser();
    const auth = clientFor(app);
    const verifier = auth.generateCodeChallenge();
    const browser = new FormBrowser(CALLBACK);
    const url = auth.buildAuthorizeUrl({ scope: 'openid profile email offline_access', state: 'st-1', nonce: 'n-1', codeChallenge: await auth.getCodeChallengeDigest({ codeChallenge: verifier }), codeChallengeMethod: 'S256' });
    const page = await browser.open(url);
    expect(page.url).toMatch(new RegExp(`^${h.server.url}/oidc/interaction/`));
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.html).not.toContain('<script');
    expect(page.html).not.toContain('style=');

    const wrong = await browser.submit(page, 'login-form', { account: username, password: 'not-it' });
    expect(wrong.status).toBe(400);
    expect(pageError(wrong)).toBe('Incorrect username or password');
    const done = await browser.submit(wrong, 'login-form', { account: username, password: PASSWORD });
    const callback = new URL(done.url);
    expect(callback.searchParams.get('state')).toBe('st-1');
    const code = callback.searchParams.get('code')!;

    const tokens = await auth.getAccessTokenByCode(code, { codeVerifier: verifier });
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 1_209_600, scope: 'openid profile email offline_access', refresh_token: expect.any(String) });
    const idClaims = decodeJwt(tokens.id_token!);
    expect(idClaims).toMatchObject({ iss: `${h.server.url}/oidc`, aud: app.id, sub: id, nonce: 'n-1', email: `${username}@example.com`, nickname: 'Oidc User' });
    expect(decodeProtectedHeader(tokens.id_token!).alg).toBe('RS256');
    const atHash = createHash('sha256').update(tokens.access_token).digest().subarray(0, 16).toString('base64url');
    expect(idClaims.at_hash).toBe(atHash);
    expect(await auth.validateToken({ idToken: tokens.id_token! })).toMatchObject({ sub: id, aud: app.id });
    expect(await auth.validateToken({ accessToken: tokens.access_token })).toMatchObject({ sub: id, aud: app.id, scope: 'openid profile email offline_access' });

    for (const place of [{}, { method: 'GET', tokenPlace: 'header' }, { method: 'POST', tokenPlace: 'body' }, { method: 'POST', tokenPlace: 'query' }] as const) {
      expect(await auth.getUserInfoByAccessToken(tokens.access_token, place)).toMatchObject({ sub: id, email: `${username}@example.com`, email_verified: false, nickname: 'Oidc User' });
    }
    const refreshed = await auth.getNewAccessTokenByRefreshToken(tokens.refresh_token!);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(await auth.introspectToken(refreshed.access_token)).toMatchObject({ active: true, sub: id, client_id: app.id, scope: 'openid profile email offline_access' });

    await expect(auth.revokeToken(tokens.refresh_token!)).resolves.toBe(true);
    expect(await auth.introspectToken(refreshed.access_token)).toEqual({ active: false });
    const revoked = await protocolFailure(auth.getNewAccessTokenByRefreshToken(tokens.refresh_token!));
    expect(revoked).toMatchObject({ error: 'invalid_grant', code: 400, statusCode: 400 });
    expect((await protocolFailure(auth.getUserInfoByAccessToken(refreshed.access_token))).error).toBe('invalid_token');
  });

  it('refuses a replayed code, a wrong verifier, an expired code and an unregistered redirect_uri', async () => {
    const app = await newApp();
    const { username } = await newUser();
    const auth = clientFor(app);
    // Codes of this app expire after a second (for the expired-code case only: a slow machine must not expire the others).
    const hasty = clientFor(await newApp({ authorization_code_expire: 1 }));
    const verifier = auth.generateCodeChallenge();
    const challenge = await auth.getCodeChallengeDigest({ codeChallenge: verifier });

    const first = await signIn(auth, username, { codeChallenge: challenge, codeChallengeMethod: 'S256' });
    const wrongVerifier = await protocolFailure(auth.getAccessTokenByCode(first.query.get('code')!, { codeVerifier: auth.generateCodeChallenge() }));
    expect(wrongVerifier.error).toBe('invalid_grant');

    const second = await signIn(auth, username, { codeChallenge: challenge, codeChallengeMethod: 'S256' });
    const tokens = await auth.getAccessTokenByCode(second.query.get('code')!, { codeVerifier: verifier });
    const replay = await protocolFailure(auth.getAccessTokenByCode(second.query.get('code')!, { codeVerifier: verifier }));
    expect(replay.error).toBe('invalid_grant');
    // A replayed code revokes what it was exchanged for (RFC 6749 §4.1.2).
    expect(await auth.introspectToken(tokens.access_token)).toEqual({ active: false });

    const third = await signIn(hasty, username);
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await protocolFailure(hasty.getAccessTokenByCode(third.query.get('code')!))).error).toBe('invalid_grant');

    const browser = new FormBrowser(CALLBACK);
    const refused = await browser.open(auth.buildAuthorizeUrl({ redirectUri: 'http://127.0.0.1:9/elsewhere' }));
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('redirect_uri did not match any of the client&#39;s registered redirect_uris');
  });

  it('keeps apps apart: another app cannot exchange the code, introspect or revoke the token', async () => {
    const [a, b] = [await newApp(), await newApp()];
    const { username } = await newUser();
    const authA = clientFor(a);
    const authB = clientFor(b);
    const { query } = await signIn(authA, username);
    expect((await protocolFailure(authB.getAccessTokenByCode(query.get('code')!))).error).toBe('invalid_grant');
    const second = await signIn(authA, username);
    const tokens = await authA.getAccessTokenByCode(second.query.get('code')!);
    expect(await authB.introspectToken(tokens.access_token)).toEqual({ active: false });
    expect((await protocolFailure(authB.revokeToken(tokens.access_token))).error).toBe('invalid_request');
    expect(await authA.introspectToken(tokens.access_token)).toMatchObject({ active: true });
    const foreign = await authB.validateToken({ accessToken: tokens.access_token }).catch((e: AuthingError) => e);
    expect(foreign).toBeInstanceOf(AuthingAuthenticationError);
  });

  it('authenticates the token endpoint as the app says: client_secret_basic, and none for a public client with PKCE', async () => {
    const basic = await newApp({ token_endpoint_auth_method: 'client_secret_basic', introspection_endpoint_auth_method: 'client_secret_basic' });
    const { username } = await newUser();
    const basicAuth = clientFor(basic, { tokenEndPointAuthMethod: 'client_secret_basic', introspectionEndPointAuthMethod: 'client_secret_basic' });
    const tokens = await basicAuth.getAccessTokenByCode((await signIn(basicAuth, username)).query.get('code')!);
    expect(await basicAuth.introspectToken(tokens.access_token)).toMatchObject({ active: true });
    // oidc-provider takes the secret in the body or as Basic alike for a secret-holding app; without it the app is refused.
    const noSecret = new AuthenticationClient({ appId: basic.id, appHost: h.server.url, redirectUri: CALLBACK, tokenEndPointAuthMethod: 'none' });
    expect((await protocolFailure(noSecret.getAccessTokenByCode((await signIn(noSecret, username)).query.get('code')!))).error).toBe('invalid_client');

    const pub = await newApp({ token_endpoint_auth_method: 'none' });
    const publicAuth = new AuthenticationClient({ appId: pub.id, appHost: h.server.url, redirectUri: CALLBACK, tokenEndPointAuthMethod: 'none' });
    const verifier = publicAuth.generateCodeChallenge();
    const { query } = await signIn(publicAuth, username, { codeChallenge: await publicAuth.getCodeChallengeDigest({ codeChallenge: verifier }), codeChallengeMethod: 'S256' });
    expect(await publicAuth.getAccessTokenByCode(query.get('code')!, { codeVerifier: verifier })).toMatchObject({ token_type: 'Bearer' });
    const wrongSecret = clientFor({ id: basic.id, secret: 'f'.repeat(32) }, { tokenEndPointAuthMethod: 'client_secret_basic' });
    expect((await protocolFailure(wrongSecret.getNewAccessTokenByRefreshToken(tokens.refresh_token!))).error).toBe('invalid_client');
  });

  it('signs id_tokens with HS256 (the app secret) when the app says so', async () => {
    const app = await newApp({ id_token_signed_response_alg: 'HS256' });
    const { username, id } = await newUser();
    const auth = clientFor(app);
    const tokens = await auth.getAccessTokenByCode((await signIn(auth, username)).query.get('code')!);
    expect(decodeProtectedHeader(tokens.id_token!).alg).toBe('HS256');
    expect(await auth.validateToken({ idToken: tokens.id_token! })).toMatchObject({ sub: id });
    const withoutSecret = new AuthenticationClient({ appId: app.id, appHost: h.server.url });
    expect(await withoutSecret.validateToken({ idToken: tokens.id_token! }).catch((e: AuthingError) => e)).toBeInstanceOf(AuthingValidationError);
    const tampered = clientFor({ id: app.id, secret: 'e'.repeat(32) });
    expect(await tampered.validateToken({ idToken: tokens.id_token! }).catch((e: AuthingError) => e)).toBeInstanceOf(AuthingAuthenticationError);
  });

  it('asks for the TOTP step of a user with MFA, showing a wrong code, then completes', async () => {
    const app = await newApp();
    const { username } = await newUser();
    const userAuth = h.authentication();
    await userAuth.loginByUsername(username, PASSWORD);
    const association = await userAuth.mfa.assosicateMfaAuthenticator({ authenticatorType: 'totp' });
    await userAuth.mfa.confirmAssosicateMfaAuthenticator({ authenticatorType: 'totp', totp: totp(association.secret) });

    const auth = clientFor(app);
    const browser = new FormBrowser(CALLBACK);
    const login = await browser.open(auth.buildAuthorizeUrl());
    const mfa = await browser.submit(login, 'login-form', { account: username, password: PASSWORD });
    expect(mfa.html).toContain('id="mfa-form"');
    const code = totp(association.secret, 1);
    const wrong = await browser.submit(mfa, 'mfa-form', { totp: String((Number(code) + 1) % 1_000_000).padStart(6, '0') });
    expect(wrong.status).toBe(400);
    expect(pageError(wrong)).toBeTruthy();
    const done = await browser.submit(wrong, 'mfa-form', { totp: code });
    const tokens = await auth.getAccessTokenByCode(new URL(done.url).searchParams.get('code')!);
    expect(decodeJwt(tokens.id_token!).amr).toEqual(['pwd', 'otp']);
  });

  it('signs in with a code from the outbox, shows consent when the app asks for it, and refuses a form without its CSRF token', async () => {
    const app = await newApp({ skip_consent: false });
    const { username } = await newUser();
    const auth = clientFor(app);
    const browser = new FormBrowser(CALLBACK);
    const login = await browser.open(auth.buildAuthorizeUrl({ scope: 'openid email' }));

    const forged = await fetch(new URL(/action="([^"]+)" id="login-form"/.exec(login.html)![1]!, login.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      body: new URLSearchParams({ account: username, password: PASSWORD, csrf: 'guessed' }).toString(),
      redirect: 'manual',
    });
    expect(forged.status).toBe(403);

    const email = `${username}@example.com`;
    const sent = await browser.submit(login, 'send-code-form', { recipient: email });
    expect(sent.html).toContain('id="code-form"');
    const outbox = (await (await fetch(`${h.server.url}/__local/outbox?recipient=${encodeURIComponent(email)}&limit=1`)).json()) as { data: { list: Array<{ data: { code: string } }> } };
    const consent = await browser.submit(sent, 'code-form', { code: outbox.data.list.at(-1)!.data.code });
    expect(consent.html).toContain('id="consent-form"');
    expect(consent.html).toContain('<li>email</li>');
    const done = await browser.submit(consent, 'consent-form');
    expect(new URL(done.url).searchParams.get('code')).toBeTruthy();

    const denied = await browser.open(auth.buildAuthorizeUrl({ scope: 'openid phone', state: 's-deny' }));
    const back = await browser.submit(denied, 'abort-form');
    expect(Object.fromEntries(new URL(back.url).searchParams)).toMatchObject({ error: 'access_denied', state: 's-deny' });
  });

  it('ends the session at /oidc/session/end and sends the user to the registered logout URL', async () => {
    const app = await newApp({ post_logout_redirect_uris: ['http://127.0.0.1:9/bye'] });
    const { username } = await newUser();
    const auth = clientFor(app);
    const { query, browser } = await signIn(auth, username);
    const tokens = await auth.getAccessTokenByCode(query.get('code')!);
    const confirm = await browser.open(auth.buildLogoutUrl({ expert: true, idToken: tokens.id_token!, redirectUri: 'http://127.0.0.1:9/bye' }));
    const form = /<form method="post" action="([^"]+)" id="op\.logoutForm">([\s\S]*?)<\/form>/.exec(confirm.html) ?? /<form id="op\.logoutForm" method="post" action="([^"]+)">([\s\S]*?)<\/form>/.exec(confirm.html);
    expect(form).toBeTruthy();
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(form![2]!)![1]!;
    const stop = new FormBrowser('http://127.0.0.1:9/bye');
    for (const [k, v] of browser.cookies) stop.cookies.set(k, v);
    const bye = await stop.open(new URL(form![1]!, confirm.url).href, { method: 'POST', form: { xsrf, logout: 'yes' } });
    expect(bye.url).toMatch(/^http:\/\/127\.0\.0\.1:9\/bye/);
    // The session is gone: the next authorization asks for a login again.
    const again = await stop.open(auth.buildAuthorizeUrl());
    expect(again.html).toContain('id="login-form"');
  });
});

describe('the hosted logout', () => {
  it('ends the provider session at /login/profile/logout and goes to a registered URL', async () => {
    const app = await newApp();
    const { username } = await newUser();
    const auth = clientFor(app);
    const { browser } = await signIn(auth, username);
    // Signed in: the next authorization needs no login.
    expect((await browser.open(auth.buildAuthorizeUrl())).status).toBe(0);
    const out = await browser.open(auth.buildLogoutUrl({ redirectUri: CALLBACK }));
    expect(out.url).toBe(CALLBACK);
    expect((await browser.open(auth.buildAuthorizeUrl())).html).toContain('id="login-form"');
    const unregistered = await fetch(auth.buildLogoutUrl({ redirectUri: 'http://127.0.0.1:9/not-registered' }), { redirect: 'manual' });
    expect(unregistered.status).toBe(200);
  });
});

describe('the provider across restarts', () => {
  it('signs with the key kept in the database, so tokens issued before a restart still verify and introspect', async () => {
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { startLocalAuthing } = await import('authing-local');
    const dir = await mkdtemp(join(tmpdir(), 'authing-oidc-'));
    const db = join(dir, 'data.db');
    try {
      let server = await startLocalAuthing({ port: 0, db, log: () => undefined });
      const management = new (await import('authing-ts')).ManagementClient({ userPoolId: server.userPoolId, secret: server.secret, host: server.url });
      const username = uid('restart');
      await management.users.create({ username, password: PASSWORD });
      const form = { grant_type: 'password', username, password: PASSWORD, scope: 'openid', client_id: server.appId, client_secret: server.appSecret };
      const tokens = (await (await fetch(`${server.url}/oidc/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() })).json()) as { access_token: string; id_token: string };
      const kid = decodeProtectedHeader(tokens.id_token).kid;
      await server.close();

      server = await startLocalAuthing({ port: 0, db, log: () => undefined });
      try {
        const jwks = (await (await fetch(`${server.url}/oidc/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string }> };
        expect(jwks.keys.map((k) => k.kid)).toContain(kid);
        const introspection = await fetch(`${server.url}/oidc/token/introspection`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ token: tokens.access_token, client_id: server.appId, client_secret: server.appSecret }).toString(),
        });
        expect(await introspection.json()).toMatchObject({ active: true });
      } finally {
        await server.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
