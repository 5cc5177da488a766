/** `managementClient.tenant`: the pool's tenants, their members and admins, and their external IdP records. */
import type { ClientContext } from '../context.js';
import type { RequestOptions } from '../../core/options.js';
import type { Paginated, Resource } from '../types.js';
import * as bulk from './bulk-resources.js';
import * as extIdp from './ext-idp.js';
import * as members from './members.js';
import * as tenants from './tenants.js';
import type { Tenant, TenantInput, TenantMember, TenantSsoPageSettings } from './types.js';
import type { BulkResource, ExtIdp, ExtIdpConnection, ExtIdpConnectionInput, ExtIdpConnectionState, ExtIdpConnectionUpdates, NewExtIdp } from './ext-idp-types.js';

/**
 * The pool's tenants (a tenant groups users and applications of one customer), their members and
 * admins, and the external identity providers and connections configured for them. authing-local
 * stores and validates the IdP and connection records; it never connects to the providers.
 * Get it from `managementClient.tenant`.
 */
export class TenantClient {
  readonly #context: ClientContext;

  private constructor(context: ClientContext) {
    this.#context = context;
  }

  /** @internal Built by {@link ManagementClient} only: the context is the SDK's, not part of the API. */
  static fromContext(context: ClientContext): TenantClient {
    return new TenantClient(context);
  }

  // --- tenants, members, admins (tenants.ts, members.ts) ---

