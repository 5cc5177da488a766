/** Members of organization nodes: adding, removing, moving, the main department, and a user's departments. */
import { nowIso } from '../storage/ids.js';
import { subtreeIds } from './cascade.js';
import type { ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { findNode, findUser, requireUsers } from './lookup.js';
import { OrgTree, wireNode, type WireNode } from './org-tree.js';
import { slicePage, type Page } from './paging.js';
import { syncMainDepartment } from './main-department.js';
import { toWireUser, type WireUser } from './user-wire.js';

/** `addMember`: 3402 / 2004 for unknown node / users; existing members stay. */
export async function addMembers(ctx: ServiceContext, nodeId: string, userIds: readonly string[]): Promise<WireNode> {
  await ctx.store.write(async (tx, changes) => {
    const node = await findNode(tx, ctx.poolId, nodeId);
    for (const userId of await requireUsers(tx, ctx.poolId, userIds)) {
      const exists = await tx.selectFrom('node_members').select('user_id').where('node_id', '=', node.id).where('user_id', '=', userId).executeTakeFirst();
      if (exists) continue;
      await tx.insertInto('node_members').values({ node_id: node.id, user_id: userId, is_main_department: 0, joined_at: nowIso() }).execute();
      changes.push({ table: 'nodeMembers', op: 'put', row: { nodeId: node.id, userId } });
    }
  });
  return wireNode(ctx.store.db, nodeId);
}

/** `removeMember`: 3402 for an unknown node; non-members are ignored. */
export async function removeMembers(ctx: ServiceContext, nodeId: string, userIds: readonly string[]): Promise<WireNode> {
  await ctx.store.write(async (tx, changes) => {
    const node = await findNode(tx, ctx.poolId, nodeId);
    for (const userId of new Set(userIds)) {
      const gone = await tx.deleteFrom('node_members').where('node_id', '=', node.id).where('user_id', '=', userId).executeTakeFirst();
      if (Number(gone.numDeletedRows) > 0) changes.push({ table: 'nodeMembers', op: 'delete', row: { nodeId: node.id, userId } });
    }
    await syncMainDepartment(tx, userIds);
  });
  return wireNode(ctx.store.db, nodeId);
}

/**
 * `moveMembers`: each user leaves the source node and joins the target (keeping its main-department
 * mark). 3402 for an unknown node, 2004 for an unknown user, 3405 when a user is not a member of the
 * source; the whole move is one write, so a refusal moves nobody.
 */
export async function moveMembers(
  ctx: ServiceContext,
  input: { userIds: readonly string[]; sourceNodeId: string; targetNodeId: string },
): Promise<void> {
  await ctx.store.write(async (tx, changes) => {
    const source = await findNode(tx, ctx.poolId, input.sourceNodeId);
    const target = await findNode(tx, ctx.poolId, input.targetNodeId);
    for (const userId of await requireUsers(tx, ctx.poolId, input.userIds)) {
      const membership = await tx.selectFrom('node_members').selectAll().where('node_id', '=', source.id).where('user_id', '=', userId).executeTakeFirst();
      if (!membership) throw ServiceErrors.notNodeMember();
      if (source.id === target.id) continue;
      await tx.deleteFrom('node_members').where('node_id', '=', source.id).where('user_id', '=', userId).execute();
      changes.push({ table: 'nodeMembers', op: 'delete', row: { nodeId: source.id, userId } });
      const existing = await tx.selectFrom('node_members').select('user_id').where('node_id', '=', target.id).where('user_id', '=', userId).executeTakeFirst();
      if (existing) {
        if (membership.is_main_department) await tx.updateTable('node_members').set({ is_main_department: 1 }).where('node_id', '=', target.id).where('user_id', '=', userId).execute();
        continue;
      }
      await tx.insertInto('node_members').values({ node_id: target.id, user_id: userId, is_main_department: membership.is_main_department, joined_at: nowIso() }).execute();
      changes.push({ table: 'nodeMembers', op: 'put', row: { nodeId: target.id, userId } });
    }
    await syncMainDepartment(tx, input.userIds);
  });
}

/** `Node.users`: members in joining order, optionally with the members of every descendant (once each). */
export async function listMembers(
  ctx: ServiceContext,
  nodeId: string,
  opts: { page?: number | null; limit?: number | null; includeChildrenNodes?: boolean | null } = {},
): Promise<Page<WireUser>> {
  const db = ctx.store.db;
  const node = await findNode(db, ctx.poolId, nodeId);
  const ids = opts.includeChildrenNodes ? await subtreeIds(db, node.id) : [node.id];
  const rows = await db
    .selectFrom('users')
    .innerJoin('node_members', 'node_members.user_id', 'users.id')
    .selectAll('users')
    .where('node_members.node_id', 'in', ids)
    .orderBy('node_members.joined_at')
    .orderBy('users.id')
    .execute();
  const seen = new Set<string>();
  const unique = rows.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
  const page = slicePage(unique, opts.page, opts.limit);
  return { totalCount: page.totalCount, list: page.list.map(toWireUser) };
}

/**
 * `setMainDepartment`: marks one of the user's nodes as its main department (the others lose the
 * mark); without `departmentId` none is main. 2004 unknown user, 3402 unknown node, 3405 when the
 * user is not a member of it.
 */
export async function setMainDepartment(ctx: ServiceContext, userId: string, departmentId?: string | null): Promise<void> {
  await ctx.store.write(async (tx) => {
    await findUser(tx, ctx.poolId, userId);
    const node = departmentId ? await findNode(tx, ctx.poolId, departmentId) : null;
    if (node) {
      const member = await tx.selectFrom('node_members').select('node_id').where('node_id', '=', node.id).where('user_id', '=', userId).executeTakeFirst();
      if (!member) throw ServiceErrors.notNodeMember();
    }
    await tx.updateTable('node_members').set({ is_main_department: 0 }).where('user_id', '=', userId).execute();
    if (node) {
      await tx.updateTable('node_members').set({ is_main_department: 1 }).where('user_id', '=', userId).where('node_id', '=', node.id).execute();
    }
    await syncMainDepartment(tx, [userId]);
  });
}

export interface WireUserDepartment {
  department: WireNode;
  isMainDepartment: boolean;
  joinedAt: string;
}

/** `User.departments(orgId)`: the nodes the user belongs to directly. */
export async function listUserDepartments(ctx: ServiceContext, userId: string, orgId?: string | null): Promise<Page<WireUserDepartment>> {
  const db = ctx.store.db;
  await findUser(db, ctx.poolId, userId);
  let q = db
    .selectFrom('node_members')
    .innerJoin('nodes', 'nodes.id', 'node_members.node_id')
    .select(['node_members.node_id', 'node_members.is_main_department', 'node_members.joined_at'])
    .where('node_members.user_id', '=', userId);
  if (orgId) q = q.where('nodes.org_id', '=', orgId);
  const rows = await q.orderBy('node_members.joined_at').execute();
  const list = await Promise.all(
    rows.map(async (r) => ({ department: await wireNode(db, r.node_id), isMainDepartment: r.is_main_department === 1, joinedAt: r.joined_at })),
  );
  return { totalCount: list.length, list };
}

/** `GET /users/{id}/orgs`: for each node the user belongs to, the root-to-node chain. */
export async function listUserOrgPaths(ctx: ServiceContext, userId: string): Promise<WireNode[][]> {
  const db = ctx.store.db;
  const departments = await listUserDepartments(ctx, userId);
  const out: WireNode[][] = [];
  for (const d of departments.list) {
    const tree = await OrgTree.load(db, d.department.orgId);
    out.push(tree.chain(d.department.id).map((n) => tree.wire(n)));
  }
  return out;
}
