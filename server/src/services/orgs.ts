import { Errors } from '../errors.js';
import { newId, nowIso } from '../storage/ids.js';
import type { Tx } from '../storage/store.js';
import type { NodesTable } from '../storage/tables.js';
import { deleteNodeSubtree, subtreeIds } from './cascade.js';
import type { Db, ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { findNode, findUser, requireUsers } from './lookup.js';
import { slicePage, type Page } from './paging.js';
import { toWireUser, type WireUser } from './user-wire.js';

/** An organization node as the wire sends it; `children` are the ids of the direct children. */
export interface WireNode {
  id: string;
  orgId: string;
  name: string;
  nameI18n: string | null;
  description: string | null;
  descriptionI18n: string | null;
  order: number | null;
  code: string | null;
  root: boolean;
  depth: number;
  path: string[];
  codePath: Array<string | null>;
  namePath: string[];
  createdAt: string;
  updatedAt: string;
  children: string[];
}

export interface WireOrg {
  id: string;
  rootNode: WireNode;
  nodes: WireNode[];
}

export interface NodeInput {
  name?: string | null;
  code?: string | null;
  description?: string | null;
  order?: number | null;
  nameI18n?: string | null;
  descriptionI18n?: string | null;
}

/** Siblings: larger `order` first, then creation order. */
function siblingOrder(a: NodesTable, b: NodesTable): number {
  return (b.sort_order ?? 0) - (a.sort_order ?? 0) || a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id);
}

/** Wire nodes of one org, computed from all of its rows (paths need the ancestors). */
class OrgTree {
  private readonly byId: Map<string, NodesTable>;

  constructor(readonly rows: readonly NodesTable[]) {
    this.byId = new Map(rows.map((r) => [r.id, r]));
  }

  static async load(db: Db, orgId: string): Promise<OrgTree> {
    return new OrgTree(await db.selectFrom('nodes').selectAll().where('org_id', '=', orgId).execute());
  }

  /** Root first, then each node's children in sibling order (depth-first). */
  ordered(): NodesTable[] {
    const out: NodesTable[] = [];
    const visit = (row: NodesTable): void => {
      out.push(row);
      for (const c of this.childrenOf(row.id)) visit(c);
    };
    for (const root of this.rows.filter((r) => r.parent_id === null).sort(siblingOrder)) visit(root);
    return out;
  }

  childrenOf(id: string): NodesTable[] {
    return this.rows.filter((r) => r.parent_id === id).sort(siblingOrder);
  }

  /** Root-to-node chain. */
  chain(id: string): NodesTable[] {
    const out: NodesTable[] = [];
    let current = this.byId.get(id);
    while (current && !out.includes(current)) {
      out.unshift(current);
      current = current.parent_id === null ? undefined : this.byId.get(current.parent_id);
    }
    return out;
  }

  wire(row: NodesTable): WireNode {
    const chain = this.chain(row.id);
    return {
      id: row.id,
      orgId: row.org_id,
      name: row.name,
      nameI18n: row.name_i18n,
      description: row.description,
      descriptionI18n: row.description_i18n,
      order: row.sort_order,
      code: row.code,
      root: row.parent_id === null,
      depth: chain.length - 1,
      path: chain.map((n) => n.id),
      codePath: chain.map((n) => n.code),
      namePath: chain.map((n) => n.name),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      children: this.childrenOf(row.id).map((c) => c.id),
    };
  }
}

async function wireNode(db: Db, nodeId: string): Promise<WireNode> {
  const row = await db.selectFrom('nodes').selectAll().where('id', '=', nodeId).executeTakeFirstOrThrow();
  return (await OrgTree.load(db, row.org_id)).wire(row);
}

async function findOrg(db: Db, poolId: string, orgId: string) {
  const org = await db.selectFrom('orgs').selectAll().where('userpool_id', '=', poolId).where('id', '=', orgId).executeTakeFirst();
  if (!org) throw ServiceErrors.orgNotFound();
  return org;
}

async function wireOrg(db: Db, orgId: string, rootNodeId: string): Promise<WireOrg> {
  const tree = await OrgTree.load(db, orgId);
  const nodes = tree.ordered().map((r) => tree.wire(r));
  const rootNode = nodes.find((n) => n.id === rootNodeId);
  if (!rootNode) throw ServiceErrors.nodeNotFound();
  return { id: orgId, rootNode, nodes };
}

