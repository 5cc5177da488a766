import { Errors } from '../errors.js';
import { nowIso } from '../storage/ids.js';
import type { Tx } from '../storage/store.js';
import type { NamespacesTable } from '../storage/tables.js';
import { deleteNamespaceCascade } from './cascade.js';
import type { Db, ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { findNamespace } from './lookup.js';
import { pageWindow } from './paging.js';

/** A namespace (权限分组) as the wire sends it; `appId`/`appName` are null for hand-made ones. */
export interface WireNamespace {
  id: number;
  name: string;
  code: string;
  description: string | null;
  status: number;
  appId: string | null;
  appName: string | null;
  userPoolId: string;
}

type NamespaceRow = Omit<NamespacesTable, 'id'> & { id: number };

async function toWire(db: Db, row: NamespaceRow): Promise<WireNamespace> {
  const app = row.app_id ? await db.selectFrom('applications').select('name').where('id', '=', row.app_id).executeTakeFirst() : undefined;
  return {
    id: row.id,
    name: row.name,
    code: row.code,
    description: row.description,
    status: row.status,
    appId: row.app_id,
    appName: app?.name ?? null,
    userPoolId: row.userpool_id,
  };
}

/** `listNamespaces`: `{total, list}` (sic: `total`, not `totalCount`), in creation order. */
export async function listNamespaces(
  ctx: ServiceContext,
  page?: number | null,
  limit?: number | null,
): Promise<{ total: number; list: WireNamespace[] }> {
  const db = ctx.store.db;
  const base = db.selectFrom('namespaces').where('userpool_id', '=', ctx.poolId);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const w = pageWindow(page, limit);
  let q = base.selectAll().orderBy('id');
  if (w.limit !== null) q = q.limit(w.limit).offset(w.offset);
  const rows = await q.execute();
  return { total: Number(total.n), list: await Promise.all(rows.map((r) => toWire(db, r))) };
}

/** The namespace with `code` (`default` when omitted); 3003 when missing. */
export async function resolveNamespace(ctx: ServiceContext, code?: string | null): Promise<WireNamespace> {
  return toWire(ctx.store.db, await findNamespace(ctx.store.db, ctx.poolId, code));
}

/** `createNamespace`: 3001 when the code is taken. */
export async function createNamespace(
  ctx: ServiceContext,
  input: { code: string; name: string; description?: string | null },
): Promise<WireNamespace> {
  if (!input.code?.trim()) throw Errors.invalidInput('code is required', 'code 不能为空');
  if (!input.name?.trim()) throw Errors.invalidInput('name is required', 'name 不能为空');
  const row = await ctx.store.write(async (tx) => {
    const taken = await tx.selectFrom('namespaces').select('id').where('userpool_id', '=', ctx.poolId).where('code', '=', input.code).executeTakeFirst();
    if (taken) throw ServiceErrors.namespaceExists();
    const now = nowIso();
    const values = {
      userpool_id: ctx.poolId,
      code: input.code,
      name: input.name,
      description: input.description ?? null,
      status: 1,
      app_id: null,
      created_at: now,
      updated_at: now,
    };
    const { id } = await tx.insertInto('namespaces').values(values).returning('id').executeTakeFirstOrThrow();
    return { ...values, id: Number(id) };
  });
  return toWire(ctx.store.db, row);
}

export interface NamespaceUpdate {
  name?: string | null;
  code?: string | null;
  description?: string | null;
}

async function update(ctx: ServiceContext, find: (tx: Tx) => Promise<NamespaceRow | undefined>, input: NamespaceUpdate): Promise<WireNamespace> {
  const row = await ctx.store.write(async (tx) => {
    const current = await find(tx);
    if (!current) throw ServiceErrors.namespaceToUpdateNotFound();
    const code = input.code || current.code;
    const name = input.name || current.name;
    const protectedCode = current.code === 'default' || current.app_id !== null;
    if (code !== current.code && protectedCode) throw ServiceErrors.namespaceProtected();
    // An app namespace carries the app's name (documented as not modifiable).
    if (name !== current.name && current.app_id !== null) throw ServiceErrors.namespaceProtected();
    if (code !== current.code) {
      const taken = await tx.selectFrom('namespaces').select('id').where('userpool_id', '=', ctx.poolId).where('code', '=', code).executeTakeFirst();
      if (taken) throw ServiceErrors.namespaceExists();
    }
    const next = {
      ...current,
      code,
      name,
      description: input.description === undefined ? current.description : input.description,
      updated_at: nowIso(),
    };
    await tx
      .updateTable('namespaces')
      .set({ code: next.code, name: next.name, description: next.description, updated_at: next.updated_at })
      .where('id', '=', current.id)
      .execute();
    return next;
  });
  return toWire(ctx.store.db, row);
}

const byCode = (ctx: ServiceContext, code: string) => (tx: Tx) =>
  tx.selectFrom('namespaces').selectAll().where('userpool_id', '=', ctx.poolId).where('code', '=', code).executeTakeFirst();

const byId = (ctx: ServiceContext, id: number) => (tx: Tx) =>
  tx.selectFrom('namespaces').selectAll().where('userpool_id', '=', ctx.poolId).where('id', '=', Number(id)).executeTakeFirst();

/** `updateNamespace` (JS, by code): 3005 when missing; 3001 for a taken new code; 3006 for protected ones. */
export function updateNamespaceByCode(ctx: ServiceContext, code: string, input: NamespaceUpdate): Promise<WireNamespace> {
  return update(ctx, byCode(ctx, code), input);
}

/** `update_namespace` (Python, by numeric id): 3005 when missing. */
export function updateNamespaceById(ctx: ServiceContext, id: number, input: NamespaceUpdate): Promise<WireNamespace> {
  return update(ctx, byId(ctx, id), input);
}

async function remove(ctx: ServiceContext, find: (tx: Tx) => Promise<NamespaceRow | undefined>): Promise<void> {
  await ctx.store.write(async (tx, changes) => {
    const current = await find(tx);
    if (!current) throw ServiceErrors.namespaceNotFound();
    if (current.code === 'default' || current.app_id !== null) throw ServiceErrors.namespaceProtected();
    await deleteNamespaceCascade(tx, changes, current.id);
  });
}

/** `deleteNamespace` (JS, by code): 3003 when missing; removes its resources, roles and grants. */
export function deleteNamespaceByCode(ctx: ServiceContext, code: string): Promise<void> {
  return remove(ctx, byCode(ctx, code));
}

/** `delete_namespace` (Python, by numeric id): 3003 when missing. */
export function deleteNamespaceById(ctx: ServiceContext, id: number): Promise<void> {
  return remove(ctx, byId(ctx, id));
}
