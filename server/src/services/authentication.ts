import { dummyHash } from '../auth/password.js';
import { Errors } from '../errors.js';
import type { RegisterProfile as RegisterProfileInput } from '../generated/graphql.js';
import { nowIso } from '../storage/ids.js';
import type { ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { findUser } from './lookup.js';
import { isLocked, type Session } from './sessions.js';
import type { KeysOf, UserInput } from './user-profile.js';
import { toWireUser, type WireUser } from './user-wire.js';
import { findUserRowBy, hashInput, insertUser } from './users.js';

/**
 * `RegisterProfile` fields that registration does not store: `ip` (registering is not a login, so
 * no `lastIP` is recorded, as before) and `udf` (user-defined fields are not modelled).
 */
type UnstoredRegisterField = KeysOf<RegisterProfileInput, 'ip' | 'udf'>;

/**
 * Profile fields accepted at registration, as the user fields they set. `Pick` fails to compile
 * when the SDL adds a `RegisterProfile` field that is neither a user input field nor excluded above.
 */
export type RegisterProfile = Pick<UserInput, Exclude<keyof RegisterProfileInput, UnstoredRegisterField>>;

export interface LoginOptions {
  /** The application logged into (`x-authing-app-id`); its access policy is enforced. */
  appId?: string | null;
  clientIp?: string | null;
}

async function register(
  ctx: ServiceContext,
  input: UserInput,
  password: string,
  source: string,
): Promise<WireUser> {
  if (!password) throw ServiceErrors.passwordRequired();
  const hashed = await hashInput(ctx, { ...input, password });
  const row = await ctx.store.write((tx) => insertUser(tx, ctx.poolId, hashed, source));
  return toWireUser(row);
}

/** `registerByUsername`: 2026 when the username (or a profile email/phone) is taken. */
export async function registerByUsername(
  ctx: ServiceContext,
  input: { username: string; password: string; profile?: RegisterProfile | null },
): Promise<WireUser> {
  if (!input.username?.trim()) throw Errors.invalidInput('username is required', '用户名不能为空');
  return register(ctx, { ...input.profile, username: input.username }, input.password, 'basic:username-password');
}

/** `registerByEmail`: 2003 for a malformed email, 2026 when it is taken. */
export async function registerByEmail(
  ctx: ServiceContext,
  input: { email: string; password: string; profile?: RegisterProfile | null },
): Promise<WireUser> {
  if (!input.email?.trim()) throw ServiceErrors.invalidEmail();
  return register(ctx, { ...input.profile, email: input.email }, input.password, 'basic:email');
}

/** The failure counter a login attempt counts against: the account when it exists, else the identifier. */
const attemptKey = (poolId: string, by: string, identifier: string, userId: string | null) =>
  userId ? `${poolId}\u0000user\u0000${userId}` : `${poolId}\u0000${by}\u0000${identifier.trim().toLowerCase()}`;

/**
 * Password login by one identifier. Unknown user → 2004, wrong or missing password → 2333,
 * blocked → 2005, refused by the application's access policy → 1576, too many failures for the
 * account → 2000 (the right password included, until the lock ends). Every admitted attempt costs
 * exactly one password verification, unknown accounts included (against a dummy hash), so timing
 * does not tell them apart; a password that could not be decrypted arrives here as a value that
 * matches nothing (auth/rsa.ts), so it reads as a wrong password too. Only a login that passes
 * every check is recorded (loginsCount, lastLogin, lastIP).
 */
export async function loginSession(
  ctx: ServiceContext,
  by: 'username' | 'email' | 'phone',
  identifier: string,
  password: string,
  opts: LoginOptions = {},
): Promise<Session> {
  const row = await findUserRowBy(ctx.store.db, ctx.poolId, { [by]: identifier });
  const admission = ctx.store.logins.admit(attemptKey(ctx.poolId, by, identifier, row?.id ?? null));
  if (!admission.admitted) throw ServiceErrors.tooManyLoginFailures(admission.retryAfterSeconds);
  const { attempt } = admission;
  let matched = false;
  try {
    const hasher = ctx.store.passwords;
    const verified = await hasher.verify(password, row?.password_hash ?? (await dummyHash(hasher)));
    matched = verified && !!row?.password_hash && password !== '';
  } finally {
    if (matched) attempt.succeeded();
    else attempt.failed();
  }
  if (!row) throw Errors.userNotFound();
  if (!matched) throw ServiceErrors.wrongCredentials();
  if (isLocked(row)) throw ServiceErrors.userLocked();
  if (opts.appId && !ctx.store.index.canAccessApp(opts.appId, row.id).allowed) throw ServiceErrors.noAppAccess();
  return ctx.store.write(async (tx) => {
    const current = await findUser(tx, ctx.poolId, row.id);
    // Blocked since the check above: the session generation has moved on, so no token may be issued.
    if (isLocked(current)) throw ServiceErrors.userLocked();
    const next = {
      ...current,
      logins_count: current.logins_count + 1,
      last_login: nowIso(),
      last_ip: opts.clientIp ?? current.last_ip,
    };
    await tx
      .updateTable('users')
      .set({ logins_count: next.logins_count, last_login: next.last_login, last_ip: next.last_ip })
      .where('id', '=', row.id)
      .execute();
    return { user: toWireUser(next), sessionVersion: current.session_version };
  });
}

/** Password login by one identifier, answering the user (see {@link loginSession}). */
export async function loginByPassword(
  ctx: ServiceContext,
  by: 'username' | 'email' | 'phone',
  identifier: string,
  password: string,
  opts: LoginOptions = {},
): Promise<WireUser> {
  return (await loginSession(ctx, by, identifier, password, opts)).user;
}

/** `loginByUsername`. */
export function loginByUsername(ctx: ServiceContext, username: string, password: string, opts?: LoginOptions): Promise<WireUser> {
  return loginByPassword(ctx, 'username', username, password, opts);
}

/** `loginByEmail`. */
export function loginByEmail(ctx: ServiceContext, email: string, password: string, opts?: LoginOptions): Promise<WireUser> {
  return loginByPassword(ctx, 'email', email, password, opts);
}

/** `loginByPhonePassword`. */
export function loginByPhonePassword(ctx: ServiceContext, phone: string, password: string, opts?: LoginOptions): Promise<WireUser> {
  return loginByPassword(ctx, 'phone', phone, password, opts);
}

/** The user behind a verified user token; 2004 when it was deleted since. */
export async function getCurrentUser(ctx: ServiceContext, userId: string): Promise<WireUser> {
  return toWireUser(await findUser(ctx.store.db, ctx.poolId, userId));
}
