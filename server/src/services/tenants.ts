import type { components } from '../generated/openapi.js';
import { newId, nowIso } from '../storage/ids.js';
import type { Tx } from '../storage/store.js';
import type { TenantsTable } from '../storage/tables.js';
import type { Db, ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { findApp, findUser } from './lookup.js';
import { pageWindow, type Page } from './paging.js';

/**
 * Tenants of a pool (`managementClient.tenant.list/details/create/update/config/delete`,
 * `users.getUserTenants`, `applications.applicationTenants`). A tenant's applications are
 * `tenant_apps`; its members are services/tenant-members.ts.
 */

export type WireTenant = components['schemas']['Tenant'];
export type TenantInput = components['schemas']['TenantInput'];
type WireApplicationTenants = components['schemas']['ApplicationTenants'];

const json = (text: string | null): unknown => (text === null ? null : JSON.parse(text));
const toJson = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

/** 3814 unless the tenant is one of the pool's. */
export async function findTenant(db: Db, poolId: string, tenantId: string): Promise<TenantsTable> {
  const row = await db.selectFrom('tenants').selectAll().where('userpool_id', '=', poolId).where('id', '=', tenantId).executeTakeFirst();
  if (!row) throw ServiceErrors.tenantNotFound();
  return row;
}

async function appIdsOf(db: Db, tenantIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(tenantIds.map((id) => [id, []]));
  if (tenantIds.length === 0) return out;
  const rows = await db.selectFrom('tenant_apps').select(['tenant_id', 'app_id']).where('tenant_id', 'in', [...tenantIds]).orderBy('seq').execute();
  for (const r of rows) out.get(r.tenant_id)?.push(r.app_id);
  return out;
}

function toWireTenant(row: TenantsTable, appIds: string[]): WireTenant {
  return {
    id: row.id,
    userPoolId: row.userpool_id,
    name: row.name,
    code: row.code,
    logo: row.logo,
    description: row.description,
    css: row.css,
    ssoPageCustomizationSettings: json(row.sso_page_customization_settings) as WireTenant['ssoPageCustomizationSettings'],
    defaultLoginTab: row.default_login_tab,
    defaultRegisterTab: row.default_register_tab,
    passwordTabConfig: json(row.password_tab_config) as WireTenant['passwordTabConfig'],
    loginTabs: json(row.login_tabs) as WireTenant['loginTabs'],
    registerTabs: json(row.register_tabs) as WireTenant['registerTabs'],
    extendsFields: json(row.extends_fields) as WireTenant['extendsFields'],
    appIds,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Tenants as the wire sends them, with their app ids. */
export async function wireTenants(db: Db, rows: readonly TenantsTable[]): Promise<WireTenant[]> {
  const apps = await appIdsOf(db, rows.map((r) => r.id));
  return rows.map((r) => toWireTenant(r, apps.get(r.id) ?? []));
}

/** `appIds` as the official SDK sends it (one comma-separated string) or as an array: distinct, trimmed, non-empty. */
function parseAppIds(appIds: TenantInput['appIds']): string[] | undefined {
  if (appIds === undefined || appIds === null) return undefined;
  // The request validator may hand a string over as a one-item array, so every item is split.
  const list = (typeof appIds === 'string' ? [appIds] : appIds).flatMap((item) => item.split(','));
  return [...new Set(list.map((id) => id.trim()).filter((id) => id !== ''))];
}

/** The columns an input sets (`undefined` = unchanged); 3822 for an empty name. */
function columnsOf(input: TenantInput): Partial<TenantsTable> {
  const out: Partial<TenantsTable> = {};
  if (input.name !== undefined) {
    if (input.name.trim() === '') throw ServiceErrors.tenantNameRequired();
    out.name = input.name.trim();
  }
  if (input.code !== undefined) out.code = input.code === null || input.code.trim() === '' ? null : input.code.trim();
  if (input.logo !== undefined) out.logo = input.logo;
  if (input.description !== undefined) out.description = input.description;
  if (input.css !== undefined) out.css = input.css;
  if (input.ssoPageCustomizationSettings !== undefined) out.sso_page_customization_settings = toJson(input.ssoPageCustomizationSettings);
  if (input.defaultLoginTab !== undefined) out.default_login_tab = input.defaultLoginTab;
  if (input.defaultRegisterTab !== undefined) out.default_register_tab = input.defaultRegisterTab;
  if (input.passwordTabConfig !== undefined) out.password_tab_config = toJson(input.passwordTabConfig);
  if (input.loginTabs !== undefined) out.login_tabs = toJson(input.loginTabs);
  if (input.registerTabs !== undefined) out.register_tabs = toJson(input.registerTabs);
  if (input.extendsFields !== undefined) out.extends_fields = toJson(input.extendsFields);
  return out;
}

async function requireFreeCode(tx: Tx, poolId: string, code: string | null | undefined, exceptId?: string): Promise<void> {
  if (code === null || code === undefined) return;
  let q = tx.selectFrom('tenants').select('id').where('userpool_id', '=', poolId).where('code', '=', code);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw ServiceErrors.tenantCodeTaken(code);
}

/** Replaces a tenant's applications; 2011 for an id that is no app of the pool. */
async function setApps(tx: Tx, poolId: string, tenantId: string, appIds: readonly string[]): Promise<void> {
  for (const appId of appIds) await findApp(tx, poolId, appId);
  await tx.deleteFrom('tenant_apps').where('tenant_id', '=', tenantId).execute();
  if (appIds.length > 0) await tx.insertInto('tenant_apps').values(appIds.map((app_id, seq) => ({ tenant_id: tenantId, app_id, seq }))).execute();
}

/** `tenant.list`: one page of the pool's tenants, oldest first. */
export async function listTenants(ctx: ServiceContext, page?: number, limit?: number): Promise<Page<WireTenant>> {
  const db = ctx.store.db;
  const w = pageWindow(page, limit);
  const count = await db.selectFrom('tenants').select((eb) => eb.fn.countAll<number>().as('n')).where('userpool_id', '=', ctx.poolId).executeTakeFirst();
  let q = db.selectFrom('tenants').selectAll().where('userpool_id', '=', ctx.poolId).orderBy('seq').offset(w.offset);
  q = q.limit(w.limit ?? -1);
  return { totalCount: Number(count?.n ?? 0), list: await wireTenants(db, await q.execute()) };
}

/** `tenant.details`. */
export async function getTenant(ctx: ServiceContext, tenantId: string): Promise<WireTenant> {
  const row = await findTenant(ctx.store.db, ctx.poolId, tenantId);
  return (await wireTenants(ctx.store.db, [row]))[0] as WireTenant;
}

/** `tenant.create`: 3822 without a name, 3821 for a taken code, 2011 for an unknown app id; nothing is written then. */
export async function createTenant(ctx: ServiceContext, input: TenantInput): Promise<WireTenant> {
  const columns = columnsOf({ ...input, name: input.name ?? '' });
  const appIds = parseAppIds(input.appIds) ?? [];
  const id = await ctx.store.write(async (tx) => {
    await requireFreeCode(tx, ctx.poolId, columns.code);
    const last = await tx.selectFrom('tenants').select((eb) => eb.fn.max('seq').as('seq')).where('userpool_id', '=', ctx.poolId).executeTakeFirst();
    const now = nowIso();
    const row: TenantsTable = {
      id: newId(),
      userpool_id: ctx.poolId,
      name: columns.name ?? '',
      code: null,
      logo: null,
      description: null,
      css: null,
      sso_page_customization_settings: null,
      default_login_tab: null,
      default_register_tab: null,
      password_tab_config: null,
      login_tabs: null,
      register_tabs: null,
      extends_fields: null,
      ...columns,
      seq: Number(last?.seq ?? 0) + 1,
      created_at: now,
      updated_at: now,
    };
    await tx.insertInto('tenants').values(row).execute();
    await setApps(tx, ctx.poolId, row.id, appIds);
    return row.id;
  });
  return getTenant(ctx, id);
}

/** `tenant.update` and `tenant.config`: changes the given fields; `appIds` replaces the tenant's applications. */
export async function updateTenant(ctx: ServiceContext, tenantId: string, input: TenantInput): Promise<WireTenant> {
  const columns = columnsOf(input);
  const appIds = parseAppIds(input.appIds);
  await ctx.store.write(async (tx) => {
    await findTenant(tx, ctx.poolId, tenantId);
    await requireFreeCode(tx, ctx.poolId, columns.code, tenantId);
    await tx.updateTable('tenants').set({ ...columns, updated_at: nowIso() }).where('id', '=', tenantId).execute();
    if (appIds !== undefined) await setApps(tx, ctx.poolId, tenantId, appIds);
  });
  return getTenant(ctx, tenantId);
}

/** Deletes a tenant's rows: members, app links, the external IdPs created for it (their connections follow by foreign key), the tenant. */
export async function deleteTenantRows(tx: Tx, tenantId: string): Promise<void> {
  await tx.deleteFrom('tenant_members').where('tenant_id', '=', tenantId).execute();
  await tx.deleteFrom('tenant_apps').where('tenant_id', '=', tenantId).execute();
  await tx.deleteFrom('ext_idps').where('tenant_id', '=', tenantId).execute();
  await tx.deleteFrom('tenants').where('id', '=', tenantId).execute();
}

/** `tenant.delete`. */
export async function deleteTenant(ctx: ServiceContext, tenantId: string): Promise<void> {
  await ctx.store.write(async (tx) => {
    await findTenant(tx, ctx.poolId, tenantId);
    await deleteTenantRows(tx, tenantId);
  });
}

/** `users.getUserTenants`: the tenants a user is a member of, oldest tenant first (2004 for an unknown user). */
export async function userTenants(ctx: ServiceContext, userId: string): Promise<WireTenant[]> {
  const db = ctx.store.db;
  await findUser(db, ctx.poolId, userId);
  const rows = await db
    .selectFrom('tenants')
    .innerJoin('tenant_members', 'tenant_members.tenant_id', 'tenants.id')
    .selectAll('tenants')
    .where('tenants.userpool_id', '=', ctx.poolId)
    .where('tenant_members.user_id', '=', userId)
    .orderBy('tenants.seq')
    .execute();
  return wireTenants(db, rows);
}

/** `applications.applicationTenants`: the application with the tenants it belongs to (2011 for an unknown app). */
export async function applicationTenants(ctx: ServiceContext, appId: string): Promise<WireApplicationTenants> {
  const db = ctx.store.db;
  const app = await findApp(db, ctx.poolId, appId);
  const rows = await db
    .selectFrom('tenants')
    .innerJoin('tenant_apps', 'tenant_apps.tenant_id', 'tenants.id')
    .selectAll('tenants')
    .where('tenants.userpool_id', '=', ctx.poolId)
    .where('tenant_apps.app_id', '=', appId)
    .orderBy('tenants.seq')
    .execute();
  return {
    id: app.id,
    name: app.name,
    logo: app.logo,
    domain: app.identifier,
    description: app.description,
    createdAt: app.created_at,
    updatedAt: app.updated_at,
    protocol: 'oidc',
    isIntegrate: false,
    tenants: await wireTenants(db, rows),
  };
}
