import type { components } from '../generated/openapi.js';
import { newId, nowIso } from '../storage/ids.js';
import type { Tx } from '../storage/store.js';
import type { TenantMembersTable } from '../storage/tables.js';
import type { Db, ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { requireUsers } from './lookup.js';
import { pageWindow, type Page } from './paging.js';
import { findTenant } from './tenants.js';
import { toWireUser } from './user-wire.js';

/**
 * Members of a tenant (`tenant.members/addMembers/removeMembers/setTanentAdmin/deleteTanentAdmin/
 * updateTenantMember`): a user of the pool in a tenant, an admin or not, enabled or not.
 */

export type WireTenantMember = components['schemas']['TenantMember'];

async function wireMembers(db: Db, rows: readonly TenantMembersTable[]): Promise<WireTenantMember[]> {
  if (rows.length === 0) return [];
  const users = await db.selectFrom('users').selectAll().where('id', 'in', rows.map((r) => r.user_id)).execute();
  const byId = new Map(users.map((u) => [u.id, u]));
  return rows.flatMap((r) => {
    const user = byId.get(r.user_id);
    if (!user) return [];
    return [
      {
        id: r.id,
        tenantId: r.tenant_id,
        userId: r.user_id,
        isAdmin: r.is_admin === 1,
        isEnabled: r.enabled === 1,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        user: toWireUser(user) as WireTenantMember['user'],
      },
    ];
  });
}

async function membersNamed(db: Db, tenantId: string, userIds: readonly string[]): Promise<WireTenantMember[]> {
  const rows = await db.selectFrom('tenant_members').selectAll().where('tenant_id', '=', tenantId).where('user_id', 'in', [...userIds]).execute();
  const order = new Map(userIds.map((id, i) => [id, i]));
  rows.sort((a, b) => (order.get(a.user_id) ?? 0) - (order.get(b.user_id) ?? 0));
  return wireMembers(db, rows);
}

/** 3823 unless every user is a member of the tenant. */
async function requireMembers(tx: Tx, tenantId: string, userIds: readonly string[]): Promise<void> {
  const found = await tx.selectFrom('tenant_members').select('user_id').where('tenant_id', '=', tenantId).where('user_id', 'in', [...userIds]).execute();
  const present = new Set(found.map((r) => r.user_id));
  const missing = userIds.find((id) => !present.has(id));
  if (missing !== undefined) throw ServiceErrors.notTenantMember(missing);
}

/** `tenant.members`: one page of a tenant's members, in the order they joined (3814 for an unknown tenant). */
export async function listTenantMembers(ctx: ServiceContext, tenantId: string, page?: number, limit?: number): Promise<Page<WireTenantMember>> {
  const db = ctx.store.db;
  await findTenant(db, ctx.poolId, tenantId);
  const w = pageWindow(page, limit);
  const count = await db.selectFrom('tenant_members').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirst();
  const rows = await db
    .selectFrom('tenant_members')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('seq')
    .limit(w.limit ?? -1)
    .offset(w.offset)
    .execute();
  return { totalCount: Number(count?.n ?? 0), list: await wireMembers(db, rows) };
}

/** `tenant.addMembers`: adds users (enabled, not admins); those already members stay as they are. 2004 for an unknown user, nothing written. */
export async function addTenantMembers(ctx: ServiceContext, tenantId: string, userIds: readonly string[]): Promise<WireTenantMember[]> {
  const ids = [...new Set(userIds)];
  await ctx.store.write(async (tx) => {
    await findTenant(tx, ctx.poolId, tenantId);
    await requireUsers(tx, ctx.poolId, ids);
    const existing = await tx.selectFrom('tenant_members').select('user_id').where('tenant_id', '=', tenantId).where('user_id', 'in', ids).execute();
    const present = new Set(existing.map((r) => r.user_id));
    const fresh = ids.filter((id) => !present.has(id));
    if (fresh.length === 0) return;
    const last = await tx.selectFrom('tenant_members').select((eb) => eb.fn.max('seq').as('seq')).where('tenant_id', '=', tenantId).executeTakeFirst();
    const base = Number(last?.seq ?? 0);
    const now = nowIso();
    await tx
      .insertInto('tenant_members')
      .values(fresh.map((user_id, i) => ({ id: newId(), tenant_id: tenantId, user_id, is_admin: 0, enabled: 1, seq: base + i + 1, created_at: now, updated_at: now })))
      .execute();
  });
  return membersNamed(ctx.store.db, tenantId, ids);
}

/** `tenant.removeMembers`: 3823 when the user is not a member. */
export async function removeTenantMember(ctx: ServiceContext, tenantId: string, userId: string): Promise<void> {
  await ctx.store.write(async (tx) => {
    await findTenant(tx, ctx.poolId, tenantId);
    await requireMembers(tx, tenantId, [userId]);
    await tx.deleteFrom('tenant_members').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
  });
}

async function setFlag(ctx: ServiceContext, tenantId: string, userIds: readonly string[], set: Partial<Pick<TenantMembersTable, 'is_admin' | 'enabled'>>) {
  const ids = [...new Set(userIds)];
  await ctx.store.write(async (tx) => {
    await findTenant(tx, ctx.poolId, tenantId);
    await requireMembers(tx, tenantId, ids);
    await tx.updateTable('tenant_members').set({ ...set, updated_at: nowIso() }).where('tenant_id', '=', tenantId).where('user_id', 'in', ids).execute();
  });
  return membersNamed(ctx.store.db, tenantId, ids);
}

/** `tenant.setTanentAdmin`: makes members admins; 3823 for a user who is not a member (nothing is written). */
export function setTenantAdmins(ctx: ServiceContext, tenantId: string, userIds: readonly string[]): Promise<WireTenantMember[]> {
  return setFlag(ctx, tenantId, userIds, { is_admin: 1 });
}

/** `tenant.deleteTanentAdmin`: an admin becomes a plain member (a plain member stays one). */
export async function deleteTenantAdmin(ctx: ServiceContext, tenantId: string, userId: string): Promise<WireTenantMember> {
  return (await setFlag(ctx, tenantId, [userId], { is_admin: 0 }))[0] as WireTenantMember;
}

/** `tenant.updateTenantMember`: enables or disables a member. */
export async function updateTenantMember(ctx: ServiceContext, tenantId: string, userId: string, isEnabled: boolean): Promise<WireTenantMember> {
  return (await setFlag(ctx, tenantId, [userId], { enabled: isEnabled ? 1 : 0 }))[0] as WireTenantMember;
}
