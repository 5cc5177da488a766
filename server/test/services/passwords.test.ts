import { describe, expect, it } from 'vitest';
import { loginSession } from '../../src/services/authentication.js';
import { checkStrength, effectiveLevel, kindsOf, passwordStrengthOf } from '../../src/services/password-strength.js';
import {
  passwordLoginGate,
  resetPasswordByCode,
  resetPasswordByFirstLoginToken,
  resetPasswordByForceResetToken,
  TICKET_TTL_SECONDS,
  updatePassword,
} from '../../src/services/passwords.js';
import { updatePoolSettings } from '../../src/services/pool-settings.js';
import { sendEmailCode, sendSmsCode } from '../../src/services/send-codes.js';
import { ensureDefaultPool } from '../../src/storage/bootstrap.js';
import { Store } from '../../src/storage/store.js';
import { findUserRowBy, createUser } from '../../src/services/users.js';
import { expectCode, fixture, type Fixture } from './helpers.js';
import { testDatabase } from '../support/databases.js';

const DAY = 86_400_000;

/** The token a refused login carried in `data.token`. */
async function refusalToken(promise: Promise<unknown>, code: number): Promise<string> {
  const error = await expectCode(promise, code);
  const token = (error.data as { token?: unknown }).token;
  expect(token).toEqual(expect.any(String));
  return token as string;
}

async function setStrength(f: Fixture, passwordStrength: number) {
  await f.store.write((tx) => updatePoolSettings(tx, f.ctx.poolId, { passwordStrength }));
}

describe('password strength levels', () => {
  it('counts letters, digits and symbols; white space is no kind', () => {
    expect(kindsOf('abcdef')).toBe(1);
    expect(kindsOf('abc123')).toBe(2);
    expect(kindsOf('ab1!')).toBe(3);
    expect(kindsOf('      ')).toBe(0);
    expect(kindsOf('中文密码')).toBe(1);
  });

  it.each([
    [0, 'a', true],
    [0, '', false],
    [1, 'abcde', false],
    [1, 'abcdef', true],
    [1, '123456', true],
    [2, 'abcdefgh', false],
    [2, 'abc123', true],
    [2, 'abc!!!', true],
    [2, 'ab1', false],
    [3, 'abc123', false],
    [3, 'abc12!', true],
    [3, 'a1!', false],
    [9, 'abc123', false],
    [9, 'abc12!', true],
  ])('level %i: %j is valid=%s', (level, password, valid) => {
    expect(checkStrength(level, password).valid).toBe(valid);
  });

  it('reads a stored level above 3 as 3 and anything not positive as 0', () => {
    expect([effectiveLevel(-1), effectiveLevel(0), effectiveLevel(1.7), effectiveLevel(4), effectiveLevel(Number.NaN)]).toEqual([0, 0, 1, 3, 0]);
  });

  it('answers the requirement in the caller language, and a confirmation when valid', async () => {
    const f = await fixture();
    await setStrength(f, 2);
    expect(await passwordStrengthOf(f.store.db, f.ctx.poolId, 'abcdefg', 'zh-CN')).toEqual({
      valid: false,
      message: '密码至少 6 位，且须包含字母、数字、符号中的至少两种',
    });
    expect(await passwordStrengthOf(f.store.db, f.ctx.poolId, 'abcdefg', 'en-US')).toMatchObject({ valid: false, message: expect.stringContaining('two of') });
    expect(await passwordStrengthOf(f.store.db, f.ctx.poolId, 'abc123', 'en-US')).toEqual({ valid: true, message: 'The password meets the strength requirement' });
  });
});

