import { createHash, randomBytes } from 'node:crypto';
import { Errors } from '../errors.js';
import { nowIso } from '../storage/ids.js';
import type { Tx } from '../storage/store.js';
import type { UsersTable } from '../storage/tables.js';
import type { Db, ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { findUser } from './lookup.js';
import { recordPasswordChange } from './password-state.js';
import { assertPasswordStrength } from './password-strength.js';
import { getPoolSettings } from './pool-settings.js';
import { SMS_SCENE } from './send-codes.js';
import { isLocked } from './sessions.js';
import { findUserRowBy } from './users.js';
import { toWireUser, type WireUser } from './user-wire.js';
import { consumeCode } from './verification-codes.js';

/**
 * Password flows of the end user: reset by a code sent by SMS or mail, change with the old password,
 * and the two logins that must set a new password first.
 *
 * - First login: a user created with `resetPasswordOnFirstLogin: true` that logs in with its
 *   password gets no token but 1639 with `data.token`, for `resetPasswordByFirstLoginToken`.
 * - Forced change: when the pool's `passwordUpdatePolicy` is enabled and the password is older than
 *   `forcedCycle` days (counted from its last change, else from the user's creation), a password
 *   login answers 2058 with `data.token`, for `resetPasswordByForceResetToken` (old and new password).
 *
 * Those tokens are random, stored hashed, valid {@link TICKET_TTL_SECONDS} seconds, single use, and
 * only good for their user, pool and kind; setting a password voids every pending one. A reset (by
 * code or token) ends every session of the user (its session generation moves on); `updatePassword`
 * keeps them, the caller's included. Every new password passes the pool's strength rule (2029).
 * Passwords are hashed before the write transaction opens.
 */

export const TICKET_TTL_SECONDS = 600;
const DAY_MS = 86_400_000;

type TicketKind = 'FIRST_LOGIN' | 'FORCE_RESET';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

async function issueTicket(ctx: ServiceContext, userId: string, kind: TicketKind, now: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await ctx.store.write((tx) =>
    tx
      .insertInto('password_tickets')
      .values({
        token_hash: hashToken(token),
        userpool_id: ctx.poolId,
        user_id: userId,
        kind,
        expires_at: now + TICKET_TTL_SECONDS * 1000,
        created_at: now,
        consumed_at: null,
      })
      .execute(),
  );
  return token;
}

/**
 * The password-login hook (services/authentication.ts `loginSession`), called once every check has
 * passed and before a token is issued: 1639 for a first login that must reset its password, 2058
 * for a password past the pool's forced-change cycle, each with `data.token`; nothing otherwise.
 */
export async function passwordLoginGate(ctx: ServiceContext, row: UsersTable, now = Date.now()): Promise<void> {
  const db = ctx.store.db;
  const state = await db.selectFrom('user_passwords').selectAll().where('user_id', '=', row.id).where('userpool_id', '=', ctx.poolId).executeTakeFirst();
  if (state?.reset_on_first_login) throw ServiceErrors.firstLoginReset(await issueTicket(ctx, row.id, 'FIRST_LOGIN', now));
  const { passwordUpdatePolicy: policy } = await getPoolSettings(db, ctx.poolId);
  const cycleDays = policy?.forcedCycle ?? 0;
  if (!policy?.enabled || !(cycleDays > 0)) return;
  const since = state?.changed_at ?? Date.parse(row.created_at);
  if (now - since >= cycleDays * DAY_MS) throw ServiceErrors.forcedPasswordReset(await issueTicket(ctx, row.id, 'FORCE_RESET', now));
}

/** The live ticket behind `token`, read without spending it; 2059 when there is none. */
async function liveTicket(db: Db, ctx: ServiceContext, token: string, kind: TicketKind, now: number) {
  const ticket = await db
    .selectFrom('password_tickets')
    .selectAll()
    .where('token_hash', '=', hashToken(String(token)))
    .where('userpool_id', '=', ctx.poolId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  if (!ticket || ticket.consumed_at !== null || ticket.expires_at <= now) throw ServiceErrors.invalidPasswordTicket();
  return ticket;
}

/** Spends the ticket inside the write and answers its user (2005 when blocked since). */
async function redeemTicket(tx: Tx, ctx: ServiceContext, token: string, kind: TicketKind, now: number): Promise<UsersTable> {
  const ticket = await liveTicket(tx, ctx, token, kind, now);
  await tx.updateTable('password_tickets').set({ consumed_at: now }).where('token_hash', '=', ticket.token_hash).execute();
  const user = await findUser(tx, ctx.poolId, ticket.user_id);
  if (isLocked(user)) throw ServiceErrors.userLocked();
  return user;
}

/** Stores a new password hash; `endSessions` moves the session generation on (every token issued before stops working). */
async function setPassword(tx: Tx, ctx: ServiceContext, user: UsersTable, passwordHash: string, endSessions: boolean, now: number): Promise<UsersTable> {
  const next: UsersTable = {
    ...user,
    password_hash: passwordHash,
    session_version: endSessions ? user.session_version + 1 : user.session_version,
    updated_at: nowIso(),
  };
  await tx
    .updateTable('users')
    .set({ password_hash: next.password_hash, session_version: next.session_version, updated_at: next.updated_at })
    .where('id', '=', user.id)
    .execute();
  await recordPasswordChange(tx, ctx.poolId, user.id, now);
  await tx.deleteFrom('password_tickets').where('user_id', '=', user.id).where('consumed_at', 'is', null).execute();
  return next;
}

/** A new password checked against the pool's rule, then hashed (outside any transaction). */
async function newPasswordHash(ctx: ServiceContext, password: string): Promise<string> {
  await assertPasswordStrength(ctx.store.db, ctx.poolId, password ?? '');
  return ctx.store.passwords.hash(password);
}

export interface ResetByCodeInput {
  phone?: string | null;
  email?: string | null;
  code: string;
  newPassword: string;
}

/**
 * `resetPassword`: a code sent to the phone (`sendSmsCode`) or address (`sendEmail(email,
 * 'RESET_PASSWORD')`) sets a new password. Exactly one of phone and email (else 400); 2001 / 2002
 * for the code, 2004 when no user holds the phone or address (asked only once the code is right, so
 * the call does not reveal accounts to someone without the code), 2029 for a weak password.
 */
export async function resetPasswordByCode(ctx: ServiceContext, input: ResetByCodeInput, now = Date.now()): Promise<void> {
  const phone = input.phone?.trim() || null;
  const email = input.email?.trim() || null;
  if ((phone === null) === (email === null)) throw ServiceErrors.resetTargetRequired();
  if (!input.code?.trim()) throw Errors.invalidInput('code is required', '验证码不能为空');
  const hash = await newPasswordHash(ctx, input.newPassword);
  await ctx.store.write(async (tx) => {
    if (phone !== null) await consumeCode(ctx, tx, { channel: 'sms', recipient: phone, code: input.code, scenes: [SMS_SCENE] }, now);
    else await consumeCode(ctx, tx, { channel: 'email', recipient: email!, code: input.code, scenes: ['RESET_PASSWORD'] }, now);
    const user = await findUserRowBy(tx, ctx.poolId, phone !== null ? { phone } : { email });
    if (!user) throw Errors.userNotFound();
    await setPassword(tx, ctx, user, hash, true, now);
  });
}

/** `resetPasswordByFirstLoginToken`: the 1639 token sets the first password (2059 for a bad, expired or used token). */
export async function resetPasswordByFirstLoginToken(ctx: ServiceContext, token: string, password: string, now = Date.now()): Promise<void> {
  await liveTicket(ctx.store.db, ctx, token, 'FIRST_LOGIN', now);
  const hash = await newPasswordHash(ctx, password);
  await ctx.store.write(async (tx) => {
    const user = await redeemTicket(tx, ctx, token, 'FIRST_LOGIN', now);
    await setPassword(tx, ctx, user, hash, true, now);
  });
}

/**
 * `resetPasswordByForceResetToken`: the 2058 token, the current password (2203 when wrong; the
 * token stays good until it expires) and a new one.
 */
export async function resetPasswordByForceResetToken(
  ctx: ServiceContext,
  input: { token: string; oldPassword: string; newPassword: string },
  now = Date.now(),
): Promise<void> {
  const ticket = await liveTicket(ctx.store.db, ctx, input.token, 'FORCE_RESET', now);
  const current = await findUser(ctx.store.db, ctx.poolId, ticket.user_id);
  await verifyOld(ctx, current, input.oldPassword);
  const hash = await newPasswordHash(ctx, input.newPassword);
  await ctx.store.write(async (tx) => {
    const user = await redeemTicket(tx, ctx, input.token, 'FORCE_RESET', now);
    // Changed by another flow since the check above: the old password checked is no longer the password.
    if (user.password_hash !== current.password_hash) throw ServiceErrors.wrongOldPassword();
    await setPassword(tx, ctx, user, hash, true, now);
  });
}

/** 2201 without the old password when the user has one, 2203 when it does not match. */
async function verifyOld(ctx: ServiceContext, user: UsersTable, oldPassword: string | null | undefined): Promise<void> {
  if (!user.password_hash) return;
  if (!oldPassword) throw ServiceErrors.oldPasswordRequired();
  if (!(await ctx.store.passwords.verify(oldPassword, user.password_hash))) throw ServiceErrors.wrongOldPassword();
}

/**
 * `updatePassword` by the logged-in user: the old password is required when the user has one
 * (2201 missing, 2203 wrong); a user without one (registered by code or socially) sets its first.
 * The sessions stay open. Answers the user.
 */
export async function updatePassword(ctx: ServiceContext, userId: string, newPassword: string, oldPassword?: string | null, now = Date.now()): Promise<WireUser> {
  const current = await findUser(ctx.store.db, ctx.poolId, userId);
  await verifyOld(ctx, current, oldPassword);
  const hash = await newPasswordHash(ctx, newPassword);
  const row = await ctx.store.write(async (tx) => {
    const user = await findUser(tx, ctx.poolId, userId);
    if (user.password_hash !== current.password_hash) throw ServiceErrors.wrongOldPassword();
    return setPassword(tx, ctx, user, hash, false, now);
  });
  return toWireUser(row);
}
