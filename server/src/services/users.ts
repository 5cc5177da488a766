import type { UpdateUserInput } from '../generated/graphql.js';
import { requireResetOnFirstLogin } from './password-state.js';
import { newId, nowIso } from '../storage/ids.js';
import type { Tx } from '../storage/store.js';
import type { UsersTable } from '../storage/tables.js';
import { deleteUserCascade, detachUser } from './cascade.js';
import type { Db, ServiceContext } from './context.js';
import { createUserParams, writeValues } from './custom-data.js';
import { ServiceErrors } from './errors.js';
import { findUser } from './lookup.js';
import { enqueue, type OutboxMessage } from './outbox.js';
import { pageWindow, type Page } from './paging.js';
import { userIdByIdentity } from './user-identities.js';
import { givenFields, mergeProfile, parseProfile, UPDATE_FIELD_ACCESS, type UserInput } from './user-profile.js';
import { endAllSessions } from './user-sessions.js';
import { toWireUser, type WireUser } from './user-wire.js';

export type { UserInput } from './user-profile.js';
export type { WireUser } from './user-wire.js';

/** Identifiers a user can be found by. */
export interface UserKeys {
  username?: string | null;
  email?: string | null;
  phone?: string | null;
  externalId?: string | null;
}

export type UserSortBy = 'CREATEDAT_DESC' | 'CREATEDAT_ASC' | 'UPDATEDAT_DESC' | 'UPDATEDAT_ASC';

/** What authing-local accepts as an email address (shared by every flow that takes one). */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Empty strings mean "not given" on the wire. */
const given = (v: string | null | undefined): string | null => (v === undefined || v === null || v.trim() === '' ? null : v.trim());
const normEmail = (v: string | null | undefined): string | null => given(v)?.toLowerCase() ?? null;

/** Which unique key of `candidate` another user of the pool already holds, if any. */
async function conflictOf(
  db: Db,
  poolId: string,
  candidate: { username: string | null; email: string | null; phone: string | null },
  exceptId?: string,
): Promise<'username' | 'email' | 'phone' | null> {
  for (const key of ['username', 'email', 'phone'] as const) {
    const value = candidate[key];
    if (value === null) continue;
    let q = db.selectFrom('users').select('id').where('userpool_id', '=', poolId).where(key, '=', value);
    if (exceptId) q = q.where('id', '!=', exceptId);
    if (await q.executeTakeFirst()) return key;
  }
  return null;
}

/** The input with its plaintext password replaced by a hash, made before any transaction opens. */
export type HashedUserInput = Omit<UserInput, 'password'> & { passwordHash: string | null };

/**
 * Hashes the input's password, if any. Runs outside `Store.write`: writes are serialized, so a hash
 * inside one would hold up every other write for its whole duration.
 */
export async function hashInput(ctx: ServiceContext, input: UserInput): Promise<HashedUserInput> {
  const { password, ...rest } = input;
  return { ...rest, passwordHash: password ? await ctx.store.passwords.hash(password) : null };
}

/**
 * Inserts a user inside an open transaction (shared by management create and registration).
 * Any clash of username, email or phone is 2026, as Authing answers a duplicate registration.
 */
export async function insertUser(tx: Tx, poolId: string, input: HashedUserInput, defaultSource: string): Promise<UsersTable> {
  const email = normEmail(input.email);
  if (email !== null && !EMAIL.test(email)) throw ServiceErrors.invalidEmail();
  const candidate = { username: given(input.username), email, phone: given(input.phone) };
  if (await conflictOf(tx, poolId, candidate)) throw ServiceErrors.userExists();
  const now = nowIso();
  const profile = mergeProfile({ registerSource: [defaultSource] }, input);
  const row: UsersTable = {
    id: newId(),
    userpool_id: poolId,
    ...candidate,
    password_hash: input.passwordHash,
    profile: JSON.stringify(profile),
    status: 'Activated',
    logins_count: input.loginsCount ?? 0,
    last_login: input.lastLogin ?? null,
    last_ip: input.lastIP ?? null,
    session_version: 0,
    created_at: now,
    updated_at: now,
  };
  await tx.insertInto('users').values(row).execute();
  return row;
}

/** A date the wire sends as a string (`lastLogin`): anything `Date` cannot read is refused. */
function checkDate(field: string, value: string | null | undefined): void {
  if (value !== undefined && value !== null && Number.isNaN(Date.parse(value))) throw ServiceErrors.invalidDate(field);
}

