/**
 * Connections of an external IdP (`/api/v2/extIdpConn`): one way to log in through it (e.g.
 * `wechat:pc`), named by an identifier unique in the pool. Stored and validated only: no
 * outbound connection is ever made.
 */
import { Errors } from '../errors.js';
import { newId, nowIso } from '../storage/ids.js';
import type { ExtIdpConnectionsTable } from '../storage/tables.js';
import type { Db, ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import {
  checkedConnectionType,
  checkedFields,
  checkedIdentifier,
  checkedLogo,
  checkedMatchFields,
  requiredText,
  requireTenant,
} from './ext-idp-rules.js';
import { findApp } from './lookup.js';

export interface WireExtIdpConnection {
  id: string;
  extIdpId: string;
  type: string;
  identifier: string;
  displayName: string;
  fields: Record<string, unknown>;
  logo: string | null;
  userMatchFields: string[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ConnectionInput {
  type: string;
  identifier: string;
  displayName: string;
  fields: unknown;
  userMatchFields?: unknown;
  logo?: unknown;
}

export function connectionToWire(row: ExtIdpConnectionsTable): WireExtIdpConnection {
  return {
    id: row.id,
    extIdpId: row.ext_idp_id,
    type: row.type,
    identifier: row.identifier,
    displayName: row.display_name,
    fields: JSON.parse(row.fields) as Record<string, unknown>,
    logo: row.logo,
    userMatchFields: JSON.parse(row.user_match_fields) as string[],
    enabled: row.enabled === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Validates a connection before any write (400 on a bad field). */
export function checkedConnection(input: ConnectionInput | null | undefined) {
  if (!input || typeof input !== 'object') throw Errors.invalidInput('A connection must be an object', '连接必须是对象');
  return {
    type: checkedConnectionType(input.type),
    identifier: checkedIdentifier(input.identifier),
    display_name: requiredText(input.displayName, 'displayName'),
    fields: checkedFields(input.fields),
    logo: checkedLogo(input.logo),
    user_match_fields: checkedMatchFields(input.userMatchFields),
  };
}

/** Inserts a checked connection inside the caller's transaction; 3813 when the identifier is taken. */
export async function insertConnection(
  tx: Db,
  poolId: string,
  extIdpId: string,
  checked: ReturnType<typeof checkedConnection>,
): Promise<ExtIdpConnectionsTable> {
  const taken = await tx
    .selectFrom('ext_idp_connections')
    .select('id')
    .where('userpool_id', '=', poolId)
    .where('identifier', '=', checked.identifier)
    .executeTakeFirst();
  if (taken) throw ServiceErrors.extIdpIdentifierTaken(checked.identifier);
  const last = await tx.selectFrom('ext_idp_connections').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
  const now = nowIso();
  const row: ExtIdpConnectionsTable = {
    id: newId(),
    userpool_id: poolId,
    ext_idp_id: extIdpId,
    ...checked,
    enabled: 1,
    seq: Number(last?.seq ?? 0) + 1,
    created_at: now,
    updated_at: now,
  };
  await tx.insertInto('ext_idp_connections').values(row).execute();
  return row;
}

async function requireIdp(db: Db, poolId: string, extIdpId: string): Promise<void> {
  const row = await db.selectFrom('ext_idps').select('id').where('userpool_id', '=', poolId).where('id', '=', extIdpId).executeTakeFirst();
  if (!row) throw ServiceErrors.extIdpNotFound();
}

async function requireConnection(db: Db, poolId: string, id: string): Promise<ExtIdpConnectionsTable> {
  const row = await db.selectFrom('ext_idp_connections').selectAll().where('userpool_id', '=', poolId).where('id', '=', id).executeTakeFirst();
  if (!row) throw ServiceErrors.extIdpConnectionNotFound();
  return row;
}

/** `createExtIdpConnection`: 3811 for an unknown ext IdP, 3813 for a taken identifier. */
export async function createConnection(ctx: ServiceContext, input: ConnectionInput & { extIdpId: string }): Promise<WireExtIdpConnection> {
  const checked = checkedConnection(input);
  const extIdpId = requiredText(input.extIdpId, 'extIdpId');
  const row = await ctx.store.write(async (tx) => {
    await requireIdp(tx, ctx.poolId, extIdpId);
    return insertConnection(tx, ctx.poolId, extIdpId, checked);
  });
  return connectionToWire(row);
}

/** `updateExtIdpConnection`: displayName, fields, userMatchFields, logo (type and identifier stay). */
export async function updateConnection(
  ctx: ServiceContext,
  id: string,
  input: { displayName?: unknown; fields?: unknown; userMatchFields?: unknown; logo?: unknown },
): Promise<WireExtIdpConnection> {
  const patch: Partial<ExtIdpConnectionsTable> = {};
  if (input.displayName !== undefined) patch.display_name = requiredText(input.displayName, 'displayName');
  if (input.fields !== undefined) patch.fields = checkedFields(input.fields);
  if (input.userMatchFields !== undefined) patch.user_match_fields = checkedMatchFields(input.userMatchFields);
  if (input.logo !== undefined) patch.logo = checkedLogo(input.logo);
  const row = await ctx.store.write(async (tx) => {
    const current = await requireConnection(tx, ctx.poolId, id);
    const next = { ...current, ...patch, updated_at: nowIso() };
    await tx.updateTable('ext_idp_connections').set(next).where('id', '=', id).execute();
    return next;
  });
  return connectionToWire(row);
}

/** `deleteExtIdpConnection`: 3812 when missing. */
export async function deleteConnection(ctx: ServiceContext, id: string): Promise<void> {
  await ctx.store.write(async (tx) => {
    await requireConnection(tx, ctx.poolId, id);
    await tx.deleteFrom('ext_idp_connections').where('id', '=', id).execute();
  });
}

/** `POST /api/v2/check/extIdpConn/identifier`: true when free; 3813 (an error) when taken, as Authing answers. */
export async function checkIdentifier(ctx: ServiceContext, identifier: unknown): Promise<true> {
  const value = checkedIdentifier(identifier);
  const taken = await ctx.store.db
    .selectFrom('ext_idp_connections')
    .select('id')
    .where('userpool_id', '=', ctx.poolId)
    .where('identifier', '=', value)
    .executeTakeFirst();
  if (taken) throw ServiceErrors.extIdpIdentifierTaken(value);
  return true;
}

export interface StateInput {
  enabled: unknown;
  appId?: string | null;
  tenantId?: string | null;
}

/** The switch, after checking that `appId` / `tenantId` (when given) name an app / tenant of the pool. */
async function checkedState(db: Db, poolId: string, input: StateInput): Promise<number> {
  if (typeof input.enabled !== 'boolean') throw Errors.invalidInput('enabled must be a boolean', 'enabled 必须是布尔值');
  if (input.appId) await findApp(db, poolId, input.appId);
  if (input.tenantId) await requireTenant(db, poolId, input.tenantId);
  return input.enabled ? 1 : 0;
}

/** `changeExtIdpConnectionState`: switches one connection on or off. */
export async function changeConnectionState(ctx: ServiceContext, id: string, input: StateInput): Promise<void> {
  await ctx.store.write(async (tx) => {
    const enabled = await checkedState(tx, ctx.poolId, input);
    await requireConnection(tx, ctx.poolId, id);
    await tx.updateTable('ext_idp_connections').set({ enabled, updated_at: nowIso() }).where('id', '=', id).execute();
  });
}

/** `batchChangeExtIdpConnectionState`: switches every connection of one ext IdP. */
export async function changeIdpConnectionsState(ctx: ServiceContext, extIdpId: string, input: StateInput): Promise<void> {
  await ctx.store.write(async (tx) => {
    const enabled = await checkedState(tx, ctx.poolId, input);
    await requireIdp(tx, ctx.poolId, extIdpId);
    await tx
      .updateTable('ext_idp_connections')
      .set({ enabled, updated_at: nowIso() })
      .where('userpool_id', '=', ctx.poolId)
      .where('ext_idp_id', '=', extIdpId)
      .execute();
  });
}
