import { verifyPassword } from '../auth/password.js';
import { Errors } from '../errors.js';
import type { RegisterProfile as RegisterProfileInput } from '../generated/graphql.js';
import { nowIso } from '../storage/ids.js';
import type { ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { findUser } from './lookup.js';
import { parseProfile, type KeysOf, type UserInput } from './user-profile.js';
import { toWireUser, type WireUser } from './user-wire.js';
import { findUserRowBy, insertUser } from './users.js';

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
  const row = await ctx.store.write((tx) => insertUser(tx, ctx.poolId, { ...input, password }, source));
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

/**
 * Password login by one identifier. Unknown user → 2004, wrong or missing password → 2333,
 * blocked → 2005, refused by the application's access policy → 1576. Only a login that passes
 * every check is recorded (loginsCount, lastLogin, lastIP).
 */
export async function loginByPassword(
  ctx: ServiceContext,
  by: 'username' | 'email' | 'phone',
  identifier: string,
  password: string,
  opts: LoginOptions = {},
): Promise<WireUser> {
  const row = await findUserRowBy(ctx.store.db, ctx.poolId, { [by]: identifier });
  if (!row) throw Errors.userNotFound();
  if (!row.password_hash || !password || !(await verifyPassword(password, row.password_hash))) throw ServiceErrors.wrongCredentials();
  if (parseProfile(row.profile).blocked || row.status === 'Suspended') throw ServiceErrors.userLocked();
  if (opts.appId && !ctx.store.index.canAccessApp(opts.appId, row.id).allowed) throw ServiceErrors.noAppAccess();
  const updated = await ctx.store.write(async (tx) => {
    const current = await findUser(tx, ctx.poolId, row.id);
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
    return next;
  });
  return toWireUser(updated);
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
