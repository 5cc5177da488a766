import { revokeCovers } from '../engine/match.js';
import type { ResourceType } from '../engine/types.js';
import { Errors } from '../errors.js';
import { newId, nowIso } from '../storage/ids.js';
import type { ResourcesTable } from '../storage/tables.js';
import { deleteGrantIds } from './cascade.js';
import type { Db, ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { findNamespace } from './lookup.js';
import { slicePage, type Page } from './paging.js';

export const RESOURCE_TYPES: readonly ResourceType[] = ['DATA', 'API', 'MENU', 'UI', 'BUTTON'];

/** Codes Authing reserves for its own resources (createResource docs). */
export const RESERVED_RESOURCE_CODES: readonly string[] = [
  'userpool',
  'user',
  'application',
  'role',
  'group',
  'org',
  '*',
  'api',
  'resource-namespace',
  'custom-resource',
];

export interface ResourceAction {
  name: string;
  description: string | null;
}

/** A resource definition as the wire sends it (`namespace` = namespace code). */
export interface WireResource {
  id: string;
  userPoolId: string;
  code: string;
  actions: ResourceAction[];
  type: ResourceType;
  description: string | null;
  namespaceId: number;
  namespace: string;
  apiIdentifier: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ResourceActionInput {
  name: string;
  description?: string | null;
}

function toWire(row: ResourcesTable, namespaceCode: string): WireResource {
  return {
    id: row.id,
    userPoolId: row.userpool_id,
    code: row.code,
    actions: JSON.parse(row.actions) as ResourceAction[],
    type: row.type as ResourceType,
    description: row.description,
    namespaceId: row.namespace_id,
    namespace: namespaceCode,
    apiIdentifier: row.api_identifier,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function isResourceType(t: unknown): t is ResourceType {
  return typeof t === 'string' && (RESOURCE_TYPES as readonly string[]).includes(t);
}

/** Validated action list; MENU and BUTTON may have none, every other type needs one. */
function checkedActions(type: ResourceType, actions: readonly ResourceActionInput[] | null | undefined): ResourceAction[] {
  const list = (actions ?? []).map((a) => {
    if (!a || typeof a.name !== 'string' || a.name.trim() === '') throw Errors.invalidInput('Every action needs a name', '每个操作都需要 name');
    return { name: a.name, description: a.description ?? null };
  });
  if (list.length === 0 && type !== 'MENU' && type !== 'BUTTON') throw ServiceErrors.actionsRequired();
  return list;
}

async function codesOf(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('namespaces').select(['id', 'code']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.code]));
}

/** `listResources`: one namespace (by code) or, without one, the whole pool; creation order. */
export async function listResources(
  ctx: ServiceContext,
  opts: { namespace?: string | null; type?: ResourceType | null; page?: number | null; limit?: number | null } = {},
): Promise<Page<WireResource>> {
  const db = ctx.store.db;
  let q = db.selectFrom('resources').selectAll().where('userpool_id', '=', ctx.poolId);
  if (opts.namespace) q = q.where('namespace_id', '=', (await findNamespace(db, ctx.poolId, opts.namespace)).id);
  if (opts.type) q = q.where('type', '=', opts.type);
  const rows = await q.orderBy('seq').orderBy('code').execute();
  const codes = await codesOf(db, rows.map((r) => r.namespace_id));
  return slicePage(
    rows.map((r) => toWire(r, codes.get(r.namespace_id) ?? '')),
    opts.page,
    opts.limit,
  );
}

export interface ResourceInput {
  code: string;
  type?: ResourceType | null;
  description?: string | null;
  actions?: readonly ResourceActionInput[] | null;
  namespace?: string | null;
  apiIdentifier?: string | null;
}

/** Validates one resource before any write (reserved code, type, actions). */
function checkedResource(input: ResourceInput) {
  const code = typeof input?.code === 'string' ? input.code.trim() : '';
  if (!code) throw Errors.invalidInput('code is required', '资源 code 不能为空');
  if (RESERVED_RESOURCE_CODES.includes(code)) throw ServiceErrors.reservedResourceCode(code);
  const type = input.type ?? 'DATA';
  if (!isResourceType(type)) throw ServiceErrors.invalidResourceType();
  return { code, type, actions: checkedActions(type, input.actions) };
}

/** Inserts a checked resource inside the caller's transaction; a duplicate code is refused. */
async function insertResource(tx: Db, poolId: string, input: ResourceInput, checked: ReturnType<typeof checkedResource>) {
  const { code, type, actions } = checked;
  const ns = await findNamespace(tx, poolId, input.namespace);
  const taken = await tx.selectFrom('resources').select('id').where('namespace_id', '=', ns.id).where('code', '=', code).executeTakeFirst();
  if (taken) throw ServiceErrors.resourceExists();
  const last = await tx.selectFrom('resources').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
  const now = nowIso();
  const row: ResourcesTable = {
    id: newId(),
    userpool_id: poolId,
    namespace_id: ns.id,
    code,
    type,
    description: input.description ?? null,
    actions: JSON.stringify(actions),
    api_identifier: input.apiIdentifier ?? null,
    seq: Number(last?.seq ?? 0) + 1,
    created_at: now,
    updated_at: now,
  };
  await tx.insertInto('resources').values(row).execute();
  return { row, nsCode: ns.code };
}

/** `createResource`: reserved codes, bad types, missing actions and duplicates are refused. */
export async function createResource(ctx: ServiceContext, input: ResourceInput): Promise<WireResource> {
  const checked = checkedResource(input);
  const { row, nsCode } = await ctx.store.write((tx) => insertResource(tx, ctx.poolId, input, checked));
  return toWire(row, nsCode);
}

/**
 * `POST /api/v2/resources/bulk` (`tenant.batchInsertResource`): every resource in one transaction,
 * all or nothing (the first bad item refuses the batch with its own error); answers in request order.
 */
export async function createResources(ctx: ServiceContext, inputs: readonly ResourceInput[]): Promise<WireResource[]> {
  if (!Array.isArray(inputs) || inputs.length === 0 || inputs.length > 200) {
    throw Errors.invalidInput('bulk must be a list of 1 to 200 resources', 'bulk 必须是 1 到 200 个资源的列表');
  }
  const checked = inputs.map((input) => checkedResource(input));
  const rows = await ctx.store.write(async (tx) => {
    const out: Awaited<ReturnType<typeof insertResource>>[] = [];
    for (const [i, input] of inputs.entries()) out.push(await insertResource(tx, ctx.poolId, input, checked[i]!));
    return out;
  });
  return rows.map(({ row, nsCode }) => toWire(row, nsCode));
}

/** `updateResource`: replaces the whole actions array when given; 3105 when missing. */
export async function updateResource(
  ctx: ServiceContext,
  code: string,
  input: Omit<ResourceInput, 'code'>,
): Promise<WireResource> {
  if (input.type !== undefined && input.type !== null && !isResourceType(input.type)) throw ServiceErrors.invalidResourceType();
  const { row, nsCode } = await ctx.store.write(async (tx) => {
    const ns = await findNamespace(tx, ctx.poolId, input.namespace);
    const current = await tx.selectFrom('resources').selectAll().where('namespace_id', '=', ns.id).where('code', '=', code).executeTakeFirst();
    if (!current) throw ServiceErrors.resourceNotFound();
    const type = (input.type ?? current.type) as ResourceType;
    const actions = input.actions ? checkedActions(type, input.actions) : (JSON.parse(current.actions) as ResourceAction[]);
    if (actions.length === 0 && type !== 'MENU' && type !== 'BUTTON') throw ServiceErrors.actionsRequired();
    const next: ResourcesTable = {
      ...current,
      type,
      description: input.description === undefined ? current.description : input.description,
      actions: JSON.stringify(actions),
      api_identifier: input.apiIdentifier === undefined ? current.api_identifier : input.apiIdentifier,
      updated_at: nowIso(),
    };
    await tx.updateTable('resources').set(next).where('id', '=', current.id).execute();
    return { row: next, nsCode: ns.code };
  });
  return toWire(row, nsCode);
}

/**
 * `deleteResource`: removes the definition and every grant on it in that namespace, following
 * the revoke rule (deleting kind `K` removes `K`, `K:*` and every `K:x` grant). 3105 when missing.
 */
export async function deleteResource(ctx: ServiceContext, code: string, namespace?: string | null): Promise<void> {
  await ctx.store.write(async (tx, changes) => {
    const ns = await findNamespace(tx, ctx.poolId, namespace);
    const current = await tx.selectFrom('resources').select('id').where('namespace_id', '=', ns.id).where('code', '=', code).executeTakeFirst();
    if (!current) throw ServiceErrors.resourceNotFound();
    const grants = await tx.selectFrom('grants').select(['id', 'resource']).where('namespace_id', '=', ns.id).execute();
    await deleteGrantIds(
      tx,
      changes,
      grants.filter((g) => revokeCovers(code, g.resource)).map((g) => g.id),
    );
    await tx.deleteFrom('resources').where('id', '=', current.id).execute();
  });
}

/** `getResourceById`: null when missing. */
export async function getResourceById(ctx: ServiceContext, id: string): Promise<WireResource | null> {
  const row = await ctx.store.db.selectFrom('resources').selectAll().where('userpool_id', '=', ctx.poolId).where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const codes = await codesOf(ctx.store.db, [row.namespace_id]);
  return toWire(row, codes.get(row.namespace_id) ?? '');
}

/** `getResourceByCode`: null when the namespace or the resource is missing. */
export async function getResourceByCode(ctx: ServiceContext, namespace: string | null | undefined, code: string): Promise<WireResource | null> {
  const db = ctx.store.db;
  const ns = await db
    .selectFrom('namespaces')
    .select(['id', 'code'])
    .where('userpool_id', '=', ctx.poolId)
    .where('code', '=', namespace || 'default')
    .executeTakeFirst();
  if (!ns) return null;
  const row = await db.selectFrom('resources').selectAll().where('namespace_id', '=', ns.id).where('code', '=', code).executeTakeFirst();
  return row ? toWire(row, ns.code) : null;
}
