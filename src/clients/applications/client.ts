/** `managementClient.applications`: the pool's applications, their agreements, and their own namespace. */
import type { RequestOptions } from '../../core/options.js';
import * as appAccess from '../acl/app-access.js';
import * as resources from '../acl/resources.js';
import type { ClientContext } from '../context.js';
import * as roleCrud from '../roles/crud.js';
import * as roleMembers from '../roles/members.js';
import * as roleResources from '../roles/resources.js';
import type {
  Application,
  ApplicationAccessRecord,
  ApplicationAccessTargetType,
  AuthorizedResource,
  CommonMessage,
  DefaultStrategy,
  Paginated,
  Resource,
  ResourceType,
  Role,
  User,
  UserDetail,
  UserWithCustomData,
} from '../types.js';
import * as agreements from './agreements.js';
import * as crud from './crud.js';
import * as tenants from '../tenant/tenants.js';
import type { ApplicationTenantDetails } from '../tenant/types.js';
import type { Agreement, AgreementInput, AgreementUpdates, ApplicationType, NewApplication } from './types.js';

/** Targets of an app's access records, as {@link ApplicationsClient.allowAccess} takes them. */
export interface AppAccessTargets {
  targetType: ApplicationAccessTargetType;
  targetIdentifiers: string[];
  namespace?: string;
  inheritByChildren?: boolean;
}

/**
 * The pool's applications. Each has its own namespace (code = app id): creating an app creates
 * it, deleting the app deletes it with every role, resource and grant in it, the app's access
 * records, AK/SK accounts and agreements. The per-app methods (`getRoles`, `createResource`, ...)
 * are the role and ACL calls with `namespace = appId`. Get it from `managementClient.applications`.
 */
export class ApplicationsClient {
  readonly #context: ClientContext;

  private constructor(context: ClientContext) {
    this.#context = context;
  }

  /** @internal Built by {@link ManagementClient} only: the context is the SDK's, not part of the API. */
  static fromContext(context: ClientContext): ApplicationsClient {
    return new ApplicationsClient(context);
  }

