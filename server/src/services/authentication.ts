import { dummyHash } from '../auth/password.js';
import { Errors } from '../errors.js';
import type { RegisterProfile as RegisterProfileInput } from '../generated/graphql.js';
import { nowIso } from '../storage/ids.js';
import type { ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { assertPasswordStrength } from './password-strength.js';
import { passwordLoginGate } from './passwords.js';
import { findUser } from './lookup.js';
import { admitLogin, slowDown, unknownAccount } from './login-protection.js';
import { assertMayRegister } from './registration-policy.js';
import { assertPhone } from './send-codes.js';
import { isLocked, type Session } from './sessions.js';
import type { Tx } from '../storage/store.js';
import type { UsersTable } from '../storage/tables.js';
import type { KeysOf, UserInput } from './user-profile.js';
import { toWireUser, type WireUser } from './user-wire.js';
import { EMAIL, findUserRowBy, hashInput, insertUser } from './users.js';
import { consumeCode, type ConsumeCodeInput } from './verification-codes.js';

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
  /** An unknown account is registered (with these credentials) and logged in (`newlyCreated`). */
  autoRegister?: boolean | null;
}

/** How a registration goes on after the user is stored. */
export interface RegisterFlow {
  /** `forceLogin`: the registration is also a login (loginsCount, lastLogin, lastIP recorded). */
  login?: { clientIp?: string | null } | null;
  /** The code proving the phone or email, spent in the registration's own write. */
  code?: ConsumeCodeInput | null;
}

/**
 * Every self-service registration: the pool's policy (assertMayRegister: 2037 / 2040), the
 * password hashed before the write (`null`: a registration without password, by code; an empty
 * one is 2032), then in one write the code spent, the user inserted (2026 when taken) and, with
 * `flow.login`, the login recorded. The user answers `newlyCreated: true`.
 */
async function register(
  ctx: ServiceContext,
  input: UserInput,
  password: string | null,
  source: string,
  flow: RegisterFlow = {},
): Promise<WireUser> {
  if (password !== null && !password) throw ServiceErrors.passwordRequired();
  await assertMayRegister(ctx, input);
  if (password) await assertPasswordStrength(ctx.store.db, ctx.poolId, password);
  const hashed = await hashInput(ctx, { ...input, password: password ?? undefined });
  const row = await ctx.store.write(async (tx) => {
    if (flow.code) await consumeCode(ctx, tx, flow.code);
    const inserted = await insertUser(tx, ctx.poolId, hashed, source);
    return flow.login ? recordLogin(tx, inserted, flow.login.clientIp) : inserted;
  });
  return { ...toWireUser(row), newlyCreated: true };
}

/** Records a login of `row` (loginsCount, lastLogin, lastIP) inside an open write; answers the updated row. */
export async function recordLogin(tx: Tx, row: UsersTable, clientIp?: string | null): Promise<UsersTable> {
  const next = { ...row, logins_count: row.logins_count + 1, last_login: nowIso(), last_ip: clientIp ?? row.last_ip };
  await tx
    .updateTable('users')
    .set({ logins_count: next.logins_count, last_login: next.last_login, last_ip: next.last_ip })
    .where('id', '=', row.id)
    .execute();
  return next;
}

/** `registerByUsername`: 2026 when the username (or a profile email/phone) is taken. */
export async function registerByUsername(
  ctx: ServiceContext,
  input: { username: string; password: string; profile?: RegisterProfile | null },
  flow?: RegisterFlow,
): Promise<WireUser> {
  if (!input.username?.trim()) throw Errors.invalidInput('username is required', '用户名不能为空');
  return register(ctx, { ...input.profile, username: input.username }, input.password, 'basic:username-password', flow);
}

/** `registerByEmail`: 2003 for a malformed email, 2026 when it is taken. */
export async function registerByEmail(
  ctx: ServiceContext,
  input: { email: string; password: string; profile?: RegisterProfile | null },
  flow?: RegisterFlow,
): Promise<WireUser> {
  if (!input.email?.trim()) throw ServiceErrors.invalidEmail();
  return register(ctx, { ...input.profile, email: input.email }, input.password, 'basic:email', flow);
}

/**
 * `registerByPhoneCode`: the SMS code is spent with the registration (2001 wrong, 2002 none live;
 * checked before the phone is, so a wrong code tells nothing about who holds it); the password is
 * optional. The phone is marked verified. 2022 for a malformed phone, 2026 when it is taken.
 */
