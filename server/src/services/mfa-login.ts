import { AuthingServerError, Errors } from '../errors.js';
import { nowIso } from '../storage/ids.js';
import type { Tx } from '../storage/store.js';
import type { UsersTable } from '../storage/tables.js';
import type { Db, ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { findUser } from './lookup.js';
import { hasTotp, useRecoveryCode, useTotp } from './mfa.js';
import { getPoolSettings, type PoolSettings } from './pool-settings.js';
import { sessionOf, type Session } from './sessions.js';
import { parseProfile } from './user-profile.js';
import { toWireUser } from './user-wire.js';
import { EMAIL } from './users.js';
import { assertPhone, SMS_SCENE } from './send-codes.js';
import { consumeCode, normalizeRecipient } from './verification-codes.js';

/**
 * The second step of a login. A login of a user who confirmed a TOTP authenticator answers 1635
 * (Authing's "personal MFA"); a login into a pool whose `applicationMfa` enables a factor answers
 * 1636 ("application MFA"). Either carries `data.mfaToken` and what a login page shows: the
 * user's names, phone and email, the factors (`applicationMfa`), `totpMfaEnabled`,
 * `faceMfaEnabled`. The MFA calls with that token (a TOTP code, a recovery code, an SMS or email
 * code) complete the login once: the challenge is spent with the step, in one transaction, and
 * after {@link MFA_MAX_ATTEMPTS} wrong codes the token completes nothing.
 */

export const MFA_MAX_ATTEMPTS = 5;

export type MfaPolicy = PoolSettings['applicationMfa'][number]['mfaPolicy'];

/** What a login that needs a second factor answers in `data`, the token aside. */
export interface MfaChallengeData {
  applicationMfa: Array<{ mfaPolicy: MfaPolicy; status: number; sort: number }>;
  totpMfaEnabled: boolean;
  faceMfaEnabled: boolean;
  username: string | null;
  nickname: string | null;
  email: string | null;
  phone: string | null;
  phoneCountryCode: string | null;
  avatar: string | null;
  mfaPhone: string | null;
  mfaEmail: string | null;
}

/** The factors the pool's application MFA switches on, in their `sort` order. */
function enabledPolicies(settings: PoolSettings) {
  return settings.applicationMfa.filter((p) => p.status === 1).sort((a, b) => a.sort - b.sort);
}

/**
 * Whether a login of `user` needs a second step, and what it answers: null when it does not.
 * `kind` picks the code: `application` (1636) when the pool enables a factor, else `personal` (1635).
 */
export async function mfaChallengeFor(ctx: ServiceContext, user: { id: string }): Promise<{ kind: 'personal' | 'application'; data: MfaChallengeData } | null> {
  const db = ctx.store.db;
  const [settings, totp] = await Promise.all([getPoolSettings(db, ctx.poolId), hasTotp(db, ctx.poolId, user.id)]);
  const policies = enabledPolicies(settings);
  if (policies.length === 0 && !totp) return null;
  const row = await findUser(db, ctx.poolId, user.id);
  if (!row) throw Errors.userNotFound();
  const wire = toWireUser(row);
  return {
    kind: policies.length > 0 ? 'application' : 'personal',
    data: {
      applicationMfa: policies.length > 0 ? policies : [{ mfaPolicy: 'OTP', status: 1, sort: 0 }],
      totpMfaEnabled: totp,
      faceMfaEnabled: false,
      username: row.username,
      nickname: wire.nickname,
      email: row.email,
      phone: row.phone,
      phoneCountryCode: wire.phoneCountryCode,
      avatar: wire.photo,
      mfaPhone: row.phone,
      mfaEmail: row.email,
    },
  };
}

/** Records the challenge an mfaToken stands for (by its `jti`). */
export async function recordChallenge(ctx: ServiceContext, input: { jti: string; userId: string; appId: string | null; exp: number }): Promise<void> {
  await ctx.store.write(async (tx) => {
    // Expired challenges complete nothing: they are dropped as new ones come.
    await tx.deleteFrom('mfa_challenges').where('userpool_id', '=', ctx.poolId).where('exp', '<', Math.floor(Date.now() / 1000)).execute();
    await tx.insertInto('mfa_challenges').values({ jti: input.jti, userpool_id: ctx.poolId, user_id: input.userId, app_id: input.appId, exp: input.exp, attempts: 0, used_at: null }).execute();
  });
}

/** Whether the challenge can still complete a login: known, unspent, unexpired, tries left. */
async function liveChallenge(db: Db, poolId: string, jti: string, now: number) {
  const row = await db.selectFrom('mfa_challenges').selectAll().where('jti', '=', jti).where('userpool_id', '=', poolId).executeTakeFirst();
  const live = row && row.used_at === null && row.exp * 1000 > now && row.attempts < MFA_MAX_ATTEMPTS;
  return live ? row : null;
}

/** 2020 unless the challenge is live (the mfaToken checks of every MFA call). */
export async function assertLiveChallenge(ctx: ServiceContext, jti: string, now = Date.now()): Promise<void> {
  if (!(await liveChallenge(ctx.store.db, ctx.poolId, jti, now))) throw Errors.notLoggedIn();
}

/** Wrong codes count against the challenge; the step's rollback must not undo the count. */
const WRONG_CODES = new Set([6001, 6002, 2001]);

/**
 * Runs one MFA step for a challenge and spends the challenge with it, in one transaction; answers
 * the user's session for the token the caller issues (2005 for a user locked since).
 */
async function complete(ctx: ServiceContext, jti: string, userId: string, step: (tx: Tx) => Promise<void>, now = Date.now()): Promise<Session> {
  try {
    await ctx.store.write(async (tx) => {
      if (!(await liveChallenge(tx, ctx.poolId, jti, now))) throw Errors.notLoggedIn();
      await step(tx);
      await tx.updateTable('mfa_challenges').set({ used_at: now }).where('jti', '=', jti).execute();
    });
  } catch (error) {
    if (error instanceof AuthingServerError && WRONG_CODES.has(error.code)) {
      await ctx.store.write((tx) =>
        tx.updateTable('mfa_challenges').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('jti', '=', jti).execute(),
      );
    }
    throw error;
  }
  return sessionOf(ctx, userId);
}

export interface Challenge {
  jti: string;
  userId: string;
}

/** `verifyTotpMfa`: a code of the user's authenticator completes the login. */
export function completeWithTotp(ctx: ServiceContext, c: Challenge, totp: string | null | undefined, now = Date.now()): Promise<Session> {
  return complete(ctx, c.jti, c.userId, (tx) => useTotp(ctx, tx, c.userId, totp, now), now);
}

/** `verifyTotpRecoveryCode`: the recovery code completes the login and is replaced; the new one is answered. */
export async function completeWithRecoveryCode(ctx: ServiceContext, c: Challenge, code: string | null | undefined): Promise<{ session: Session; recoveryCode: string }> {
  let recoveryCode = '';
  const session = await complete(ctx, c.jti, c.userId, async (tx) => {
    recoveryCode = await useRecoveryCode(ctx, tx, c.userId, code);
  });
  return { session, recoveryCode };
}

/**
 * 6014 unless the pool's application MFA enables `policy`. Binding a TOTP authenticator with an
 * mfaToken (during a login) needs OTP enabled: else the holder of a password could bind a factor
 * of their own and pass the step the application asks for.
 */
export async function requirePolicy(ctx: ServiceContext, policy: MfaPolicy, label: string = policy): Promise<void> {
  const settings = await getPoolSettings(ctx.store.db, ctx.poolId);
  if (!enabledPolicies(settings).some((p) => p.mfaPolicy === policy)) throw ServiceErrors.mfaMethodDisabled(label);
}

/**
 * Binds `value` to the user inside the step when the user has none (verified by the code just
 * used), 2035 / 2200 when another user of the pool holds it; a different value of the user's own
 * is 6012 / 6013.
 */
async function bindOrMatch(tx: Tx, ctx: ServiceContext, user: UsersTable, field: 'phone' | 'email', value: string): Promise<void> {
  const channel = field === 'phone' ? 'sms' : 'email';
  const own = user[field];
  if (own) {
    if (normalizeRecipient(channel, own) !== normalizeRecipient(channel, value)) throw field === 'phone' ? ServiceErrors.mfaPhoneMismatch() : ServiceErrors.mfaEmailMismatch();
    return;
  }
  const stored = storedForm(field, value);
  if (await holder(tx, ctx.poolId, field, stored, user.id)) throw field === 'phone' ? ServiceErrors.phoneTaken() : ServiceErrors.emailTaken();
  const profile = { ...parseProfile(user.profile), [field === 'phone' ? 'phoneVerified' : 'emailVerified']: true };
  await tx.updateTable('users').set({ [field]: stored, profile: JSON.stringify(profile), updated_at: nowIso() }).where('id', '=', user.id).execute();
}

/** Users rows keep phones trimmed and emails trimmed and lower-cased (services/users.ts). */
const storedForm = (field: 'phone' | 'email', value: string) => (field === 'email' ? value.trim().toLowerCase() : value.trim());

/** Another user of the pool holding the phone or email, in its stored form. */
async function holder(db: Db, poolId: string, field: 'phone' | 'email', value: string, except: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('userpool_id', '=', poolId).where(field, '=', value).where('id', '!=', except).executeTakeFirst();
  return row !== undefined;
}

/** `verifyAppSmsMfa`: an SMS code (sent by `sendSmsCode`) to the user's phone completes the login. */
export async function completeWithSms(ctx: ServiceContext, c: Challenge, phone: string, code: string): Promise<Session> {
  await requirePolicy(ctx, 'SMS', 'SMS');
  assertPhone(phone ?? '');
  return complete(ctx, c.jti, c.userId, async (tx) => {
    const user = await findUser(tx, ctx.poolId, c.userId);
    if (!user) throw Errors.userNotFound();
    await bindOrMatch(tx, ctx, user, 'phone', phone);
    await consumeCode(ctx, tx, { channel: 'sms', recipient: phone, code, scenes: [SMS_SCENE] });
  });
}

/** `verifyAppEmailMfa`: a code mailed by `sendEmail(email, 'MFA_VERIFY')` completes the login. */
export async function completeWithEmail(ctx: ServiceContext, c: Challenge, email: string, code: string): Promise<Session> {
  await requirePolicy(ctx, 'EMAIL', 'EMAIL');
  if (!EMAIL.test((email ?? '').trim())) throw ServiceErrors.invalidEmail();
  return complete(ctx, c.jti, c.userId, async (tx) => {
    const user = await findUser(tx, ctx.poolId, c.userId);
    if (!user) throw Errors.userNotFound();
    await bindOrMatch(tx, ctx, user, 'email', email);
    await consumeCode(ctx, tx, { channel: 'email', recipient: email, code, scenes: ['MFA_VERIFY', 'MFA_VERIFY_CODE'] });
  });
}

/**
 * `phoneOrEmailBindable`: whether the phone (or email) may serve the user's MFA step: true when
 * no other user of the pool holds it. 400 without either; 2022 / 2003 when malformed.
 */
export async function phoneOrEmailBindable(ctx: ServiceContext, userId: string, input: { phone?: string | null; email?: string | null }): Promise<boolean> {
  const phone = input.phone?.trim();
  const email = input.email?.trim();
  if (!phone && !email) throw Errors.invalidInput('phone or email is required', '手机号和邮箱不能同时为空');
  if (phone) assertPhone(phone);
  if (email && !EMAIL.test(email)) throw ServiceErrors.invalidEmail();
  const db = ctx.store.db;
  if (phone && (await holder(db, ctx.poolId, 'phone', storedForm('phone', phone), userId))) return false;
  if (email && (await holder(db, ctx.poolId, 'email', storedForm('email', email), userId))) return false;
  return true;
}