  /**
   * One page of the pool's applications, oldest first.
   * @param params - page (from 1, default 1) and limit (default 10)
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError}
   * @example
   * const { totalCount, list } = await management.applications.list({ page: 1, limit: 10 });
   * console.log(totalCount, list.map((app) => app.name));
   */
  list(params: { page?: number; limit?: number } = {}, requestOptions?: RequestOptions): Promise<Paginated<Application>> {
    return crud.list(this.#context, params, requestOptions);
  }

  /**
   * Creates an application, with its namespace (code = the new app id) and an ALLOW_ALL access policy.
   * @param options - name (required), identifier, redirectUris, logo
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingValidationError} without a name; {@link AuthingError}
   * @example
   * const app = await management.applications.create({ name: 'Shop', identifier: 'shop', redirectUris: ['https://shop.example.com/cb'] });
   * console.log(app.id, app.secret);
   */
  create(options: NewApplication, requestOptions?: RequestOptions): Promise<Application> {
    return crud.create(this.#context, options, requestOptions);
  }

  /**
   * Deletes an application with its namespace and everything granted in it (2011 for an unknown app).
   * @param appId - application id
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError}
   * @example
   * await management.applications.delete('app-id');
   */
  delete(appId: string, requestOptions?: RequestOptions): Promise<boolean> {
    return crud.remove(this.#context, appId, requestOptions);
  }

  /**
   * An application by id (2011 when it is not in the pool).
   * @param id - application id
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError}
   * @example
   * const app = await management.applications.findById('app-id');
   * console.log(app.name, app.appType);
   */
  findById(id: string, requestOptions?: RequestOptions): Promise<Application> {
    return crud.findById(this.#context, id, requestOptions);
  }

  /**
   * The users holding a live session in the application, most recent first.
   * @param appId - application id
   * @param page - from 1 (default 1)
   * @param limit - page size (default 10)
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError}
   * @example
   * const { totalCount, list } = await management.applications.activeUsers('app-id', 1, 10);
   * console.log(totalCount, list.map((user) => user.id));
   */
  activeUsers(appId: string, page = 1, limit = 10, requestOptions?: RequestOptions): Promise<Paginated<UserDetail>> {
    return crud.activeUsers(this.#context, appId, page, limit, requestOptions);
  }

  /**
   * Gives the application a new secret; the old one is invalid at once.
   * @param appId - application id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the application with its new `secret`
   * @throws {@link AuthingError}
   * @example
   * const { secret } = await management.applications.refreshApplicationSecret('app-id');
   * console.log(secret);
   */
  refreshApplicationSecret(appId: string, requestOptions?: RequestOptions): Promise<Application> {
    return crud.refreshSecret(this.#context, appId, requestOptions);
  }

  /**
   * Sets the application's type.
   * @param appId - application id
   * @param type - INDIVIDUAL, Tenant or BOTH
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingValidationError} for another type; {@link AuthingError}
   * @example
   * const app = await management.applications.changeApplicationType('app-id', 'BOTH');
   * console.log(app.appType);
   */
  changeApplicationType(appId: string, type: ApplicationType, requestOptions?: RequestOptions): Promise<Application> {
    return crud.changeType(this.#context, appId, type, requestOptions);
  }

  /**
   * Adds a registration agreement at the end of the app's list.
   * @param appId - application id
   * @param agreement - title (required), required (default true), lang (default zh-CN)
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError}
   * @example
   * const terms = await management.applications.createAgreement('app-id', { title: 'Terms of use' });
   * console.log(terms.id, terms.order);
   */
  createAgreement(appId: string, agreement: AgreementInput, requestOptions?: RequestOptions): Promise<Agreement> {
    return agreements.createAgreement(this.#context, appId, agreement, requestOptions);
  }

  /**
   * The app's agreements, in their order.
   * @param appId - application id
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError}
   * @example
   * const { list } = await management.applications.listAgreement('app-id');
   * console.log(list.map((a) => a.title));
   */
  listAgreement(appId: string, requestOptions?: RequestOptions): Promise<Paginated<Agreement>> {
    return agreements.listAgreement(this.#context, appId, requestOptions);
  }

  /**
   * Changes an agreement (2012 for one not of the app).
   * @param appId - application id
   * @param agreementId - agreement id
   * @param updates - title, required, lang
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError}
   * @example
   * await management.applications.modifyAgreement('app-id', 1, { required: false });
   */
  modifyAgreement(appId: string, agreementId: number, updates: AgreementUpdates, requestOptions?: RequestOptions): Promise<Agreement> {
    return agreements.modifyAgreement(this.#context, appId, agreementId, updates, requestOptions);
  }

  /**
   * Deletes an agreement; the ones after it move up.
   * @param appId - application id
   * @param agreementId - agreement id
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError}
   * @example
   * await management.applications.deleteAgreement('app-id', 1);
   */
  deleteAgreement(appId: string, agreementId: number, requestOptions?: RequestOptions): Promise<boolean> {
    return agreements.deleteAgreement(this.#context, appId, agreementId, requestOptions);
  }

  /**
   * Puts the app's agreements in the order given (each of them exactly once).
   * @param appId - application id
   * @param order - agreement ids
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError}
   * @example
   * await management.applications.sortAgreement('app-id', [2, 1]);
   */
  sortAgreement(appId: string, order: number[], requestOptions?: RequestOptions): Promise<boolean> {
    return agreements.sortAgreement(this.#context, appId, order, requestOptions);
  }

  /**
   * The resources of the app's namespace.
   * @param appId - application id
   * @param options - page, limit
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError}
   * @example
   * const { list } = await management.applications.listResources('app-id', { page: 1, limit: 10 });
   * console.log(list.map((r) => r.code));
   */
  listResources(appId: string, options: { page?: number; limit?: number } = {}, requestOptions?: RequestOptions): Promise<Paginated<Resource>> {
    return resources.listResources(this.#context, { ...options, namespace: appId }, requestOptions);
  }

  /**
   * Creates a resource in the app's namespace.
   * @param appId - application id
   * @param options - code, type, description, actions, apiIdentifier
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError}
   * @example
   * await management.applications.createResource('app-id', { code: 'book', actions: [{ name: 'book:read', description: 'Read' }] });
   */
  createResource(appId: string, options: Omit<Parameters<typeof resources.createResource>[1], 'namespace'>, requestOptions?: RequestOptions): Promise<Resource> {
    return resources.createResource(this.#context, { ...options, namespace: appId }, requestOptions);
  }

  /**
   * Deletes a resource of the app's namespace.
   * @param appId - application id
   * @param code - resource code
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError}
   * @example
   * await management.applications.deleteResource('app-id', 'book');
   */
  deleteResource(appId: string, code: string, requestOptions?: RequestOptions): Promise<boolean> {
    return resources.deleteResource(this.#context, code, appId, requestOptions);
  }

  /**
   * The app's access records.
   * @param appId - application id
   * @param options - page, limit
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError}
   * @example
   * const { list } = await management.applications.getAccessPolicies('app-id');
   * console.log(list.map((r) => `${r.effect} ${r.targetIdentifier}`));
   */
  getAccessPolicies(appId: string, options: { page?: number; limit?: number } = {}, requestOptions?: RequestOptions): Promise<Paginated<ApplicationAccessRecord>> {
    return appAccess.getApplicationAccessPolicies(this.#context, { ...options, appId }, requestOptions);
  }

  /**
   * Lets the targets log in to the app.
   * @param appId - application id
   * @param targets - targetType, targetIdentifiers, namespace, inheritByChildren
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError}
   * @example
   * await management.applications.allowAccess('app-id', { targetType: 'USER', targetIdentifiers: ['user-id'] });
   */
  allowAccess(appId: string, targets: AppAccessTargets, requestOptions?: RequestOptions): Promise<boolean> {
    return appAccess.allowAccessApplication(this.#context, { ...targets, appId }, requestOptions);
  }

  /**
   * Refuses the targets a login to the app.
   * @param appId - application id
   * @param targets - targetType, targetIdentifiers, namespace, inheritByChildren
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError}
   * @example
   * await management.applications.denyAccess('app-id', { targetType: 'USER', targetIdentifiers: ['user-id'] });
   */
  denyAccess(appId: string, targets: AppAccessTargets, requestOptions?: RequestOptions): Promise<boolean> {
    return appAccess.denyAccessApplication(this.#context, { ...targets, appId }, requestOptions);
  }

  /**
   * Sets what happens to users no access record of the app matches.
   * @param appId - application id
   * @param defaultStrategy - ALLOW_ALL or DENY_ALL
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError}
   * @example
   * await management.applications.updateDefaultAccessPolicy('app-id', 'DENY_ALL');
   */
  updateDefaultAccessPolicy(appId: string, defaultStrategy: DefaultStrategy, requestOptions?: RequestOptions): Promise<Application> {
    return appAccess.updateDefaultApplicationAccessPolicy(this.#context, { appId, defaultStrategy }, requestOptions);
  }

  /**
   * Creates a role in the app's namespace.
   * @param appId - application id
   * @param options - code, description
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError}
   * @example
   * const role = await management.applications.createRole('app-id', { code: 'editor' });
   * console.log(role.namespace);
   */
  createRole(appId: string, options: { code: string; description?: string }, requestOptions?: RequestOptions): Promise<Role> {
    return roleCrud.create(this.#context, options.code, options.description, appId, requestOptions ? [requestOptions] : []);
  }

  /**
   * Deletes a role of the app's namespace.
   * @param appId - application id
   * @param code - role code
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError}
   * @example
   * await management.applications.deleteRole('app-id', 'editor');
   */
  deleteRole(appId: string, code: string, requestOptions?: RequestOptions): Promise<CommonMessage> {
    return roleCrud.deleteRole(this.#context, code, appId, requestOptions);
  }

  /**
   * A role of the app's namespace, or null.
   * @param appId - application id
   * @param code - role code
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError}
   * @example
   * const role = await management.applications.findRole('app-id', 'editor');
   * console.log(role?.code);
   */
  findRole(appId: string, code: string, requestOptions?: RequestOptions): Promise<Role | null> {
    return roleCrud.detail(this.#context, code, appId, requestOptions);
  }

  /**
   * One page of the roles of the app's namespace.
   * @param appId - application id
   * @param options - page, limit
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError}
   * @example
   * const { list } = await management.applications.getRoles('app-id', { page: 1, limit: 10 });
   * console.log(list.map((r) => r.code));
   */
  getRoles(appId: string, options: { page?: number; limit?: number } = {}, requestOptions?: RequestOptions): Promise<Paginated<Role>> {
    return roleCrud.list(this.#context, { ...options, namespace: appId }, requestOptions);
  }

  /**
   * Gives users a role of the app's namespace.
   * @param appId - application id
   * @param code - role code
   * @param userIds - user ids
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError}
   * @example
   * await management.applications.addUsersToRole('app-id', 'editor', ['user-id']);
   */
  addUsersToRole(appId: string, code: string, userIds: string[], requestOptions?: RequestOptions): Promise<CommonMessage | null> {
    return roleMembers.addUsers(this.#context, code, userIds, appId, requestOptions);
  }

  /**
   * Takes a role of the app's namespace from users.
   * @param appId - application id
   * @param code - role code
   * @param userIds - user ids
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError}
   * @example
   * await management.applications.removeUsersFromRole('app-id', 'editor', ['user-id']);
   */
  removeUsersFromRole(appId: string, code: string, userIds: string[], requestOptions?: RequestOptions): Promise<CommonMessage | null> {
    return roleMembers.removeUsers(this.#context, code, userIds, appId, requestOptions);
  }

  /**
   * Changes a resource of the app's namespace (`actions` replaces the whole list).
   * @param appId - application id
   * @param options - code, with type, description, actions, apiIdentifier
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError}
   * @example
   * await management.applications.updateResource('app-id', { code: 'book', description: 'Books' });
   */
  updateResource(appId: string, options: { code: string } & Omit<Parameters<typeof resources.updateResource>[2], 'namespace'>, requestOptions?: RequestOptions): Promise<Resource> {
    const { code, ...updates } = options;
    return resources.updateResource(this.#context, code, { ...updates, namespace: appId }, requestOptions);
  }

  /**
   * Enables the targets' access records of the app.
   * @param appId - application id
   * @param targets - targetType, targetIdentifiers, namespace, inheritByChildren
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError}
   * @example
   * await management.applications.enableAccessPolicy('app-id', { targetType: 'USER', targetIdentifiers: ['user-id'] });
   */
  enableAccessPolicy(appId: string, targets: AppAccessTargets, requestOptions?: RequestOptions): Promise<boolean> {
    return appAccess.enableApplicationAccessPolicy(this.#context, { ...targets, appId }, requestOptions);
  }

  /**
   * Disables the targets' access records of the app (kept, no longer applied).
   * @param appId - application id
   * @param targets - targetType, targetIdentifiers, namespace, inheritByChildren
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError}
   * @example
   * await management.applications.disableAccessPolicy('app-id', { targetType: 'USER', targetIdentifiers: ['user-id'] });
   */
  disableAccessPolicy(appId: string, targets: AppAccessTargets, requestOptions?: RequestOptions): Promise<boolean> {
    return appAccess.disableApplicationAccessPolicy(this.#context, { ...targets, appId }, requestOptions);
  }

  /**
   * Deletes the targets' access records of the app.
   * @param appId - application id
   * @param targets - targetType, targetIdentifiers, namespace, inheritByChildren
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError}
   * @example
   * await management.applications.deleteAccessPolicy('app-id', { targetType: 'USER', targetIdentifiers: ['user-id'] });
   */
  deleteAccessPolicy(appId: string, targets: AppAccessTargets, requestOptions?: RequestOptions): Promise<boolean> {
    return appAccess.deleteApplicationAccessPolicy(this.#context, { ...targets, appId }, requestOptions);
  }

  /**
   * Deletes several roles of the app's namespace.
   * @param appId - application id
   * @param codes - role codes
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError}
   * @example
   * await management.applications.deleteRoles('app-id', ['editor', 'viewer']);
   */
  deleteRoles(appId: string, codes: string[], requestOptions?: RequestOptions): Promise<CommonMessage> {
    return roleCrud.deleteMany(this.#context, codes, appId, requestOptions);
  }

  /**
   * Changes a role of the app's namespace.
   * @param appId - application id
   * @param options - code, with description and newCode
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError}
   * @example
   * await management.applications.updateRole('app-id', { code: 'editor', description: 'Edits books' });
   */
  updateRole(appId: string, options: { code: string; description?: string; newCode?: string }, requestOptions?: RequestOptions): Promise<Role> {
    return roleCrud.update(this.#context, options.code, { description: options.description, newCode: options.newCode, namespace: appId }, requestOptions);
  }

  /**
   * The users holding a role of the app's namespace (first page of 10).
   * @param appId - application id
   * @param code - role code
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError}
   * @example
   * const { list } = await management.applications.getUsersByRoleCode('app-id', 'editor');
   * console.log(list.map((u) => u.id));
   */
  getUsersByRoleCode(appId: string, code: string, requestOptions?: RequestOptions): Promise<Paginated<User> | Paginated<UserWithCustomData>> {
    return roleMembers.listUsers(this.#context, code, { namespace: appId }, requestOptions);
  }

  /**
   * The resources granted to a role of the app's namespace (3202 for an unknown role).
   * @param appId - application id
   * @param code - role code
   * @param resourceType - keeps one resource type
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError}
   * @example
   * const { list } = await management.applications.listAuthorizedResourcesByRole('app-id', 'editor');
   * console.log(list.map((r) => `${r.code}: ${r.actions?.join(',')}`));
   */
  listAuthorizedResourcesByRole(appId: string, code: string, resourceType?: ResourceType, requestOptions?: RequestOptions): Promise<Paginated<AuthorizedResource>> {
    return roleResources.listAuthorizedResources(this.#context, code, appId, { resourceType }, requestOptions);
  }

  /**
   * The application with the tenants it belongs to (`GET /api/v2/application/{appId}/tenants`).
   * @param appId - application id
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError} code 2011 for an unknown application
   * @example
   * const { name, tenants } = await management.applications.applicationTenants('APP_ID');
   * console.log(name, tenants.map((t) => t.name));
   */
  applicationTenants(appId: string, requestOptions?: RequestOptions): Promise<ApplicationTenantDetails> {
    return tenants.ofApplication(this.#context, appId, requestOptions);
  }
}
