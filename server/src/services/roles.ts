import type { FactChange } from '../engine/types.js';
import { Errors } from '../errors.js';
import { newId, nowIso } from '../storage/ids.js';
import type { Tx } from '../storage/store.js';
import type { RolesTable } from '../storage/tables.js';
import { deleteRoleCascade } from './cascade.js';
import type { Db, ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { findGroup, findNamespace, findNode, findRole, findUser, requireUsers } from './lookup.js';
import { slicePage, type Page } from './paging.js';
import { toWireUser, type WireUser } from './user-wire.js';

/** A role as the wire sends it; `parent` is the parent role (one level, its own `parent` null). */
export interface WireRole {
  id: string;
  userPoolId: string;
  code: string;
  arn: string;
  namespace: string;
  namespaceId: number;
  description: string | null;
  isSystem: boolean;
  parentCode: string | null;
  parent: WireRole | null;
  createdAt: string;
  updatedAt: string;
}

function toWireFlat(row: RolesTable, namespaceCode: string): WireRole {
  return {
    id: row.id,
    userPoolId: row.userpool_id,
    code: row.code,
    arn: `arn:cn:authing:${row.userpool_id}:role:${row.id}`,
    namespace: namespaceCode,
    namespaceId: row.namespace_id,
    description: row.description,
    isSystem: row.is_system === 1,
    parentCode: row.parent_code,
    parent: null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function toWire(db: Db, row: RolesTable): Promise<WireRole> {
  const ns = await db.selectFrom('namespaces').select('code').where('id', '=', row.namespace_id).executeTakeFirstOrThrow();
  const role = toWireFlat(row, ns.code);
  if (row.parent_code) {
    const parent = await db
      .selectFrom('roles')
      .selectAll()
      .where('namespace_id', '=', row.namespace_id)
      .where('code', '=', row.parent_code)
      .executeTakeFirst();
    if (parent) role.parent = toWireFlat(parent, ns.code);
  }
  return role;
}

const toWireAll = (db: Db, rows: readonly RolesTable[]): Promise<WireRole[]> => Promise.all(rows.map((r) => toWire(db, r)));

/** `createRole`: `namespace` defaults to `default`; 3201 when the code is taken, 3202 for an unknown parent. */
export async function createRole(
  ctx: ServiceContext,
  input: { code: string; namespace?: string | null; description?: string | null; parent?: string | null },
): Promise<WireRole> {
  const code = input.code?.trim();
  if (!code) throw Errors.invalidInput('code is required', '角色 code 不能为空');
  const row = await ctx.store.write(async (tx, changes) => {
    const ns = await findNamespace(tx, ctx.poolId, input.namespace);
    const taken = await tx.selectFrom('roles').select('id').where('namespace_id', '=', ns.id).where('code', '=', code).executeTakeFirst();
    if (taken) throw ServiceErrors.roleExists();
    if (input.parent) await findRole(tx, ctx.poolId, ns.id, input.parent);
    const now = nowIso();
    const row: RolesTable = {
      id: newId(),
      userpool_id: ctx.poolId,
      namespace_id: ns.id,
      code,
      description: input.description ?? null,
      parent_code: input.parent || null,
      is_system: 0,
      created_at: now,
      updated_at: now,
    };
    await tx.insertInto('roles').values(row).execute();
    changes.push({ table: 'roles', op: 'put', row: { id: row.id, namespaceId: row.namespace_id } });
    return row;
  });
  return toWire(ctx.store.db, row);
}

/** `updateRole`: description and/or `newCode` (3201 when taken); children follow a renamed parent. */
export async function updateRole(
  ctx: ServiceContext,
  code: string,
  input: { namespace?: string | null; description?: string | null; newCode?: string | null },
): Promise<WireRole> {
  const row = await ctx.store.write(async (tx) => {
    const ns = await findNamespace(tx, ctx.poolId, input.namespace);
    const current = await findRole(tx, ctx.poolId, ns.id, code);
    const newCode = input.newCode?.trim() || current.code;
    if (newCode !== current.code) {
      const taken = await tx.selectFrom('roles').select('id').where('namespace_id', '=', ns.id).where('code', '=', newCode).executeTakeFirst();
      if (taken) throw ServiceErrors.roleExists();
      await tx.updateTable('roles').set({ parent_code: newCode }).where('namespace_id', '=', ns.id).where('parent_code', '=', current.code).execute();
    }
    const next: RolesTable = {
      ...current,
      code: newCode,
      description: input.description === undefined ? current.description : input.description,
      updated_at: nowIso(),
    };
    await tx.updateTable('roles').set({ code: next.code, description: next.description, updated_at: next.updated_at }).where('id', '=', current.id).execute();
    return next;
  });
  return toWire(ctx.store.db, row);
}

async function deleteOne(tx: Tx, changes: FactChange[], role: RolesTable): Promise<void> {
  if (role.is_system === 1) throw ServiceErrors.systemRole();
  await deleteRoleCascade(tx, changes, role.id);
}

/** `deleteRole`: removes the role, its assignments and its grants; 3202 when missing. */
export async function deleteRole(ctx: ServiceContext, code: string, namespace?: string | null): Promise<void> {
  await ctx.store.write(async (tx, changes) => {
    const ns = await findNamespace(tx, ctx.poolId, namespace);
    await deleteOne(tx, changes, await findRole(tx, ctx.poolId, ns.id, code));
  });
}

/** `deleteRoles`: removes every listed role of the namespace; an unknown code (3202) deletes nothing. */
export async function deleteRoles(ctx: ServiceContext, codes: readonly string[], namespace?: string | null): Promise<void> {
  if (codes.length === 0) throw Errors.invalidInput('codeList must list role codes', 'codeList 不能为空');
  await ctx.store.write(async (tx, changes) => {
    const ns = await findNamespace(tx, ctx.poolId, namespace);
    const rows = [];
    for (const code of new Set(codes)) rows.push(await findRole(tx, ctx.poolId, ns.id, code));
    for (const row of rows) await deleteOne(tx, changes, row);
  });
}

/** `Q.role(code, namespace)`: the role, or null (also for an unknown namespace). */
export async function getRole(ctx: ServiceContext, code: string, namespace?: string | null): Promise<WireRole | null> {
  const db = ctx.store.db;
  const ns = await db.selectFrom('namespaces').select('id').where('userpool_id', '=', ctx.poolId).where('code', '=', namespace || 'default').executeTakeFirst();
  if (!ns) return null;
  const row = await db.selectFrom('roles').selectAll().where('namespace_id', '=', ns.id).where('code', '=', code).executeTakeFirst();
  return row ? toWire(db, row) : null;
}

/** `Q.roles`: one namespace, or every namespace of the pool when none is named; creation order. */
export async function listRoles(
  ctx: ServiceContext,
  opts: { namespace?: string | null; page?: number | null; limit?: number | null } = {},
): Promise<Page<WireRole>> {
  const db = ctx.store.db;
  let q = db.selectFrom('roles').selectAll().where('userpool_id', '=', ctx.poolId);
  if (opts.namespace) q = q.where('namespace_id', '=', (await findNamespace(db, ctx.poolId, opts.namespace)).id);
  const rows = await q.orderBy('created_at').orderBy('code').execute();
  const page = slicePage(rows, opts.page, opts.limit);
  return { totalCount: page.totalCount, list: await toWireAll(db, page.list) };
}

/** Who `assignRole` / `revokeRole` address: users by id, groups by code, nodes by id (or node code). */
export interface RoleHolders {
  namespace?: string | null;
  roleCode?: string | null;
  roleCodes?: readonly string[] | null;
  userIds?: readonly string[] | null;
  groupCodes?: readonly string[] | null;
  nodeCodes?: readonly string[] | null;
}

/** Resolves every role and holder, failing on the first unknown one. */
async function resolveHolders(tx: Tx, poolId: string, input: RoleHolders) {
  const ns = await findNamespace(tx, poolId, input.namespace);
  const roleCodes = [...new Set([...(input.roleCode ? [input.roleCode] : []), ...(input.roleCodes ?? [])])];
  if (roleCodes.length === 0) throw Errors.invalidInput('roleCode or roleCodes is required', '请提供 roleCode 或 roleCodes');
  const roles = [];
  for (const code of roleCodes) roles.push(await findRole(tx, poolId, ns.id, code));
  const holders: Array<{ holderType: 'USER' | 'GROUP' | 'NODE'; holderId: string }> = [];
  for (const id of await requireUsers(tx, poolId, input.userIds ?? [])) holders.push({ holderType: 'USER', holderId: id });
  for (const code of new Set(input.groupCodes ?? [])) holders.push({ holderType: 'GROUP', holderId: (await findGroup(tx, poolId, code)).id });
  for (const ref of new Set(input.nodeCodes ?? [])) holders.push({ holderType: 'NODE', holderId: await nodeIdOf(tx, poolId, ref) });
  return { roles, holders };
}

/** A node by id, else by code (the wire calls the argument `nodeCodes`). */
async function nodeIdOf(tx: Tx, poolId: string, ref: string): Promise<string> {
  const byId = await tx.selectFrom('nodes').select('id').where('userpool_id', '=', poolId).where('id', '=', ref).executeTakeFirst();
  if (byId) return byId.id;
  const node = await tx.selectFrom('nodes').select('id').where('userpool_id', '=', poolId).where('code', '=', ref).orderBy('created_at').executeTakeFirst();
  if (!node) throw ServiceErrors.nodeNotFound();
  return node.id;
}

/** `assignRole`: gives every listed role to every listed user, group and node (idempotent). */
export async function assignRole(ctx: ServiceContext, input: RoleHolders): Promise<void> {
  await ctx.store.write(async (tx, changes) => {
    const { roles, holders } = await resolveHolders(tx, ctx.poolId, input);
    for (const role of roles) {
      for (const h of holders) {
        const exists = await tx
          .selectFrom('role_assignments')
          .select('role_id')
          .where('role_id', '=', role.id)
          .where('holder_type', '=', h.holderType)
          .where('holder_id', '=', h.holderId)
          .executeTakeFirst();
        if (exists) continue;
        await tx
          .insertInto('role_assignments')
          .values({ role_id: role.id, holder_type: h.holderType, holder_id: h.holderId, userpool_id: ctx.poolId, created_at: nowIso() })
          .execute();
        changes.push({ table: 'roleAssignments', op: 'put', row: { roleId: role.id, ...h } });
      }
    }
  });
}

/** `revokeRole`: takes every listed role from every listed holder (absent assignments are fine). */
export async function revokeRole(ctx: ServiceContext, input: RoleHolders): Promise<void> {
  await ctx.store.write(async (tx, changes) => {
    const { roles, holders } = await resolveHolders(tx, ctx.poolId, input);
    for (const role of roles) {
      for (const h of holders) {
        const gone = await tx
          .deleteFrom('role_assignments')
          .where('role_id', '=', role.id)
          .where('holder_type', '=', h.holderType)
          .where('holder_id', '=', h.holderId)
          .executeTakeFirst();
        if (Number(gone.numDeletedRows) > 0) changes.push({ table: 'roleAssignments', op: 'delete', row: { roleId: role.id, ...h } });
      }
    }
  });
}

/** The users a role is assigned to directly, in assignment order. */
const usersOfRole = (db: Db, roleId: string) =>
  db
    .selectFrom('users')
    .innerJoin('role_assignments', 'role_assignments.holder_id', 'users.id')
    .selectAll('users')
    .where('role_assignments.role_id', '=', roleId)
    .where('role_assignments.holder_type', '=', 'USER')
    .orderBy('role_assignments.created_at')
    .orderBy('users.id')
    .execute();

/** `roles.listUsers`: users the role is assigned to directly; `{0, []}` for an unknown role. */
export async function listRoleUsers(
  ctx: ServiceContext,
  code: string,
  opts: { namespace?: string | null; page?: number | null; limit?: number | null } = {},
): Promise<Page<WireUser>> {
  const db = ctx.store.db;
  const ns = await db.selectFrom('namespaces').select('id').where('userpool_id', '=', ctx.poolId).where('code', '=', opts.namespace || 'default').executeTakeFirst();
  const role = ns ? await db.selectFrom('roles').select('id').where('namespace_id', '=', ns.id).where('code', '=', code).executeTakeFirst() : undefined;
  if (!role) return { totalCount: 0, list: [] };
  const page = slicePage(await usersOfRole(db, role.id), opts.page, opts.limit);
  return { totalCount: page.totalCount, list: page.list.map(toWireUser) };
}

/**
 * `POST /api/v2/roles/roleUsers` (JS `roles.findUsers`): the role's direct users whose username,
 * email, phone, nickname or name contains `search` (case-insensitive); 3003 / 3202 for an unknown
 * namespace or role.
 */
export async function findRoleUsers(
  ctx: ServiceContext,
  code: string,
  opts: { namespace?: string | null; search?: string | null; page?: number | null; limit?: number | null } = {},
): Promise<Page<WireUser>> {
  const db = ctx.store.db;
  const ns = await findNamespace(db, ctx.poolId, opts.namespace);
  const role = await findRole(db, ctx.poolId, ns.id, code);
  const needle = opts.search?.trim().toLowerCase() ?? '';
  const users = (await usersOfRole(db, role.id))
    .map(toWireUser)
    .filter((u) => !needle || [u.username, u.email, u.phone, u.nickname, u.name].some((v) => v?.toLowerCase().includes(needle)));
  return slicePage(users, opts.page, opts.limit);
}

/** Roles held directly by any of the holders, in creation order, once each. */
async function rolesHeldBy(db: Db, poolId: string, holderType: 'USER' | 'GROUP' | 'NODE', holderIds: readonly string[], namespace?: string | null) {
  if (holderIds.length === 0) return [];
  let q = db
    .selectFrom('roles')
    .innerJoin('role_assignments', 'role_assignments.role_id', 'roles.id')
    .selectAll('roles')
    .where('role_assignments.holder_type', '=', holderType)
    .where('role_assignments.holder_id', 'in', [...holderIds]);
  if (namespace) q = q.where('roles.namespace_id', '=', (await findNamespace(db, poolId, namespace)).id);
  const rows = await q.orderBy('roles.created_at').orderBy('roles.code').execute();
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}

/** `users.listRoles`: roles assigned to the user directly (not via groups or nodes); every namespace when none is named. */
export async function listUserRoles(ctx: ServiceContext, userId: string, namespace?: string | null): Promise<Page<WireRole>> {
  const db = ctx.store.db;
  await findUser(db, ctx.poolId, userId);
  const rows = await rolesHeldBy(db, ctx.poolId, 'USER', [userId], namespace);
  return { totalCount: rows.length, list: await toWireAll(db, rows) };
}

/** `hasRole` (PY `GET /users/{id}/has-role`): a direct assignment of `code` in the namespace. */
export async function userHasRole(ctx: ServiceContext, userId: string, code: string, namespace?: string | null): Promise<boolean> {
  const roles = await listUserRoles(ctx, userId, namespace || 'default');
  return roles.list.some((r) => r.code === code);
}

/** Roles assigned to a group. */
export async function listGroupRoles(ctx: ServiceContext, groupCode: string, namespace?: string | null): Promise<Page<WireRole>> {
  const db = ctx.store.db;
  const group = await findGroup(db, ctx.poolId, groupCode);
  const rows = await rolesHeldBy(db, ctx.poolId, 'GROUP', [group.id], namespace);
  return { totalCount: rows.length, list: await toWireAll(db, rows) };
}

/** `org.list_roles` / `Node.roles`: roles of the node and of every ancestor (node roles inherit down), once each. */
export async function listNodeRoles(ctx: ServiceContext, nodeId: string, namespace?: string | null): Promise<Page<WireRole>> {
  const db = ctx.store.db;
  const chain: string[] = [];
  let current: string | null = (await findNode(db, ctx.poolId, nodeId)).id;
  while (current !== null && !chain.includes(current)) {
    chain.push(current);
    const row: { parent_id: string | null } | undefined = await db.selectFrom('nodes').select('parent_id').where('id', '=', current).executeTakeFirst();
    current = row?.parent_id ?? null;
  }
  const rows = await rolesHeldBy(db, ctx.poolId, 'NODE', chain, namespace);
  return { totalCount: rows.length, list: await toWireAll(db, rows) };
}
