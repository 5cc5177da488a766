import { timingSafeEqual } from 'node:crypto';
import type { DefaultStrategy } from '../engine/types.js';
import { Errors } from '../errors.js';
import { insertApplication } from '../storage/bootstrap.js';
import { appAccessFactOf } from '../storage/fact-rows.js';
import { nowIso } from '../storage/ids.js';
import type { Store } from '../storage/store.js';
import type { ApplicationsTable } from '../storage/tables.js';
import { deleteGrantsOfTarget, deleteNamespaceCascade } from './cascade.js';
import { mergeOidcConfig, parseOidcConfig, type OidcAppConfig, type OidcConfigUpdate } from './oidc-config.js';
import { parseSamlConfig, samlConfigText, type SamlConfig } from './saml-config.js';
import type { ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { findApp } from './lookup.js';
import { pageWindow, type Page } from './paging.js';

/** A user pool as management calls see it. */
export interface WireUserPool {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

/** Authing's (large) `Application` object; protocol settings are fixed local defaults. */
export interface WireApplication {
  id: string;
  userPoolId: string;
  name: string;
  identifier: string;
  description: string | null;
  logo: string | null;
  protocol: string;
  appType: string;
  secret: string;
  redirectUris: string[];
  logoutRedirectUris: string[];
  loginTabs: string[];
  defaultLoginTab: string;
  registerTabs: string[];
  defaultRegisterTab: string;
  oidcConfig: OidcAppConfig & { client_id: string; redirect_uris: string[]; response_types: string[] };
  oauthConfig: null;
  samlConfig: SamlConfig | null;
  casConfig: null;
  oidcProviderEnabled: boolean;
  oauthProviderEnabled: boolean;
  samlProviderEnabled: boolean;
  casProviderEnabled: boolean;
  registerDisabled: boolean;
  showAuthorizationPage: boolean;
  enableSubAccount: boolean;
  loginRequireEmailVerified: boolean;
  agreementEnabled: boolean;
  skipMfa: boolean;
  isOfficial: boolean;
  isDeleted: boolean;
  isDefault: boolean;
  permissionStrategy: { enabled: boolean; defaultStrategy: DefaultStrategy; allowPolicyId: null; denyPolicyId: null };
  createdAt: string;
  updatedAt: string;
}

export function toWireApplication(row: ApplicationsTable): WireApplication {
  return {
    id: row.id,
    userPoolId: row.userpool_id,
    name: row.name,
    identifier: row.identifier,
    description: row.description,
    logo: row.logo,
    protocol: 'oidc',
    appType: row.app_type,
    secret: row.secret,
    redirectUris: JSON.parse(row.redirect_uris) as string[],
    logoutRedirectUris: [],
    loginTabs: ['password'],
    defaultLoginTab: 'password',
    registerTabs: ['password'],
    defaultRegisterTab: 'password',
    oidcConfig: { ...parseOidcConfig(row.oidc_config), client_id: row.id, redirect_uris: JSON.parse(row.redirect_uris) as string[], response_types: ['code'] },
    oauthConfig: null,
    samlConfig: parseSamlConfig(row.saml_config),
    casConfig: null,
    oidcProviderEnabled: true,
    oauthProviderEnabled: false,
    samlProviderEnabled: parseSamlConfig(row.saml_config) !== null,
    casProviderEnabled: false,
    registerDisabled: false,
    showAuthorizationPage: false,
    enableSubAccount: false,
    loginRequireEmailVerified: false,
    agreementEnabled: false,
    skipMfa: false,
    isOfficial: false,
    isDeleted: false,
    isDefault: row.is_default === 1,
    permissionStrategy: { enabled: row.permission_enabled === 1, defaultStrategy: row.default_strategy, allowPolicyId: null, denyPolicyId: null },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The caller's pool; 2224 when it does not exist. */
export async function getPool(ctx: ServiceContext): Promise<WireUserPool> {
  const row = await ctx.store.db.selectFrom('userpools').select(['id', 'name', 'created_at', 'updated_at']).where('id', '=', ctx.poolId).executeTakeFirst();
  if (!row) throw ServiceErrors.poolNotFound();
  return { id: row.id, name: row.name, createdAt: row.created_at, updatedAt: row.updated_at };
}

/** The pool an application belongs to, or null for an unknown app id. */
export async function getPoolByAppId(store: Store, appId: string): Promise<{ poolId: string } | null> {
  const row = await store.db.selectFrom('applications').select('userpool_id').where('id', '=', appId).executeTakeFirst();
  return row ? { poolId: row.userpool_id } : null;
}

/** Timing-safe check of a pool secret; false for an unknown pool. */
export async function verifyPoolSecret(store: Store, poolId: string, secret: string): Promise<boolean> {
  const row = await store.db.selectFrom('userpools').select('secret').where('id', '=', poolId).executeTakeFirst();
  if (!row) return false;
  const a = Buffer.from(row.secret);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `applications.findById`: 2011 when the app is not in the pool. */
export async function getApp(ctx: ServiceContext, appId: string): Promise<WireApplication> {
  return toWireApplication(await findApp(ctx.store.db, ctx.poolId, appId));
}

/** `applications.list`. */
export async function listApps(ctx: ServiceContext, page?: number | null, limit?: number | null): Promise<Page<WireApplication>> {
  const base = ctx.store.db.selectFrom('applications').where('userpool_id', '=', ctx.poolId);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const w = pageWindow(page, limit);
  let q = base.selectAll().orderBy('created_at').orderBy('id');
  if (w.limit !== null) q = q.limit(w.limit).offset(w.offset);
  return { totalCount: Number(total.n), list: (await q.execute()).map(toWireApplication) };
}

/** `applications.create`: an application with its own namespace (code = app id). */
export async function createApp(
  ctx: ServiceContext,
  input: { name: string; identifier?: string | null; redirectUris?: readonly string[] | null; logo?: string | null },
): Promise<WireApplication> {
  if (!input.name?.trim()) throw Errors.invalidInput('name is required', '应用名不能为空');
  const row = await ctx.store.write(async (tx, changes) => {
    const { id } = await insertApplication(tx, changes, ctx.poolId, input.name, false);
    const patch: Partial<ApplicationsTable> = {};
    if (input.identifier) patch.identifier = input.identifier;
    if (input.redirectUris) patch.redirect_uris = JSON.stringify(input.redirectUris);
    if (input.logo !== undefined) patch.logo = input.logo;
    if (Object.keys(patch).length > 0) await tx.updateTable('applications').set(patch).where('id', '=', id).execute();
    return findApp(tx, ctx.poolId, id);
  });
  return toWireApplication(row);
}

/** The values of Authing's `ApplicationType` enum (TENANT is spelled `Tenant` on the wire). */
const APP_TYPES: readonly string[] = ['INDIVIDUAL', 'Tenant', 'BOTH'];

export interface AppUpdate {
  name?: string | null;
  description?: string | null;
  logo?: string | null;
  redirectUris?: readonly string[] | null;
  /** `changeApplicationType`: INDIVIDUAL, Tenant or BOTH. */
  appType?: string | null;
  permissionStrategy?: { enabled?: boolean | null; defaultStrategy?: DefaultStrategy | null } | null;
  /** The protocol settings to change (token endpoint auth, id_token algorithm, lifetimes, consent). */
  oidcConfig?: OidcConfigUpdate | null;
  /** The SAML service provider (`null` removes it). */
  samlConfig?: SamlConfig | null;
}

/** `POST /applications/{appId}`: e.g. `updateDefaultApplicationAccessPolicy` sets `permissionStrategy.defaultStrategy`. */
export async function updateApp(ctx: ServiceContext, appId: string, input: AppUpdate): Promise<WireApplication> {
  const strategy = input.permissionStrategy?.defaultStrategy;
  if (strategy !== undefined && strategy !== null && strategy !== 'ALLOW_ALL' && strategy !== 'DENY_ALL') {
    throw Errors.invalidInput('defaultStrategy must be ALLOW_ALL or DENY_ALL', 'defaultStrategy 必须为 ALLOW_ALL 或 DENY_ALL');
  }
  if (input.appType !== undefined && input.appType !== null && !APP_TYPES.includes(input.appType)) {
    throw Errors.invalidInput('appType must be INDIVIDUAL, Tenant or BOTH', 'appType 必须为 INDIVIDUAL、Tenant 或 BOTH');
  }
  const row = await ctx.store.write(async (tx, changes) => {
    const current = await findApp(tx, ctx.poolId, appId);
    const next: ApplicationsTable = {
      ...current,
      name: input.name ?? current.name,
      description: input.description === undefined ? current.description : input.description,
      logo: input.logo === undefined ? current.logo : input.logo,
      redirect_uris: input.redirectUris ? JSON.stringify(input.redirectUris) : current.redirect_uris,
      app_type: input.appType ?? current.app_type,
      oidc_config: input.oidcConfig ? mergeOidcConfig(current.oidc_config, input.oidcConfig) : current.oidc_config,
      saml_config: input.samlConfig === undefined ? current.saml_config : samlConfigText(input.samlConfig),
      default_strategy: strategy ?? current.default_strategy,
      permission_enabled:
        input.permissionStrategy?.enabled === undefined || input.permissionStrategy.enabled === null
          ? current.permission_enabled
          : input.permissionStrategy.enabled
            ? 1
            : 0,
      updated_at: nowIso(),
    };
    await tx.updateTable('applications').set(next).where('id', '=', appId).execute();
    if (next.name !== current.name) {
      // The app namespace's name follows the app's name.
      await tx.updateTable('namespaces').set({ name: next.name, updated_at: next.updated_at }).where('app_id', '=', appId).execute();
    }
    if (next.default_strategy !== current.default_strategy) {
      changes.push({ table: 'appStrategies', op: 'put', row: { appId, defaultStrategy: next.default_strategy } });
    }
    return next;
  });
  return toWireApplication(row);
}

/** `applications.delete`: removes the app with its namespace, access records, AK/SK accounts and tenant links. */
export async function deleteApp(ctx: ServiceContext, appId: string): Promise<void> {
  await ctx.store.write(async (tx, changes) => {
    await findApp(tx, ctx.poolId, appId);
    const records = await tx.selectFrom('app_access').selectAll().where('app_id', '=', appId).execute();
    await tx.deleteFrom('app_access').where('app_id', '=', appId).execute();
    for (const r of records) changes.push({ table: 'appAccess', op: 'delete', row: appAccessFactOf(r) });
    const accounts = await tx.selectFrom('programmatic_access_accounts').select('id').where('app_id', '=', appId).execute();
    for (const a of accounts) await deleteGrantsOfTarget(tx, changes, 'AK_SK', a.id);
    await tx.deleteFrom('programmatic_access_accounts').where('app_id', '=', appId).execute();
    const namespaces = await tx.selectFrom('namespaces').select('id').where('app_id', '=', appId).execute();
    for (const ns of namespaces) await deleteNamespaceCascade(tx, changes, ns.id);
    await tx.deleteFrom('tenant_apps').where('app_id', '=', appId).execute();
    await tx.deleteFrom('applications').where('id', '=', appId).execute();
    changes.push({ table: 'appStrategies', op: 'delete', appId });
  });
}
