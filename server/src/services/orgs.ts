/**
 * Organizations and their nodes. Members live in org-members.ts, export/import in org-transfer.ts,
 * directory synchronization in org-sync.ts; this module re-exports them so callers import one place.
 */
import { Errors } from '../errors.js';
import { nowIso } from '../storage/ids.js';
import { deleteNodeSubtree, subtreeIds } from './cascade.js';
import type { ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { findNode } from './lookup.js';
import { slicePage, type Page } from './paging.js';
import { OrgTree, findOrg, insertNode, insertOrg, requireFreeCode, wireNode, wireOrg, type NodeInput, type WireNode, type WireOrg } from './org-tree.js';

export type { NodeInput, WireNode, WireOrg } from './org-tree.js';
export * from './org-members.js';
export * from './org-transfer.js';
export * from './org-sync.js';

/** A name must have a visible character: 400 otherwise. */
function requireName(name: string | null | undefined, zh: string): asserts name is string {
  if (!name?.trim()) throw Errors.invalidInput('name is required', zh);
}

/** `createOrg`: an organization and its root node (named like the org); `tenantId` is stored as given. */
export async function createOrg(
  ctx: ServiceContext,
  input: { name: string; code?: string | null; description?: string | null; tenantId?: string | null },
): Promise<WireOrg> {
  requireName(input.name, '组织机构名称不能为空');
  const { name, code, description } = input;
  const org = await ctx.store.write((tx, changes) => insertOrg(tx, changes, ctx.poolId, { name, code, description }, input.tenantId || null));
  return wireOrg(ctx.store.db, org);
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
  return wireOrg(ctx.store.db, await findOrg(ctx.store.db, ctx.poolId, orgId));
}

/** `Q.orgs` and `GET /api/v2/orgs`: organizations in creation order. */
export async function listOrgs(ctx: ServiceContext, page?: number | null, limit?: number | null): Promise<Page<WireOrg>> {
  const rows = await ctx.store.db.selectFrom('orgs').selectAll().where('userpool_id', '=', ctx.poolId).orderBy('created_at').orderBy('id').execute();
  const slice = slicePage(rows, page, limit);
  return { totalCount: slice.totalCount, list: await Promise.all(slice.list.map((o) => wireOrg(ctx.store.db, o))) };
}

/** `GET /api/v2/orgs/count`. */
export async function countOrgs(ctx: ServiceContext): Promise<number> {
  const row = await ctx.store.db.selectFrom('orgs').select((eb) => eb.fn.countAll<number>().as('n')).where('userpool_id', '=', ctx.poolId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** `GET /api/v2/orgs/by-tenant`: the organizations created with that `tenantId`, in creation order. */
export async function listOrgsByTenant(ctx: ServiceContext, tenantId: string): Promise<WireOrg[]> {
  const rows = await ctx.store.db
    .selectFrom('orgs')
    .selectAll()
    .where('userpool_id', '=', ctx.poolId)
    .where('tenant_id', '=', tenantId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return Promise.all(rows.map((o) => wireOrg(ctx.store.db, o)));
}

/** `addNodeV2` / `addNode`: a node under `parentNodeId` (the root when omitted); 3401 / 3402 for unknown org or parent, 3404 for a taken code. */
export async function addNode(
  ctx: ServiceContext,
  orgId: string,
  parentNodeId: string | null | undefined,
  input: NodeInput & { name: string },
): Promise<WireNode> {
  requireName(input.name, '节点名称不能为空');
  const id = await ctx.store.write(async (tx, changes) => {
    const org = await findOrg(tx, ctx.poolId, orgId);
    const parent = await findNode(tx, ctx.poolId, parentNodeId || org.root_node_id);
    if (parent.org_id !== org.id) throw ServiceErrors.nodeNotFound();
    await requireFreeCode(tx, org.id, input.code);
    const row = await insertNode(tx, ctx.poolId, org.id, parent.id, input);
    changes.push({ table: 'nodes', op: 'put', row: { id: row.id, parentId: parent.id } });
    return row.id;
  });
  return wireNode(ctx.store.db, id);
}

/** `updateNode`: 3402 when missing, 3404 for a code another node of the org holds, 400 for an empty name. */
export async function updateNode(ctx: ServiceContext, nodeId: string, input: NodeInput): Promise<WireNode> {
  if (typeof input.name === 'string') requireName(input.name, '节点名称不能为空');
  await ctx.store.write(async (tx) => {
    const current = await findNode(tx, ctx.poolId, nodeId);
    if (input.code !== undefined) await requireFreeCode(tx, current.org_id, input.code, current.id);
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

/**
 * `deleteNode`: removes the node's whole subtree with everything naming those nodes (memberships,
 * role assignments, grants, app access); its members stay in the pool. The root → 3403.
 */
export async function deleteNode(ctx: ServiceContext, orgId: string, nodeId: string): Promise<void> {
  await ctx.store.write(async (tx, changes) => {
    const org = await findOrg(tx, ctx.poolId, orgId);
    const node = await findNode(tx, ctx.poolId, nodeId);
    if (node.org_id !== org.id) throw ServiceErrors.nodeNotFound();
    if (node.parent_id === null) throw ServiceErrors.rootNodeDelete();
    await deleteNodeSubtree(tx, changes, node.id);
  });
}

/**
 * `moveNode`: re-parents a node (its subtree, members and grants travel with it) within its org.
 * The root cannot move, and a node cannot move below itself or its descendants (400).
 */
export async function moveNode(ctx: ServiceContext, orgId: string, nodeId: string, targetParentId: string): Promise<WireOrg> {
  await ctx.store.write(async (tx, changes) => {
    const org = await findOrg(tx, ctx.poolId, orgId);
    const node = await findNode(tx, ctx.poolId, nodeId);
    const target = await findNode(tx, ctx.poolId, targetParentId);
    if (node.org_id !== org.id || target.org_id !== org.id) throw ServiceErrors.nodeNotFound();
    if (node.parent_id === null) throw Errors.invalidInput('The root node cannot be moved', '根节点不能移动');
    if ((await subtreeIds(tx, node.id)).includes(target.id)) {
      throw Errors.invalidInput('A node cannot move below itself or one of its descendants', '节点不能移动到自身或其子节点下');
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

/** `Q.nodeByCode(orgId, code)` (a nullable field): null when the org has no node with that code. */
export async function findNodeByCode(ctx: ServiceContext, orgId: string, code: string): Promise<WireNode | null> {
  const row = await ctx.store.db
    .selectFrom('nodes')
    .select('id')
    .where('userpool_id', '=', ctx.poolId)
    .where('org_id', '=', orgId)
    .where('code', '=', code)
    .orderBy('created_at')
    .executeTakeFirst();
  return row ? getNode(ctx, row.id) : null;
}

/** A node by org id and code that must exist: 3402 when missing. */
export async function getNodeByCode(ctx: ServiceContext, orgId: string, code: string): Promise<WireNode> {
  const node = await findNodeByCode(ctx, orgId, code);
  if (!node) throw ServiceErrors.nodeNotFound();
  return node;
}

/** `Q.isRootNode`: 3401 / 3402 for an unknown org / node. */
export async function isRootNode(ctx: ServiceContext, orgId: string, nodeId: string): Promise<boolean> {
  const org = await findOrg(ctx.store.db, ctx.poolId, orgId);
  const node = await findNode(ctx.store.db, ctx.poolId, nodeId);
  return org.root_node_id === node.id;
}

/** `Q.rootNode`: 3401 for an unknown org. */
export async function getRootNode(ctx: ServiceContext, orgId: string): Promise<WireNode> {
  return getNode(ctx, (await findOrg(ctx.store.db, ctx.poolId, orgId)).root_node_id);
}

/** `Q.childrenNodes`: direct children in sibling order; 3402 for an unknown node or one outside `orgId`. */
export async function listChildren(ctx: ServiceContext, nodeId: string, orgId?: string | null): Promise<WireNode[]> {
  const row = await findNode(ctx.store.db, ctx.poolId, nodeId);
  if (orgId && row.org_id !== orgId) throw ServiceErrors.nodeNotFound();
  const tree = await OrgTree.load(ctx.store.db, row.org_id);
  return tree.childrenOf(row.id).map((c) => tree.wire(c));
}

/** `Q.searchNodes`: nodes of every org whose name contains the keyword (case-insensitive), in creation order; 400 for an empty keyword. */
export async function searchNodes(ctx: ServiceContext, keyword: string): Promise<WireNode[]> {
  if (!keyword.trim()) throw Errors.invalidInput('keyword is required', '请提供搜索关键词');
  const rows = await ctx.store.db.selectFrom('nodes').selectAll().where('userpool_id', '=', ctx.poolId).orderBy('created_at').orderBy('id').execute();
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
