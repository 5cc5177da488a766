import { AuthenticationClient, AuthingAuthenticationError, AuthingError } from 'authing-ts';
import { describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();


const PASSWORD = 'tr0ub4dor&3';

describe('register and login', () => {
  it('registers by username and logs in; the token becomes the session of that instance only', async () => {
    const auth = h.authentication();
    const username = uid('reg');
    const registered = await auth.registerByUsername(username, PASSWORD, { nickname: 'Reg' });
    expect(registered).toMatchObject({ username, nickname: 'Reg', password: null });
    // A token returned with the registration (authing-local issues one) becomes the session.
    expect(auth.getToken()).toBe(registered.token ?? null);

    const user = await h.authentication().loginByUsername(username, PASSWORD);
    expect(user.id).toBe(registered.id);
    expect(user.token).toEqual(expect.any(String));
    expect(user.tokenExpiredAt).toEqual(expect.any(String));
    const fresh = h.authentication();
    await fresh.loginByUsername(username, PASSWORD);
    expect(fresh.getToken()).toEqual(expect.any(String));
    expect(fresh.getToken()).not.toBe(auth.getToken());
    expect(h.authentication().getToken()).toBeNull();

    const login = h.requests.findLast((r) => r.body?.includes('loginByUsername'));
    expect(login?.headers.get('x-authing-app-id')).toBe(h.server.appId);
    expect(login?.headers.get('authorization')).toBeNull();
    expect(login?.body).not.toContain(PASSWORD);
  });

  it('registers by email with forceLogin, and logs in by email', async () => {
    const auth = h.authentication();
    const email = `${uid('mail')}@example.com`;
    const registered = await auth.registerByEmail(email, PASSWORD, { nickname: 'Mail' }, { forceLogin: true });
    expect(registered).toMatchObject({ email, nickname: 'Mail' });
    expect(registered.token).toEqual(expect.any(String));
    expect(auth.getToken()).toBe(registered.token);
    const other = h.authentication();
    const user = await other.loginByEmail(email, PASSWORD, { customData: { source: 'test' } });
    expect(user.id).toBe(registered.id);
    expect(other.getToken()).toBe(user.token);
    expect((await failure(h.authentication().registerByEmail(email, PASSWORD))).code).toBe(2026);
  });

  it('fails with 2004 for an unknown user, in zh-CN by default and in en-US on request', async () => {
    const zh = await failure(h.authentication().loginByUsername(uid('nobody'), PASSWORD));
    expect(zh).toMatchObject({ name: 'AuthingApiError', code: 2004, message: '用户不存在' });
    const en = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url, lang: 'en-US' });
    const error = await failure(en.loginByUsername(uid('nobody'), PASSWORD));
    expect(error).toMatchObject({ code: 2004, message: 'User does not exist' });
    expect((await failure(en.loginByEmail(`${uid('nobody')}@example.com`, PASSWORD))).code).toBe(2004);
  });

  it('fails with 2333 for a wrong password and 1576 when the application denies the user', async () => {
    const username = uid('deny');
    const created = await h.management.users.create({ username, password: PASSWORD });
    expect((await failure(h.authentication().loginByUsername(username, 'wrong'))).code).toBe(2333);
    await h.management.acl.denyAccessApplication({ appId: h.server.appId, targetType: 'USER', targetIdentifiers: [created.id] });
    const auth = h.authentication();
    const refused = await failure(auth.loginByUsername(username, PASSWORD));
    expect(refused).toMatchObject({ code: 1576 });
    expect(auth.getToken()).toBeNull();
    await h.management.acl.deleteApplicationAccessPolicy({ appId: h.server.appId, targetType: 'USER', targetIdentifiers: [created.id] });
    await expect(auth.loginByUsername(username, PASSWORD)).resolves.toMatchObject({ id: created.id });
  });
});

describe('session', () => {
  it('reads and updates the current user; password is never sent', async () => {
    const auth = h.authentication();
    expect(await auth.getCurrentUser()).toBeNull();
    const username = uid('me');
    const created = await h.management.users.create({ username, password: PASSWORD });
    await auth.loginByUsername(username, PASSWORD);
    const me = await auth.getCurrentUser();
    expect(me).toMatchObject({ id: created.id, username });
    expect(h.requests.at(-1)?.headers.get('authorization')).toBe(`Bearer ${auth.getToken()}`);

    const updates = { nickname: 'Me', city: 'Oxford', password: 'sneaky-new-password' };
    const updated = await auth.updateProfile(updates);
    expect(updated).toMatchObject({ id: created.id, nickname: 'Me', city: 'Oxford' });
    expect(updates.password).toBe('sneaky-new-password');
    expect(h.requests.at(-1)?.body).not.toContain('sneaky');
    await expect(h.authentication().loginByUsername(username, PASSWORD)).resolves.toMatchObject({ id: created.id });
  });

  it('moves a session between instances with getToken / setToken', async () => {
    const username = uid('move');
    await h.management.users.create({ username, password: PASSWORD });
    const first = h.authentication();
    await first.loginByUsername(username, PASSWORD);
    const token = first.getToken() ?? '';
    const second = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url, token });
    await expect(second.getCurrentUser()).resolves.toMatchObject({ username });
    const third = h.authentication();
    third.setToken(token);
    await expect(third.updateProfile({ nickname: 'via setToken' })).resolves.toMatchObject({ username, nickname: 'via setToken' });
  });

  it('checks login status of the session or of a given token', async () => {
    const username = uid('status');
    const created = await h.management.users.create({ username, password: PASSWORD });
    const auth = h.authentication();
    await auth.loginByUsername(username, PASSWORD);
    const status = await auth.checkLoginStatus();
    expect(status).toMatchObject({ code: 200, status: true, data: { id: created.id, userPoolId: h.server.userPoolId } });
    expect(status?.exp).toEqual(expect.any(Number));
    const given = await h.authentication().checkLoginStatus(auth.getToken() ?? '');
    expect(given?.status).toBe(true);
    const bad = await h.authentication().checkLoginStatus('not-a-token');
    expect(bad?.status).toBe(false);
    expect(bad?.code).not.toBe(200);
  });

  it('logs out: GET /api/v2/logout?app_id=, then no session', async () => {
    const username = uid('bye');
    await h.management.users.create({ username, password: PASSWORD });
    const auth = h.authentication();
    await auth.loginByUsername(username, PASSWORD);
    const token = auth.getToken() ?? '';
    await expect(auth.logout()).resolves.toBeUndefined();
    const request = h.requests.at(-1);
    expect(request?.method).toBe('GET');
    expect(new URL(request?.url ?? '').pathname).toBe('/api/v2/logout');
    expect(new URL(request?.url ?? '').searchParams.get('app_id')).toBe(h.server.appId);
    expect(request?.headers.get('authorization')).toBe(`Bearer ${token}`);
    expect(auth.getToken()).toBeNull();
    await expect(auth.getCurrentUser()).resolves.toBeNull();
    await expect(auth.logout()).resolves.toBeUndefined();

    const stale = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url, token: 'garbage' });
    const error = await failure(stale.logout());
    expect(error).toBeInstanceOf(AuthingAuthenticationError);
    expect(error.code).toBe(2020);
    expect(stale.getToken()).toBeNull();
  });

  it('throws a typed error for an invalid session token', async () => {
    const auth = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url, token: 'garbage' });
    const error = await failure(auth.getCurrentUser());
    expect(error).toBeInstanceOf(AuthingAuthenticationError);
    expect(error.code).toBe(2020);
  });
});