/**
 * `createUser`: a user made by an administrator (registerSource `import:manual`). It needs at
 * least one identifier (username, email, phone or externalId) and a readable `lastLogin`.
 */
export async function createUser(
  ctx: ServiceContext,
  input: UserInput,
  params?: string | null,
  options: { resetPasswordOnFirstLogin?: boolean | null } = {},
): Promise<WireUser> {
  if ([input.username, input.email, input.phone, input.externalId].every((v) => given(v) === null)) throw ServiceErrors.userIdentifierRequired();
  checkDate('lastLogin', input.lastLogin);
  const hashed = await hashInput(ctx, input);
  // `params`: custom data `[{ key, value }]` (createUserWithCustomData), written in the same transaction.
  const customData = createUserParams(params);
  const row = await ctx.store.write(async (tx) => {
    const row = await insertUser(tx, ctx.poolId, hashed, 'import:manual');
    await writeValues(tx, ctx.poolId, 'USER', customData.map((item) => ({ ...item, targetId: row.id })));
    // The first password login then answers 1639 with a token to set a new password (services/passwords.ts).
    if (options.resetPasswordOnFirstLogin) await requireResetOnFirstLogin(tx, ctx.poolId, row.id);
    return row;
  });
  return toWireUser(row);
}

/** The user, or 2004 (what a user token reads of itself). */
export async function getUser(ctx: ServiceContext, id: string): Promise<WireUser> {
  return toWireUser(await findUser(ctx.store.db, ctx.poolId, id));
}

/** `Q.user(id)`: the user, or null. */
export async function findUserById(ctx: ServiceContext, id: string): Promise<WireUser | null> {
  const row = await ctx.store.db.selectFrom('users').selectAll().where('userpool_id', '=', ctx.poolId).where('id', '=', id).executeTakeFirst();
  return row ? toWireUser(row) : null;
}

export const BATCH_TYPES = ['id', 'username', 'email', 'phone', 'externalId'] as const;
export type BatchType = (typeof BATCH_TYPES)[number];

/** The `type` of `users.batch` / `userBatch`, checked: anything but the five is 2015. */
export function batchType(type: string | null | undefined): BatchType {
  const t = type || 'id';
  const known = BATCH_TYPES.find((k) => k === t);
  if (!known) throw ServiceErrors.invalidSearchType(`type ${t}`);
  return known;
}

/** `users.batch`: users whose `type` field is one of `values`, in request order; unknown ones are skipped. */
export async function batchUsers(ctx: ServiceContext, values: readonly string[], type: BatchType = 'id'): Promise<WireUser[]> {
  const out: WireUser[] = [];
  for (const v of values) {
    const user = type === 'id' ? await findUserById(ctx, v) : await findUserBy(ctx, { [type]: v });
    if (user && !out.some((u) => u.id === user.id)) out.push(user);
  }
  return out;
}

/** `Q.users`: a page of the pool's users, newest first (as Authing answers) unless `sortBy` says otherwise. */
export async function listUsers(
  ctx: ServiceContext,
  opts: { page?: number | null; limit?: number | null; sortBy?: UserSortBy | null; excludeUsersInOrg?: boolean | null } = {},
): Promise<Page<WireUser>> {
  const db = ctx.store.db;
  let base = db.selectFrom('users').where('userpool_id', '=', ctx.poolId);
  if (opts.excludeUsersInOrg) base = base.where('id', 'not in', db.selectFrom('node_members').select('user_id'));
  // Counting reads the whole pool's index (milliseconds at 100 k users); the count is the same
  // until the next write, which is when the store forgets it.
  const counted = base;
  const total = await ctx.store.memo(`usersCount\u0000${ctx.poolId}\u0000${opts.excludeUsersInOrg ? 1 : 0}`, () =>
    counted.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  );
  const sortBy = opts.sortBy ?? 'CREATEDAT_DESC';
  const column = sortBy.startsWith('UPDATEDAT') ? 'updated_at' : 'created_at';
  const direction = sortBy.endsWith('DESC') ? 'desc' : 'asc';
  const w = pageWindow(opts.page, opts.limit);
  let q = base.selectAll().orderBy(column, direction).orderBy('id', direction);
  if (w.limit !== null) q = q.limit(w.limit).offset(w.offset);
  const rows = await q.execute();
  return { totalCount: Number(total.n), list: rows.map(toWireUser) };
}