async function insertNode(tx: Tx, poolId: string, orgId: string, parentId: string | null, input: NodeInput & { name: string }): Promise<NodesTable> {
  const now = nowIso();
  const row: NodesTable = {
    id: newId(),
    org_id: orgId,
    userpool_id: poolId,
    parent_id: parentId,
    name: input.name,
    name_i18n: input.nameI18n ?? null,
    code: input.code ?? null,
    description: input.description ?? null,
    description_i18n: input.descriptionI18n ?? null,
    sort_order: input.order ?? null,
    created_at: now,
    updated_at: now,
  };
  await tx.insertInto('nodes').values(row).execute();
  return row;
}

/** `createOrg`: an organization and its root node (named like the org). */
export async function createOrg(
  ctx: ServiceContext,
  input: { name: string; code?: string | null; description?: string | null },
): Promise<WireOrg> {
  if (!input.name?.trim()) throw Errors.invalidInput('name is required', '组织机构名称不能为空');
  const { orgId, rootId } = await ctx.store.write(async (tx, changes) => {
    const orgId = newId();
    const now = nowIso();
    // The org row needs the root id and the root row needs the org: insert the org first with a placeholder.
    await tx.insertInto('orgs').values({ id: orgId, userpool_id: ctx.poolId, root_node_id: '', created_at: now, updated_at: now }).execute();
    const root = await insertNode(tx, ctx.poolId, orgId, null, input);
    await tx.updateTable('orgs').set({ root_node_id: root.id }).where('id', '=', orgId).execute();
    changes.push({ table: 'nodes', op: 'put', row: { id: root.id, parentId: null } });
    return { orgId, rootId: root.id };
  });
  return wireOrg(ctx.store.db, orgId, rootId);
}

/** `deleteOrg`: removes every node (with memberships, role assignments, grants, app access) and the org; 3401 when missing. */
export async function deleteOrg(ctx: ServiceContext, orgId: string): Promise<void> {
  await ctx.store.write(async (tx, changes) => {
    const org = await findOrg(tx, ctx.poolId, orgId);
    const roots = await tx.selectFrom('nodes').select('id').where('org_id', '=', orgId).where('parent_id', 'is', null).execute();
    for (const r of roots) await deleteNodeSubtree(tx, changes, r.id);
    await tx.deleteFrom('orgs').where('id', '=', org.id).execute();
  });
}

/** `Q.org(id)`: 3401 when missing. */
export async function getOrg(ctx: ServiceContext, orgId: string): Promise<WireOrg> {
  const org = await findOrg(ctx.store.db, ctx.poolId, orgId);
  return wireOrg(ctx.store.db, org.id, org.root_node_id);
}

/** `Q.orgs`: organizations in creation order. */
export async function listOrgs(ctx: ServiceContext, page?: number | null, limit?: number | null): Promise<Page<WireOrg>> {
  const rows = await ctx.store.db.selectFrom('orgs').selectAll().where('userpool_id', '=', ctx.poolId).orderBy('created_at').orderBy('id').execute();
  const slice = slicePage(rows, page, limit);
  return { totalCount: slice.totalCount, list: await Promise.all(slice.list.map((o) => wireOrg(ctx.store.db, o.id, o.root_node_id))) };
}

/** `addNodeV2`: a node under `parentNodeId` (the root when omitted); 3401 / 3402 for unknown org or parent. */
export async function addNode(
  ctx: ServiceContext,
  orgId: string,
  parentNodeId: string | null | undefined,
  input: NodeInput & { name: string },
): Promise<WireNode> {
  if (!input.name?.trim()) throw Errors.invalidInput('name is required', '节点名称不能为空');
  const id = await ctx.store.write(async (tx, changes) => {
    const org = await findOrg(tx, ctx.poolId, orgId);
    const parentId = parentNodeId || org.root_node_id;
    const parent = await findNode(tx, ctx.poolId, parentId);
    if (parent.org_id !== org.id) throw ServiceErrors.nodeNotFound();
    const row = await insertNode(tx, ctx.poolId, org.id, parent.id, input);
    changes.push({ table: 'nodes', op: 'put', row: { id: row.id, parentId: parent.id } });
    return row.id;
  });
  return wireNode(ctx.store.db, id);
}

