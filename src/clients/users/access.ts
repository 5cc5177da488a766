/** What a user may reach: effective resources and resource checks. The public docs are on {@link UsersClient}. */
import type { RequestOptions } from '../../core/options.js';
import { ListUserAuthorizedResourcesDocument } from '../../generated/graphql.js';
import { answered, found, type ClientContext } from '../context.js';
import type { AuthorizedResource, HeldResource, Paginated, ResourceType } from '../types.js';
import { checkResourceType, requireId, requireIds } from '../validate.js';

export async function listAuthorizedResources(
  context: ClientContext,
  userId: string,
  namespace: string | undefined,
  options: { resourceType?: ResourceType },
  requestOptions?: RequestOptions,
): Promise<Paginated<AuthorizedResource>> {
  requireId('userId', userId);
  checkResourceType('resourceType', options.resourceType);
  const variables = { id: userId, namespace, resourceType: options.resourceType };
  const { user } = await context.transport.graphql(ListUserAuthorizedResourcesDocument, variables, requestOptions);
  return answered(found(user, 'user', userId).authorizedResources, 'authorizedResources');
}

/** REST `POST /api/v2/acl/check-resource-permission-batch` (a read, so retried). */
export async function checkResourcePermissionBatch(
  context: ClientContext,
  userId: string,
  namespace: string,
  resources: string[],
  requestOptions?: RequestOptions,
): Promise<HeldResource[]> {
  requireId('userId', userId);
  requireIds('resources', resources);
  const body = { userId, namespace, resources };
  return context.transport.rest.POST('/api/v2/acl/check-resource-permission-batch', { body }, { ...requestOptions, idempotent: true });
}

/** REST `POST /api/v2/acl/get-authorized-resources-of-resource-kind` (a read, so retried). */
export async function listAuthorizedResourcesOfResourceKind(
  context: ClientContext,
  userId: string,
  namespace: string,
  resource: string,
  requestOptions?: RequestOptions,
): Promise<HeldResource[]> {
  requireId('userId', userId);
  requireId('resource', resource);
  const body = { userId, namespace, resource };
  return context.transport.rest.POST('/api/v2/acl/get-authorized-resources-of-resource-kind', { body }, { ...requestOptions, idempotent: true });
}