/**
 * `updateUser` by an administrator: changes the given fields; a password is re-hashed (before the
 * transaction); unique keys are re-checked. Blocking the user ends all of its sessions.
 */
export async function updateUser(ctx: ServiceContext, id: string, input: UserInput): Promise<WireUser> {
  checkDate('lastLogin', input.lastLogin);
  const hashed = await hashInput(ctx, input);
  const row = await ctx.store.write(async (tx) => {
    const current = await findUser(tx, ctx.poolId, id);
    const email = hashed.email === undefined ? current.email : normEmail(hashed.email);
    if (email !== null && email !== current.email && !EMAIL.test(email)) throw ServiceErrors.invalidEmail();
    const next = {
      username: hashed.username === undefined ? current.username : given(hashed.username),
      email,
      phone: hashed.phone === undefined ? current.phone : given(hashed.phone),
    };
    const clash = await conflictOf(tx, ctx.poolId, next, id);
    if (clash === 'username') throw ServiceErrors.usernameTaken();
    if (clash === 'email') throw ServiceErrors.emailTaken();
    if (clash === 'phone') throw ServiceErrors.phoneTaken();
    const updated: UsersTable = {
      ...current,
      ...next,
      password_hash: hashed.passwordHash ?? current.password_hash,
      profile: JSON.stringify(mergeProfile(parseProfile(current.profile), hashed)),
      logins_count: hashed.loginsCount ?? current.logins_count,
      last_login: hashed.lastLogin === undefined ? current.last_login : hashed.lastLogin,
      last_ip: hashed.lastIP === undefined ? current.last_ip : hashed.lastIP,
      session_version: hashed.blocked === true ? current.session_version + 1 : current.session_version,
      updated_at: nowIso(),
    };
    await tx.updateTable('users').set(updated).where('id', '=', id).execute();
    return updated;
  });
  return toWireUser(row);
}

/**
 * `updateUser` by the user, on itself (the SDK's `updateProfile`): only the fields
 * `UPDATE_FIELD_ACCESS` marks `self`. A password is 2019 (it needs the old one, in its own flow);
 * anything else not the user's to change is 2018, naming the fields, and nothing is written.
 */
export async function updateOwnProfile(ctx: ServiceContext, id: string, input: UpdateUserInput): Promise<WireUser> {
  const fields = givenFields(input);
  if (fields.some((k) => UPDATE_FIELD_ACCESS[k] === 'password')) throw ServiceErrors.passwordChangeNeedsVerification();
  const refused = fields.filter((k) => UPDATE_FIELD_ACCESS[k] !== 'self');
  if (refused.length > 0) throw ServiceErrors.notSelfService(refused);
  return updateUser(ctx, id, input);
}

