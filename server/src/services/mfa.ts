import { Errors } from '../errors.js';
import { newId, nowIso } from '../storage/ids.js';
import type { MfaAuthenticatorsTable } from '../storage/tables.js';
import type { Tx } from '../storage/store.js';
import type { Db, ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { findUser } from './lookup.js';
import {
  decryptSecret,
  encryptSecret,
  hashRecoveryCode,
  newRecoveryCode,
  newTotpSecret,
  otpauthUri,
  qrcodeDataUrl,
  recoveryCodeMatches,
  totpStep,
} from './mfa-totp.js';

/**
 * A user's TOTP authenticator, the `/api/v2/mfa/totp/*` calls of the end user: request one
 * (associate: a new secret, its QR code and a recovery code, pending), confirm it with a code
 * (then every login of the user asks for a code: 1635), remove it, and check codes and recovery
 * codes for the MFA step of a login (services/mfa-login.ts). One authenticator per user; the
 * management MFA calls (`mfa.getStatus`, `unAssociateMfa`, `importTotp`) use the same rows.
 */

export const TOTP = 'totp';

/** What `GET /api/v2/mfa/authenticator` lists. The secret and recovery code are never answered again. */
export interface MfaAuthenticator {
  id: string;
  createdAt: string;
  updatedAt: string;
  userId: string;
  enable: boolean;
  authenticatorType: string;
  source: string;
}

export interface TotpAssociation {
  authenticator_type: string;
  secret: string;
  qrcode_uri: string;
  qrcode_data_url: string;
  recovery_code: string;
}

/** The pool's name (the issuer an authenticator app shows) and the key material that encrypts its TOTP secrets (its JWT key). */
async function poolRow(db: Db, poolId: string): Promise<{ name: string; jwt_secret: string }> {
  const row = await db.selectFrom('userpools').select(['name', 'jwt_secret']).where('id', '=', poolId).executeTakeFirst();
  if (!row) throw ServiceErrors.poolNotFound();
  return row;
}

const poolKey = async (db: Db, poolId: string) => (await poolRow(db, poolId)).jwt_secret;

function findAuthenticator(db: Db, poolId: string, userId: string) {
  return db
    .selectFrom('mfa_authenticators')
    .selectAll()
    .where('userpool_id', '=', poolId)
    .where('user_id', '=', userId)
    .where('type', '=', TOTP)
    .executeTakeFirst();
}

/** Whether the user has a confirmed TOTP authenticator (a login of theirs then needs a code). */
export async function hasTotp(db: Db, poolId: string, userId: string): Promise<boolean> {
  return (await findAuthenticator(db, poolId, userId))?.enabled === 1;
}

const toAuthenticator = (row: MfaAuthenticatorsTable): MfaAuthenticator => ({
  id: row.id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  userId: row.user_id,
  enable: row.enabled === 1,
  authenticatorType: row.type,
  source: row.source,
});

/** The user's confirmed authenticators of `type` (only `totp` exists): an empty list before confirmation. */
export async function listAuthenticators(ctx: ServiceContext, userId: string, type = TOTP): Promise<MfaAuthenticator[]> {
  if (type.toLowerCase() !== TOTP) return [];
  const row = await findAuthenticator(ctx.store.db, ctx.poolId, userId);
  return row?.enabled === 1 ? [toAuthenticator(row)] : [];
}

/**
 * Starts binding a TOTP authenticator: a new secret and recovery code, pending until confirmed
 * (a pending one is replaced). 6010 when one is bound already: remove it first.
 */
export async function associateTotp(ctx: ServiceContext, userId: string, source: string): Promise<TotpAssociation> {
  const db = ctx.store.db;
  const user = await findUser(db, ctx.poolId, userId);
  if (!user) throw Errors.userNotFound();
  const { name: issuer, jwt_secret: key } = await poolRow(db, ctx.poolId);
  const secret = newTotpSecret();
  const recovery = newRecoveryCode();
  const label = user.email ?? user.phone ?? user.username ?? user.id;
  await ctx.store.write(async (tx) => {
    const current = await findAuthenticator(tx, ctx.poolId, userId);
    if (current?.enabled === 1) throw ServiceErrors.totpAlreadyBound();
    if (current) await tx.deleteFrom('mfa_authenticators').where('id', '=', current.id).execute();
    const now = nowIso();
    await tx
      .insertInto('mfa_authenticators')
      .values({
        id: newId(),
        userpool_id: ctx.poolId,
        user_id: userId,
        type: TOTP,
        secret_enc: encryptSecret(secret, key, ctx.poolId),
        enabled: 0,
        recovery_code_hash: hashRecoveryCode(recovery),
        last_step: null,
        source,
        created_at: now,
        updated_at: now,
      })
      .execute();
  });
  const uri = otpauthUri(secret, label, issuer);
  return { authenticator_type: TOTP, secret, qrcode_uri: uri, qrcode_data_url: qrcodeDataUrl(uri), recovery_code: recovery };
}

/** Confirms the pending authenticator with a code of it: 6003 no code, 6011 none pending, 6010 confirmed already, 6001 wrong. */
export async function confirmTotp(ctx: ServiceContext, userId: string, totp: string | null | undefined, now = Date.now()): Promise<void> {
  if (!totp || !String(totp).trim()) throw ServiceErrors.totpRequired();
  const key = await poolKey(ctx.store.db, ctx.poolId);
  await ctx.store.write(async (tx) => {
    const row = await findAuthenticator(tx, ctx.poolId, userId);
    if (!row) throw ServiceErrors.totpNotBound();
    if (row.enabled === 1) throw ServiceErrors.totpAlreadyBound();
    const step = await totpStep(decryptSecret(row.secret_enc, key, ctx.poolId), totp, row.last_step, now);
    if (step === null) throw ServiceErrors.wrongTotp();
    await tx.updateTable('mfa_authenticators').set({ enabled: 1, last_step: step, updated_at: nowIso() }).where('id', '=', row.id).execute();
  });
}

/** Removes the user's authenticator (pending or confirmed); nothing to remove is no error. */
export async function deleteTotp(ctx: ServiceContext, userId: string): Promise<void> {
  await ctx.store.write((tx) =>
    tx.deleteFrom('mfa_authenticators').where('userpool_id', '=', ctx.poolId).where('user_id', '=', userId).where('type', '=', TOTP).execute(),
  );
}

/**
 * Checks a code of the user's confirmed authenticator inside the caller's transaction and spends
 * its time step (a code is accepted once). 6003 no code, 6011 no authenticator, 6001 wrong or replayed.
 */
export async function useTotp(ctx: ServiceContext, tx: Tx, userId: string, totp: string | null | undefined, now = Date.now()): Promise<void> {
  if (!totp || !String(totp).trim()) throw ServiceErrors.totpRequired();
  const row = await findAuthenticator(tx, ctx.poolId, userId);
  if (row?.enabled !== 1) throw ServiceErrors.totpNotBound();
  const step = await totpStep(decryptSecret(row.secret_enc, await poolKey(tx, ctx.poolId), ctx.poolId), totp, row.last_step, now);
  if (step === null) throw ServiceErrors.wrongTotp();
  await tx.updateTable('mfa_authenticators').set({ last_step: step, updated_at: nowIso() }).where('id', '=', row.id).execute();
}

/**
 * Spends the user's recovery code inside the caller's transaction and issues the next one (a
 * recovery code is good once). 6004 no code, 6011 no authenticator, 6002 wrong.
 * @returns the new recovery code
 */
export async function useRecoveryCode(ctx: ServiceContext, tx: Tx, userId: string, code: string | null | undefined): Promise<string> {
  if (!code || !String(code).trim()) throw ServiceErrors.recoveryCodeRequired();
  const row = await findAuthenticator(tx, ctx.poolId, userId);
  if (row?.enabled !== 1) throw ServiceErrors.totpNotBound();
  if (!recoveryCodeMatches(code, row.recovery_code_hash)) throw ServiceErrors.wrongRecoveryCode();
  const next = newRecoveryCode();
  await tx.updateTable('mfa_authenticators').set({ recovery_code_hash: hashRecoveryCode(next), updated_at: nowIso() }).where('id', '=', row.id).execute();
  return next;
}