export async function registerByPhoneCode(
  ctx: ServiceContext,
  input: { phone: string; code: string; phoneCountryCode?: string | null; password?: string | null; profile?: RegisterProfile | null },
  flow: Omit<RegisterFlow, 'code'> = {},
): Promise<WireUser> {
  assertPhone(input.phone ?? '');
  const user: UserInput = { ...input.profile, phone: input.phone, phoneVerified: true, phoneCountryCode: input.phoneCountryCode };
  const code = { channel: 'sms', recipient: input.phone, code: input.code } as const;
  return register(ctx, user, input.password ?? null, 'basic:phone-code', { ...flow, code });
}

/** `registerByEmailCode` (`POST /api/v2/register/email-code`): as {@link registerByPhoneCode}, by mail; no password. */
export async function registerByEmailCode(
  ctx: ServiceContext,
  input: { email: string; code: string; profile?: RegisterProfile | null },
  flow: Omit<RegisterFlow, 'code'> = {},
): Promise<WireUser> {
  assertEmail(input.email);
  const code = { channel: 'email', recipient: input.email, code: input.code } as const;
  return register(ctx, { ...input.profile, email: input.email, emailVerified: true }, null, 'basic:email-code', { ...flow, code });
}

const assertEmail = (email: string | null | undefined) => {
  if (!EMAIL.test((email ?? '').trim())) throw ServiceErrors.invalidEmail();
};

/** What `autoRegister` registers an unknown account as, per identifier. */
const AUTO_REGISTER_SOURCE = { username: 'basic:username-password', email: 'basic:email', phone: 'basic:phone-password' } as const;

/** No user has this id: a new account's access to an app is what it would be for this one. */
const NEW_ACCOUNT = '';

/**
 * `autoRegister` on a password login of an unknown account: registered with those credentials
 * under the pool's registration policy, and logged in at once. The application's access policy
 * applies to the new user as to any, and is asked first: a new account has no roles, groups or
 * nodes and no record can name it, so only the app's default strategy decides, and a refusal
 * (1576) registers nothing.
 */
async function autoRegisterSession(
  ctx: ServiceContext,
  by: 'username' | 'email' | 'phone',
  identifier: string,
  password: string,
  opts: LoginOptions,
): Promise<Session> {
  if (by === 'username' && !identifier.trim()) throw Errors.invalidInput('username is required', '用户名不能为空');
  if (by === 'email') assertEmail(identifier);
  if (by === 'phone') assertPhone(identifier);
  if (opts.appId && !ctx.store.index.canAccessApp(opts.appId, NEW_ACCOUNT).allowed) throw ServiceErrors.noAppAccess();
  const user = await register(ctx, { [by]: identifier }, password, AUTO_REGISTER_SOURCE[by], { login: { clientIp: opts.clientIp } });
  return { user, sessionVersion: 0 };
}

/** The failure counter a login attempt counts against: the account when it exists, else the identifier. */
const attemptKey = (poolId: string, by: string, identifier: string, userId: string | null) =>
  userId ? `${poolId}\u0000user\u0000${userId}` : `${poolId}\u0000${by}\u0000${identifier.trim().toLowerCase()}`;

/**
 * Password login by one identifier. Unknown user → 2004 (2333 when the pool sets
 * `hideAccountExistence`), wrong or missing password → 2333, blocked → 2005, refused by the
 * application's access policy → 1576, too many failures for the account or from the client IP →
 * 2000 (the right password included, until the lock ends; services/login-protection.ts). Every admitted attempt costs
 * exactly one password verification, unknown accounts included (against a dummy hash), so timing
 * does not tell them apart; a password that could not be decrypted arrives here as a value that
 * matches nothing (auth/rsa.ts), so it reads as a wrong password too. Only a login that passes
 * every check is recorded (loginsCount, lastLogin, lastIP). With `opts.autoRegister` an unknown
 * account is registered instead (see {@link autoRegisterSession}).
 */