/** `updateNode`: 3402 when missing. */
export async function updateNode(ctx: ServiceContext, nodeId: string, input: NodeInput): Promise<WireNode> {
  await ctx.store.write(async (tx) => {
    const current = await findNode(tx, ctx.poolId, nodeId);
    await tx
      .updateTable('nodes')
      .set({
        name: input.name || current.name,
        code: input.code === undefined ? current.code : input.code,
        description: input.description === undefined ? current.description : input.description,
        sort_order: input.order === undefined ? current.sort_order : input.order,
        name_i18n: input.nameI18n === undefined ? current.name_i18n : input.nameI18n,
        description_i18n: input.descriptionI18n === undefined ? current.description_i18n : input.descriptionI18n,
        updated_at: nowIso(),
      })
      .where('id', '=', current.id)
      .execute();
  });
  return wireNode(ctx.store.db, nodeId);
}

/** `deleteNode`: removes the node's whole subtree with everything naming those nodes; the root → 3403. */
export async function deleteNode(ctx: ServiceContext, orgId: string, nodeId: string): Promise<void> {
  await ctx.store.write(async (tx, changes) => {
    const org = await findOrg(tx, ctx.poolId, orgId);
    const node = await findNode(tx, ctx.poolId, nodeId);
    if (node.org_id !== org.id) throw ServiceErrors.nodeNotFound();
    if (node.parent_id === null) throw ServiceErrors.rootNodeDelete();
    await deleteNodeSubtree(tx, changes, node.id);
  });
}

/** `moveNode`: re-parents a node within its org (never under itself or its descendants). */
export async function moveNode(ctx: ServiceContext, orgId: string, nodeId: string, targetParentId: string): Promise<WireOrg> {
  await ctx.store.write(async (tx, changes) => {
    const org = await findOrg(tx, ctx.poolId, orgId);
    const node = await findNode(tx, ctx.poolId, nodeId);
    const target = await findNode(tx, ctx.poolId, targetParentId);
    if (node.org_id !== org.id || target.org_id !== org.id) throw ServiceErrors.nodeNotFound();
    if (node.parent_id === null) throw Errors.invalidInput('The root node cannot be moved', '根节点不能移动');
    if ((await subtreeIds(tx, node.id)).includes(target.id)) {
      throw Errors.invalidInput('A node cannot move below itself', '节点不能移动到自身或其子节点下');
    }
    await tx.updateTable('nodes').set({ parent_id: target.id, updated_at: nowIso() }).where('id', '=', node.id).execute();
    changes.push({ table: 'nodes', op: 'put', row: { id: node.id, parentId: target.id } });
  });
  return getOrg(ctx, orgId);
}

/** `Q.nodeById` (a nullable field): null when no such node is in the pool. */
export async function findNodeById(ctx: ServiceContext, nodeId: string): Promise<WireNode | null> {
  const row = await ctx.store.db.selectFrom('nodes').selectAll().where('userpool_id', '=', ctx.poolId).where('id', '=', nodeId).executeTakeFirst();
  return row ? (await OrgTree.load(ctx.store.db, row.org_id)).wire(row) : null;
}

/** A node that must exist: 3402 when missing. */
export async function getNode(ctx: ServiceContext, nodeId: string): Promise<WireNode> {
  const row = await findNode(ctx.store.db, ctx.poolId, nodeId);
  return (await OrgTree.load(ctx.store.db, row.org_id)).wire(row);
}

/** `Q.nodeByCode(orgId, code)`: 3402 when missing. */
export async function getNodeByCode(ctx: ServiceContext, orgId: string, code: string): Promise<WireNode> {
  const row = await ctx.store.db
    .selectFrom('nodes')
    .select('id')
    .where('userpool_id', '=', ctx.poolId)
    .where('org_id', '=', orgId)
    .where('code', '=', code)
    .orderBy('created_at')
    .executeTakeFirst();
  if (!row) throw ServiceErrors.nodeNotFound();
  return getNode(ctx, row.id);
}

/** `Q.isRootNode`. */
export async function isRootNode(ctx: ServiceContext, orgId: string, nodeId: string): Promise<boolean> {
  const org = await findOrg(ctx.store.db, ctx.poolId, orgId);
  return org.root_node_id === nodeId;
}

