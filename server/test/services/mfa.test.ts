import { generateSync } from 'otplib';
import { describe, expect, it } from 'vitest';
import { MFA_TOKEN_TTL_S } from '../../src/auth/mfa-token.js';
import { associateTotp, confirmTotp, deleteTotp, hasTotp, listAuthenticators, useTotp } from '../../src/services/mfa.js';
import { assertLiveChallenge, completeWithRecoveryCode, completeWithTotp, MFA_MAX_ATTEMPTS, mfaChallengeFor, recordChallenge } from '../../src/services/mfa-login.js';
import { decryptSecret, encryptSecret, recoveryCodeMatches, hashRecoveryCode, totpStep } from '../../src/services/mfa-totp.js';
import { updatePoolSettings } from '../../src/services/pool-settings.js';
import { createUser } from '../../src/services/users.js';
import { expectCode, fixture } from './helpers.js';

/** A fixed clock in the middle of a 30-second step. */
const T0 = Date.UTC(2026, 0, 1, 12, 0, 15);
const codeAt = (secret: string, ms: number) => generateSync({ secret, epoch: Math.floor(ms / 1000) });
const STEP = 30_000;

async function enrolled() {
  const f = await fixture();
  const user = await createUser(f.ctx, { username: 'alice', email: 'alice@example.com' });
  const association = await associateTotp(f.ctx, user.id, 'SELF');
  await confirmTotp(f.ctx, user.id, codeAt(association.secret, T0), T0);
  return { ...f, user, association };
}

describe('TOTP codes (mfa-totp)', () => {
  it('accepts a code one step either side of now, not two, and never a step already used', async () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const step = Math.floor(T0 / STEP);
    expect(await totpStep(secret, codeAt(secret, T0), null, T0)).toBe(step);
    expect(await totpStep(secret, codeAt(secret, T0 - STEP), null, T0)).toBe(step - 1);
    expect(await totpStep(secret, codeAt(secret, T0 + STEP), null, T0)).toBe(step + 1);
    expect(await totpStep(secret, codeAt(secret, T0 - 2 * STEP), null, T0)).toBeNull();
    expect(await totpStep(secret, codeAt(secret, T0 + 2 * STEP), null, T0)).toBeNull();
    // Replay: the step of an accepted code, and every earlier one, is spent.
    expect(await totpStep(secret, codeAt(secret, T0), step, T0)).toBeNull();
    expect(await totpStep(secret, codeAt(secret, T0 - STEP), step, T0)).toBeNull();
    expect(await totpStep(secret, codeAt(secret, T0 + STEP), step, T0)).toBe(step + 1);
    for (const malformed of ['', '12345', '1234567', 'abcdef', ' ']) expect(await totpStep(secret, malformed, null, T0)).toBeNull();
  });

  it('encrypts secrets per pool (AES-GCM: tampering and another pool fail) and hashes recovery codes', () => {
    const stored = encryptSecret('JBSWY3DPEHPK3PXP', 'pool-jwt-key', 'pool-a');
    expect(stored).not.toContain('JBSWY3DPEHPK3PXP');
    expect(decryptSecret(stored, 'pool-jwt-key', 'pool-a')).toBe('JBSWY3DPEHPK3PXP');
    expect(encryptSecret('JBSWY3DPEHPK3PXP', 'pool-jwt-key', 'pool-a')).not.toBe(stored);
    expect(() => decryptSecret(stored, 'pool-jwt-key', 'pool-b')).toThrow();
    const [v, iv, tag, body] = stored.split('.');
    expect(() => decryptSecret([v, iv, tag, `${body!.slice(0, -2)}AA`].join('.'), 'pool-jwt-key', 'pool-a')).toThrow();
    const hash = hashRecoveryCode('ab12-cd34-ef56-7890');
    expect(hash).not.toContain('ab12');
    expect(recoveryCodeMatches(' AB12-CD34-EF56-7890 ', hash)).toBe(true);
    expect(recoveryCodeMatches('ab12-cd34-ef56-7891', hash)).toBe(false);
  });
});

describe('authenticators (mfa)', () => {
  it('stores the secret encrypted and the recovery code hashed, and lists only a confirmed authenticator', async () => {
    const f = await fixture();
    const user = await createUser(f.ctx, { username: 'bob' });
    const association = await associateTotp(f.ctx, user.id, 'SELF');
    const row = await f.store.db.selectFrom('mfa_authenticators').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ enabled: 0, source: 'SELF', last_step: null });
    expect(row.secret_enc).not.toContain(association.secret);
    expect(row.recovery_code_hash).not.toContain(association.recovery_code);
    expect(await listAuthenticators(f.ctx, user.id)).toEqual([]);
    expect(await hasTotp(f.store.db, f.ctx.poolId, user.id)).toBe(false);

    // Requested again while pending: a new secret replaces the old one.
    const again = await associateTotp(f.ctx, user.id, 'SELF');
    expect(again.secret).not.toBe(association.secret);
    await expectCode(confirmTotp(f.ctx, user.id, codeAt(association.secret, T0), T0), 6001);
    await expectCode(confirmTotp(f.ctx, user.id, undefined, T0), 6003);
    await confirmTotp(f.ctx, user.id, codeAt(again.secret, T0), T0);
    expect(await listAuthenticators(f.ctx, user.id, 'TOTP')).toMatchObject([{ userId: user.id, enable: true, authenticatorType: 'totp' }]);
    expect(await listAuthenticators(f.ctx, user.id, 'face')).toEqual([]);
    await expectCode(associateTotp(f.ctx, user.id, 'SELF'), 6010);
    await expectCode(confirmTotp(f.ctx, user.id, codeAt(again.secret, T0 + STEP), T0), 6010);

    await deleteTotp(f.ctx, user.id);
    await deleteTotp(f.ctx, user.id);
    expect(await hasTotp(f.store.db, f.ctx.poolId, user.id)).toBe(false);
    await expectCode(confirmTotp(f.ctx, user.id, '123456', T0), 6011);
  });

  it('spends the step of every accepted code', async () => {
    const { store, ctx, user, association } = await enrolled();
    const use = (code: string, now: number) => store.write((tx) => useTotp(ctx, tx, user.id, code, now));
    await expectCode(use(codeAt(association.secret, T0), T0), 6001);
    await use(codeAt(association.secret, T0 + STEP), T0 + STEP);
    await expectCode(use(codeAt(association.secret, T0 + STEP), T0 + STEP), 6001);
    await expectCode(use('', T0), 6003);
  });
});