  /**
   * One page of the pool's tenants, oldest first (`GET /api/v2/tenants`).
   * @param params - page (from 1, default 1) and limit (default 10)
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError}
   * @example
   * const { totalCount, list } = await management.tenant.list({ page: 1, limit: 10 });
   * console.log(totalCount, list.map((t) => t.name));
   */
  list(params: { page?: number; limit?: number } = {}, requestOptions?: RequestOptions): Promise<Paginated<Tenant>> {
    return tenants.list(this.#context, params, requestOptions);
  }

  /**
   * One tenant with the ids of its applications.
   * @param tenantId - tenant id
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError} code 3814 for an unknown tenant
   * @example
   * const tenant = await management.tenant.details('TENANT_ID');
   * console.log(tenant.name, tenant.appIds);
   */
  details(tenantId: string, requestOptions?: RequestOptions): Promise<Tenant> {
    return tenants.details(this.#context, tenantId, requestOptions);
  }

  /**
   * Creates a tenant. `appIds` (a comma-separated string, as the official SDK sends it, or an
   * array) names applications of the pool; `code`, when given, is unique in the pool.
   * @param options - name (required), appIds, code, logo, description and the branding fields
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingValidationError} without a name; {@link AuthingError} 3821 for a taken code, 2011 for an unknown app
   * @example
   * const tenant = await management.tenant.create({ name: 'Acme', code: 'acme', appIds: 'APP_ID' });
   * console.log(tenant.id);
   */
  create(options: TenantInput & { name: string }, requestOptions?: RequestOptions): Promise<Tenant> {
    return tenants.create(this.#context, options, requestOptions);
  }

  /**
   * Changes the given fields of a tenant; `appIds` replaces its applications.
   * @param tenantId - tenant id
   * @param options - the fields to change
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError} 3814 unknown tenant, 3821 taken code, 3822 blank name, 2011 unknown app
   * @example
   * const tenant = await management.tenant.update('TENANT_ID', { name: 'Acme Corp', description: 'Our first customer' });
   * console.log(tenant.updatedAt);
   */
  update(tenantId: string, options: TenantInput, requestOptions?: RequestOptions): Promise<Tenant> {
    return tenants.update(this.#context, tenantId, options, requestOptions);
  }

  /**
   * Deletes a tenant with its memberships, application links and external IdPs (users and apps stay).
   * @param tenantId - tenant id
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError} code 3814 for an unknown tenant
   * @example
   * await management.tenant.delete('TENANT_ID');
   */
  delete(tenantId: string, requestOptions?: RequestOptions): Promise<boolean> {
    return tenants.remove(this.#context, tenantId, requestOptions);
  }

  /**
   * Sets a tenant's branding: its login page CSS and what the hosted login page hides.
   * @param tenantId - tenant id
   * @param options - css and ssoPageCustomizationSettings
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError} code 3814 for an unknown tenant
   * @example
   * const tenant = await management.tenant.config('TENANT_ID', { css: '.btn { color: #f0e }', ssoPageCustomizationSettings: { hideSocialLogin: true } });
   * console.log(tenant.css);
   */
  config(tenantId: string, options: { css?: string; ssoPageCustomizationSettings?: TenantSsoPageSettings }, requestOptions?: RequestOptions): Promise<Tenant> {
    return tenants.update(this.#context, tenantId, { css: options.css, ssoPageCustomizationSettings: options.ssoPageCustomizationSettings }, requestOptions);
  }

  /**
   * One page of a tenant's members, in the order they joined, each with its user.
   * @param tenantId - tenant id
   * @param options - page (from 1, default 1) and limit (default 10)
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError} code 3814 for an unknown tenant
   * @example
   * const { totalCount, list } = await management.tenant.members('TENANT_ID', { page: 1, limit: 10 });
   * console.log(totalCount, list.map((m) => `${m.user.username} admin=${m.isAdmin}`));
   */
  members(tenantId: string, options: { page?: number; limit?: number } = {}, requestOptions?: RequestOptions): Promise<Paginated<TenantMember>> {
    return members.list(this.#context, tenantId, options, requestOptions);
  }

  /**
   * Adds users to a tenant, enabled and not admins; users already in it stay as they are.
   * @param tenantId - tenant id
   * @param userIds - user ids of the pool
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the memberships of those users
   * @throws {@link AuthingError} 3814 unknown tenant, 2004 unknown user (nothing is added)
   * @example
   * const added = await management.tenant.addMembers('TENANT_ID', ['USER_ID']);
   * console.log(added.map((m) => m.userId));
   */
  addMembers(tenantId: string, userIds: string[], requestOptions?: RequestOptions): Promise<TenantMember[]> {
    return members.add(this.#context, tenantId, userIds, requestOptions);
  }

  /**
   * Removes one user from a tenant.
   * @param tenantId - tenant id
   * @param userId - the member's user id
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError} 3814 unknown tenant, 3823 not a member
   * @example
   * await management.tenant.removeMembers('TENANT_ID', 'USER_ID');
   */
  removeMembers(tenantId: string, userId: string, requestOptions?: RequestOptions): Promise<boolean> {
    return members.remove(this.#context, tenantId, userId, requestOptions);
  }

  /**
   * Makes members admins of the tenant (the official name keeps its spelling).
   * @param tenantId - tenant id
   * @param options - userIds: members of the tenant
   * @param requestOptions - per-call signal, timeout, headers
   * @returns their memberships
   * @throws {@link AuthingError} 3814 unknown tenant, 3823 for a user who is not a member (nothing is written)
   * @example
   * const admins = await management.tenant.setTanentAdmin('TENANT_ID', { userIds: ['USER_ID'] });
   * console.log(admins.every((m) => m.isAdmin));
   */
  setTanentAdmin(tenantId: string, options: { userIds: string[] }, requestOptions?: RequestOptions): Promise<TenantMember[]> {
    return members.setAdmins(this.#context, tenantId, options?.userIds, requestOptions);
  }

  /**
   * Makes an admin of the tenant a plain member again (the official name keeps its spelling).
   * @param tenantId - tenant id
   * @param userId - the member's user id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the membership
   * @throws {@link AuthingError} 3814 unknown tenant, 3823 not a member
   * @example
   * const member = await management.tenant.deleteTanentAdmin('TENANT_ID', 'USER_ID');
   * console.log(member.isAdmin);
   */
  deleteTanentAdmin(tenantId: string, userId: string, requestOptions?: RequestOptions): Promise<TenantMember> {
    return members.removeAdmin(this.#context, tenantId, userId, requestOptions);
  }

  /**
   * Enables or disables a member of the tenant.
   * @param tenantId - tenant id
   * @param userId - the member's user id
   * @param isEnabled - whether the membership is enabled
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the membership
   * @throws {@link AuthingError} 3814 unknown tenant, 3823 not a member
   * @example
   * const member = await management.tenant.updateTenantMember('TENANT_ID', 'USER_ID', false);
   * console.log(member.isEnabled);
   */
  updateTenantMember(tenantId: string, userId: string, isEnabled: boolean, requestOptions?: RequestOptions): Promise<TenantMember> {
    return members.setEnabled(this.#context, tenantId, userId, isEnabled, requestOptions);
  }

  // --- external IdPs and connections (ext-idp.ts), bulk resources ---

  /**
   * The external IdPs of a tenant, each with its connections (`GET /api/v2/extIdp?tenantId=`).
   * authing-local stores and validates these records only: it never connects to a provider.
   * @param tenantId - the tenant; without one, the pool's own IdPs (those of no tenant)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the IdPs in creation order
   * @throws {@link AuthingError} 401 / 403 without a management token (a tenant with no IdPs answers an empty list)
   * @example
   * const idps = await management.tenant.listExtIdp('TENANT_ID');
   * console.log(idps.map((idp) => `${idp.name}: ${idp.connections.length} connections`));
   */
  async listExtIdp(tenantId?: string, requestOptions?: RequestOptions): Promise<ExtIdp[]> {
    return extIdp.listExtIdp(this.#context, tenantId, requestOptions);
  }

  /**
   * One external IdP with its connections (`GET /api/v2/extIdp/{extIdpId}`).
   * @param extIdpId - the IdP id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the IdP
   * @throws {@link AuthingError} 3811 when the pool has no such IdP
   * @example
   * const idp = await management.tenant.extIdpDetail('EXT_IDP_ID');
   * console.log(idp.type, idp.connections[0]?.identifier);
   */
  async extIdpDetail(extIdpId: string, requestOptions?: RequestOptions): Promise<ExtIdp> {
    return extIdp.extIdpDetail(this.#context, extIdpId, requestOptions);
  }

  /**
   * Creates an external IdP with its connections, all or nothing (`POST /api/v2/extIdp`). The
   * record is stored and validated (type, identifiers unique in the pool); no connection to the
   * provider is ever made.
   * @param input - `{ tenantId?, name, type, connections }`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the new IdP with its connections (enabled)
   * @throws {@link AuthingError} 3813 when an identifier is taken, 3814 for an unknown tenant, 400 for a bad type or field
   * @example
   * const idp = await management.tenant.createExtIdp({
   *   name: 'WeChat',
   *   type: 'wechat',
   *   connections: [{ type: 'wechat:pc', identifier: 'wechat-pc', displayName: 'WeChat', fields: { clientID: 'id', clientSecret: 'secret' } }],
   * });
   */
  async createExtIdp(input: NewExtIdp, requestOptions?: RequestOptions): Promise<ExtIdp> {
    return extIdp.createExtIdp(this.#context, input, requestOptions);
  }

  /**
   * Renames an external IdP (`PUT /api/v2/extIdp/{extIdpId}`).
   * @param extIdpId - the IdP id
   * @param updates - `{ name }`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the updated IdP
   * @throws {@link AuthingError} 3811 when the pool has no such IdP
   * @example
   * await management.tenant.updateExtIdp('EXT_IDP_ID', { name: 'Lark' });
   */
  async updateExtIdp(extIdpId: string, updates: { name: string }, requestOptions?: RequestOptions): Promise<ExtIdp> {
    return extIdp.updateExtIdp(this.#context, extIdpId, updates, requestOptions);
  }

  /**
   * Deletes an external IdP and all its connections (`DELETE /api/v2/extIdp/{extIdpId}`).
   * @param extIdpId - the IdP id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true
   * @throws {@link AuthingError} 3811 when the pool has no such IdP
   * @example
   * await management.tenant.deleteExtIdp('EXT_IDP_ID');
   */
  async deleteExtIdp(extIdpId: string, requestOptions?: RequestOptions): Promise<boolean> {
    return extIdp.deleteExtIdp(this.#context, extIdpId, requestOptions);
  }

  /**
   * Adds a connection to an external IdP (`POST /api/v2/extIdpConn`); stored only, never contacted.
   * @param input - `{ extIdpId, type, identifier, displayName, fields, userMatchFields?, logo? }`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the new connection (enabled)
   * @throws {@link AuthingError} 3811 for an unknown IdP, 3813 when the identifier is taken
   * @example
   * const connection = await management.tenant.createExtIdpConnection({
   *   extIdpId: 'EXT_IDP_ID',
   *   type: 'wechatmp-qrcode',
   *   identifier: 'wechat-mp',
   *   displayName: 'WeChat official account',
   *   fields: { clientID: 'id', clientSecret: 'secret' },
   * });
   */
  async createExtIdpConnection(input: ExtIdpConnectionInput & { extIdpId: string }, requestOptions?: RequestOptions): Promise<ExtIdpConnection> {
    return extIdp.createExtIdpConnection(this.#context, input, requestOptions);
  }

  /**
   * Updates a connection's display name, fields, match fields and logo (`PUT /api/v2/extIdpConn/{id}`).
   * @param extIdpConnectionId - the connection id
   * @param updates - `{ displayName, fields, userMatchFields?, logo? }`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the updated connection
   * @throws {@link AuthingError} 3812 when the pool has no such connection
   * @example
   * await management.tenant.updateExtIdpConnection('CONNECTION_ID', { displayName: 'WeChat', fields: { clientID: 'id2' } });
   */
  async updateExtIdpConnection(extIdpConnectionId: string, updates: ExtIdpConnectionUpdates, requestOptions?: RequestOptions): Promise<ExtIdpConnection> {
    return extIdp.updateExtIdpConnection(this.#context, extIdpConnectionId, updates, requestOptions);
  }

  /**
   * Deletes a connection (`DELETE /api/v2/extIdpConn/{id}`).
   * @param extIdpConnectionId - the connection id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true
   * @throws {@link AuthingError} 3812 when the pool has no such connection
   * @example
   * await management.tenant.deleteExtIdpConnection('CONNECTION_ID');
   */
  async deleteExtIdpConnection(extIdpConnectionId: string, requestOptions?: RequestOptions): Promise<boolean> {
    return extIdp.deleteExtIdpConnection(this.#context, extIdpConnectionId, requestOptions);
  }

  /**
   * Whether a connection identifier is free in the pool (`POST /api/v2/check/extIdpConn/identifier`).
   * Note: the official SDK answers the opposite sense (true when the server refuses, i.e. taken).
   * @param identifier - the identifier to check
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true when no connection holds it, false when one does
   * @throws {@link AuthingError} 400 for a malformed identifier
   * @example
   * if (await management.tenant.checkExtIdpConnectionIdentifierUnique('wechat-pc')) console.log('free');
   */
  async checkExtIdpConnectionIdentifierUnique(identifier: string, requestOptions?: RequestOptions): Promise<boolean> {
    return extIdp.checkExtIdpConnectionIdentifierUnique(this.#context, identifier, requestOptions);
  }

  /**
   * Switches one connection on or off (`PUT /api/v2/extIdpConn/{id}/state`). authing-local keeps
   * one switch per connection; `appId` / `tenantId`, when given, must name an app / tenant of the pool.
   * @param extIdpConnectionId - the connection id
   * @param state - `{ enabled, appId?, tenantId? }`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true
   * @throws {@link AuthingError} 3812 for an unknown connection, 2011 an unknown app, 3814 an unknown tenant
   * @example
   * await management.tenant.changeExtIdpConnectionState('CONNECTION_ID', { enabled: false });
   */
  async changeExtIdpConnectionState(extIdpConnectionId: string, state: ExtIdpConnectionState, requestOptions?: RequestOptions): Promise<boolean> {
    return extIdp.changeExtIdpConnectionState(this.#context, extIdpConnectionId, state, requestOptions);
  }

  /**
   * Switches every connection of an external IdP on or off (`PUT /api/v2/extIdp/{id}/connState`).
   * @param extIdpId - the IdP id
   * @param state - `{ enabled, appId?, tenantId? }`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true
   * @throws {@link AuthingError} 3811 for an unknown IdP, 2011 an unknown app, 3814 an unknown tenant
   * @example
   * await management.tenant.batchChangeExtIdpConnectionState('EXT_IDP_ID', { enabled: true });
   */
  async batchChangeExtIdpConnectionState(extIdpId: string, state: ExtIdpConnectionState, requestOptions?: RequestOptions): Promise<boolean> {
    return extIdp.batchChangeExtIdpConnectionState(this.#context, extIdpId, state, requestOptions);
  }

  /**
   * Creates many resources at once (`POST /api/v2/resources/bulk`), in one transaction: the first
   * bad item (reserved code, duplicate, unknown namespace, missing actions) refuses the whole batch.
   * @param options - `{ bulk: [{ code, type, actions, description?, apiIdentifier?, namespace? }] }`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the new resources in request order
   * @throws {@link AuthingError} the refused item's error (e.g. 3003 unknown namespace); nothing is written
   * @example
   * const created = await management.tenant.batchInsertResource({
   *   bulk: [{ code: 'book', type: 'DATA', actions: [{ name: 'book:read', description: 'read' }], namespace: 'default' }],
   * });
   */
  async batchInsertResource(options: { bulk: BulkResource[] }, requestOptions?: RequestOptions): Promise<Resource[]> {
    return bulk.batchInsertResource(this.#context, options, requestOptions);
  }
}
