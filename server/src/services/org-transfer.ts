/** Organizations as JSON trees: `GET /api/v2/orgs/export` and `POST /api/v2/orgs/import`. */
import { Errors } from '../errors.js';
import { nowIso } from '../storage/ids.js';
import type { NodesTable } from '../storage/tables.js';
import type { ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { requireUsers } from './lookup.js';
import { OrgTree, findOrg, insertNode, insertOrg, wireOrg, type NodeInput, type WireNode } from './org-tree.js';

/** The deepest tree and the most nodes one import may hold (chosen; see server/ERRORS.md). */
export const IMPORT_MAX_DEPTH = 64;
export const IMPORT_MAX_NODES = 5000;

/** One exported node, its subtree nested in `children`. */
export interface WireTreeNode {
  id: string;
  orgId: string;
  userPoolId: string;
  name: string;
  nameI18n: string | null;
  code: string | null;
  description: string | null;
  descriptionI18n: string | null;
  order: number | null;
  /** Ids of the direct members, in joining order. */
  members: string[];
  children: WireTreeNode[];
  createdAt: string;
  updatedAt: string;
}

/** `GET /api/v2/orgs/export[?org_id=]`: one tree per organization (oldest first), or the one named; 3401 when it is unknown. */
export async function exportOrgs(ctx: ServiceContext, orgId?: string | null): Promise<WireTreeNode[]> {
  const db = ctx.store.db;
  const orgs = orgId
    ? [await findOrg(db, ctx.poolId, orgId)]
    : await db.selectFrom('orgs').selectAll().where('userpool_id', '=', ctx.poolId).orderBy('created_at').orderBy('id').execute();
  const out: WireTreeNode[] = [];
  for (const org of orgs) {
    const tree = await OrgTree.load(db, org.id);
    const members = new Map<string, string[]>();
    const rows = await db
      .selectFrom('node_members')
      .innerJoin('nodes', 'nodes.id', 'node_members.node_id')
      .select(['node_members.node_id', 'node_members.user_id'])
      .where('nodes.org_id', '=', org.id)
      .orderBy('node_members.joined_at')
      .orderBy('node_members.user_id')
      .execute();
    for (const r of rows) members.set(r.node_id, [...(members.get(r.node_id) ?? []), r.user_id]);
    const build = (row: NodesTable): WireTreeNode => ({
      id: row.id,
      orgId: row.org_id,
      userPoolId: row.userpool_id,
      name: row.name,
      nameI18n: row.name_i18n,
      code: row.code,
      description: row.description,
      descriptionI18n: row.description_i18n,
      order: row.sort_order,
      members: members.get(row.id) ?? [],
      children: tree.childrenOf(row.id).map(build),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    });
    const root = tree.rows.find((r) => r.id === org.root_node_id);
    if (root) out.push(build(root));
  }
  return out;
}

/** A node of the tree to import, checked. */
interface ImportNode extends NodeInput {
  name: string;
  members: string[];
  children: ImportNode[];
}

const optionalString = (value: unknown, where: string): string | null => {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw Errors.invalidInput(`${where} must be a string`, `${where} 必须是字符串`);
  return value;
};

/** Checks the whole tree breadth-first (no recursion: the depth is the caller's); 400 for any malformed node. */
function parseTree(file: unknown): ImportNode {
  let value = file;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw Errors.invalidInput('file is not valid JSON', 'file 不是合法的 JSON');
    }
  }
  const parse = (raw: unknown, where: string): ImportNode => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw Errors.invalidInput(`${where} must be an object`, `${where} 必须是对象`);
    const o = raw as Record<string, unknown>;
    if (typeof o.name !== 'string' || !o.name.trim()) throw Errors.invalidInput(`${where}.name is required`, `${where}.name 节点名称不能为空`);
    const order = o.order;
    if (order !== undefined && order !== null && !(Number.isInteger(order) && (order as number) >= 0 && (order as number) < 2 ** 32)) {
      throw Errors.invalidInput(`${where}.order must be an integer from 0 to 2^32 - 1`, `${where}.order 必须是 0 到 2^32 - 1 的整数`);
    }
    const members = o.members ?? [];
    if (!Array.isArray(members) || !members.every((m) => typeof m === 'string')) {
      throw Errors.invalidInput(`${where}.members must be an array of user ids`, `${where}.members 必须是用户 ID 数组`);
    }
    if (o.children !== undefined && o.children !== null && !Array.isArray(o.children)) {
      throw Errors.invalidInput(`${where}.children must be an array`, `${where}.children 必须是数组`);
    }
    return {
      name: o.name,
      code: optionalString(o.code, `${where}.code`),
      description: optionalString(o.description, `${where}.description`),
      nameI18n: optionalString(o.nameI18n, `${where}.nameI18n`),
      descriptionI18n: optionalString(o.descriptionI18n, `${where}.descriptionI18n`),
      order: (order as number | null | undefined) ?? null,
      members: members as string[],
      children: [],
    };
  };
  const root = parse(value, 'file');
  let level: Array<{ node: ImportNode; raw: unknown; where: string }> = [{ node: root, raw: value, where: 'file' }];
  const codes = new Set<string>();
  let count = 0;
  for (let depth = 0; level.length > 0; depth++) {
    if (depth >= IMPORT_MAX_DEPTH) throw Errors.invalidInput(`The tree is deeper than ${IMPORT_MAX_DEPTH} levels`, `组织机构树的层级不能超过 ${IMPORT_MAX_DEPTH}`);
    const next: typeof level = [];
    for (const { node, raw, where } of level) {
      if (++count > IMPORT_MAX_NODES) throw Errors.invalidInput(`The tree has more than ${IMPORT_MAX_NODES} nodes`, `组织机构树的节点数不能超过 ${IMPORT_MAX_NODES}`);
      if (node.code) {
        if (codes.has(node.code)) throw ServiceErrors.nodeCodeTaken(node.code);
        codes.add(node.code);
      }
      const children = ((raw as { children?: unknown[] | null }).children ?? []).map((c, i) => ({ raw: c, where: `${where}.children[${i}]` }));
      for (const c of children) {
        const child = parse(c.raw, c.where);
        node.children.push(child);
        next.push({ node: child, raw: c.raw, where: c.where });
      }
    }
    level = next;
  }
  return root;
}

