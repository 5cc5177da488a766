/**
 * The official authing-js-sdk 4.23.55's AuthenticationClient against authing-local for registration
 * and login: by phone and email code (codes read from the local outbox), phone password,
 * autoRegister, forceLogin, sub-account, LDAP and v3 signinByCredentials.
 */
import { AuthenticationClient } from 'authing-js-sdk';
import { describe, expect, it } from 'vitest';
import { officialFailure, useOfficialSdk } from './harness.js';

const h = useOfficialSdk();
const PASSWORD = 'pa55word!';

const client = () => new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url });
let n = 0;
const phone = () => `136${String(Date.now() % 1e6).padStart(6, '0')}${String(n++ % 100).padStart(2, '0')}`;

/** The newest code authing-local put in its outbox for `recipient`. */
async function codeFor(recipient: string): Promise<string> {
  const response = await fetch(`${h.server.url}/__local/outbox?recipient=${encodeURIComponent(recipient)}&limit=1`, { headers: { 'x-authing-app-id': h.server.appId } });
  const answer = (await response.json()) as { data: { list: Array<{ data: { code: string } }> } };
  return answer.data.list[0]!.data.code;
}

/** What the official SDK throws: a `{ code, message }` object, or (REST) an Error whose message is that object as JSON. */
const thrown = (promise: Promise<unknown>) => officialFailure<{ code: number; message: string }>(promise);

describe('official authing-js-sdk 4.23.55: register and log in', () => {
  it('registerByPhoneCode and loginByPhoneCode with codes from the outbox; a used code is refused', async () => {
    const number = phone();
    const auth = client();
    await auth.sendSmsCode(number);
    const user = await auth.registerByPhoneCode(number, await codeFor(number), PASSWORD, { nickname: 'Pat' }, { forceLogin: true });
    expect(user).toMatchObject({ phone: number, phoneVerified: true, nickname: 'Pat' });
    expect(user.token).toEqual(expect.any(String));
    expect((await auth.getCurrentUser())?.id).toBe(user.id);

    const login = client();
    const loginNumber = phone();
    await h.management.users.create({ phone: loginNumber });
    await login.sendSmsCode(loginNumber);
    const code = await codeFor(loginNumber);
    const loggedIn = await login.loginByPhoneCode(loginNumber, code);
    expect(loggedIn).toMatchObject({ phone: loginNumber, newlyCreated: false });
    expect(loggedIn.token).toEqual(expect.any(String));
    expect((await thrown(client().loginByPhoneCode(loginNumber, code))).code).toBe(2002);
    expect((await client().loginByPhonePassword(number, PASSWORD)).id).toBe(user.id);
  });

  it('registerByEmailCode and loginByEmailCode over REST', async () => {
    const email = `mail_${h.suffix}@example.com`;
    const auth = client();
    await auth.sendEmail(email, 'VERIFY_CODE' as never);
    const user = await auth.registerByEmailCode(email, await codeFor(email), { nickname: 'Mel' }, { forceLogin: true, customData: { source: 'compat' } });
    expect(user).toMatchObject({ email, emailVerified: true, nickname: 'Mel', loginsCount: 1 });
    expect(user.token).toEqual(expect.any(String));
    const second = `mail2_${h.suffix}@example.com`;
    await h.management.users.create({ email: second, password: PASSWORD });
    await auth.sendEmail(second, 'VERIFY_CODE' as never);
    const loggedIn = await client().loginByEmailCode(second, await codeFor(second));
    expect(loggedIn).toMatchObject({ email: second });
    expect(loggedIn.token).toEqual(expect.any(String));
  });

  it('registerByUsername with forceLogin answers a token; loginByUsername with autoRegister marks the user newlyCreated', async () => {
    const auth = client();
    const registered = await auth.registerByUsername(`force_${h.suffix}`, PASSWORD, undefined, { forceLogin: true, generateToken: false });
    expect(registered.token).toEqual(expect.any(String));
    expect(registered.loginsCount).toBe(1);
    const plain = await client().registerByUsername(`plain_${h.suffix}`, PASSWORD);
    expect(plain.token).toBeNull();
    const auto = await client().loginByUsername(`auto_${h.suffix}`, PASSWORD, { autoRegister: true });
    expect(auto).toMatchObject({ username: `auto_${h.suffix}`, newlyCreated: true });
    expect(auto.token).toEqual(expect.any(String));
  });

  it('loginBySubAccount is 2004 and loginByLdap 3408 on a pool with neither', async () => {
    expect((await thrown(client().loginBySubAccount(`main_${h.suffix}`, PASSWORD))).code).toBe(2004);
    expect((await thrown(client().loginByLdap('alice', 'secret'))).code).toBe(3408);
  });

  it('signinByCredentials (v3) answers tokens for a password and for a passcode', async () => {
    const username = `v3_${h.suffix}`;
    await h.management.users.create({ username, password: PASSWORD });
    const tokens = await client().signinByCredentials({
      connection: 'PASSWORD' as never,
      passwordPayload: { account: username, password: PASSWORD },
      options: {},
    });
    expect(tokens).toMatchObject({ token_type: 'Bearer', id_token: expect.any(String), access_token: expect.any(String) });
    const number = phone();
    await h.management.users.create({ phone: number });
    const auth = client();
    await auth.sendSmsCode(number);
    const byCode = await auth.signinByCredentials({ connection: 'PASSCODE' as never, passCodePayload: { phone: number, passCode: await codeFor(number) }, options: {} });
    expect(byCode.id_token).toEqual(expect.any(String));
  });
});
