/**
 * `managementClient.acl`: one flat surface over per-part modules (grants, namespaces, resources,
 * programmatic accounts, application access). Each method is a one-liner into its part.
 */
import type { RequestOptions } from '../../core/options.js';
import type { ClientContext } from '../context.js';
import type {
  Application,
  ApplicationAccessRecord,
  AuthorizedResource,
  AuthorizedResourcesBatch,
  AuthorizedTargets,
  CommonMessage,
  DefaultStrategy,
  Namespace,
  Namespaces,
  Paginated,
  PolicyAssignment,
  PolicyAssignmentTargetType,
  ProgrammaticAccessAccount,
  Resource,
  ResourceType,
} from '../types.js';
import * as appAccess from './app-access.js';
import * as grants from './grants.js';
import * as namespaces from './namespaces.js';
import * as policyAssignments from './policy-assignments.js';
import * as programmatic from './programmatic.js';
import * as resources from './resources.js';
import type {
  ApplicationAccessPolicy,
  AuthorizedTargetsParams,
  AuthorizeResourceParams,
  AuthorizeResourcesParams,
  ListAuthorizedResourcesBatchParams,
  NamespaceUpdates,
  NewProgrammaticAccessAccount,
  NewResource,
  ResourceListOptions,
  ResourceUpdates,
  RevokeResourceParams,
  RevokeResourcesParams,
} from './types.js';

/** Access control: grants and checks, namespaces, resources, programmatic accounts, application access. Get it from `managementClient.acl`. */
export class AclClient {
  readonly #context: ClientContext;

  private constructor(context: ClientContext) {
    this.#context = context;
  }

  /** @internal Built by {@link ManagementClient} only: the context is the SDK's, not part of the API. */
  static fromContext(context: ClientContext): AclClient {
    return new AclClient(context);
  }

