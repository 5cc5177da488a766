/**
 * The official authing-js-sdk 4.23.55's AuthenticationClient against authing-local for the password
 * flows: reset by a code taken from the local outbox, change, strength check, first-login reset.
 */
import { AuthenticationClient } from 'authing-js-sdk';
import { describe, expect, it } from 'vitest';
import { officialFailure, useOfficialSdk } from './harness.js';

const h = useOfficialSdk();
const OLD = 'pa55word!';
const NEW = 'n3w-pa55word!';

const client = () => new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url });

/** The newest code authing-local put in its outbox for `recipient`. */
async function codeFor(recipient: string): Promise<string> {
  const response = await fetch(`${h.server.url}/__local/outbox?recipient=${encodeURIComponent(recipient)}&limit=1`, { headers: { 'x-authing-app-id': h.server.appId } });
  const answer = (await response.json()) as { data: { list: Array<{ data: { code: string } }> } };
  return answer.data.list[0]!.data.code;
}

/** What the official SDK throws: a plain `{ code, message, data }` object. */
const thrown = (promise: Promise<unknown>) => officialFailure<{ code: number; message: string; data?: { token?: string } }>(promise);

describe('official authing-js-sdk 4.23.55: passwords', () => {
  it('resetPasswordByEmailCode with the code sendEmail put in the outbox; only the new password logs in', async () => {
    const email = `reset_${h.suffix}@example.com`;
    await h.management.users.create({ email, password: OLD });
    const auth = client();
    await auth.sendEmail(email, 'RESET_PASSWORD' as never);
    const code = await codeFor(email);
    expect(await auth.resetPasswordByEmailCode(email, code, NEW)).toMatchObject({ code: 200 });
    expect((await thrown(auth.resetPasswordByEmailCode(email, code, 'an0ther-pass'))).code).toBe(2002);
    expect((await thrown(client().loginByEmail(email, OLD))).code).toBe(2333);
    expect((await client().loginByEmail(email, NEW)).email).toBe(email);
  });

  it('resetPasswordByPhoneCode with the code sendSmsCode put in the outbox', async () => {
    const phone = `136${String(Date.now()).slice(-8)}`;
    const username = `sms_${h.suffix}`;
    await h.management.users.create({ username, phone, password: OLD });
    const auth = client();
    await auth.sendSmsCode(phone);
    expect(await auth.resetPasswordByPhoneCode(phone, await codeFor(phone), NEW)).toMatchObject({ code: 200 });
    expect((await client().loginByUsername(username, NEW)).phone).toBe(phone);
  });

  it('checkPasswordStrength and updatePassword (both passwords encrypted by the SDK)', async () => {
    const username = `change_${h.suffix}`;
    await h.management.users.create({ username, password: OLD });
    const auth = client();
    expect(await auth.checkPasswordStrength('Passw0rd!')).toEqual({ valid: true, message: '密码强度符合要求' });
    await auth.loginByUsername(username, OLD);
    expect((await thrown(auth.updatePassword(NEW, 'not-it'))).code).toBe(2203);
    expect(await auth.updatePassword(NEW, OLD)).toMatchObject({ username });
    expect((await client().loginByUsername(username, NEW)).username).toBe(username);
  });

  it('a user created with resetPasswordOnFirstLogin gets 1639 and resets with resetPasswordByFirstLoginToken', async () => {
    const username = `first_${h.suffix}`;
    await h.management.users.create({ username, password: OLD }, { resetPasswordOnFirstLogin: true });
    const auth = client();
    const refused = await thrown(auth.loginByUsername(username, OLD));
    expect(refused.code).toBe(1639);
    const token = refused.data?.token;
    expect(token).toEqual(expect.any(String));
    expect(await auth.resetPasswordByFirstLoginToken({ token: token!, password: NEW })).toMatchObject({ code: 200 });
    expect((await thrown(auth.resetPasswordByFirstLoginToken({ token: token!, password: NEW }))).code).toBe(2059);
    expect((await client().loginByUsername(username, NEW)).username).toBe(username);
  });
});
