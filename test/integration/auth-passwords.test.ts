import { startLocalAuthing } from 'authing-local';
import { AuthenticationClient, AuthingAuthenticationError, ManagementClient } from 'authing-ts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';
import { testDatabase } from '../../server/test/support/databases.js';

const h = useLocalAuthing();

const OLD = 'old-passw0rd';
const NEW = 'n3w-passw0rd!';
const DAY = 86_400_000;

interface OutboxAnswer {
  data: { list: Array<{ kind: string; data: { code: string; scene: string } }> };
}

/** The newest code the outbox holds for `recipient` (the local stand-in for an SMS or a mail). */
async function codeFor(recipient: string, url = h.server.url, appId = h.server.appId): Promise<string> {
  const response = await fetch(`${url}/__local/outbox?recipient=${encodeURIComponent(recipient)}&limit=1`, { headers: { 'x-authing-app-id': appId } });
  const answer = (await response.json()) as OutboxAnswer;
  const code = answer.data.list[0]?.data.code;
  if (!code) throw new Error(`no code in the outbox for ${recipient}`);
  return code;
}

const phone = () => `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const email = () => `${uid('pw')}@example.com`;

/** A pool of its own (strength and cycle settings stay out of the other tests). */
async function ownPool() {
  const pool = await h.server.createUserPool(uid('pool'));
  const management = new ManagementClient({ userPoolId: pool.userPoolId, secret: pool.secret, host: h.server.url });
  const authentication = () => new AuthenticationClient({ appId: pool.appId, appHost: h.server.url });
  return { pool, management, authentication };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('checkPasswordStrength and the strength rule', () => {
  it('answers per the pool level and refuses weak passwords at registration, reset and change with 2029', async () => {
    const { management, authentication } = await ownPool();
    const auth = authentication();
    expect(await auth.checkPasswordStrength('a')).toEqual({ valid: true, message: '密码强度符合要求' });
    await management.userpool.update({ passwordStrength: 3 });
    expect(await auth.checkPasswordStrength('abc123')).toEqual({ valid: false, message: '密码至少 6 位，且须同时包含字母、数字和符号' });
    expect((await auth.checkPasswordStrength('abc12!')).valid).toBe(true);
    const english = new AuthenticationClient({ appId: auth.appId, appHost: h.server.url, lang: 'en-US' });
    expect(await english.checkPasswordStrength('abc')).toEqual({
      valid: false,
      message: 'The password must be at least 6 characters long and use letters, digits and symbols',
    });

    const weak = await failure(auth.registerByEmail(email(), 'abc123'));
    expect(weak).toMatchObject({ code: 2029, message: '密码至少 6 位，且须同时包含字母、数字和符号' });
    const address = email();
    await auth.registerByEmail(address, 'abc12!x');
    await auth.loginByEmail(address, 'abc12!x');
    expect((await failure(auth.updatePassword('abcdefgh', 'abc12!x'))).code).toBe(2029);
    await auth.sendEmail(address, 'RESET_PASSWORD');
    expect((await failure(auth.resetPasswordByEmailCode(address, await codeFor(address, h.server.url, auth.appId), '123456'))).code).toBe(2029);
    await auth.loginByEmail(address, 'abc12!x');
  });
});

describe('reset by code', () => {
  it('resets by SMS code from the outbox; the code is single use, other sessions end, only the new password logs in', async () => {
    const username = uid('sms');
    const to = phone();
    await h.management.users.create({ username, phone: to, password: OLD });
    const session = h.authentication();
    await session.loginByUsername(username, OLD);

    const auth = h.authentication();
    await auth.sendSmsCode(to);
    const code = await codeFor(to);
    expect(await auth.resetPasswordByPhoneCode(to, code, NEW)).toEqual({ code: 200, message: '重置密码成功' });
    const sent = h.requests.findLast((r) => r.body?.includes('resetPassword'));
    expect(sent?.body).not.toContain(NEW);
    expect(JSON.parse(sent!.body!).variables).toMatchObject({ phone: to, code, newPassword: expect.any(String) });

    expect((await failure(auth.resetPasswordByPhoneCode(to, code, 'an0ther-pass'))).code).toBe(2002);
    expect(await failure(session.getCurrentUser())).toBeInstanceOf(AuthingAuthenticationError);
    expect((await failure(h.authentication().loginByUsername(username, OLD))).code).toBe(2333);
    expect((await h.authentication().loginByUsername(username, NEW)).username).toBe(username);
  });

  it('resets by mail code (RESET_PASSWORD); a wrong code is 2001 and an unknown address 2004', async () => {
    const address = email();
    const username = uid('mail');
    await h.management.users.create({ username, email: address, password: OLD });
    const auth = h.authentication();
    await auth.sendEmail(address, 'RESET_PASSWORD');
    const code = await codeFor(address);
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await failure(auth.resetPasswordByEmailCode(address, wrong, NEW))).toMatchObject({ code: 2001, message: '验证码不正确' });
    expect(await auth.resetPasswordByEmailCode(address, code, NEW)).toEqual({ code: 200, message: '重置密码成功' });
    expect((await h.authentication().loginByEmail(address, NEW)).username).toBe(username);

    const nobody = email();
    await auth.sendEmail(nobody, 'RESET_PASSWORD');
    expect((await failure(auth.resetPasswordByEmailCode(nobody, await codeFor(nobody), NEW))).code).toBe(2004);
  });

  it('refuses an expired code with 2002', async () => {
    const server = await startLocalAuthing({ port: 0, db: testDatabase(), log: () => undefined, info: () => undefined, verificationCodes: { ttlSeconds: 1 } });
    try {
      const management = new ManagementClient({ userPoolId: server.userPoolId, secret: server.secret, host: server.url });
      const address = email();
      await management.users.create({ email: address, password: OLD });
      const auth = new AuthenticationClient({ appId: server.appId, appHost: server.url });
      await auth.sendEmail(address, 'RESET_PASSWORD');
      const code = await codeFor(address, server.url, server.appId);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await failure(auth.resetPasswordByEmailCode(address, code, NEW))).code).toBe(2002);
      await auth.loginByEmail(address, OLD);
    } finally {
      await server.close();
    }
  });
});

describe('updatePassword', () => {
  it('needs the old password when there is one (2201 missing, 2203 wrong); the session stays open', async () => {
    const username = uid('upd');
    await h.management.users.create({ username, password: OLD });
    const auth = h.authentication();
    await auth.loginByUsername(username, OLD);
    expect(await failure(auth.updatePassword(NEW))).toMatchObject({ code: 2201, message: '请输入原始密码' });
    expect(await failure(auth.updatePassword(NEW, 'not-it'))).toMatchObject({ code: 2203, message: '原始密码错误' });
    const user = await auth.updatePassword(NEW, OLD);
    expect(user).toMatchObject({ username, password: null });
    const sent = h.requests.findLast((r) => r.body?.includes('updatePassword'));
    expect(sent?.body).not.toContain(OLD);
    expect(sent?.body).not.toContain(NEW);
    expect((await auth.getCurrentUser())?.username).toBe(username);
    expect((await failure(h.authentication().loginByUsername(username, OLD))).code).toBe(2333);
    await h.authentication().loginByUsername(username, NEW);
    await expect(h.authentication().updatePassword(NEW)).rejects.toBeInstanceOf(AuthingAuthenticationError);
  });
});

describe('first login and forced change', () => {
  it('first login answers 1639 with a token; the token resets once, then the new password logs in', async () => {
    const username = uid('first');
    await h.management.users.create({ username, password: OLD }, { resetPasswordOnFirstLogin: true });
    const auth = h.authentication();
    const refused = await failure(auth.loginByUsername(username, OLD));
    expect(refused).toMatchObject({ code: 1639, data: { token: expect.any(String) } });
    expect(auth.getToken()).toBeNull();
    const { token } = refused.data as { token: string };
    expect(await auth.resetPasswordByFirstLoginToken({ token, password: NEW })).toEqual({ code: 200, message: '重置密码成功' });
    expect(await failure(auth.resetPasswordByFirstLoginToken({ token, password: 'an0ther-pass' }))).toMatchObject({ code: 2059 });
    expect((await auth.loginByUsername(username, NEW)).token).toEqual(expect.any(String));
    expect((await failure(h.authentication().loginByUsername(username, OLD))).code).toBe(2333);
    // A forged token is refused.
    expect((await failure(h.authentication().resetPasswordByFirstLoginToken({ token: 'forged', password: NEW }))).code).toBe(2059);
  });

  it('a password older than forcedCycle days answers 2058; the token, the old password and a new one change it once', async () => {
    const { management, authentication } = await ownPool();
    const username = uid('aged');
    await management.users.create({ username, password: OLD });
    await management.userpool.update({ passwordUpdatePolicy: { enabled: true, forcedCycle: 30 } });
    await authentication().loginByUsername(username, OLD);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 31 * DAY);
    const auth = authentication();
    const refused = await failure(auth.loginByUsername(username, OLD));
    expect(refused).toMatchObject({ code: 2058, data: { token: expect.any(String) } });
    const { token } = refused.data as { token: string };
    expect((await failure(auth.resetPasswordByForceResetToken({ token, oldPassword: 'not-it', newPassword: NEW }))).code).toBe(2203);
    expect(await auth.resetPasswordByForceResetToken({ token, oldPassword: OLD, newPassword: NEW })).toEqual({ code: 200, message: '修改密码成功' });
    expect((await failure(auth.resetPasswordByForceResetToken({ token, oldPassword: NEW, newPassword: 'an0ther-pass' }))).code).toBe(2059);
    expect((await auth.loginByUsername(username, NEW)).username).toBe(username);
    expect((await failure(authentication().loginByUsername(username, OLD))).code).toBe(2333);
  });
});
