/**
 * External identity providers of a pool (`/api/v2/extIdp`), optionally of one tenant, each with
 * its connections (services/ext-idp-connections.ts). The records are stored and validated only:
 * authing-local never connects to a provider.
 */
import { Errors } from '../errors.js';
import { newId, nowIso } from '../storage/ids.js';
import type { ExtIdpConnectionsTable, ExtIdpsTable } from '../storage/tables.js';
import type { Db, ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import {
  checkedConnection,
  connectionToWire,
  insertConnection,
  type ConnectionInput,
  type WireExtIdpConnection,
} from './ext-idp-connections.js';
import { checkedIdpType, requiredText, requireTenant } from './ext-idp-rules.js';

export interface WireExtIdp {
  id: string;
  userPoolId: string;
  tenantId: string | null;
  name: string;
  type: string;
  connections: WireExtIdpConnection[];
  createdAt: string;
  updatedAt: string;
}

const MAX_CONNECTIONS = 50;

function toWire(row: ExtIdpsTable, connections: readonly ExtIdpConnectionsTable[]): WireExtIdp {
  return {
    id: row.id,
    userPoolId: row.userpool_id,
    tenantId: row.tenant_id,
    name: row.name,
    type: row.type,
    connections: connections.filter((c) => c.ext_idp_id === row.id).map(connectionToWire),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function withConnections(db: Db, rows: readonly ExtIdpsTable[]): Promise<WireExtIdp[]> {
  if (rows.length === 0) return [];
  const connections = await db
    .selectFrom('ext_idp_connections')
    .selectAll()
    .where('ext_idp_id', 'in', rows.map((r) => r.id))
    .orderBy('seq')
    .execute();
  return rows.map((r) => toWire(r, connections));
}

/** `listExtIdp(tenantId)`: the ext IdPs of that tenant (without one: those of no tenant), creation order. */
export async function listExtIdps(ctx: ServiceContext, tenantId?: string | null): Promise<WireExtIdp[]> {
  const db = ctx.store.db;
  let q = db.selectFrom('ext_idps').selectAll().where('userpool_id', '=', ctx.poolId);
  q = tenantId ? q.where('tenant_id', '=', tenantId) : q.where('tenant_id', 'is', null);
  return withConnections(db, await q.orderBy('seq').execute());
}

async function requireIdp(db: Db, poolId: string, id: string): Promise<ExtIdpsTable> {
  const row = await db.selectFrom('ext_idps').selectAll().where('userpool_id', '=', poolId).where('id', '=', id).executeTakeFirst();
  if (!row) throw ServiceErrors.extIdpNotFound();
  return row;
}

/** `extIdpDetail`: 3811 when missing. */
export async function getExtIdp(ctx: ServiceContext, id: string): Promise<WireExtIdp> {
  const row = await requireIdp(ctx.store.db, ctx.poolId, id);
  const [wire] = await withConnections(ctx.store.db, [row]);
  return wire as WireExtIdp;
}

export interface ExtIdpInput {
  tenantId?: string | null;
  name: unknown;
  type: unknown;
  connections?: readonly ConnectionInput[] | null;
}

/** `createExtIdp`: the IdP and its connections, all or nothing (3813 on a taken identifier, 3814 on an unknown tenant). */
export async function createExtIdp(ctx: ServiceContext, input: ExtIdpInput): Promise<WireExtIdp> {
  const name = requiredText(input.name, 'name');
  const type = checkedIdpType(input.type);
  const list = input.connections ?? [];
  if (!Array.isArray(list) || list.length > MAX_CONNECTIONS) {
    throw Errors.invalidInput(`connections must be a list of at most ${MAX_CONNECTIONS}`, `connections 必须是最多 ${MAX_CONNECTIONS} 个连接的列表`);
  }
  const checked = list.map((c) => checkedConnection(c));
  const tenantId = input.tenantId || null;
  const { row, connections } = await ctx.store.write(async (tx) => {
    if (tenantId) await requireTenant(tx, ctx.poolId, tenantId);
    const last = await tx.selectFrom('ext_idps').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
    const now = nowIso();
    const row: ExtIdpsTable = {
      id: newId(),
      userpool_id: ctx.poolId,
      tenant_id: tenantId,
      name,
      type,
      seq: Number(last?.seq ?? 0) + 1,
      created_at: now,
      updated_at: now,
    };
    await tx.insertInto('ext_idps').values(row).execute();
    const connections: ExtIdpConnectionsTable[] = [];
    for (const c of checked) connections.push(await insertConnection(tx, ctx.poolId, row.id, c));
    return { row, connections };
  });
  return toWire(row, connections);
}

/** `updateExtIdp`: renames it; 3811 when missing. */
export async function updateExtIdp(ctx: ServiceContext, id: string, input: { name?: unknown }): Promise<WireExtIdp> {
  const name = requiredText(input.name, 'name');
  await ctx.store.write(async (tx) => {
    await requireIdp(tx, ctx.poolId, id);
    await tx.updateTable('ext_idps').set({ name, updated_at: nowIso() }).where('id', '=', id).execute();
  });
  return getExtIdp(ctx, id);
}

/** `deleteExtIdp`: the IdP and (cascade) its connections; 3811 when missing. */
export async function deleteExtIdp(ctx: ServiceContext, id: string): Promise<void> {
  await ctx.store.write(async (tx) => {
    await requireIdp(tx, ctx.poolId, id);
    await tx.deleteFrom('ext_idp_connections').where('ext_idp_id', '=', id).execute();
    await tx.deleteFrom('ext_idps').where('id', '=', id).execute();
  });
}
