import type { AppAccessDecision, Effect } from '../engine/types.js';
import { appAccessFactOf } from '../storage/fact-rows.js';
import { newId, nowIso } from '../storage/ids.js';
import type { AppAccessTable } from '../storage/tables.js';
import type { Db, ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { findApp, findGroup, findNamespace, findNode, findRole, findUser } from './lookup.js';
import { slicePage, type Page } from './paging.js';

export type AppAccessTargetType = 'USER' | 'ROLE' | 'GROUP' | 'ORG';
const APP_ACCESS_TARGET_TYPES: readonly string[] = ['USER', 'ROLE', 'GROUP', 'ORG'];

/**
 * One application access record. Authing expresses the effect through the app's allow/deny
 * policy; `effect`, `appId` and the timestamps are stated directly here.
 */
export interface WireAppAccessRecord {
  id: string;
  appId: string;
  userPoolId: string;
  targetType: AppAccessTargetType;
  /** User id, role code, group code or node id. */
  targetIdentifier: string;
  effect: Effect;
  enabled: boolean;
  inheritByChildren: boolean;
  namespace: string;
  assignedAt: string;
  createdAt: string;
  updatedAt: string;
}

/** The body of the allow / deny / revoke / enable-effect / disable-effect calls. */
export interface AppAccessChange {
  appId: string;
  targetType: AppAccessTargetType | string;
  targetIdentifiers: readonly string[];
  /** Namespace of ROLE targets; `default` when omitted. */
  namespace?: string | null;
  inheritByChildren?: boolean | null;
}

async function wireIdentifier(db: Db, row: AppAccessTable): Promise<string> {
  if (row.target_type === 'ROLE') {
    return (await db.selectFrom('roles').select('code').where('id', '=', row.target_id).executeTakeFirst())?.code ?? row.target_id;
  }
  if (row.target_type === 'GROUP') {
    return (await db.selectFrom('groups').select('code').where('id', '=', row.target_id).executeTakeFirst())?.code ?? row.target_id;
  }
  return row.target_id;
}

async function toWire(db: Db, row: AppAccessTable): Promise<WireAppAccessRecord> {
  return {
    id: row.id,
    appId: row.app_id,
    userPoolId: row.userpool_id,
    targetType: row.target_type,
    targetIdentifier: await wireIdentifier(db, row),
    effect: row.effect,
    enabled: row.enabled === 1,
    inheritByChildren: row.inherit_by_children === 1,
    namespace: row.namespace,
    assignedAt: row.created_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Internal ids of the change's targets (each must exist; ROLE in the given namespace). */
async function resolveTargets(db: Db, poolId: string, change: AppAccessChange): Promise<{ type: AppAccessTargetType; ids: string[]; namespace: string }> {
  if (!APP_ACCESS_TARGET_TYPES.includes(change.targetType)) throw ServiceErrors.invalidTargetType(change.targetType);
  const type = change.targetType as AppAccessTargetType;
  const ns = await findNamespace(db, poolId, change.namespace);
  const ids: string[] = [];
  for (const identifier of new Set(change.targetIdentifiers)) {
    if (type === 'USER') ids.push((await findUser(db, poolId, identifier)).id);
    else if (type === 'ROLE') ids.push((await findRole(db, poolId, ns.id, identifier)).id);
    else if (type === 'GROUP') ids.push((await findGroup(db, poolId, identifier)).id);
    else ids.push((await findNode(db, poolId, identifier)).id);
  }
  return { type, ids, namespace: ns.code };
}

/** `GET /applications/{appId}/authorization/records`: in creation order. */
export async function listAppAccessRecords(
  ctx: ServiceContext,
  appId: string,
  page?: number | null,
  limit?: number | null,
): Promise<Page<WireAppAccessRecord>> {
  const db = ctx.store.db;
  await findApp(db, ctx.poolId, appId);
  const rows = await db.selectFrom('app_access').selectAll().where('app_id', '=', appId).orderBy('created_at').orderBy('id').execute();
  const slice = slicePage(rows, page, limit);
  return { totalCount: slice.totalCount, list: await Promise.all(slice.list.map((r) => toWire(db, r))) };
}

/** Adds (or re-enables) an allow or deny record per target; allow and deny records are separate. */
async function grant(ctx: ServiceContext, change: AppAccessChange, effect: Effect): Promise<void> {
  await ctx.store.write(async (tx, changes) => {
    await findApp(tx, ctx.poolId, change.appId);
    const { type, ids, namespace } = await resolveTargets(tx, ctx.poolId, change);
    const inherit = change.inheritByChildren ? 1 : 0;
    for (const targetId of ids) {
      const now = nowIso();
      const existing = await tx
        .selectFrom('app_access')
        .selectAll()
        .where('app_id', '=', change.appId)
        .where('target_type', '=', type)
        .where('target_id', '=', targetId)
        .where('effect', '=', effect)
        .executeTakeFirst();
      let row: AppAccessTable;
      if (existing) {
        row = { ...existing, enabled: 1, inherit_by_children: inherit, namespace, updated_at: now };
        await tx.updateTable('app_access').set(row).where('id', '=', existing.id).execute();
      } else {
        row = {
          id: newId(),
          app_id: change.appId,
          userpool_id: ctx.poolId,
          namespace,
          target_type: type,
          target_id: targetId,
          effect,
          enabled: 1,
          inherit_by_children: inherit,
          created_at: now,
          updated_at: now,
        };
        await tx.insertInto('app_access').values(row).execute();
      }
      changes.push({ table: 'appAccess', op: 'put', row: appAccessFactOf(row) });
    }
  });
}

/** `allowAccessApplication`. */
export function allowAppAccess(ctx: ServiceContext, change: AppAccessChange): Promise<void> {
  return grant(ctx, change, 'ALLOW');
}

/** `denyAccessApplication`. */
export function denyAppAccess(ctx: ServiceContext, change: AppAccessChange): Promise<void> {
  return grant(ctx, change, 'DENY');
}

/** The target's existing records (both effects). */
async function recordsOf(db: Db, appId: string, type: AppAccessTargetType, ids: readonly string[]): Promise<AppAccessTable[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('app_access').selectAll().where('app_id', '=', appId).where('target_type', '=', type).where('target_id', 'in', [...ids]).execute();
}

/** `revoke` (deleteApplicationAccessPolicy): removes the targets' allow and deny records. */
export async function revokeAppAccess(ctx: ServiceContext, change: AppAccessChange): Promise<void> {
  await ctx.store.write(async (tx, changes) => {
    await findApp(tx, ctx.poolId, change.appId);
    const { type, ids } = await resolveTargets(tx, ctx.poolId, change);
    for (const row of await recordsOf(tx, change.appId, type, ids)) {
      await tx.deleteFrom('app_access').where('id', '=', row.id).execute();
      changes.push({ table: 'appAccess', op: 'delete', row: appAccessFactOf(row) });
    }
  });
}

async function setEnabled(ctx: ServiceContext, change: AppAccessChange, enabled: boolean): Promise<void> {
  await ctx.store.write(async (tx, changes) => {
    await findApp(tx, ctx.poolId, change.appId);
    const { type, ids } = await resolveTargets(tx, ctx.poolId, change);
    for (const row of await recordsOf(tx, change.appId, type, ids)) {
      const next = { ...row, enabled: enabled ? 1 : 0, updated_at: nowIso() };
      await tx.updateTable('app_access').set({ enabled: next.enabled, updated_at: next.updated_at }).where('id', '=', row.id).execute();
      changes.push({ table: 'appAccess', op: 'put', row: appAccessFactOf(next) });
    }
  });
}

/** `enable-effect`: the targets' records apply again. */
export function enableAppAccess(ctx: ServiceContext, change: AppAccessChange): Promise<void> {
  return setEnabled(ctx, change, true);
}

/** `disable-effect`: the targets' records are kept but no longer apply. */
export function disableAppAccess(ctx: ServiceContext, change: AppAccessChange): Promise<void> {
  return setEnabled(ctx, change, false);
}

/** May the user log in to the app? Enabled records beat the default strategy; a matching deny beats an allow. */
export async function canAccessApp(ctx: ServiceContext, appId: string, userId: string): Promise<AppAccessDecision> {
  await findApp(ctx.store.db, ctx.poolId, appId);
  return ctx.store.index.canAccessApp(appId, userId);
}