  /**
   * Grants a user one action on one resource.
   * @param userId - user id
   * @param resource - `type:id`, `type:*` or `*`
   * @param action - action name, e.g. `books:read` (or `*`)
   * @param namespace - namespace code (default `default`)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's `{ code, message }`
   * @throws {@link AuthingError} {@link AuthingValidationError} when `resource` has no `type:` prefix
   * @example
   * await management.acl.allow(userId, 'books:42', 'books:edit', 'library');
   */
  allow(userId: string, resource: string, action: string, namespace?: string, requestOptions?: RequestOptions): Promise<CommonMessage> {
    return grants.allow(this.#context, userId, resource, action, namespace, requestOptions);
  }

  /**
   * Whether a user may perform an action on a resource, through any grant (direct, role, group,
   * organization node) or any enabled policy assignment reaching the user: some ALLOW matches and
   * no DENY does (an explicit DENY, from a grant or a policy statement, beats every ALLOW).
   * @param userId - user id
   * @param resource - e.g. `books:42`
   * @param action - e.g. `books:read`
   * @param options - namespace code (default `default`), tenantId
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the decision (sent as REST `POST /api/v2/acl/is-allowed`, retried like a read)
   * @throws {@link AuthingError}
   * @example
   * if (await management.acl.isAllowed(userId, 'books:42', 'books:edit', { namespace: 'library' })) console.log('may edit');
   */
  isAllowed(
    userId: string,
    resource: string,
    action: string,
    options: { namespace?: string; tenantId?: string } = {},
    requestOptions?: RequestOptions,
  ): Promise<boolean> {
    return grants.isAllowed(this.#context, userId, resource, action, options, requestOptions);
  }

  /**
   * Grants a resource (a kind or an instance) to users, roles, groups, organization nodes or
   * programmatic access accounts, each with its own actions.
   * @param params - namespace, resource, resourceType, opts `[{ targetType, targetIdentifier, actions }]`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's `{ code, message }`
   * @throws {@link AuthingError}
   * @example
   * await management.acl.authorizeResource({
   *   namespace: 'library',
   *   resource: 'books:*',
   *   opts: [{ targetType: 'ROLE', targetIdentifier: 'readers', actions: ['books:read'] }],
   * });
   */
  authorizeResource(params: AuthorizeResourceParams, requestOptions?: RequestOptions): Promise<CommonMessage> {
    return grants.authorizeResource(this.#context, params, requestOptions);
  }

  /**
   * Revokes targets' grants on a resource. Revoking a kind (`books`) also removes the target's
   * instance grants (`books:1`); revoking an instance leaves a kind grant alone.
   * @param params - namespace, resource, opts `[{ targetType, targetIdentifier }]`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true
   * @throws {@link AuthingError}
   * @example
   * await management.acl.revokeResource({ namespace: 'library', resource: 'books:42', opts: [{ targetType: 'USER', targetIdentifier: userId }] });
   */
  revokeResource(params: RevokeResourceParams, requestOptions?: RequestOptions): Promise<boolean> {
    return grants.revokeResource(this.#context, params, requestOptions);
  }

  /**
   * Grants several resources to several targets at once (all or nothing): each target gets each
   * resource with its actions, replacing its earlier actions on that resource.
   * @param params - namespace, tenantId, opts `[{ targetType, targetIdentifiers, resources: [{ code, actions, resourceType }] }]`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true
   * @throws {@link AuthingError} (an unknown target writes nothing)
   * @example
   * await management.acl.authorizeResources({
   *   namespace: 'library',
   *   opts: [
   *     { targetType: 'USER', targetIdentifiers: [userId], resources: [{ code: 'books:1', actions: ['books:read'], resourceType: 'DATA' }] },
   *     { targetType: 'ROLE', targetIdentifiers: ['editors'], resources: [{ code: 'books:*', actions: ['books:edit'] }] },
   *   ],
   * });
   */
  authorizeResources(params: AuthorizeResourcesParams, requestOptions?: RequestOptions): Promise<boolean> {
    return grants.authorizeResources(this.#context, params, requestOptions);
  }

  /**
   * Revokes several resources from several targets at once (all or nothing). Listed actions leave
   * the grant on exactly that code (it goes when none is left); a resource without actions loses
   * the whole grant, and a kind (`books`) also takes the target's `books:x` grants with it.
   * @param params - namespace, tenantId, opts `[{ targetType, targetIdentifiers, resources: [{ code, actions }] }]`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true
   * @throws {@link AuthingError}
   * @example
   * await management.acl.revokeResources({
   *   namespace: 'library',
   *   opts: [{ targetType: 'USER', targetIdentifiers: [userId], resources: [{ code: 'books:1', actions: ['books:read'] }] }],
   * });
   */
  revokeResources(params: RevokeResourcesParams, requestOptions?: RequestOptions): Promise<boolean> {
    return grants.revokeResources(this.#context, params, requestOptions);
  }

  /**
   * The authorized resources of several targets, one `{ totalCount, list }` per target in request
   * order, each as {@link AclClient.listAuthorizedResources} answers it for that target.
   * @param params - namespace, tenantId, targets `[{ targetType, targetIdentifier }]`, resourceType
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ list }`, one page per target
   * @throws {@link AuthingError}
   * @example
   * const { list: [mine, editors] } = await management.acl.listAuthorizedResourcesBatch({
   *   namespace: 'library',
   *   targets: [{ targetType: 'USER', targetIdentifier: userId }, { targetType: 'ROLE', targetIdentifier: 'editors' }],
   * });
   */
  listAuthorizedResourcesBatch(params: ListAuthorizedResourcesBatchParams, requestOptions?: RequestOptions): Promise<AuthorizedResourcesBatch> {
    return grants.listAuthorizedResourcesBatch(this.#context, params, requestOptions);
  }

  /**
   * The resources granted directly to one target. Resource grants only: policies assigned to the
   * target are not listed (their statements are patterns, not resources; list them with
   * `policies.listAssignments`), though they count in {@link AclClient.isAllowed}.
   * @param targetType - USER, ROLE, GROUP, ORG or AK_SK
   * @param targetIdentifier - user id, role code, group code, node id or account id
   * @param namespace - namespace code
   * @param options - `resourceType` keeps one type
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`
   * @throws {@link AuthingError}
   * @example
   * const { list } = await management.acl.listAuthorizedResources('ROLE', 'editors', 'library');
   */
  listAuthorizedResources(
    targetType: PolicyAssignmentTargetType,
    targetIdentifier: string,
    namespace?: string,
    options: { resourceType?: ResourceType } = {},
    requestOptions?: RequestOptions,
  ): Promise<Paginated<AuthorizedResource>> {
    return grants.listAuthorizedResources(this.#context, targetType, targetIdentifier, namespace, options, requestOptions);
  }

  /**
   * The targets holding a grant on a resource (direct grants). Policy assignees are not included.
   * @param params - namespace, resource, resourceType (all required), actions `{ op, list }`, targetType
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list: [{ targetType, targetIdentifier, actions }] }`
   * @throws {@link AuthingError}
   * @example
   * const { list } = await management.acl.getAuthorizedTargets({
   *   namespace: 'library', resource: 'books', resourceType: 'DATA', targetType: 'USER',
   *   actions: { op: 'OR', list: ['books:read', 'books:edit'] },
   * });
   */
  getAuthorizedTargets(params: AuthorizedTargetsParams, requestOptions?: RequestOptions): Promise<AuthorizedTargets> {
    return grants.getAuthorizedTargets(this.#context, params, requestOptions);
  }

  /**
   * Creates a permission namespace.
   * @param code - namespace code, unique in the pool
   * @param name - display name
   * @param description - description
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the new namespace (numeric `id`)
   * @throws {@link AuthingError}
   * @example
   * const ns = await management.acl.createNamespace('library', 'Library');
   */
  createNamespace(code: string, name: string, description?: string, requestOptions?: RequestOptions): Promise<Namespace> {
    return namespaces.createNamespace(this.#context, code, name, description, requestOptions);
  }

  /**
   * Lists the namespaces of the pool (the `default` one included).
   * @param page - page number, from 1
   * @param limit - page size
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ total, list }`
   * @throws {@link AuthingError}
   * @example
   * const { total, list } = await management.acl.listNamespaces(1, 20);
   */
  listNamespaces(page = 1, limit = 10, requestOptions?: RequestOptions): Promise<Namespaces> {
    return namespaces.listNamespaces(this.#context, page, limit, requestOptions);
  }

  /**
   * Updates a namespace, addressed by its code.
   * @param code - current namespace code
   * @param updates - name, code, description
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the updated namespace
   * @throws {@link AuthingError} code 3005 when the namespace does not exist
   * @example
   * const ns = await management.acl.updateNamespace('library', { name: 'City library' });
   */
  updateNamespace(code: string, updates: NamespaceUpdates, requestOptions?: RequestOptions): Promise<Namespace> {
    return namespaces.updateNamespace(this.#context, code, updates, requestOptions);
  }

  /**
   * Deletes a namespace with its roles, resources and grants.
   * @param code - namespace code
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true
   * @throws {@link AuthingError} code 3003 when the namespace does not exist
   * @example
   * await management.acl.deleteNamespace('library');
   */
  deleteNamespace(code: string, requestOptions?: RequestOptions): Promise<boolean> {
    return namespaces.deleteNamespace(this.#context, code, requestOptions);
  }

  /**
   * Lists resources.
   * @param options - namespace, type, page (default 1), limit (default 10)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`
   * @throws {@link AuthingError}
   * @example
   * const { totalCount, list } = await management.acl.listResources({ namespace: 'library', type: 'DATA' });
   */
  listResources(options: ResourceListOptions = {}, requestOptions?: RequestOptions): Promise<Paginated<Resource>> {
    return resources.listResources(this.#context, options, requestOptions);
  }

  /**
   * Lists resources: the official SDK's other name for {@link AclClient.listResources}, the same request.
   * @param options - namespace (or namespaceCode), type, page (default 1), limit (default 10)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`
   * @throws {@link AuthingError}
   * @example
   * const { list } = await management.acl.getResources({ namespaceCode: 'library', page: 1, limit: 50 });
   */
  getResources(options: ResourceListOptions = {}, requestOptions?: RequestOptions): Promise<Paginated<Resource>> {
    return resources.listResources(this.#context, options, requestOptions);
  }

  /**
   * Creates a resource.
   * @param resource - code, namespace, actions `[{ name, description }]`, type, description, apiIdentifier
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the new resource
   * @throws {@link AuthingError} {@link AuthingValidationError} for a missing code or namespace, a bad type or actions
   * @example
   * await management.acl.createResource({ namespace: 'library', code: 'books', actions: [{ name: 'books:read', description: 'Read' }] });
   */
  createResource(resource: NewResource, requestOptions?: RequestOptions): Promise<Resource> {
    return resources.createResource(this.#context, resource, requestOptions);
  }

  /**
   * Updates a resource (`POST /api/v2/resources/{code}`); `actions` replaces the whole list.
   * @param code - resource code
   * @param updates - namespace (required), type, description, actions, apiIdentifier
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the updated resource
   * @throws {@link AuthingError}
   * @example
   * await management.acl.updateResource('books', { namespace: 'library', actions: [{ name: 'books:read' }, { name: 'books:edit' }] });
   */
  updateResource(code: string, updates: ResourceUpdates, requestOptions?: RequestOptions): Promise<Resource> {
    return resources.updateResource(this.#context, code, updates, requestOptions);
  }

  /**
   * Deletes a resource and every grant on it.
   * @param code - resource code
   * @param namespace - namespace code
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true
   * @throws {@link AuthingError}
   * @example
   * await management.acl.deleteResource('books', 'library');
   */
  deleteResource(code: string, namespace: string, requestOptions?: RequestOptions): Promise<boolean> {
    return resources.deleteResource(this.#context, code, namespace, requestOptions);
  }

  /**
   * A resource by id.
   * @param id - resource id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the resource, or null when there is none
   * @throws {@link AuthingError}
   * @example
   * const resource = await management.acl.getResourceById(resourceId);
   */
  getResourceById(id: string, requestOptions?: RequestOptions): Promise<Resource | null> {
    return resources.getResourceById(this.#context, id, requestOptions);
  }

  /**
   * A resource by namespace and code.
   * @param lookup - namespace code and resource code
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the resource, or null when there is none
   * @throws {@link AuthingError}
   * @example
   * const books = await management.acl.getResourceByCode({ namespace: 'library', code: 'books' });
   */
  getResourceByCode(lookup: { namespace: string; code: string }, requestOptions?: RequestOptions): Promise<Resource | null> {
    return resources.getResourceByCode(this.#context, lookup, requestOptions);
  }

  /**
   * Lists an application's programmatic access accounts.
   * @param appId - application id
   * @param page - page number, from 1
   * @param limit - page size
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`
   * @throws {@link AuthingError}
   * @example
   * const { totalCount, list } = await management.acl.programmaticAccessAccountList(appId, 1, 20);
   */
  programmaticAccessAccountList(appId: string, page = 1, limit = 10, requestOptions?: RequestOptions): Promise<Paginated<ProgrammaticAccessAccount>> {
    return programmatic.programmaticAccessAccountList(this.#context, appId, page, limit, requestOptions);
  }

  /**
   * Creates a programmatic access account (the account id is the access key, `secret` the secret key).
   * @param appId - application id
   * @param options - tokenLifetime (default 600 s), remarks
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the new, enabled account
   * @throws {@link AuthingError}
   * @example
   * const { id, secret } = await management.acl.createProgrammaticAccessAccount(appId, { remarks: 'CI' });
   */
  createProgrammaticAccessAccount(
    appId: string,
    options: NewProgrammaticAccessAccount = {},
    requestOptions?: RequestOptions,
  ): Promise<ProgrammaticAccessAccount> {
    return programmatic.createProgrammaticAccessAccount(this.#context, appId, options, requestOptions);
  }

  /**
   * Enables an account.
   * @param id - account id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the account (`enabled: true`)
   * @throws {@link AuthingError}
   * @example
   * await management.acl.enableProgrammaticAccessAccount(accountId);
   */
  enableProgrammaticAccessAccount(id: string, requestOptions?: RequestOptions): Promise<ProgrammaticAccessAccount> {
    return programmatic.enableProgrammaticAccessAccount(this.#context, id, requestOptions);
  }

  /**
   * Disables an account; it can no longer obtain tokens.
   * @param id - account id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the account (`enabled: false`)
   * @throws {@link AuthingError}
   * @example
   * await management.acl.disableProgrammaticAccessAccount(accountId);
   */
  disableProgrammaticAccessAccount(id: string, requestOptions?: RequestOptions): Promise<ProgrammaticAccessAccount> {
    return programmatic.disableProgrammaticAccessAccount(this.#context, id, requestOptions);
  }

  /**
   * Deletes an account.
   * @param id - account id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true
   * @throws {@link AuthingError}
   * @example
   * await management.acl.deleteProgrammaticAccessAccount(accountId);
   */
  deleteProgrammaticAccessAccount(id: string, requestOptions?: RequestOptions): Promise<boolean> {
    return programmatic.deleteProgrammaticAccessAccount(this.#context, id, requestOptions);
  }

  /**
   * Replaces an account's secret key.
   * @param id - account id
   * @param secret - the new secret; without it the server generates one
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the account with its new `secret`
   * @throws {@link AuthingError}
   * @example
   * const { secret } = await management.acl.refreshProgrammaticAccessAccountSecret(accountId);
   */
  refreshProgrammaticAccessAccountSecret(id: string, secret?: string, requestOptions?: RequestOptions): Promise<ProgrammaticAccessAccount> {
    return programmatic.refreshProgrammaticAccessAccountSecret(this.#context, id, secret, requestOptions);
  }

  /**
   * Lists an application's access records (allow/deny per target).
   * @param options - appId, page (default 1), limit (default 10)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`
   * @throws {@link AuthingError}
   * @example
   * const { totalCount, list } = await management.acl.getApplicationAccessPolicies({ appId, page: 1, limit: 20 });
   */
  getApplicationAccessPolicies(
    options: { appId: string; page?: number; limit?: number },
    requestOptions?: RequestOptions,
  ): Promise<Paginated<ApplicationAccessRecord>> {
    return appAccess.getApplicationAccessPolicies(this.#context, options, requestOptions);
  }

  /**
   * Enables the targets' access records.
   * @param policy - appId, targetType, targetIdentifiers, namespace, inheritByChildren
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true
   * @throws {@link AuthingError}
   * @example
   * await management.acl.enableApplicationAccessPolicy({ appId, targetType: 'ROLE', targetIdentifiers: ['editors'], namespace: 'library' });
   */
  enableApplicationAccessPolicy(policy: ApplicationAccessPolicy, requestOptions?: RequestOptions): Promise<boolean> {
    return appAccess.enableApplicationAccessPolicy(this.#context, policy, requestOptions);
  }

  /**
   * Disables the targets' access records (kept, but no longer applied).
   * @param policy - appId, targetType, targetIdentifiers, namespace, inheritByChildren
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true
   * @throws {@link AuthingError}
   * @example
   * await management.acl.disableApplicationAccessPolicy({ appId, targetType: 'ROLE', targetIdentifiers: ['editors'], namespace: 'library' });
   */
  disableApplicationAccessPolicy(policy: ApplicationAccessPolicy, requestOptions?: RequestOptions): Promise<boolean> {
    return appAccess.disableApplicationAccessPolicy(this.#context, policy, requestOptions);
  }

  /**
   * Deletes the targets' access records.
   * @param policy - appId, targetType, targetIdentifiers, namespace, inheritByChildren
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true
   * @throws {@link AuthingError}
   * @example
   * await management.acl.deleteApplicationAccessPolicy({ appId, targetType: 'ORG', targetIdentifiers: [nodeId], inheritByChildren: true });
   */
  deleteApplicationAccessPolicy(policy: ApplicationAccessPolicy, requestOptions?: RequestOptions): Promise<boolean> {
    return appAccess.deleteApplicationAccessPolicy(this.#context, policy, requestOptions);
  }

  /**
   * Adds allow records: the targets may log in to the application, whatever the default strategy.
   * @param policy - appId, targetType, targetIdentifiers, namespace, inheritByChildren
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true
   * @throws {@link AuthingError}
   * @example
   * await management.acl.allowAccessApplication({ appId, targetType: 'USER', targetIdentifiers: [userId] });
   */
  allowAccessApplication(policy: ApplicationAccessPolicy, requestOptions?: RequestOptions): Promise<boolean> {
    return appAccess.allowAccessApplication(this.#context, policy, requestOptions);
  }

  /**
   * Adds deny records: the targets may not log in to the application (a deny beats an allow).
   * @param policy - appId, targetType, targetIdentifiers, namespace, inheritByChildren
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true
   * @throws {@link AuthingError}
   * @example
   * await management.acl.denyAccessApplication({ appId, targetType: 'GROUP', targetIdentifiers: ['contractors'] });
   */
  denyAccessApplication(policy: ApplicationAccessPolicy, requestOptions?: RequestOptions): Promise<boolean> {
    return appAccess.denyAccessApplication(this.#context, policy, requestOptions);
  }

  /**
   * Sets what happens to users no access record matches.
   * @param options - appId and defaultStrategy (ALLOW_ALL or DENY_ALL)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the application with its `permissionStrategy`
   * @throws {@link AuthingError}
   * @example
   * await management.acl.updateDefaultApplicationAccessPolicy({ appId, defaultStrategy: 'DENY_ALL' });
   */
  updateDefaultApplicationAccessPolicy(
    options: { appId: string; defaultStrategy: DefaultStrategy },
    requestOptions?: RequestOptions,
  ): Promise<Application> {
    return appAccess.updateDefaultApplicationAccessPolicy(this.#context, options, requestOptions);
  }

  /**
   * Every assignment of one policy to targets of one type (official SDK 4.23.55).
   * @param namespace - namespace code; `undefined` for `default`
   * @param policyCode - code of the policy
   * @param targetType - USER, ROLE, GROUP or ORG
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the assignments, in assignment order
   * @throws {@link AuthingError} 3601 when there is no such policy
   * @example
   * const { list } = await management.acl.getPoliciesAssignmentsCondition('default', 'books-readonly', 'ROLE');
   */
  getPoliciesAssignmentsCondition(
    namespace: string | undefined,
    policyCode: string,
    targetType: PolicyAssignmentTargetType,
    requestOptions?: RequestOptions,
  ): Promise<Paginated<PolicyAssignment>> {
    return policyAssignments.policiesAssignmentsCondition(this.#context, namespace, policyCode, targetType, requestOptions);
  }
}
