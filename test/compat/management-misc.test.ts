/**
 * The official authing-js-sdk 4.23.55's `mfa`, `principal`, `userpool` env methods, `sendEmail`
 * and `checkLoginStatus` against authing-local, as its MFAManagementClient.spec.ts runs them
 * (import a TOTP secret, the user's login answers 1635, a code of the secret completes it).
 */
import { AuthenticationClient, EmailScene } from 'authing-js-sdk';
import { describe, expect, it } from 'vitest';
import { officialFailure, totpCode, useOfficialSdk } from './harness.js';

const h = useOfficialSdk();
const PASSWORD = 'misc-Passw0rd';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';


const thrown = (promise: Promise<unknown>) => officialFailure<{ code: number; message: string; data: { mfaToken: string } }>(promise);

async function newUser(name: string) {
  const username = `${name}_${h.suffix}`;
  const created = await h.management.users.create({ username, password: PASSWORD });
  return { id: created.id, username };
}

const auth = () => new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url });

describe('official SDK: management.mfa', () => {
  it('importTotp → status OTP → login 1635 → verifyTotpMfa; unAssociateMfa → login asks nothing', async () => {
    const user = await newUser('mfa');
    expect(await h.management.mfa.getStatus(user.id)).toEqual({ OTP: false, FACE: false });
    const result = await h.management.mfa.importTotp(user.id, SECRET, '654321');
    expect(result).toMatchObject({ userId: user.id, recoveryCode: '654321', secret: SECRET, enable: true });
    expect(await h.management.mfa.getStatus(user.id)).toEqual({ OTP: true, FACE: false });

    const client = auth();
    const error = await thrown(client.loginByUsername(user.username, PASSWORD));
    expect(error.code).toBe(1635);
    expect(error.data.mfaToken.length).toBeGreaterThan(0);
    const loggedIn = await client.mfa.verifyTotpMfa({ totp: totpCode(SECRET), mfaToken: error.data.mfaToken });
    expect(loggedIn).toMatchObject({ id: user.id, username: user.username });

    expect(await h.management.mfa.unAssociateMfa(user.id, 'OTP')).toBe(true);
    expect(await h.management.mfa.getStatus(user.id)).toEqual({ OTP: false, FACE: false });
    expect(await auth().loginByUsername(user.username, PASSWORD)).toMatchObject({ id: user.id });
  });
});

describe('official SDK: management.principal', () => {
  it('authenticate then detail', async () => {
    const user = await newUser('principal');
    expect(await h.management.principal.detail(user.id)).toBeNull();
    expect(await h.management.principal.authenticate(user.id, { type: 'P', name: '张三', idCard: '11010519491231002X', bankCard: '6222020200001234567' })).toBe(true);
    expect(await h.management.principal.detail(user.id)).toMatchObject({ userId: user.id, principalType: 'P', principalName: '张三', principalCode: '11010519491231002X' });
    expect((await thrown(h.management.principal.authenticate(user.id, { type: 'P', name: '张三', idCard: '11010519491231002X', bankCard: '6222020200001234567' }))).code).toBe(3854);
  });
});

describe('official SDK: userpool env', () => {
  it('addEnv / listEnv / removeEnv', async () => {
    expect(await h.management.userpool.addEnv('K1', 'v1')).toEqual([{ key: 'K1', value: 'v1' }]);
    await h.management.userpool.addEnv('K2', { n: 1 });
    expect(await h.management.userpool.listEnv()).toEqual([
      { key: 'K1', value: 'v1' },
      { key: 'K2', value: { n: 1 } },
    ]);
    expect(await h.management.userpool.removeEnv('K1')).toEqual([{ key: 'K2', value: { n: 1 } }]);
  });
});

describe('official SDK: sendEmail and checkLoginStatus', () => {
  it('sendEmail reaches the outbox; checkLoginStatus decodes a token of ours and fetches the user', async () => {
    const email = `mail_${h.suffix}@example.com`;
    expect(await h.management.sendEmail(email, EmailScene.ResetPassword)).toMatchObject({ code: 200 });
    const res = await fetch(`${h.server.url}/__local/outbox?recipient=${encodeURIComponent(email)}`, { headers: { 'x-authing-userpool-id': h.server.userPoolId } });
    expect(((await res.json()) as { data: { totalCount: number } }).data.totalCount).toBe(1);

    const user = await newUser('status');
    const loggedIn = await auth().loginByUsername(user.username, PASSWORD);
    expect(await h.management.checkLoginStatus(loggedIn.token!)).toMatchObject({ id: user.id, userPoolId: h.server.userPoolId });
    expect(await h.management.checkLoginStatus(loggedIn.token!, { fetchUserDetail: true })).toMatchObject({ id: user.id, username: user.username });
  });
});

describe('official SDK: isPasswordValid', () => {
  it('answers one { valid, message }', async () => {
    const result = await h.management.isPasswordValid('abcdef1!');
    expect(result).toEqual([{ valid: true, message: expect.any(String) }]);
  });
});
