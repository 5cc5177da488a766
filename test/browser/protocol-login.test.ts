/**
 * A real browser signs in: Debian's Chromium, driven by playwright-core, opens the SDK's authorize
 * URL (OIDC with PKCE, then CAS), types a wrong password, the right one, and the TOTP code on
 * authing-local's hosted page, and lands on a local callback; the SDK then does the back-channel
 * work (code exchange, userinfo, refresh, introspection, revocation) and the browser logs out. The
 * pages run under their strict Content-Security-Policy: a violation fails the test. SAML's response
 * page posts the assertion to the service provider by itself, with its one script. On failure a
 * screenshot of the page is written to test-results/browser/.
 */
import { startLocalAuthing, type LocalAuthing } from 'authing-local';
import { AuthenticationClient, ManagementClient } from 'authing-ts';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { generateSync } from 'otplib';
import * as xmllint from '@authenio/samlify-node-xmllint';
import * as samlify from 'samlify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken } from '../integration/harness.js';
import { assertChromium, CHROMIUM } from '../package/consumer/browser.js';
import { testDatabase } from '../../server/test/support/databases.js';

const PASSWORD = 'browser-pa55!';
const SHOTS = join(process.cwd(), 'test-results', 'browser');

let server: LocalAuthing;
let callback: Server;
let callbackUrl: string;
let browser: Browser;
/** What the browser posted to the callback server, by path (the SAML ACS). */
const posted = new Map<string, string>();

beforeAll(async () => {
  assertChromium();
  server = await startLocalAuthing({ port: 0, db: testDatabase(), log: () => undefined, info: () => undefined });
  callback = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'POST') posted.set(new URL(req.url ?? '/', 'http://x').pathname, Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><title>callback</title><p id="callback">${req.url}</p>`);
    });
  });
  await new Promise<void>((resolve) => callback.listen(0, '127.0.0.1', resolve));
  callbackUrl = `http://127.0.0.1:${(callback.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (callback ? callback.close(() => resolve()) : resolve()));
  await server?.close();
});

