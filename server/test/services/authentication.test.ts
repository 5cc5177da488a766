import { beforeEach, describe, expect, it } from 'vitest';
import { allowAppAccess, denyAppAccess, disableAppAccess } from '../../src/services/app-access.js';
import {
  getCurrentUser,
  loginByEmail,
  loginByPhonePassword,
  loginByUsername,
  registerByEmail,
  registerByUsername,
} from '../../src/services/authentication.js';
import { updateApp } from '../../src/services/pools.js';
import { createUser, deleteUser, updateUser } from '../../src/services/users.js';
import { expectCode, fixture, type Fixture } from './helpers.js';

let f: Fixture;
beforeEach(async () => {
  f = await fixture();
});

describe('authentication', () => {
  it('registers by username and by email with profile fields; duplicates are 2026', async () => {
    const u = await registerByUsername(f.ctx, { username: 'alice', password: 'pw', profile: { nickname: 'Ally', company: 'ACME' } });
    expect(u).toMatchObject({ username: 'alice', nickname: 'Ally', company: 'ACME', password: null, registerSource: ['basic:username-password'] });
    const e = await registerByEmail(f.ctx, { email: 'bob@x.io', password: 'pw' });
    expect(e).toMatchObject({ email: 'bob@x.io', registerSource: ['basic:email'] });
    await expectCode(registerByUsername(f.ctx, { username: 'alice', password: 'pw' }), 2026);
    await expectCode(registerByEmail(f.ctx, { email: 'BOB@x.io', password: 'pw' }), 2026);
    await expectCode(registerByEmail(f.ctx, { email: 'nope', password: 'pw' }), 2003);
    await expectCode(registerByUsername(f.ctx, { username: 'carol', password: '' }), 2032);
  });

  it('logs in by username, email and phone, recording the login', async () => {
    const u = await registerByUsername(f.ctx, { username: 'alice', password: 'pw', profile: { email: 'a@x.io', phone: '139' } });
    const first = await loginByUsername(f.ctx, 'alice', 'pw', { appId: f.pool.appId, clientIp: '10.0.0.1' });
    expect(first).toMatchObject({ id: u.id, loginsCount: 1, lastIP: '10.0.0.1', password: null });
    expect(first.lastLogin).not.toBeNull();
    expect((await loginByEmail(f.ctx, 'A@x.io', 'pw')).loginsCount).toBe(2);
    expect((await loginByPhonePassword(f.ctx, '139', 'pw')).loginsCount).toBe(3);
    expect((await getCurrentUser(f.ctx, u.id)).loginsCount).toBe(3);
  });

  it('answers 2004 for an unknown user and 2333 for a wrong or missing password', async () => {
    await registerByUsername(f.ctx, { username: 'alice', password: 'pw' });
    await createUser(f.ctx, { username: 'nopass' });
    const missing = await expectCode(loginByUsername(f.ctx, 'bob', 'pw'), 2004);
    expect(missing.zh).toBe('用户不存在');
    expect(missing.en).toBe('User does not exist');
    await expectCode(loginByUsername(f.ctx, 'alice', 'PW'), 2333);
    await expectCode(loginByUsername(f.ctx, 'nopass', 'anything'), 2333);
    await expectCode(loginByEmail(f.ctx, 'a@x.io', 'pw'), 2004);
    expect((await loginByUsername(f.ctx, 'alice', 'pw')).loginsCount).toBe(1);
  });

  it('refuses blocked users with 2005', async () => {
    const u = await registerByUsername(f.ctx, { username: 'alice', password: 'pw' });
    await updateUser(f.ctx, u.id, { blocked: true });
    await expectCode(loginByUsername(f.ctx, 'alice', 'pw'), 2005);
  });

  it('enforces the application access policy at login (1576) without counting the refused login', async () => {
    const alice = await registerByUsername(f.ctx, { username: 'alice', password: 'pw' });
    await registerByUsername(f.ctx, { username: 'bob', password: 'pw' });
    const app = f.pool.appId;
    await updateApp(f.ctx, app, { permissionStrategy: { defaultStrategy: 'DENY_ALL' } });
    await expectCode(loginByUsername(f.ctx, 'bob', 'pw', { appId: app }), 1576);
    await allowAppAccess(f.ctx, { appId: app, targetType: 'USER', targetIdentifiers: [alice.id] });
    expect((await loginByUsername(f.ctx, 'alice', 'pw', { appId: app })).loginsCount).toBe(1);
    await expectCode(loginByUsername(f.ctx, 'bob', 'pw', { appId: app }), 1576);
    // Explicit deny beats the allow record and the default.
    await denyAppAccess(f.ctx, { appId: app, targetType: 'USER', targetIdentifiers: [alice.id] });
    await expectCode(loginByUsername(f.ctx, 'alice', 'pw', { appId: app }), 1576);
    await disableAppAccess(f.ctx, { appId: app, targetType: 'USER', targetIdentifiers: [alice.id] });
    await expectCode(loginByUsername(f.ctx, 'alice', 'pw', { appId: app }), 1576);
    await updateApp(f.ctx, app, { permissionStrategy: { defaultStrategy: 'ALLOW_ALL' } });
    expect((await loginByUsername(f.ctx, 'alice', 'pw', { appId: app })).loginsCount).toBe(2);
    expect((await getCurrentUser(f.ctx, alice.id)).loginsCount).toBe(2);
  });

  it('getCurrentUser of a deleted user is 2004', async () => {
    const u = await registerByUsername(f.ctx, { username: 'alice', password: 'pw' });
    await deleteUser(f.ctx, u.id);
    await expectCode(getCurrentUser(f.ctx, u.id), 2004);
  });
});
