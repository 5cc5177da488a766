/**
 * `managementClient.acl`: grants and checks, on top of the namespace/resource, programmatic
 * account and application access parts it inherits.
 */
import type { RequestOptions } from '../core/options.js';
import {
  AllowDocument,
  AuthorizedResourcesDocument,
  AuthorizedTargetsDocument,
  AuthorizeResourceDocument,
  IsActionAllowedDocument,
} from '../generated/graphql.js';
import { AclAppAccess } from './acl-app-access.js';
import { answered, type ClientContext } from './context.js';
import type {
  AuthorizedResource,
  AuthorizedTargets,
  AuthorizeResourceOpt,
  CommonMessage,
  Operator,
  Paginated,
  PolicyAssignmentTargetType,
  ResourceType,
} from './types.js';
import { checkActionFilter, checkInstanceResource, checkResourceType, checkTargets, checkTargetType, requireId } from './validate.js';

/** Arguments of {@link AclClient.authorizeResource}. */
export interface AuthorizeResourceParams {
  /** Namespace code (default `default`). */
  namespace?: string;
  /** A kind (`books`), an instance (`books:1`), a kind wildcard (`books:*`) or `*`. */
  resource: string;
  resourceType?: ResourceType;
  /** One entry per target, each with its own actions. */
  opts: AuthorizeResourceOpt[];
}

/** Arguments of {@link AclClient.revokeResource}. */
export interface RevokeResourceParams {
  /** Namespace code (default `default`). */
  namespace?: string;
  resource: string;
  opts: { targetType: PolicyAssignmentTargetType; targetIdentifier: string }[];
}

/** Arguments of {@link AclClient.getAuthorizedTargets}. */
export interface AuthorizedTargetsParams {
  namespace: string;
  resource: string;
  resourceType: ResourceType;
  /** Keep targets holding every (`AND`) or any (`OR`) of the listed actions. */
  actions?: { op: Operator; list: string[] };
  targetType?: PolicyAssignmentTargetType;
}

/** Access control. Get it from `managementClient.acl`. */
export class AclClient extends AclAppAccess {
  readonly #context: ClientContext;

  /** @param context - shared by the ManagementClient's sub-clients */
  constructor(context: ClientContext) {
    super(context);
    this.#context = context;
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
  async allow(userId: string, resource: string, action: string, namespace?: string, requestOptions?: RequestOptions): Promise<CommonMessage> {
    requireId('userId', userId);
    checkInstanceResource('resource', resource);
    requireId('action', action);
    const variables = { userId, resource, action, namespace };
    return (await this.#context.transport.graphql(AllowDocument, variables, requestOptions)).allow;
  }

  /**
   * Whether a user may perform an action on a resource, through any grant (direct, role, group,
   * organization node).
   * @param userId - user id
   * @param resource - e.g. `books:42`
   * @param action - e.g. `books:read`
   * @param options - namespace code (default `default`)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the decision
   * @throws {@link AuthingError}
   * @example
   * if (await management.acl.isAllowed(userId, 'books:42', 'books:edit', { namespace: 'library' })) { ... }
   */
  async isAllowed(
    userId: string,
    resource: string,
    action: string,
    options: { namespace?: string } = {},
    requestOptions?: RequestOptions,
  ): Promise<boolean> {
    requireId('userId', userId);
    requireId('resource', resource);
    requireId('action', action);
    const variables = { userId, resource, action, namespace: options.namespace };
    return (await this.#context.transport.graphql(IsActionAllowedDocument, variables, requestOptions)).isActionAllowed;
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
  async authorizeResource(params: AuthorizeResourceParams, requestOptions?: RequestOptions): Promise<CommonMessage> {
    const { namespace, resource, resourceType, opts } = params;
    requireId('resource', resource);
    checkResourceType('resourceType', resourceType);
    checkTargets('opts', opts);
    const variables = { namespace, resource, resourceType, opts };
    return (await this.#context.transport.graphql(AuthorizeResourceDocument, variables, requestOptions)).authorizeResource;
  }

  /**
   * Revokes targets' grants on a resource. Revoking a kind (`books`) also removes the target's
   * instance grants (`books:1`); revoking an instance leaves a kind grant alone.
   * @param params - namespace, resource, opts `[{ targetType, targetIdentifier }]`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true
   * @throws {@link AuthingError}
   */
  async revokeResource(params: RevokeResourceParams, requestOptions?: RequestOptions): Promise<boolean> {
    const { namespace, resource, opts } = params;
    requireId('resource', resource);
    checkTargets('opts', opts);
    return this.#context.transport.rest.POST('/api/v2/acl/revoke-resource', { body: { namespace, resource, opts } }, requestOptions);
  }

  /**
   * The resources granted directly to one target.
   * @param targetType - USER, ROLE, GROUP, ORG or AK_SK
   * @param targetIdentifier - user id, role code, group code, node id or account id
   * @param namespace - namespace code
   * @param options - `resourceType` keeps one type
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`
   * @throws {@link AuthingError}
   */
  async listAuthorizedResources(
    targetType: PolicyAssignmentTargetType,
    targetIdentifier: string,
    namespace?: string,
    options: { resourceType?: ResourceType } = {},
    requestOptions?: RequestOptions,
  ): Promise<Paginated<AuthorizedResource>> {
    checkTargetType('targetType', targetType, true);
    requireId('targetIdentifier', targetIdentifier);
    checkResourceType('resourceType', options.resourceType);
    const variables = { targetType, targetIdentifier, namespace, resourceType: options.resourceType };
    const answer = await this.#context.transport.graphql(AuthorizedResourcesDocument, variables, requestOptions);
    return answered(answer.authorizedResources, 'authorizedResources');
  }

  /**
   * The targets holding a grant on a resource (direct grants).
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
  async getAuthorizedTargets(params: AuthorizedTargetsParams, requestOptions?: RequestOptions): Promise<AuthorizedTargets> {
    const { namespace, resource, resourceType, actions, targetType } = params;
    requireId('namespace', namespace);
    requireId('resource', resource);
    checkResourceType('resourceType', resourceType, true);
    checkActionFilter('actions', actions);
    if (targetType !== undefined) checkTargetType('targetType', targetType, true);
    const variables = { namespace, resource, resourceType, actions, targetType };
    const answer = await this.#context.transport.graphql(AuthorizedTargetsDocument, variables, requestOptions);
    return answered(answer.authorizedTargets, 'authorizedTargets');
  }
}
