import { Errors } from '../errors.js';
import { newId, nowIso } from '../storage/ids.js';
import type { GroupsTable } from '../storage/tables.js';
import { deleteGroupCascade } from './cascade.js';
import type { ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { findGroup, findUser, requireUsers } from './lookup.js';
import { slicePage, type Page } from './paging.js';
import { toWireUser, type WireUser } from './user-wire.js';

/** A group as the wire sends it (v2 addresses groups by code). */
export interface WireGroup {
  code: string;
  name: string;
  description: string | null;
  createdAt: string;
  updatedAt: string;
}

const toWire = (row: GroupsTable): WireGroup => ({
  code: row.code,
  name: row.name,
  description: row.description,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** `createGroup`: 3301 when the code is taken. */
export async function createGroup(
  ctx: ServiceContext,
  input: { code: string; name: string; description?: string | null },
): Promise<WireGroup> {
  const code = input.code?.trim();
  if (!code) throw Errors.invalidInput('code is required', '分组 code 不能为空');
  if (!input.name?.trim()) throw Errors.invalidInput('name is required', '分组名称不能为空');
  const row = await ctx.store.write(async (tx) => {
    const taken = await tx.selectFrom('groups').select('id').where('userpool_id', '=', ctx.poolId).where('code', '=', code).executeTakeFirst();
    if (taken) throw ServiceErrors.groupExists();
    const now = nowIso();
    const row: GroupsTable = {
      id: newId(),
      userpool_id: ctx.poolId,
      code,
      name: input.name,
      description: input.description ?? null,
      created_at: now,
      updated_at: now,
    };
    await tx.insertInto('groups').values(row).execute();
    return row;
  });
  return toWire(row);
}

/** `updateGroup`: name, description and/or `newCode` (3301 when taken); 3302 when missing. */
export async function updateGroup(
  ctx: ServiceContext,
  code: string,
  input: { name?: string | null; description?: string | null; newCode?: string | null },
): Promise<WireGroup> {
  const row = await ctx.store.write(async (tx) => {
    const current = await findGroup(tx, ctx.poolId, code);
    const newCode = input.newCode?.trim() || current.code;
    if (newCode !== current.code) {
      const taken = await tx.selectFrom('groups').select('id').where('userpool_id', '=', ctx.poolId).where('code', '=', newCode).executeTakeFirst();
      if (taken) throw ServiceErrors.groupExists();
    }
    const next: GroupsTable = {
      ...current,
      code: newCode,
      name: input.name || current.name,
      description: input.description === undefined ? current.description : input.description,
      updated_at: nowIso(),
    };
    await tx.updateTable('groups').set(next).where('id', '=', current.id).execute();
    return next;
  });
  return toWire(row);
}

/**
 * `deleteGroups`: removes the groups with memberships, role assignments, grants and app access.
 * Every code must name a group (3302 otherwise) and then nothing is deleted.
 */
export async function deleteGroups(ctx: ServiceContext, codes: readonly string[]): Promise<void> {
  if (codes.length === 0) throw Errors.invalidInput('codeList must list group codes', 'codeList 不能为空');
  await ctx.store.write(async (tx, changes) => {
    const rows = [];
    for (const code of new Set(codes)) rows.push(await findGroup(tx, ctx.poolId, code));
    for (const row of rows) await deleteGroupCascade(tx, changes, row.id);
  });
}

/** `Q.group(code)`: the group, or null. */
export async function getGroup(ctx: ServiceContext, code: string): Promise<WireGroup | null> {
  const row = await ctx.store.db.selectFrom('groups').selectAll().where('userpool_id', '=', ctx.poolId).where('code', '=', code).executeTakeFirst();
  return row ? toWire(row) : null;
}

/** `Q.groups`: the pool's groups (or, with `userId`, that user's), in creation order. */
export async function listGroups(
  ctx: ServiceContext,
  opts: { page?: number | null; limit?: number | null; userId?: string | null } = {},
): Promise<Page<WireGroup>> {
  const db = ctx.store.db;
  let q = db.selectFrom('groups').selectAll().where('userpool_id', '=', ctx.poolId);
  if (opts.userId) q = q.where('id', 'in', db.selectFrom('group_members').select('group_id').where('user_id', '=', opts.userId));
  const rows = await q.orderBy('created_at').orderBy('code').execute();
  const page = slicePage(rows, opts.page, opts.limit);
  return { totalCount: page.totalCount, list: page.list.map(toWire) };
}

/** `addUserToGroup`: 3302 for an unknown group, 2004 for an unknown user; existing members stay. */
export async function addUsersToGroup(ctx: ServiceContext, code: string, userIds: readonly string[]): Promise<void> {
  await ctx.store.write(async (tx, changes) => {
    const group = await findGroup(tx, ctx.poolId, code);
    for (const userId of await requireUsers(tx, ctx.poolId, userIds)) {
      const exists = await tx.selectFrom('group_members').select('user_id').where('group_id', '=', group.id).where('user_id', '=', userId).executeTakeFirst();
      if (exists) continue;
      await tx.insertInto('group_members').values({ group_id: group.id, user_id: userId, created_at: nowIso() }).execute();
      changes.push({ table: 'groupMembers', op: 'put', row: { groupId: group.id, userId } });
    }
  });
}

/** `removeUserFromGroup`: 3302 for an unknown group; non-members are ignored. */
export async function removeUsersFromGroup(ctx: ServiceContext, code: string, userIds: readonly string[]): Promise<void> {
  await ctx.store.write(async (tx, changes) => {
    const group = await findGroup(tx, ctx.poolId, code);
    for (const userId of new Set(userIds)) {
      const gone = await tx.deleteFrom('group_members').where('group_id', '=', group.id).where('user_id', '=', userId).executeTakeFirst();
      if (Number(gone.numDeletedRows) > 0) changes.push({ table: 'groupMembers', op: 'delete', row: { groupId: group.id, userId } });
    }
  });
}

/** `Group.users`: members in joining order; 3302 for an unknown group. */
export async function listGroupUsers(
  ctx: ServiceContext,
  code: string,
  opts: { page?: number | null; limit?: number | null } = {},
): Promise<Page<WireUser>> {
  const db = ctx.store.db;
  const group = await findGroup(db, ctx.poolId, code);
  const rows = await db
    .selectFrom('users')
    .innerJoin('group_members', 'group_members.user_id', 'users.id')
    .selectAll('users')
    .where('group_members.group_id', '=', group.id)
    .orderBy('group_members.created_at')
    .orderBy('users.id')
    .execute();
  const page = slicePage(rows, opts.page, opts.limit);
  return { totalCount: page.totalCount, list: page.list.map(toWireUser) };
}

/** `users.listGroups`: every group of the user; 2004 for an unknown user. */
export async function listUserGroups(ctx: ServiceContext, userId: string): Promise<Page<WireGroup>> {
  await findUser(ctx.store.db, ctx.poolId, userId);
  return listGroups(ctx, { userId, limit: -1 });
}
