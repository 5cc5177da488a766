import type { UpdateUserInput } from '../generated/graphql.js';
import { newId, nowIso } from '../storage/ids.js';
import type { Tx } from '../storage/store.js';
import type { UsersTable } from '../storage/tables.js';
import { deleteUserCascade } from './cascade.js';
import type { Db, ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { findUser } from './lookup.js';
import { pageWindow, type Page } from './paging.js';
import { givenFields, mergeProfile, parseProfile, UPDATE_FIELD_ACCESS, type UserInput } from './user-profile.js';
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

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

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

/** `createUser`: a user made by an administrator (registerSource `import:manual`). */
export async function createUser(ctx: ServiceContext, input: UserInput): Promise<WireUser> {
  const hashed = await hashInput(ctx, input);
  const row = await ctx.store.write((tx) => insertUser(tx, ctx.poolId, hashed, 'import:manual'));
  return toWireUser(row);
}

/** `users.detail`: the user, or 2004. */
export async function getUser(ctx: ServiceContext, id: string): Promise<WireUser> {
  return toWireUser(await findUser(ctx.store.db, ctx.poolId, id));
}

/** `Q.user(id)`: the user, or null. */
export async function findUserById(ctx: ServiceContext, id: string): Promise<WireUser | null> {
  const row = await ctx.store.db.selectFrom('users').selectAll().where('userpool_id', '=', ctx.poolId).where('id', '=', id).executeTakeFirst();
  return row ? toWireUser(row) : null;
}

/** `users.batch`: users whose `type` field is one of `values`, in request order; unknown ones are skipped. */
export async function batchUsers(
  ctx: ServiceContext,
  values: readonly string[],
  type: 'id' | 'username' | 'email' | 'phone' | 'externalId' = 'id',
): Promise<WireUser[]> {
  const out: WireUser[] = [];
  for (const v of values) {
    const user = type === 'id' ? await findUserById(ctx, v) : await findUserBy(ctx, { [type]: v });
    if (user && !out.some((u) => u.id === user.id)) out.push(user);
  }
  return out;
}

/** `Q.users`: a page of the pool's users, oldest first unless `sortBy` says otherwise. */
export async function listUsers(
  ctx: ServiceContext,
  opts: { page?: number | null; limit?: number | null; sortBy?: UserSortBy | null; excludeUsersInOrg?: boolean | null } = {},
): Promise<Page<WireUser>> {
  const db = ctx.store.db;
  let base = db.selectFrom('users').where('userpool_id', '=', ctx.poolId);
  if (opts.excludeUsersInOrg) base = base.where('id', 'not in', db.selectFrom('node_members').select('user_id'));
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const sortBy = opts.sortBy ?? 'CREATEDAT_ASC';
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

/** `deleteUser`: removes the user and everything that names it; 2004 when missing. */
export async function deleteUser(ctx: ServiceContext, id: string): Promise<void> {
  await ctx.store.write(async (tx, changes) => {
    await findUser(tx, ctx.poolId, id);
    await deleteUserCascade(tx, changes, id);
  });
}

/** `deleteUsers`: removes every listed user of the pool; unknown ids are skipped. */
export async function deleteUsers(ctx: ServiceContext, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await ctx.store.write(async (tx, changes) => {
    const found = await tx.selectFrom('users').select('id').where('userpool_id', '=', ctx.poolId).where('id', 'in', [...ids]).execute();
    for (const u of found) await deleteUserCascade(tx, changes, u.id);
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

/** `findUser`: the first user matching any given key, or null. */
export async function findUserBy(ctx: ServiceContext, keys: UserKeys): Promise<WireUser | null> {
  const row = await findUserRowBy(ctx.store.db, ctx.poolId, keys);
  return row ? toWireUser(row) : null;
}

/** `isUserExists`. */
export async function isUserExists(ctx: ServiceContext, keys: UserKeys): Promise<boolean> {
  return (await findUserRowBy(ctx.store.db, ctx.poolId, keys)) !== null;
}

/** Rejects a missing user with 2004 (for callers that only hold an id). */
export async function assertUser(ctx: ServiceContext, id: string): Promise<void> {
  await findUser(ctx.store.db, ctx.poolId, id);
}