/** Keeps a user's last row in `archived_users` (`archivedUsers`), inside the deleting transaction. */
async function archive(tx: Tx, row: UsersTable): Promise<void> {
  const { id, userpool_id, username, email, phone, profile, logins_count, last_login, last_ip, created_at, updated_at } = row;
  await tx
    .insertInto('archived_users')
    .values({ id, userpool_id, username, email, phone, profile, logins_count, last_login, last_ip, created_at, updated_at, archived_at: nowIso() })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/**
 * `deleteUser`: archives the user, then removes it and everything that names it (memberships,
 * grants, identities, sessions); 2004 when missing.
 */
export async function deleteUser(ctx: ServiceContext, id: string): Promise<void> {
  await ctx.store.write(async (tx, changes) => {
    await archive(tx, await findUser(tx, ctx.poolId, id));
    await deleteUserCascade(tx, changes, id);
  });
}

/** `deleteUsers`: archives and removes every listed user of the pool; unknown ids are skipped. */
export async function deleteUsers(ctx: ServiceContext, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await ctx.store.write(async (tx, changes) => {
    const found = await tx.selectFrom('users').selectAll().where('userpool_id', '=', ctx.poolId).where('id', 'in', [...ids]).execute();
    for (const u of found) {
      await archive(tx, u);
      await deleteUserCascade(tx, changes, u.id);
    }
  });
}

/** `archivedUsers`: the pool's deleted users, most recently deleted first; status `Archived`. */
export async function listArchivedUsers(ctx: ServiceContext, page?: number | null, limit?: number | null): Promise<Page<WireUser>> {
  const base = ctx.store.db.selectFrom('archived_users').where('userpool_id', '=', ctx.poolId);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const w = pageWindow(page, limit);
  let q = base.selectAll().orderBy('archived_at', 'desc').orderBy('id', 'desc');
  if (w.limit !== null) q = q.limit(w.limit).offset(w.offset);
  const rows = await q.execute();
  const list = rows.map(({ archived_at, ...r }) => ({
    ...toWireUser({ ...r, password_hash: null, status: 'Archived', session_version: 0 }),
    isDeleted: true,
  }));
  return { totalCount: Number(total.n), list };
}

/**
 * `resignUser` / `resignUserBatch` (v3): each user leaves: status `Resigned` (it can no longer log
 * in), its memberships, role assignments and grants go and its sessions end; the account and its
 * profile stay. One transaction: an unknown id (2004) resigns nobody.
 */
export async function resignUsers(ctx: ServiceContext, ids: readonly string[]): Promise<void> {
  if (ids.length === 0 || ids.some((id) => id.trim() === '')) throw ServiceErrors.userIdsRequired();
  await ctx.store.write(async (tx, changes) => {
    for (const id of ids) await findUser(tx, ctx.poolId, id);
    for (const id of new Set(ids)) {
      await detachUser(tx, changes, id);
      await endAllSessions(tx, id);
      await tx.updateTable('users').set({ status: 'Resigned', updated_at: nowIso() }).where('id', '=', id).execute();
    }
  });
}

/** The raw row of the first user matching any given key (email compared case-insensitively). */
export async function findUserRowBy(db: Db, poolId: string, keys: UserKeys): Promise<UsersTable | null> {
  const username = given(keys.username);
  const email = normEmail(keys.email);
  const phone = given(keys.phone);
  for (const [column, value] of [
    ['username', username],
    ['email', email],
    ['phone', phone],
  ] as const) {
    if (value === null) continue;
    const row = await db.selectFrom('users').selectAll().where('userpool_id', '=', poolId).where(column, '=', value).executeTakeFirst();
    if (row) return row;
  }
  const externalId = given(keys.externalId);
  if (externalId !== null) {
    // externalId lives in the profile JSON; scanning in code keeps the SQL dialect-neutral.
    const rows = await db.selectFrom('users').selectAll().where('userpool_id', '=', poolId).execute();
    return rows.find((r) => parseProfile(r.profile).externalId === externalId) ?? null;
  }
  return null;
}

/** `findUser`: the first user matching any given key (or, with `identity`, the holder of that identity), or null. */
export async function findUserBy(
  ctx: ServiceContext,
  keys: UserKeys & { identity?: { provider?: string | null; identifier?: string | null; userIdInIdp?: string | null } | null },
): Promise<WireUser | null> {
  const row = await findUserRowBy(ctx.store.db, ctx.poolId, keys);
  if (row) return toWireUser(row);
  if (!keys.identity) return null;
  const userId = await userIdByIdentity(ctx.store.db, ctx.poolId, keys.identity);
  return userId ? findUserById(ctx, userId) : null;
}

/**
 * `sendFirstLoginVerifyEmail(userId, appId)`: the user's email verification message for the
 * application, stored in the outbox (authing-local sends no mail). 2004 / 2011 for an unknown
 * user / application; 2003 when the user has no email.
 */
export async function sendFirstLoginVerifyEmail(ctx: ServiceContext, userId: string, appId: string): Promise<OutboxMessage> {
  return ctx.store.write(async (tx) => {
    const user = await findUser(tx, ctx.poolId, userId);
    const app = await tx.selectFrom('applications').select(['id', 'name']).where('userpool_id', '=', ctx.poolId).where('id', '=', appId).executeTakeFirst();
    if (!app) throw ServiceErrors.appNotFound();
    if (!user.email) throw ServiceErrors.invalidEmail();
    return enqueue(tx, ctx.poolId, {
      kind: 'FIRST_LOGIN_VERIFY_EMAIL',
      recipient: user.email,
      subject: `Verify your email for ${app.name}`,
      body: `Confirm ${user.email} to finish your first login to ${app.name}.`,
      data: { userId, appId, email: user.email },
    });
  });
}

/** `isUserExists`. */
export async function isUserExists(ctx: ServiceContext, keys: UserKeys): Promise<boolean> {
  return (await findUserRowBy(ctx.store.db, ctx.poolId, keys)) !== null;
}

/** Rejects a missing user with 2004 (for callers that only hold an id). */
export async function assertUser(ctx: ServiceContext, id: string): Promise<void> {
  await findUser(ctx.store.db, ctx.poolId, id);
}
