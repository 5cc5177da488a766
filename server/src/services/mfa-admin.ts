import { Errors } from '../errors.js';
import { newId, nowIso } from '../storage/ids.js';
import type { ServiceContext } from './context.js';
import { findUser } from './lookup.js';
import { TOTP, hasTotp } from './mfa.js';
import { encryptSecret, hashRecoveryCode, newRecoveryCode } from './mfa-totp.js';

/**
 * The management side of MFA (`managementClient.mfa`) over the rows of services/mfa.ts: which
 * factors a user has, removing one, and importing a TOTP secret the user already has in an
 * authenticator app (bound and confirmed at once, so the user's next login asks for it: 1635).
 */

export type UserMfaType = 'OTP' | 'FACE';

export interface ImportedTotp {
  id: string;
  userId: string;
  enable: boolean;
  secret: string;
  authenticatorType: string;
  recoveryCode: string;
  createdAt: string;
  updatedAt: string;
}

async function requireUser(ctx: ServiceContext, userId: string): Promise<void> {
  if (!(await findUser(ctx.store.db, ctx.poolId, userId))) throw Errors.userNotFound();
}

/** `{OTP, FACE}`: OTP when a confirmed TOTP authenticator is bound; authing-local has no face factor. 2004 unknown user. */
export async function mfaStatus(ctx: ServiceContext, userId: string): Promise<Record<UserMfaType, boolean>> {
  await requireUser(ctx, userId);
  return { OTP: await hasTotp(ctx.store.db, ctx.poolId, userId), FACE: false };
}

/** Removes the user's factor of `type`: OTP deletes the TOTP authenticator; FACE has none to remove. 400 other types. */
export async function unbindMfa(ctx: ServiceContext, userId: string, type: unknown): Promise<void> {
  if (type !== 'OTP' && type !== 'FACE') throw Errors.invalidInput('type must be OTP or FACE', 'type 必须为 OTP 或 FACE');
  await requireUser(ctx, userId);
  if (type === 'FACE') return;
  await ctx.store.write((tx) =>
    tx.deleteFrom('mfa_authenticators').where('userpool_id', '=', ctx.poolId).where('user_id', '=', userId).where('type', '=', TOTP).execute(),
  );
}

/** Base32 (RFC 4648) without padding or spaces, upper case; at least 16 characters (80 bits). */
function normalizeSecret(secret: unknown): string {
  const text = typeof secret === 'string' ? secret.replace(/[\s=]/g, '').toUpperCase() : '';
  if (!/^[A-Z2-7]{16,128}$/.test(text)) {
    throw Errors.invalidInput('secret must be a base32 TOTP secret of 16 to 128 characters', 'secret 必须为 16 到 128 个字符的 base32 TOTP 密钥');
  }
  return text;
}

function normalizeRecoveryCode(code: unknown): string | null {
  if (code === undefined || code === null || code === '') return null;
  const text = typeof code === 'string' ? code.trim() : '';
  if (!text || text.length > 64) throw Errors.invalidInput('recoveryCode must be 1 to 64 characters', 'recoveryCode 必须为 1 到 64 个字符');
  return text;
}

/**
 * Binds `secret` as the user's TOTP authenticator, confirmed, replacing any they had; the
 * recovery code is the one given or a new one. 400 bad secret / recovery code, 2004 unknown user.
 */
export async function importTotp(ctx: ServiceContext, input: { userId: unknown; secret: unknown; recoveryCode?: unknown }): Promise<ImportedTotp> {
  const userId = typeof input.userId === 'string' ? input.userId.trim() : '';
  if (!userId) throw Errors.invalidInput('userId is required', 'userId 不能为空');
  const secret = normalizeSecret(input.secret);
  const recoveryCode = normalizeRecoveryCode(input.recoveryCode) ?? newRecoveryCode();
  await requireUser(ctx, userId);
  const pool = await ctx.store.db.selectFrom('userpools').select('jwt_secret').where('id', '=', ctx.poolId).executeTakeFirstOrThrow();
  const id = newId();
  const now = nowIso();
  await ctx.store.write(async (tx) => {
    await tx.deleteFrom('mfa_authenticators').where('userpool_id', '=', ctx.poolId).where('user_id', '=', userId).where('type', '=', TOTP).execute();
    await tx
      .insertInto('mfa_authenticators')
      .values({
        id,
        userpool_id: ctx.poolId,
        user_id: userId,
        type: TOTP,
        secret_enc: encryptSecret(secret, pool.jwt_secret, ctx.poolId),
        enabled: 1,
        recovery_code_hash: hashRecoveryCode(recoveryCode),
        last_step: null,
        source: 'IMPORT',
        created_at: now,
        updated_at: now,
      })
      .execute();
  });
  return { id, userId, enable: true, secret, authenticatorType: TOTP, recoveryCode, createdAt: now, updatedAt: now };
}
