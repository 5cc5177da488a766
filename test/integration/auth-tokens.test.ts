/**
 * The session token of an AuthenticationClient: refreshed, logged out (all of this app's use of it,
 * or this device only), and kept per instance, never in a global.
 */
import { AuthenticationClient, AuthingAuthenticationError } from 'authing-ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();

const PASSWORD = 'tokens-pass-1';
const alice = { id: '', username: uid('alice') };
const bob = { id: '', username: uid('bob') };

beforeAll(async () => {
  alice.id = (await h.management.users.create({ username: alice.username, password: PASSWORD })).id;
  bob.id = (await h.management.users.create({ username: bob.username, password: PASSWORD })).id;
});

const loggedIn = async (username = alice.username) => {
  const auth = h.authentication();
  await auth.loginByUsername(username, PASSWORD);
  return auth;
};

/** Whether a token is still accepted, asked with a client that holds it. */
const works = async (token: string) => {
  const probe = h.authentication();
  probe.setToken(token);
  return probe.getCurrentUser().then(
    (user) => user !== null,
    (error: unknown) => {
      if (error instanceof AuthingAuthenticationError) return false;
      throw error;
    },
  );
};

describe('refreshToken', () => {
  it('issues a new token that becomes the session; the old one stays valid until it expires, as Authing tokens do', async () => {
    const auth = await loggedIn();
    const old = auth.getToken() ?? '';
    // Tokens carry second-precision iat: wait so the new one differs in its claims too.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const refreshed = await auth.refreshToken();
    expect(refreshed.token).toEqual(expect.any(String));
    expect(refreshed.token).not.toBe(old);
    expect(auth.getToken()).toBe(refreshed.token);
    expect(refreshed.exp).toBeGreaterThan(refreshed.iat ?? 0);
    expect(refreshed.iat).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) - 5);
    expect((await auth.getCurrentUser())?.id).toBe(alice.id);
    expect((await auth.checkLoginStatus())?.status).toBe(true);
    expect((await auth.checkLoginStatus())?.data?.id).toBe(alice.id);
    await expect(works(old)).resolves.toBe(true);

    const sent = h.requests.findLast((r) => r.body?.includes('refreshToken'));
    expect(JSON.parse(sent?.body ?? '{}').variables).toEqual({});
    expect(sent?.headers.get('authorization')).toBe(`Bearer ${old}`);
    expect(await failure(h.authentication().refreshToken())).toBeInstanceOf(AuthingAuthenticationError);
  });
});

describe('logout', () => {
  it('ends the token at once and forgets it', async () => {
    const auth = await loggedIn();
    const token = auth.getToken() ?? '';
    await auth.logout();
    expect(auth.getToken()).toBeNull();
    await expect(works(token)).resolves.toBe(false);
    expect((await h.authentication().checkLoginStatus(token))?.status).toBe(false);
    const reused = h.authentication();
    reused.setToken(token);
    expect((await failure(reused.listRoles())).code).toBe(2020);
  });

  it('logoutCurrent sends GET /logout?appId&deviceId=current and ends only this session', async () => {
    const here = await loggedIn();
    const elsewhere = await loggedIn();
    const token = here.getToken() ?? '';
    await here.logoutCurrent();
    const sent = h.requests.findLast((r) => r.url.includes('/logout?'));
    expect(sent?.method).toBe('GET');
    expect(sent?.url).toBe(`${h.server.url}/logout?appId=${h.server.appId}&deviceId=current`);
    expect(sent?.headers.get('authorization')).toBe(`Bearer ${token}`);
    expect(here.getToken()).toBeNull();
    await expect(works(token)).resolves.toBe(false);
    await expect(works(elsewhere.getToken() ?? '')).resolves.toBe(true);
    // Without a session there is nothing to end, and no request.
    const before = h.requests.length;
    await here.logoutCurrent();
    expect(h.requests.length).toBe(before);
  });

  it('refuses a user token naming another user (403) or a device (400) on GET /logout; management still needs userId (400)', async () => {
    const auth = await loggedIn();
    const token = auth.getToken() ?? '';
    const logout = (query: string, authorization: string) =>
      fetch(`${h.server.url}/logout?${query}`, { headers: { authorization, 'x-authing-userpool-id': h.server.userPoolId } }).then((r) => r.json() as Promise<{ code: number }>);
    expect((await logout(`userId=${bob.id}&appId=${h.server.appId}`, `Bearer ${token}`)).code).toBe(403);
    expect((await logout(`appId=${h.server.appId}&deviceId=phone-1`, `Bearer ${token}`)).code).toBe(400);
    await expect(works(token)).resolves.toBe(true);
    const bobs = await loggedIn(bob.username);
    await expect(works(bobs.getToken() ?? '')).resolves.toBe(true);

    const admin = await fetch(`${h.server.url}/graphql/v2`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query($id: String!, $s: String!) { accessToken(userPoolId: $id, secret: $s) { accessToken } }', variables: { id: h.server.userPoolId, s: h.server.secret } }),
    }).then((r) => r.json() as Promise<{ data: { accessToken: { accessToken: string } } }>);
    expect((await logout(`appId=${h.server.appId}`, `Bearer ${admin.data.accessToken.accessToken}`)).code).toBe(400);
  });
});

describe('the token per client instance', () => {
  it('keeps two instances in one process apart, and a restored token works in a new instance', async () => {
    const a = await loggedIn(alice.username);
    const b = await loggedIn(bob.username);
    expect(a.getToken()).not.toBe(b.getToken());
    expect((await a.getCurrentUser())?.id).toBe(alice.id);
    expect((await b.getCurrentUser())?.id).toBe(bob.id);
    await a.logout();
    expect(a.getToken()).toBeNull();
    expect((await b.getCurrentUser())?.id).toBe(bob.id);

    const saved = b.getToken() ?? '';
    const restored = h.authentication();
    restored.setToken(saved);
    expect((await restored.listRoles()).totalCount).toBe(0);
    expect((await restored.getCurrentUser())?.username).toBe(bob.username);
    const seeded = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url, token: saved });
    expect((await seeded.getUdfValue())).toEqual({});
    expect((await seeded.checkLoginStatus())?.data?.id).toBe(bob.id);
    // Ending the restored copy ends the token everywhere it is held.
    await restored.logout();
    expect((await failure(b.getCurrentUser())).code).toBe(2020);
  });
});
