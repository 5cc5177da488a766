import { AuthenticationClient, type CasV2Validation } from 'authing-ts';
import { generateSync } from 'otplib';
import { describe, expect, it } from 'vitest';
import { FormBrowser, pageError } from './form-browser.js';
import { uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();
const PASSWORD = 'cas-pa55word!';
const SERVICE_BASE = 'http://127.0.0.1:9/cas';
const SERVICE = `${SERVICE_BASE}/callback?from=test`;

async function newApp(): Promise<string> {
  return (await h.management.applications.create({ name: uid('cas-app'), identifier: uid('cas'), redirectUris: [SERVICE_BASE] })).id;
}

async function newUser(): Promise<string> {
  const username = uid('cas');
  await h.management.users.create({ username, password: PASSWORD, email: `${username}@example.com`, nickname: 'Cas User' });
  return username;
}

const client = (appId: string, fetchWith?: typeof fetch) => new AuthenticationClient({ appId, appHost: h.server.url, protocol: 'cas', fetch: fetchWith });

/** Signs in at the CAS login through the browser; answers the ticket and the browser. */
async function casLogin(appId: string, username: string, browser = new FormBrowser(SERVICE_BASE)) {
  const page = await browser.open(client(appId).buildAuthorizeUrl({ service: SERVICE }));
  const back = await browser.submit(page, 'login-form', { account: username, password: PASSWORD });
  expect(back.status).toBe(0);
  const url = new URL(back.url);
  expect(`${url.origin}${url.pathname}`).toBe(`${SERVICE_BASE}/callback`);
  expect(url.searchParams.get('from')).toBe('test');
  return { ticket: url.searchParams.get('ticket')!, browser };
}

describe('authing-local as a CAS server', () => {
  it('signs in on the login page (a wrong password shown first), and validates the ticket once with CAS 1.0', async () => {
    const appId = await newApp();
    const username = await newUser();
    const browser = new FormBrowser(SERVICE_BASE);
    const page = await browser.open(client(appId).buildAuthorizeUrl({ service: SERVICE }));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const wrong = await browser.submit(page, 'login-form', { account: username, password: 'nope' });
    expect(pageError(wrong)).toBe('Incorrect username or password');
    const back = await browser.submit(wrong, 'login-form', { account: username, password: PASSWORD });
    const ticket = new URL(back.url).searchParams.get('ticket')!;
    expect(ticket).toMatch(/^ST-/);

    const auth = client(appId);
    expect(await auth.validateTicketV1(ticket, SERVICE)).toEqual({ valid: true, username });
    expect(await auth.validateTicketV1(ticket, SERVICE)).toEqual({ valid: false, message: expect.any(String) });
    const raw = await fetch(`${h.server.url}/cas-idp/${appId}/validate?service=${encodeURIComponent(SERVICE)}&ticket=${ticket}`);
    expect(await raw.text()).toBe('no\n');
  });

  it('answers CAS 2.0 with the user and attributes in JSON and XML, and refuses another service or another app', async () => {
    const appId = await newApp();
    const otherApp = await newApp();
    const username = await newUser();
    const auth = client(appId);
    const { ticket, browser } = await casLogin(appId, username);
    const json = (await auth.validateTicketV2(ticket, SERVICE)) as Extract<CasV2Validation, { serviceResponse: { authenticationSuccess: unknown } }>;
    expect(json.serviceResponse.authenticationSuccess).toMatchObject({ user: username, attributes: { email: `${username}@example.com`, nickname: 'Cas User', sub: expect.any(String) } });

    // Signed in: the next login goes straight back with a new ticket.
    const again = await browser.open(auth.buildAuthorizeUrl({ service: SERVICE }));
    const second = new URL(again.url).searchParams.get('ticket')!;
    const xml = await auth.validateTicketV2(second, SERVICE, 'XML');
    expect(xml).toContain(`<cas:authenticationSuccess><cas:user>${username}</cas:user>`);
    expect(xml).toContain(`<cas:email>${username}@example.com</cas:email>`);

    const third = new URL((await browser.open(auth.buildAuthorizeUrl({ service: SERVICE }))).url).searchParams.get('ticket')!;
    expect(await auth.validateTicketV2(third, `${SERVICE_BASE}/elsewhere`)).toEqual({ serviceResponse: { authenticationFailure: { code: 'INVALID_SERVICE', description: expect.any(String) } } });
    const fourth = new URL((await browser.open(auth.buildAuthorizeUrl({ service: SERVICE }))).url).searchParams.get('ticket')!;
    expect(await client(otherApp).validateTicketV2(fourth, SERVICE)).toMatchObject({ serviceResponse: { authenticationFailure: { code: 'INVALID_TICKET' } } });

    const unregistered = await browser.open(auth.buildAuthorizeUrl({ service: 'http://127.0.0.1:9/not-cas' }));
    expect(unregistered.status).toBe(400);
  });

  it('tracks the browser session, and ends it at /cas-idp/logout', async () => {
    const appId = await newApp();
    const username = await newUser();
    const { browser } = await casLogin(appId, username);
    const withCookies: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('cookie', [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
      return fetch(input, { ...init, headers });
    };
    const tracked = await client(appId, withCookies).trackSession();
    expect(tracked).toMatchObject({ session: { _id: expect.any(String), cookie: { appId, type: 'cas' } }, userInfo: { username } });
    expect(await client(appId).trackSession()).toBeNull();

    const out = await browser.open(client(appId).buildLogoutUrl({ redirectUri: `${SERVICE_BASE}/bye` }));
    expect(out.url).toBe(`${SERVICE_BASE}/bye`);
    expect(await client(appId, withCookies).trackSession()).toBeNull();
    const login = await browser.open(client(appId).buildAuthorizeUrl({ service: SERVICE }));
    expect(login.html).toContain('id="login-form"');
  });

  it('asks for the TOTP step of a user with MFA, and refuses a form without its CSRF token', async () => {
    const appId = await newApp();
    const username = await newUser();
    const userAuth = h.authentication();
    await userAuth.loginByUsername(username, PASSWORD);
    const { secret } = await userAuth.mfa.assosicateMfaAuthenticator({ authenticatorType: 'totp' });
    await userAuth.mfa.confirmAssosicateMfaAuthenticator({ authenticatorType: 'totp', totp: generateSync({ secret }) });

    const browser = new FormBrowser(SERVICE_BASE);
    const page = await browser.open(client(appId).buildAuthorizeUrl({ service: SERVICE }));
    const forged = await fetch(`${h.server.url}/cas-idp/${appId}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ account: username, password: PASSWORD, service: SERVICE, csrf: 'x' }).toString(),
    });
    expect(forged.status).toBe(403);
    const mfa = await browser.submit(page, 'login-form', { account: username, password: PASSWORD });
    expect(mfa.html).toContain('id="mfa-form"');
    const back = await browser.submit(mfa, 'mfa-form', { totp: generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }) });
    const ticket = new URL(back.url).searchParams.get('ticket')!;
    expect(await client(appId).validateTicketV1(ticket, SERVICE)).toEqual({ valid: true, username });
  });
});
