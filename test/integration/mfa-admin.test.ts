import { AuthingValidationError } from 'authing-ts';
import { generateSync } from 'otplib';
import { describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();
const PASSWORD = 'mfa-admin-passw0rd!';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

const totp = (secret: string, steps = 0) => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });

async function newUser() {
  const username = uid('mfaadm');
  const user = await h.management.users.create({ username, password: PASSWORD });
  return { username, id: user.id };
}

describe('management.mfa', () => {
  it('imports a TOTP secret: status OTP, login answers 1635, a code of the imported secret completes it', async () => {
    const { username, id } = await newUser();
    expect(await h.management.mfa.getStatus(id)).toEqual({ OTP: false, FACE: false });

    const imported = await h.management.mfa.importTotp(id, SECRET.toLowerCase(), 'my-recovery-code');
    expect(imported).toMatchObject({ userId: id, enable: true, secret: SECRET, authenticatorType: 'totp', recoveryCode: 'my-recovery-code' });
    expect(imported.id).toEqual(expect.any(String));
    expect(await h.management.mfa.getStatus(id)).toEqual({ OTP: true, FACE: false });

    const auth = h.authentication();
    const challenge = await failure(auth.loginByUsername(username, PASSWORD));
    expect(challenge.code).toBe(1635);
    const { mfaToken } = challenge.data as { mfaToken: string };
    const user = await auth.mfa.verifyTotpMfa({ totp: totp(SECRET), mfaToken });
    expect(user).toMatchObject({ id, username, token: expect.any(String) });

    // The imported recovery code works as well.
    const second = await failure(h.authentication().loginByUsername(username, PASSWORD));
    const recovered = await h.authentication().mfa.verifyTotpRecoveryCode({ recoveryCode: 'my-recovery-code', mfaToken: (second.data as { mfaToken: string }).mfaToken });
    expect(recovered).toMatchObject({ id });
  });

  it('makes a recovery code when none is given, and a second import replaces the first secret', async () => {
    const { username, id } = await newUser();
    const first = await h.management.mfa.importTotp(id, SECRET);
    expect(first.recoveryCode).toMatch(/^[0-9a-f]{4}(-[0-9a-f]{4}){3}$/);
    const other = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    await h.management.mfa.importTotp(id, other);
    const challenge = await failure(h.authentication().loginByUsername(username, PASSWORD));
    const { mfaToken } = challenge.data as { mfaToken: string };
    const auth = h.authentication();
    expect((await failure(auth.mfa.verifyTotpMfa({ totp: totp(SECRET), mfaToken }))).code).toBe(6001);
    await expect(auth.mfa.verifyTotpMfa({ totp: totp(other), mfaToken })).resolves.toMatchObject({ id });
  });

  it('unAssociateMfa OTP removes the authenticator: the next login asks for nothing', async () => {
    const { username, id } = await newUser();
    await h.management.mfa.importTotp(id, SECRET);
    expect((await failure(h.authentication().loginByUsername(username, PASSWORD))).code).toBe(1635);
    expect(await h.management.mfa.unAssociateMfa(id, 'OTP')).toBe(true);
    expect(await h.management.mfa.getStatus(id)).toEqual({ OTP: false, FACE: false });
    await expect(h.authentication().loginByUsername(username, PASSWORD)).resolves.toMatchObject({ id });
    // Nothing left to remove, and FACE: no error.
    expect(await h.management.mfa.unAssociateMfa(id, 'OTP')).toBe(true);
    expect(await h.management.mfa.unAssociateMfa(id, 'FACE')).toBe(true);
  });

  it('refuses bad input: unknown user 2004, a secret that is not base32 400, blank arguments before sending', async () => {
    const { id } = await newUser();
    expect((await failure(h.management.mfa.getStatus('no-such-user'))).code).toBe(2004);
    expect((await failure(h.management.mfa.unAssociateMfa('no-such-user', 'OTP'))).code).toBe(2004);
    expect((await failure(h.management.mfa.importTotp('no-such-user', SECRET))).code).toBe(2004);
    expect((await failure(h.management.mfa.importTotp(id, '123456'))).code).toBe(400);
    expect((await failure(h.management.mfa.importTotp(id, 'not base32 at all!!'))).code).toBe(400);
    expect(await h.management.mfa.getStatus(id)).toEqual({ OTP: false, FACE: false });
    const sent = h.requests.length;
    await expect(h.management.mfa.importTotp(id, '')).rejects.toBeInstanceOf(AuthingValidationError);
    await expect(h.management.mfa.unAssociateMfa(id, 'SMS' as 'OTP')).rejects.toBeInstanceOf(AuthingValidationError);
    await expect(h.management.mfa.getStatus(' ')).rejects.toBeInstanceOf(AuthingValidationError);
    expect(h.requests.length).toBe(sent);
  });

  it('sends the official paths', async () => {
    const { id } = await newUser();
    h.requests.length = 0;
    await h.management.mfa.getStatus(id);
    await h.management.mfa.unAssociateMfa(id, 'OTP');
    await h.management.mfa.importTotp(id, SECRET, 'rc');
    const calls = h.requests.filter((r) => !r.url.endsWith('/graphql')).map((r) => `${r.method} ${new URL(r.url).pathname}${new URL(r.url).search}`);
    expect(calls).toEqual([`GET /api/v2/users/${id}/mfa-bound`, `DELETE /api/v2/users/${id}/mfa-bound?type=OTP`, 'POST /api/v2/mfa/totp/import']);
    expect(JSON.parse(h.requests.at(-1)!.body!)).toEqual({ userId: id, secret: SECRET, recoveryCode: 'rc' });
  });
});
