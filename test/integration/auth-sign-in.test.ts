import { startLocalAuthing, type LocalAuthing } from 'authing-local';
import { AuthenticationClient } from 'authing-ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';
import { testDatabase } from '../../server/test/support/databases.js';

const h = useLocalAuthing();
const PASSWORD = 'tr0ub4dor&3';

const phone = () => `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const email = () => `${uid('code')}@example.com`;

/** The code of the newest message to `recipient` in the server's local outbox. */
async function lastCode(server: LocalAuthing, recipient: string): Promise<string> {
  const response = await fetch(`${server.url}/__local/outbox?recipient=${encodeURIComponent(recipient)}&limit=1`, { headers: { 'x-authing-app-id': server.appId } });
  const answer = (await response.json()) as { data: { list: Array<{ data: { code: string } }> } };
  const code = answer.data.list[0]?.data.code;
  if (!code) throw new Error(`no message to ${recipient}`);
  return code;
}

async function smsCode(to: string, server = h.server): Promise<string> {
  await new AuthenticationClient({ appId: server.appId, appHost: server.url }).sendSmsCode(to);
  return lastCode(server, to);
}

async function mailCode(to: string): Promise<string> {
  await h.authentication().sendEmail(to, 'VERIFY_CODE');
  return lastCode(h.server, to);
}

/** A code guaranteed to differ from `code`. */
const wrong = (code: string) => (code === '000000' ? '111111' : '000000');

describe('registration tokens: forceLogin and generateToken', () => {
  it('forceLogin answers a token that works for the next call and counts as a login, even with generateToken false', async () => {
    const auth = h.authentication();
    const username = uid('force');
    const user = await auth.registerByUsername(username, PASSWORD, { nickname: 'F' }, { forceLogin: true, generateToken: false, clientIp: '10.1.2.3' });
    expect(user.token).toEqual(expect.any(String));
    expect(user).toMatchObject({ username, loginsCount: 1, lastIP: '10.1.2.3', newlyCreated: true });
    expect(user.lastLogin).toEqual(expect.any(String));
    expect(auth.getToken()).toBe(user.token);
    const updated = await auth.updateProfile({ nickname: 'Forced' });
    expect(updated).toMatchObject({ id: user.id, nickname: 'Forced' });
  });

  it('generateToken answers a token without a login; both flags false answer no token', async () => {
    const tokenOnly = await h.authentication().registerByEmail(email(), PASSWORD, undefined, { generateToken: true });
    expect(tokenOnly.token).toEqual(expect.any(String));
    expect(tokenOnly.loginsCount).toBe(0);
    const auth = h.authentication();
    const none = await auth.registerByEmail(email(), PASSWORD, undefined, { forceLogin: false, generateToken: false });
    expect(none.token).toBeNull();
    expect(auth.getToken()).toBeNull();
  });
});

describe('autoRegister', () => {
  it('registers and logs in an unknown username, email or phone, marked newlyCreated; the next login is not new', async () => {
    const username = uid('auto');
    const created = await h.authentication().loginByUsername(username, PASSWORD, { autoRegister: true });
    expect(created).toMatchObject({ username, newlyCreated: true, loginsCount: 1 });
    expect(created.token).toEqual(expect.any(String));
    const again = await h.authentication().loginByUsername(username, PASSWORD, { autoRegister: true });
    expect(again).toMatchObject({ id: created.id, newlyCreated: false, loginsCount: 2 });
    expect((await failure(h.authentication().loginByUsername(username, 'not-the-password', { autoRegister: true }))).code).toBe(2333);

    const address = email();
    expect(await h.authentication().loginByEmail(address, PASSWORD, { autoRegister: true })).toMatchObject({ email: address, newlyCreated: true });
    const number = phone();
    const byPhone = await h.authentication().loginByPhonePassword(number, PASSWORD, { autoRegister: true });
    expect(byPhone).toMatchObject({ phone: number, newlyCreated: true });
    expect((await h.authentication().loginByPhonePassword(number, PASSWORD)).id).toBe(byPhone.id);
    expect((await failure(h.authentication().loginByPhonePassword(phone(), PASSWORD))).code).toBe(2004);
  });

  it('an app that denies by default refuses the unknown account (1576) and registers nothing', async () => {
    await h.management.acl.updateDefaultApplicationAccessPolicy({ appId: h.server.appId, defaultStrategy: 'DENY_ALL' });
    try {
      const username = uid('auto');
      expect((await failure(h.authentication().loginByUsername(username, PASSWORD, { autoRegister: true }))).code).toBe(1576);
      expect(await h.management.users.exists({ username })).toBe(false);
    } finally {
      await h.management.acl.updateDefaultApplicationAccessPolicy({ appId: h.server.appId, defaultStrategy: 'ALLOW_ALL' });
    }
  });
});

describe('phone codes', () => {
  it('registers by phone code (password optional), then logs in by a new code; a code is used once', async () => {
    const number = phone();
    const auth = h.authentication();
    const code = await smsCode(number);
    const user = await auth.registerByPhoneCode(number, code, PASSWORD, { nickname: 'Pat' }, { forceLogin: true, phoneCountryCode: '+86' });
    expect(user).toMatchObject({ phone: number, phoneVerified: true, phoneCountryCode: '+86', nickname: 'Pat', newlyCreated: true });
    expect(auth.getToken()).toBe(user.token);
    // The same code again: spent.
    expect((await failure(h.authentication().loginByPhoneCode(number, code))).code).toBe(2002);
    // The password given at registration works.
    expect((await h.authentication().loginByPhonePassword(number, PASSWORD)).id).toBe(user.id);

    // Resends are limited per recipient; a second server allows them at once (below).
    const other = phone();
    const loginCode = await smsCode(other);
    expect((await failure(h.authentication().loginByPhoneCode(other, loginCode))).code).toBe(2004);
    const created = await h.authentication().loginByPhoneCode(other, loginCode, { autoRegister: true });
    expect(created).toMatchObject({ phone: other, newlyCreated: true, phoneVerified: true });
    expect(created.token).toEqual(expect.any(String));
    expect((await failure(h.authentication().loginByPhoneCode(other, loginCode))).code).toBe(2002);
  });

  it('refuses a wrong code with 2001 (the right one still works after) and a taken phone with 2026', async () => {
    const number = phone();
    const code = await smsCode(number);
    const wrongTry = await failure(h.authentication().registerByPhoneCode(number, wrong(code)));
    expect(wrongTry).toMatchObject({ code: 2001, message: '验证码不正确' });
    const user = await h.authentication().registerByPhoneCode(number, code);
    expect(user).toMatchObject({ phone: number, token: expect.any(String) });
    const taken = await h.management.users.create({ phone: phone(), password: PASSWORD });
    const takenCode = await smsCode(taken.phone ?? '');
    expect((await failure(h.authentication().registerByPhoneCode(taken.phone ?? '', takenCode))).code).toBe(2026);
    // The refused registration did not spend the code: it logs the existing user in.
    expect((await h.authentication().loginByPhoneCode(taken.phone ?? '', takenCode)).id).toBe(taken.id);
  });

  describe('with codes valid for 300 ms', () => {
    let quick: LocalAuthing;
    beforeAll(async () => {
      quick = await startLocalAuthing({ port: 0, db: testDatabase(), log: () => undefined, verificationCodes: { ttlSeconds: 0.3, resendSeconds: 0 } });
    });
    afterAll(() => quick?.close());

    it('refuses an expired code with 2002 in the language asked for', async () => {
      const number = phone();
      const code = await smsCode(number, quick);
      await new Promise((resolve) => setTimeout(resolve, 400));
      const en = new AuthenticationClient({ appId: quick.appId, appHost: quick.url, lang: 'en-US' });
      const expired = await failure(en.registerByPhoneCode(number, code));
      expect(expired).toMatchObject({ code: 2002, message: 'The verification code has expired or was used; request a new one' });
      const fresh = await smsCode(number, quick);
      expect((await en.registerByPhoneCode(number, fresh)).phone).toBe(number);
    });
  });
});

describe('email codes (REST)', () => {
  it('registers by email code and logs in by another one', async () => {
    const address = email();
    const auth = h.authentication();
    const user = await auth.registerByEmailCode(address, await mailCode(address), { nickname: 'Mel' }, { forceLogin: true });
    expect(user).toMatchObject({ email: address, emailVerified: true, nickname: 'Mel', loginsCount: 1 });
    expect(auth.getToken()).toBe(user.token);
    const request = h.requests.findLast((r) => r.url.endsWith('/api/v2/register/email-code'));
    expect(request?.method).toBe('POST');

    const again = h.authentication();
    // The registration spent the address's only code (one mail per address per minute): any code is 2002 now.
    const spent = await failure(again.loginByEmailCode(address, '123456'));
    expect(spent.code).toBe(2002);
    expect(again.getToken()).toBeNull();
  });

  it('logs an existing user in by email code; a wrong code is 2001, an unknown address 2004', async () => {
    const created = await h.management.users.create({ email: email(), password: PASSWORD });
    const address = created.email ?? '';
    const code = await mailCode(address);
    expect((await failure(h.authentication().loginByEmailCode(address, wrong(code)))).code).toBe(2001);
    const auth = h.authentication();
    const user = await auth.loginByEmailCode(address, code);
    expect(user).toMatchObject({ id: created.id, loginsCount: 1, token: expect.any(String) });
    expect((await auth.getCurrentUser())?.id).toBe(created.id);
    const stranger = email();
    expect((await failure(h.authentication().loginByEmailCode(stranger, await mailCode(stranger)))).code).toBe(2004);
  });
});

describe('registration policy', () => {
  it('refuses every self-registration with 2037 while registration is disabled; administrators still create users', async () => {
    await h.management.userpool.update({ registerDisabled: true });
    try {
      const refusals = await Promise.all([
        failure(h.authentication().registerByUsername(uid('off'), PASSWORD)),
        failure(h.authentication().registerByEmail(email(), PASSWORD)),
        failure(h.authentication().loginByUsername(uid('off'), PASSWORD, { autoRegister: true })),
      ]);
      for (const refusal of refusals) expect(refusal).toMatchObject({ code: 2037, message: '用户池已禁止注册' });
      const number = phone();
      expect((await failure(h.authentication().registerByPhoneCode(number, await smsCode(number)))).code).toBe(2037);
      expect((await h.management.users.create({ username: uid('admin-made'), password: PASSWORD })).id).toEqual(expect.any(String));
    } finally {
      await h.management.userpool.update({ registerDisabled: false });
    }
    expect((await h.authentication().registerByUsername(uid('on'), PASSWORD)).id).toEqual(expect.any(String));
  });

  it('refuses phone registrations and autoRegister off the PHONE whitelist with 2040 while it is enabled', async () => {
    const listed = phone();
    await h.management.whitelist.add('PHONE', [listed]);
    await h.management.whitelist.enable('PHONE');
    try {
      const outsider = phone();
      expect((await failure(h.authentication().registerByPhoneCode(outsider, await smsCode(outsider)))).code).toBe(2040);
      expect((await failure(h.authentication().loginByPhonePassword(phone(), PASSWORD, { autoRegister: true }))).code).toBe(2040);
      expect((await h.authentication().loginByPhoneCode(listed, await smsCode(listed), { autoRegister: true })).phone).toBe(listed);
      // Other identifier types are not limited by the phone list.
      expect((await h.authentication().registerByUsername(uid('free'), PASSWORD)).id).toEqual(expect.any(String));
    } finally {
      await h.management.whitelist.disable('PHONE');
    }
  });
});

describe('sub-accounts and user directories', () => {
  it('answers a sub-account login as an unknown account (2004): authing-local has no sub-accounts', async () => {
    const username = uid('main');
    await h.management.users.create({ username, password: PASSWORD });
    expect((await failure(h.authentication().loginBySubAccount(username, PASSWORD))).code).toBe(2004);
  });

  it('refuses LDAP (3408) and AD (3407) logins: the pool has no such connection', async () => {
    const ldap = await failure(h.authentication().loginByLdap('alice', 'secret'));
    expect(ldap).toMatchObject({ code: 3408, message: '该应用未配置 LDAP 身份源' });
    const en = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url, lang: 'en-US' });
    expect(await failure(en.loginByAd('alice', 'secret'))).toMatchObject({ code: 3407, message: 'The AD connector does not exist' });
    const explicit = new AuthenticationClient({ appId: h.server.appId, appHost: 'https://app.example.invalid', websocketHost: h.server.url });
    expect((await failure(explicit.loginByAd('alice', 'secret'))).code).toBe(3407);
  });
});

describe('v3 signinByCredentials', () => {
  it('signs in by account and password (RSA and plaintext) and by a passcode; the id_token is the session', async () => {
    const username = uid('v3');
    const created = await h.management.users.create({ username, email: email(), password: PASSWORD });
    const auth = h.authentication();
    const tokens = await auth.signinByCredentials({ connection: 'PASSWORD', passwordPayload: { account: username, password: PASSWORD } });
    expect(tokens).toMatchObject({ token_type: 'Bearer', scope: 'openid profile', id_token: expect.any(String), access_token: tokens.id_token });
    expect(tokens.expire_in).toBeGreaterThan(0);
    expect(auth.getToken()).toBe(tokens.id_token);
    expect((await auth.getCurrentUser())?.id).toBe(created.id);
    const sent = h.requests.findLast((r) => r.url.endsWith('/api/v3/signin'));
    expect(sent?.body).not.toContain(PASSWORD);

    const plain = await h.authentication().signinByCredentials({
      connection: 'PASSWORD',
      passwordPayload: { email: created.email ?? '', password: PASSWORD },
      options: { passwordEncryptType: 'none', scope: 'openid email' },
    });
    expect(plain.scope).toBe('openid email');

    const wrongPassword = await failure(h.authentication().signinByCredentials({ connection: 'PASSWORD', passwordPayload: { account: username, password: 'nope-nope' } }));
    expect(wrongPassword.code).toBe(2333);

    const number = phone();
    const byPhone = await h.management.users.create({ phone: number });
    const code = await smsCode(number);
    const viaCode = h.authentication();
    await viaCode.signinByCredentials({ connection: 'PASSCODE', passCodePayload: { phone: number, passCode: code } });
    expect((await viaCode.getCurrentUser())?.id).toBe(byPhone.id);
    expect((await failure(h.authentication().signinByCredentials({ connection: 'PASSCODE', passCodePayload: { phone: number, passCode: code } }))).code).toBe(2002);
    expect((await failure(h.authentication().signinByCredentials({ connection: 'LDAP', ldapPayload: { sAMAccountName: 'a', password: 'b' } }))).code).toBe(3408);
  });

  it('answers refusals in the v3 envelope: statusCode and apiCode', async () => {
    const response = await fetch(`${h.server.url}/api/v3/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-authing-app-id': h.server.appId, 'x-authing-lang': 'en-US' },
      body: JSON.stringify({ connection: 'PASSWORD', passwordPayload: { username: uid('ghost'), password: 'x' }, options: {} }),
    });
    expect(await response.json()).toEqual({ statusCode: 400, apiCode: 2004, message: 'User does not exist' });
  });
});