/** A user with a confirmed TOTP authenticator, and its secret. */
async function userWithTotp(management: ManagementClient, appId: string): Promise<{ username: string; secret: string }> {
  const username = `browser_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  await management.users.create({ username, password: PASSWORD, email: `${username}@example.com` });
  const auth = new AuthenticationClient({ appId, appHost: server.url });
  await auth.loginByUsername(username, PASSWORD);
  const { secret } = await auth.mfa.assosicateMfaAuthenticator({ authenticatorType: 'totp' });
  await auth.mfa.confirmAssosicateMfaAuthenticator({ authenticatorType: 'totp', totp: generateSync({ secret }) });
  return { username, secret };
}

/** Runs `steps` in a fresh page; CSP violations and page errors fail it, and a failure leaves a screenshot. */
async function inPage(name: string, steps: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  try {
    await steps(page);
    expect(problems).toEqual([]);
  } catch (error) {
    mkdirSync(SHOTS, { recursive: true });
    const file = join(SHOTS, `${name}-${Date.now()}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n(screenshot: ${file}; page: ${page.url()})`, { cause: error });
  } finally {
    await context.close();
  }
}

/** Types the account and password into the hosted login form and submits it. */
async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.fill('#login-form input[name="account"]', username);
  await page.fill('#login-form input[name="password"]', password);
  await Promise.all([page.waitForLoadState('load'), page.click('#login-form button[type="submit"]')]);
}

describe('signing in with a real browser', () => {
  it('runs the OIDC code flow with PKCE on the hosted page: wrong password, password, TOTP, then tokens and logout', async () => {
    const management = new ManagementClient({ userPoolId: server.userPoolId, secret: server.secret, host: server.url });
    const app = await management.applications.create({ name: 'Browser app', identifier: `browser-${Date.now()}`, redirectUris: [`${callbackUrl}/callback`, `${callbackUrl}/bye`] });
    await fetch(`${server.url}/api/v2/applications/${app.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await adminToken({ server })}`, 'x-authing-userpool-id': server.userPoolId },
      body: JSON.stringify({ oidcConfig: { post_logout_redirect_uris: [`${callbackUrl}/bye`] } }),
    });
    const { username, secret } = await userWithTotp(management, app.id);
    const auth = new AuthenticationClient({ appId: app.id, appHost: server.url, secret: String(app.secret), redirectUri: `${callbackUrl}/callback` });
    const verifier = auth.generateCodeChallenge();
    const url = auth.buildAuthorizeUrl({ scope: 'openid profile email offline_access', state: 'browser-state', codeChallenge: await auth.getCodeChallengeDigest({ codeChallenge: verifier }), codeChallengeMethod: 'S256' });

    let code = '';
    let idToken = '';
    await inPage('oidc', async (page) => {
      await page.goto(url);
      await page.waitForSelector('#login-form');
      expect(await page.title()).toBe('Sign in');
      await signIn(page, username, 'wrong-password');
      expect(await page.textContent('#error')).toBe('Incorrect username or password');
      await signIn(page, username, PASSWORD);
      await page.waitForSelector('#mfa-form');
      await page.fill('#mfa-form input[name="totp"]', generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
      await Promise.all([page.waitForURL(`${callbackUrl}/callback**`), page.click('#mfa-form button[type="submit"]')]);
      const landed = new URL(page.url());
      expect(landed.searchParams.get('state')).toBe('browser-state');
      code = landed.searchParams.get('code') ?? '';

      const tokens = await auth.getAccessTokenByCode(code, { codeVerifier: verifier });
      idToken = tokens.id_token!;
      expect(await auth.validateToken({ idToken })).toMatchObject({ amr: ['pwd', 'otp'] });
      expect(await auth.getUserInfoByAccessToken(tokens.access_token)).toMatchObject({ email: `${username}@example.com` });
      const refreshed = await auth.getNewAccessTokenByRefreshToken(tokens.refresh_token!);
      expect(await auth.introspectToken(refreshed.access_token)).toMatchObject({ active: true });
      await auth.revokeToken(refreshed.refresh_token ?? tokens.refresh_token!);
      expect(await auth.introspectToken(refreshed.access_token)).toEqual({ active: false });

      await page.goto(auth.buildLogoutUrl({ expert: true, idToken, redirectUri: `${callbackUrl}/bye` }));
      await Promise.all([page.waitForURL(`${callbackUrl}/bye**`), page.click('#logout-yes')]);
      await page.goto(auth.buildAuthorizeUrl());
      await page.waitForSelector('#login-form');
    });
    expect(code).not.toBe('');
  });

  it('signs in through SAML: the response page posts the signed assertion to the ACS by itself, under its CSP', async () => {
    samlify.setSchemaValidator({ validate: (xml: string) => xmllint.validate(xml) as Promise<string> });
    const management = new ManagementClient({ userPoolId: server.userPoolId, secret: server.secret, host: server.url });
    const app = await management.applications.create({ name: 'Browser SAML app', identifier: `browser-saml-${Date.now()}` });
    const acs = `${callbackUrl}/saml/acs`;
    await fetch(`${server.url}/api/v2/applications/${app.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await adminToken({ server })}`, 'x-authing-userpool-id': server.userPoolId },
      body: JSON.stringify({ samlConfig: { acs, audience: 'urn:browser:sp' } }),
    });
    const username = `saml_${Date.now().toString(36)}`;
    await management.users.create({ username, password: PASSWORD, email: `${username}@example.com` });
    const idp = samlify.IdentityProvider({ metadata: await (await fetch(`${server.url}/api/v2/saml-idp/${app.id}/metadata`)).text() });
    const sp = samlify.ServiceProvider({ entityID: 'urn:browser:sp', assertionConsumerService: [{ Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', Location: acs }], wantAssertionsSigned: true });
    const { context } = sp.createLoginRequest(idp, 'redirect') as { context: string };
    await inPage('saml', async (page) => {
      await page.goto(context);
      await page.waitForSelector('#login-form');
      await Promise.all([page.waitForURL(acs), signIn(page, username, PASSWORD)]);
    });
    const form = new URLSearchParams(posted.get('/saml/acs') ?? '');
    const { extract } = await sp.parseLoginResponse(idp, 'post', { body: { SAMLResponse: form.get('SAMLResponse') } });
    expect(extract.nameID).toBe(`${username}@example.com`);
  });

  it('signs in at the CAS login and the service validates the ticket', async () => {
    const management = new ManagementClient({ userPoolId: server.userPoolId, secret: server.secret, host: server.url });
    const app = await management.applications.create({ name: 'Browser CAS app', identifier: `browser-cas-${Date.now()}`, redirectUris: [`${callbackUrl}/cas`] });
    const { username, secret } = await userWithTotp(management, app.id);
    const auth = new AuthenticationClient({ appId: app.id, appHost: server.url, protocol: 'cas' });
    const service = `${callbackUrl}/cas/landing`;
    await inPage('cas', async (page) => {
      await page.goto(auth.buildAuthorizeUrl({ service }));
      await page.waitForSelector('#login-form');
      await signIn(page, username, 'wrong-password');
      expect(await page.textContent('#error')).toBe('Incorrect username or password');
      await signIn(page, username, PASSWORD);
      await page.waitForSelector('#mfa-form');
      await page.fill('#mfa-form input[name="totp"]', generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
      await Promise.all([page.waitForURL(`${service}**`), page.click('#mfa-form button[type="submit"]')]);
      const ticket = new URL(page.url()).searchParams.get('ticket')!;
      expect(await auth.validateTicketV2(ticket, service)).toMatchObject({ serviceResponse: { authenticationSuccess: { user: username } } });

      await page.goto(auth.buildLogoutUrl({ redirectUri: `${callbackUrl}/cas/bye` }));
      await page.waitForURL(`${callbackUrl}/cas/bye`);
      await page.goto(auth.buildAuthorizeUrl({ service }));
      await page.waitForSelector('#login-form');
    });
  });
});