/**
 * `POST /api/v2/orgs/import`: a new organization whose root is the tree's top node, children
 * nested below it in the given order, with the listed members (user ids of the pool). All in one
 * write: a bad node (400), a code used twice (3404) or an unknown user (2004) creates nothing.
 * Answers the new nodes, root first then depth-first in sibling order.
 */
export async function importOrg(ctx: ServiceContext, filetype: string, file: unknown): Promise<WireNode[]> {
  if (filetype !== 'json') throw Errors.invalidInput('filetype must be json', 'filetype 必须为 json');
  const root = parseTree(file);
  const org = await ctx.store.write(async (tx, changes) => {
    const created = await insertOrg(tx, changes, ctx.poolId, root, null);
    const join = async (nodeId: string, userIds: readonly string[]): Promise<void> => {
      for (const userId of await requireUsers(tx, ctx.poolId, userIds)) {
        await tx.insertInto('node_members').values({ node_id: nodeId, user_id: userId, is_main_department: 0, joined_at: nowIso() }).execute();
        changes.push({ table: 'nodeMembers', op: 'put', row: { nodeId, userId } });
      }
    };
    await join(created.root_node_id, root.members);
    // Siblings keep the tree's order: without an `order`, creation order decides.
    const queue: Array<{ parentId: string; node: ImportNode }> = root.children.map((node) => ({ parentId: created.root_node_id, node }));
    for (let item = queue.shift(); item; item = queue.shift()) {
      const row = await insertNode(tx, ctx.poolId, created.id, item.parentId, item.node);
      changes.push({ table: 'nodes', op: 'put', row: { id: row.id, parentId: item.parentId } });
      await join(row.id, item.node.members);
      for (const child of item.node.children) queue.push({ parentId: row.id, node: child });
    }
    return created;
  });
  return (await wireOrg(ctx.store.db, org)).nodes;
}