/** `Q.rootNode`. */
export async function getRootNode(ctx: ServiceContext, orgId: string): Promise<WireNode> {
  return getNode(ctx, (await findOrg(ctx.store.db, ctx.poolId, orgId)).root_node_id);
}

/** `Q.childrenNodes`: direct children in sibling order. */
export async function listChildren(ctx: ServiceContext, nodeId: string): Promise<WireNode[]> {
  const row = await findNode(ctx.store.db, ctx.poolId, nodeId);
  const tree = await OrgTree.load(ctx.store.db, row.org_id);
  return tree.childrenOf(row.id).map((c) => tree.wire(c));
}

/** `Q.searchNodes`: nodes whose name contains the keyword (case-insensitive). */
export async function searchNodes(ctx: ServiceContext, keyword: string): Promise<WireNode[]> {
  const rows = await ctx.store.db.selectFrom('nodes').selectAll().where('userpool_id', '=', ctx.poolId).orderBy('created_at').execute();
  const k = keyword.toLowerCase();
  const out: WireNode[] = [];
  const trees = new Map<string, OrgTree>();
  for (const row of rows.filter((r) => r.name.toLowerCase().includes(k))) {
    let tree = trees.get(row.org_id);
    if (!tree) trees.set(row.org_id, (tree = await OrgTree.load(ctx.store.db, row.org_id)));
    out.push(tree.wire(row));
  }
  return out;
}

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
  return getNode(ctx, nodeId);
}

/** `removeMember`: 3402 for an unknown node; non-members are ignored. */
export async function removeMembers(ctx: ServiceContext, nodeId: string, userIds: readonly string[]): Promise<WireNode> {
  await ctx.store.write(async (tx, changes) => {
    const node = await findNode(tx, ctx.poolId, nodeId);
    for (const userId of new Set(userIds)) {
      const gone = await tx.deleteFrom('node_members').where('node_id', '=', node.id).where('user_id', '=', userId).executeTakeFirst();
      if (Number(gone.numDeletedRows) > 0) changes.push({ table: 'nodeMembers', op: 'delete', row: { nodeId: node.id, userId } });
    }
  });
  return getNode(ctx, nodeId);
}

/** `moveMembers`: from one node to another. */
export async function moveMembers(
  ctx: ServiceContext,
  input: { userIds: readonly string[]; sourceNodeId: string; targetNodeId: string },
): Promise<void> {
  await ctx.store.write(async (tx, changes) => {
    const source = await findNode(tx, ctx.poolId, input.sourceNodeId);
    const target = await findNode(tx, ctx.poolId, input.targetNodeId);
    for (const userId of await requireUsers(tx, ctx.poolId, input.userIds)) {
      const gone = await tx.deleteFrom('node_members').where('node_id', '=', source.id).where('user_id', '=', userId).executeTakeFirst();
      if (Number(gone.numDeletedRows) > 0) changes.push({ table: 'nodeMembers', op: 'delete', row: { nodeId: source.id, userId } });
      const exists = await tx.selectFrom('node_members').select('user_id').where('node_id', '=', target.id).where('user_id', '=', userId).executeTakeFirst();
      if (exists) continue;
      await tx.insertInto('node_members').values({ node_id: target.id, user_id: userId, is_main_department: 0, joined_at: nowIso() }).execute();
      changes.push({ table: 'nodeMembers', op: 'put', row: { nodeId: target.id, userId } });
    }
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

/** `setMainDepartment`: marks one of the user's nodes as main (null clears it). */
export async function setMainDepartment(ctx: ServiceContext, userId: string, departmentId?: string | null): Promise<void> {
  await ctx.store.write(async (tx) => {
    await findUser(tx, ctx.poolId, userId);
    if (departmentId) {
      const member = await tx.selectFrom('node_members').select('node_id').where('node_id', '=', departmentId).where('user_id', '=', userId).executeTakeFirst();
      if (!member) throw ServiceErrors.nodeNotFound();
    }
    await tx.updateTable('node_members').set({ is_main_department: 0 }).where('user_id', '=', userId).execute();
    if (departmentId) {
      await tx.updateTable('node_members').set({ is_main_department: 1 }).where('user_id', '=', userId).where('node_id', '=', departmentId).execute();
    }
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
    rows.map(async (r) => ({ department: await getNode(ctx, r.node_id), isMainDepartment: r.is_main_department === 1, joinedAt: r.joined_at })),
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