describe('password flows', () => {
  it('refuses a weak new password with 2029 in every flow, and writes nothing', async () => {
    const f = await fixture();
    const user = await createUser(f.ctx, { username: 'weak', email: 'weak@example.com', password: 'first-1' });
    await setStrength(f, 3);
    await expectCode(updatePassword(f.ctx, user.id, 'onlyletters', 'first-1'), 2029);
    const mail = await sendEmailCode(f.ctx, 'weak@example.com', 'RESET_PASSWORD');
    await expectCode(resetPasswordByCode(f.ctx, { email: 'weak@example.com', code: mail.data.code as string, newPassword: 'abc123' }), 2029);
    // The code was not spent: it still resets with a strong password.
    await resetPasswordByCode(f.ctx, { email: 'weak@example.com', code: mail.data.code as string, newPassword: 'abc12!' });
  });

  it('updatePassword: 2201 without the old password, 2203 with a wrong one; a user without a password sets one', async () => {
    const f = await fixture();
    const user = await createUser(f.ctx, { username: 'old', password: 'first-1' });
    await expectCode(updatePassword(f.ctx, user.id, 'second-2'), 2201);
    await expectCode(updatePassword(f.ctx, user.id, 'second-2', 'nope'), 2203);
    await updatePassword(f.ctx, user.id, 'second-2', 'first-1');
    const row = await findUserRowBy(f.store.db, f.ctx.poolId, { username: 'old' });
    expect(await f.store.passwords.verify('second-2', row!.password_hash!)).toBe(true);
    expect(row!.session_version).toBe(0);

    const bare = await createUser(f.ctx, { username: 'bare' });
    await updatePassword(f.ctx, bare.id, 'first-1');
    await loginSession(f.ctx, 'username', 'bare', 'first-1');
  });

  it('first login: 1639 with a token, single use, bound to its kind; the reset ends the sessions and the login then passes', async () => {
    const f = await fixture();
    const user = await createUser(f.ctx, { username: 'first', password: 'initial-1' }, null, { resetPasswordOnFirstLogin: true });
    const token = await refusalToken(loginSession(f.ctx, 'username', 'first', 'initial-1'), 1639);
    // The token is no forced-change token.
    await expectCode(resetPasswordByForceResetToken(f.ctx, { token, oldPassword: 'initial-1', newPassword: 'chosen-2' }), 2059);
    await resetPasswordByFirstLoginToken(f.ctx, token, 'chosen-2');
    await expectCode(resetPasswordByFirstLoginToken(f.ctx, token, 'again-3'), 2059);
    const row = await findUserRowBy(f.store.db, f.ctx.poolId, { username: 'first' });
    expect(row!.session_version).toBe(1);
    const session = await loginSession(f.ctx, 'username', 'first', 'chosen-2');
    expect(session.user.id).toBe(user.id);
    await expectCode(loginSession(f.ctx, 'username', 'first', 'initial-1'), 2333);
  });

  it('tokens expire after TICKET_TTL_SECONDS, and a newer password voids pending ones', async () => {
    const f = await fixture();
    await createUser(f.ctx, { username: 'ttl', password: 'initial-1' }, null, { resetPasswordOnFirstLogin: true });
    const row = (await findUserRowBy(f.store.db, f.ctx.poolId, { username: 'ttl' }))!;
    const now = Date.now();
    const token = await refusalToken(passwordLoginGate(f.ctx, row, now), 1639);
    await expectCode(resetPasswordByFirstLoginToken(f.ctx, token, 'chosen-2', now + TICKET_TTL_SECONDS * 1000), 2059);
    const second = await refusalToken(passwordLoginGate(f.ctx, row, now), 1639);
    const third = await refusalToken(passwordLoginGate(f.ctx, row, now), 1639);
    await resetPasswordByFirstLoginToken(f.ctx, second, 'chosen-2', now + 1000);
    await expectCode(resetPasswordByFirstLoginToken(f.ctx, third, 'chosen-3', now + 2000), 2059);
  });

  it('forced change: 2058 once the password is older than forcedCycle days; needs the right old password', async () => {
    const f = await fixture();
    await createUser(f.ctx, { username: 'aged', password: 'initial-1' });
    await f.store.write((tx) => updatePoolSettings(tx, f.ctx.poolId, { passwordUpdatePolicy: { enabled: true, forcedCycle: 30 } }));
    const row = (await findUserRowBy(f.store.db, f.ctx.poolId, { username: 'aged' }))!;
    const created = Date.parse(row.created_at);
    await passwordLoginGate(f.ctx, row, created + 29 * DAY);
    const later = created + 31 * DAY;
    const token = await refusalToken(passwordLoginGate(f.ctx, row, later), 2058);
    await expectCode(resetPasswordByForceResetToken(f.ctx, { token, oldPassword: 'wrong', newPassword: 'chosen-2' }, later), 2203);
    await resetPasswordByForceResetToken(f.ctx, { token, oldPassword: 'initial-1', newPassword: 'chosen-2' }, later);
    await expectCode(resetPasswordByForceResetToken(f.ctx, { token, oldPassword: 'chosen-2', newPassword: 'chosen-3' }, later), 2059);
    // The cycle starts again at the change.
    const changed = (await findUserRowBy(f.store.db, f.ctx.poolId, { username: 'aged' }))!;
    await passwordLoginGate(f.ctx, changed, later + 29 * DAY);
    await expectCode(passwordLoginGate(f.ctx, changed, later + 30 * DAY), 2058);
  });

  it('resetPassword: exactly one target; a right code for an unknown account is 2004 and stays unspent', async () => {
    const f = await fixture();
    await expectCode(resetPasswordByCode(f.ctx, { code: '123456', newPassword: 'x-123456' }), 400);
    await expectCode(resetPasswordByCode(f.ctx, { phone: '13800000000', email: 'a@example.com', code: '123456', newPassword: 'x-123456' }), 400);
    const mail = await sendEmailCode(f.ctx, 'ghost@example.com', 'RESET_PASSWORD');
    const code = mail.data.code as string;
    await expectCode(resetPasswordByCode(f.ctx, { email: 'ghost@example.com', code, newPassword: 'x-123456' }), 2004);
    await createUser(f.ctx, { email: 'ghost@example.com', password: 'old-1234' });
    await resetPasswordByCode(f.ctx, { email: 'GHOST@example.com', code, newPassword: 'x-123456' });
    await loginSession(f.ctx, 'email', 'ghost@example.com', 'x-123456');
  });

  it('resetPassword takes only a RESET_PASSWORD mail code, and any SMS code', async () => {
    const store = await Store.open(testDatabase(), { verificationCodes: { resendSeconds: 0 } });
    const ctx = { store, poolId: (await ensureDefaultPool(store)).userPoolId };
    await createUser(ctx, { email: 'scene@example.com', phone: '13800000002', password: 'old-1234' });
    const verify = await sendEmailCode(ctx, 'scene@example.com', 'VERIFY_EMAIL');
    await expectCode(resetPasswordByCode(ctx, { email: 'scene@example.com', code: verify.data.code as string, newPassword: 'x-123456' }), 2002);
    const sms = await sendSmsCode(ctx, '138 0000 0002');
    await resetPasswordByCode(ctx, { phone: '13800000002', code: sms.data.code as string, newPassword: 'x-123456' });
    await loginSession(ctx, 'phone', '13800000002', 'x-123456');
  });
});
