/** Grants and checks. The public docs are on {@link AclClient}. */
import type { RequestOptions } from '../../core/options.js';
import type { ClientContext } from '../context.js';
import {
  AllowDocument,
  AuthorizedResourcesDocument,
  AuthorizedTargetsDocument,
  AuthorizeResourceDocument,
} from '../../generated/graphql.js';
import { answered } from '../context.js';
import type {
  AuthorizedResource,
  AuthorizedResourcesBatch,
  AuthorizedTargets,
  CommonMessage,
  Paginated,
  PolicyAssignmentTargetType,
  ResourceType,
} from '../types.js';
import { checkActionFilter, checkGrantBatch, checkInstanceResource, checkResourceType, checkTargets, checkTargetType, requireId } from '../validate.js';
import type {
  AuthorizedTargetsParams,
  AuthorizeResourceParams,
  AuthorizeResourcesParams,
  ListAuthorizedResourcesBatchParams,
  RevokeResourceParams,
  RevokeResourcesParams,
} from './types.js';

/** The per-call options with the tenant header the official SDK sends when a tenant is named. */
function withTenant(tenantId: string | undefined, requestOptions: RequestOptions | undefined): RequestOptions | undefined {
  if (tenantId === undefined) return requestOptions;
  return { ...requestOptions, headers: { ...requestOptions?.headers, 'x-authing-app-tenant-id': tenantId } };
}

/** Grants a user one action on one resource. */
export async function allow(context: ClientContext, userId: string, resource: string, action: string, namespace?: string, requestOptions?: RequestOptions): Promise<CommonMessage> {
  requireId('userId', userId);
  checkInstanceResource('resource', resource);
  requireId('action', action);
  const variables = { userId, resource, action, namespace };
  return (await context.transport.graphql(AllowDocument, variables, requestOptions)).allow;
}

/** Whether a user may perform an action on a resource (REST, as the official SDK sends it). */
export async function isAllowed(context: ClientContext, userId: string, resource: string, action: string, options: { namespace?: string; tenantId?: string }, requestOptions?: RequestOptions): Promise<boolean> {
  requireId('userId', userId);
  requireId('resource', resource);
  requireId('action', action);
  const body = { userId, resource, action, namespace: options.namespace, tenantId: options.tenantId };
  // A read sent as POST: safe to retry and to replay after a token refresh.
  const answer = await context.transport.rest.POST('/api/v2/acl/is-allowed', { body }, { ...requestOptions, idempotent: true });
  return answer.allowed;
}

/** Grants a resource (a kind or an instance) to users, roles, groups, organization nodes or */
export async function authorizeResource(context: ClientContext, params: AuthorizeResourceParams, requestOptions?: RequestOptions): Promise<CommonMessage> {
  const { namespace, resource, resourceType, opts } = params;
  requireId('resource', resource);
  checkResourceType('resourceType', resourceType);
  checkTargets('opts', opts);
  const variables = { namespace, resource, resourceType, opts };
  return (await context.transport.graphql(AuthorizeResourceDocument, variables, requestOptions)).authorizeResource;
}

/** Revokes targets' grants on a resource. Revoking a kind (`books`) also removes the target's */
export async function revokeResource(context: ClientContext, params: RevokeResourceParams, requestOptions?: RequestOptions): Promise<boolean> {
  const { namespace, resource, opts } = params;
  requireId('resource', resource);
  checkTargets('opts', opts);
  return context.transport.rest.POST('/api/v2/acl/revoke-resource', { body: { namespace, resource, opts } }, requestOptions);
}

/** The resources granted directly to one target. */
export async function listAuthorizedResources(context: ClientContext, targetType: PolicyAssignmentTargetType, targetIdentifier: string, namespace: string | undefined, options: { resourceType?: ResourceType }, requestOptions?: RequestOptions): Promise<Paginated<AuthorizedResource>> {
  checkTargetType('targetType', targetType, true);
  requireId('targetIdentifier', targetIdentifier);
  checkResourceType('resourceType', options.resourceType);
  const variables = { targetType, targetIdentifier, namespace, resourceType: options.resourceType };
  const answer = await context.transport.graphql(AuthorizedResourcesDocument, variables, requestOptions);
  return answered(answer.authorizedResources, 'authorizedResources');
}

/** The targets holding a grant on a resource (direct grants). */
export async function getAuthorizedTargets(context: ClientContext, params: AuthorizedTargetsParams, requestOptions?: RequestOptions): Promise<AuthorizedTargets> {
  const { namespace, resource, resourceType, actions, targetType } = params;
  requireId('namespace', namespace);
  requireId('resource', resource);
  checkResourceType('resourceType', resourceType, true);
  checkActionFilter('actions', actions);
  if (targetType !== undefined) checkTargetType('targetType', targetType, true);
  const variables = { namespace, resource, resourceType, actions, targetType };
  const answer = await context.transport.graphql(AuthorizedTargetsDocument, variables, requestOptions);
  return answered(answer.authorizedTargets, 'authorizedTargets');
}

/** Grants several resources to several targets in one transaction. */
export async function authorizeResources(context: ClientContext, params: AuthorizeResourcesParams, requestOptions?: RequestOptions): Promise<boolean> {
  const { namespace, tenantId, opts } = params;
  checkGrantBatch('opts', opts);
  return context.transport.rest.POST('/api/v2/acl/authorize-resources', { body: { namespace, opts } }, withTenant(tenantId, requestOptions));
}

/** Revokes several resources (or some of their actions) from several targets in one transaction. */
export async function revokeResources(context: ClientContext, params: RevokeResourcesParams, requestOptions?: RequestOptions): Promise<boolean> {
  const { namespace, tenantId, opts } = params;
  checkGrantBatch('opts', opts);
  return context.transport.rest.POST('/api/v2/acl/revoke-resources', { body: { namespace, opts } }, withTenant(tenantId, requestOptions));
}

/** The authorized resources of several targets, one page each in request order. */
export async function listAuthorizedResourcesBatch(
  context: ClientContext,
  params: ListAuthorizedResourcesBatchParams,
  requestOptions?: RequestOptions,
): Promise<AuthorizedResourcesBatch> {
  const { namespace, tenantId, targets, resourceType } = params;
  checkTargets('targets', targets);
  checkResourceType('resourceType', resourceType);
  const body = { namespace, resourceType, targets };
  // A read sent as POST: safe to retry.
  return context.transport.rest.POST('/api/v2/acl/list-authorized-resources-batch', { body }, { ...withTenant(tenantId, requestOptions), idempotent: true });
}