describe('the MFA step of a login (mfa-login)', () => {
  it('asks users with a confirmed authenticator (1635 kind) and every user when the pool enables a factor', async () => {
    const f = await fixture();
    const plain = await createUser(f.ctx, { username: 'plain', phone: '+8613800000001', nickname: 'Plain' });
    expect(await mfaChallengeFor(f.ctx, plain)).toBeNull();
    const { user } = { user: await createUser(f.ctx, { username: 'totp' }) };
    const association = await associateTotp(f.ctx, user.id, 'SELF');
    expect(await mfaChallengeFor(f.ctx, user)).toBeNull();
    await confirmTotp(f.ctx, user.id, codeAt(association.secret, T0), T0);
    expect(await mfaChallengeFor(f.ctx, user)).toMatchObject({ kind: 'personal', data: { totpMfaEnabled: true, applicationMfa: [{ mfaPolicy: 'OTP', status: 1, sort: 0 }] } });

    await f.store.write((tx) => updatePoolSettings(tx, f.ctx.poolId, { applicationMfa: [{ mfaPolicy: 'EMAIL', status: 1, sort: 2 }, { mfaPolicy: 'SMS', status: 1, sort: 1 }, { mfaPolicy: 'OTP', status: 0, sort: 0 }] }));
    expect(await mfaChallengeFor(f.ctx, plain)).toEqual({
      kind: 'application',
      data: {
        applicationMfa: [{ mfaPolicy: 'SMS', status: 1, sort: 1 }, { mfaPolicy: 'EMAIL', status: 1, sort: 2 }],
        totpMfaEnabled: false,
        faceMfaEnabled: false,
        username: 'plain',
        nickname: 'Plain',
        email: null,
        phone: '+8613800000001',
        phoneCountryCode: null,
        avatar: expect.any(String),
        mfaPhone: '+8613800000001',
        mfaEmail: null,
      },
    });
  });

  it('completes a challenge once, counts wrong codes, and refuses an expired or spent one (2020)', async () => {
    const { ctx, user, association } = await enrolled();
    const exp = Math.floor(T0 / 1000) + MFA_TOKEN_TTL_S;
    await recordChallenge(ctx, { jti: 'c1', userId: user.id, appId: null, exp });
    const c1 = { jti: 'c1', userId: user.id };
    await expectCode(completeWithTotp(ctx, c1, codeAt(association.secret, T0), T0), 6001);
    const session = await completeWithTotp(ctx, c1, codeAt(association.secret, T0 + STEP), T0 + STEP);
    expect(session.user.id).toBe(user.id);
    await expectCode(completeWithTotp(ctx, c1, codeAt(association.secret, T0 + 2 * STEP), T0 + 2 * STEP), 2020);
    await expectCode(assertLiveChallenge(ctx, 'c1', T0), 2020);

    await recordChallenge(ctx, { jti: 'c2', userId: user.id, appId: null, exp });
    await expectCode(completeWithTotp(ctx, { jti: 'c2', userId: user.id }, codeAt(association.secret, T0 + 3 * STEP), (exp + 1) * 1000), 2020);

    await recordChallenge(ctx, { jti: 'c3', userId: user.id, appId: null, exp: Math.floor(Date.now() / 1000) + 60 });
    const c3 = { jti: 'c3', userId: user.id };
    for (let i = 0; i < MFA_MAX_ATTEMPTS; i++) await expectCode(completeWithRecoveryCode(ctx, c3, 'ffff-ffff-ffff-ffff'), 6002);
    await expectCode(completeWithRecoveryCode(ctx, c3, association.recovery_code), 2020);

    await recordChallenge(ctx, { jti: 'c4', userId: user.id, appId: null, exp: Math.floor(Date.now() / 1000) + 60 });
    const { recoveryCode } = await completeWithRecoveryCode(ctx, { jti: 'c4', userId: user.id }, association.recovery_code);
    expect(recoveryCode).not.toBe(association.recovery_code);
    await recordChallenge(ctx, { jti: 'c5', userId: user.id, appId: null, exp: Math.floor(Date.now() / 1000) + 60 });
    await expectCode(completeWithRecoveryCode(ctx, { jti: 'c5', userId: user.id }, association.recovery_code), 6002);
  });
});