export async function loginSession(
  ctx: ServiceContext,
  by: 'username' | 'email' | 'phone',
  identifier: string,
  password: string,
  opts: LoginOptions = {},
): Promise<Session> {
  const row = await findUserRowBy(ctx.store.db, ctx.poolId, { [by]: identifier });
  if (!row && opts.autoRegister) return autoRegisterSession(ctx, by, identifier, password, opts);
  const { attempt, hideAccounts } = await admitLogin(ctx, attemptKey(ctx.poolId, by, identifier, row?.id ?? null), opts.clientIp);
  let matched = false;
  let delayMs = 0;
  try {
    const hasher = ctx.store.passwords;
    const verified = await hasher.verify(password, row?.password_hash ?? (await dummyHash(hasher)));
    matched = verified && !!row?.password_hash && password !== '';
  } finally {
    if (matched) attempt.succeeded();
    else delayMs = attempt.failed();
  }
  // Failures past half a limit are answered late (login-guard.ts); unknown and known accounts alike.
  await slowDown(delayMs);
  if (!row) throw unknownAccount(hideAccounts);
  if (!matched) throw ServiceErrors.wrongCredentials();
  if (isLocked(row)) throw ServiceErrors.userLocked();
  if (opts.appId && !ctx.store.index.canAccessApp(opts.appId, row.id).allowed) throw ServiceErrors.noAppAccess();
  // First login that must reset its password (1639), or a password past the pool's cycle (2058).
  await passwordLoginGate(ctx, row);
  return ctx.store.write(async (tx) => {
    const current = await findUser(tx, ctx.poolId, row.id);
    // Blocked since the check above: the session generation has moved on, so no token may be issued.
    if (isLocked(current)) throw ServiceErrors.userLocked();
    const next = await recordLogin(tx, current, opts.clientIp);
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

/**
 * Login by a code sent to a phone (`sms`) or an address (`email`): in one write the code is spent
 * (2001 wrong, 2002 none live; checked first, so without the code nothing is learnt about the
 * account), then the user must exist (2004; `opts.autoRegister` registers it instead, phone or
 * email marked verified), not be blocked (2005) and be let into the application (1576); the
 * login is recorded. A failure after the code check rolls the spending back with the write.
 */
export async function loginByCodeSession(
  ctx: ServiceContext,
  channel: 'sms' | 'email',
  recipient: string,
  code: string,
  opts: LoginOptions & { phoneCountryCode?: string | null } = {},
): Promise<Session> {
  const by = channel === 'sms' ? 'phone' : 'email';
  if (by === 'phone') assertPhone(recipient ?? '');
  else assertEmail(recipient);
  const spend: ConsumeCodeInput = { channel, recipient, code };
  const row = await findUserRowBy(ctx.store.db, ctx.poolId, { [by]: recipient });
  if (!row && opts.autoRegister) {
    const input: UserInput =
      by === 'phone' ? { phone: recipient, phoneVerified: true, phoneCountryCode: opts.phoneCountryCode } : { email: recipient, emailVerified: true };
    const user = await register(ctx, input, null, by === 'phone' ? 'basic:phone-code' : 'basic:email-code', { code: spend, login: { clientIp: opts.clientIp } });
    if (opts.appId && !ctx.store.index.canAccessApp(opts.appId, user.id).allowed) throw ServiceErrors.noAppAccess();
    return { user, sessionVersion: 0 };
  }
  return ctx.store.write(async (tx) => {
    await consumeCode(ctx, tx, spend);
    if (!row) throw Errors.userNotFound();
    const current = await findUser(tx, ctx.poolId, row.id);
    if (isLocked(current)) throw ServiceErrors.userLocked();
    if (opts.appId && !ctx.store.index.canAccessApp(opts.appId, current.id).allowed) throw ServiceErrors.noAppAccess();
    const next = await recordLogin(tx, current, opts.clientIp);
    return { user: toWireUser(next), sessionVersion: current.session_version };
  });
}

/**
 * Which identifier an `account` (v3 sign-in) is: the first of username, email, phone a user of
 * the pool holds it as; an unknown account reads as a username (so it answers 2004).
 */
export async function accountIdentifier(ctx: ServiceContext, account: string): Promise<'username' | 'email' | 'phone'> {
  for (const by of ['username', 'email', 'phone'] as const) {
    if (await findUserRowBy(ctx.store.db, ctx.poolId, { [by]: account })) return by;
  }
  return 'username';
}

/**
 * `loginBySubAccount`. Sub-accounts are made in Authing's console for applications that enable
 * them; authing-local has no way to create one, so no account is a sub-account: the answer is
 * that of an unknown account (2004, or 2333 under `hideAccountExistence`), after the same
 * admission, password verification and failure count a password login of an unknown account costs.
 */
export async function loginBySubAccount(ctx: ServiceContext, account: string, password: string, clientIp?: string | null): Promise<never> {
  const { attempt, hideAccounts } = await admitLogin(ctx, attemptKey(ctx.poolId, 'sub-account', account, null), clientIp);
  const hasher = ctx.store.passwords;
  await hasher.verify(password, await dummyHash(hasher));
  await slowDown(attempt.failed());
  throw unknownAccount(hideAccounts);
}

/** LDAP login (`POST /api/v2/ldap/verify-user`): authing-local has no LDAP connections (3408). */
export function loginByLdap(): never {
  throw ServiceErrors.ldapNotConfigured();
}

/** AD login (`POST {ws-host}/api/v2/ad/verify-user`): authing-local has no AD connectors (3407). */
export function loginByAd(): never {
  throw ServiceErrors.adConnectorNotFound();
}

/** The user behind a verified user token; 2004 when it was deleted since. */
export async function getCurrentUser(ctx: ServiceContext, userId: string): Promise<WireUser> {
  return toWireUser(await findUser(ctx.store.db, ctx.poolId, userId));
}
