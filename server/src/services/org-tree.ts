/** Organization trees as the wire sends them: nodes with their paths, organizations with all their nodes. */
import type { FactChange } from '../engine/types.js';
import { newId, nowIso } from '../storage/ids.js';
import type { Tx } from '../storage/store.js';
import type { NodesTable, OrgsTable } from '../storage/tables.js';
import type { Db } from './context.js';
import { ServiceErrors } from './errors.js';

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
  /** Virtual nodes come from directory sync, which authing-local does not do: every node is real. */
  isVirtualNode: boolean;
}

export interface WireOrg {
  id: string;
  tenantId: string | null;
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
export class OrgTree {
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
      isVirtualNode: false,
    };
  }
}

/** One node, by id (which must exist), with its paths. */
export async function wireNode(db: Db, nodeId: string): Promise<WireNode> {
  const row = await db.selectFrom('nodes').selectAll().where('id', '=', nodeId).executeTakeFirstOrThrow();
  return (await OrgTree.load(db, row.org_id)).wire(row);
}

/** An organization of the pool: 3401 when missing. */
export async function findOrg(db: Db, poolId: string, orgId: string): Promise<OrgsTable> {
  const org = await db.selectFrom('orgs').selectAll().where('userpool_id', '=', poolId).where('id', '=', orgId).executeTakeFirst();
  if (!org) throw ServiceErrors.orgNotFound();
  return org;
}

/** An organization with every node, root first then depth-first in sibling order. */
export async function wireOrg(db: Db, org: Pick<OrgsTable, 'id' | 'root_node_id' | 'tenant_id'>): Promise<WireOrg> {
  const tree = await OrgTree.load(db, org.id);
  const nodes = tree.ordered().map((r) => tree.wire(r));
  const rootNode = nodes.find((n) => n.id === org.root_node_id);
  if (!rootNode) throw ServiceErrors.nodeNotFound();
  return { id: org.id, tenantId: org.tenant_id, rootNode, nodes };
}

/** A node code is unique within its organization (null codes aside): 3404 when another node holds it. */
export async function requireFreeCode(db: Db, orgId: string, code: string | null | undefined, exceptNodeId?: string): Promise<void> {
  if (code === null || code === undefined || code === '') return;
  let q = db.selectFrom('nodes').select('id').where('org_id', '=', orgId).where('code', '=', code);
  if (exceptNodeId) q = q.where('id', '!=', exceptNodeId);
  if (await q.executeTakeFirst()) throw ServiceErrors.nodeCodeTaken(code);
}

/** Inserts one node row (the caller pushes the `nodes` fact change). */
export async function insertNode(tx: Tx, poolId: string, orgId: string, parentId: string | null, input: NodeInput & { name: string }): Promise<NodesTable> {
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

/** Inserts an organization and its root node in `tx` (and the root's fact change); returns the org row. */
export async function insertOrg(
  tx: Tx,
  changes: FactChange[],
  poolId: string,
  root: NodeInput & { name: string },
  tenantId: string | null,
): Promise<OrgsTable> {
  const now = nowIso();
  const org: OrgsTable = { id: newId(), userpool_id: poolId, root_node_id: '', tenant_id: tenantId, created_at: now, updated_at: now };
  // The org row needs the root id and the root row needs the org: insert the org first with a placeholder.
  await tx.insertInto('orgs').values(org).execute();
  const rootRow = await insertNode(tx, poolId, org.id, null, root);
  await tx.updateTable('orgs').set({ root_node_id: rootRow.id }).where('id', '=', org.id).execute();
  changes.push({ table: 'nodes', op: 'put', row: { id: rootRow.id, parentId: null } });
  return { ...org, root_node_id: rootRow.id };
}
