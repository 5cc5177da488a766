/** The resources granted to a role. The public docs are on {@link RolesClient}. */
import type { RequestOptions } from '../../core/options.js';
import { ListRoleAuthorizedResourcesDocument } from '../../generated/graphql.js';
import { answered, found, type ClientContext } from '../context.js';
import type { AuthorizedResource, Paginated, ResourceType } from '../types.js';
import { checkResourceType, requireId } from '../validate.js';

/** The resources granted to a role, optionally of one type. */
export async function listAuthorizedResources(
  context: ClientContext,
  code: string,
  namespace: string | undefined,
  options: { resourceType?: ResourceType } = {},
  requestOptions?: RequestOptions,
): Promise<Paginated<AuthorizedResource>> {
  requireId('code', code);
  checkResourceType('resourceType', options.resourceType);
  const variables = { code, namespace, resourceType: options.resourceType };
  const { role } = await context.transport.graphql(ListRoleAuthorizedResourcesDocument, variables, requestOptions);
  return answered(found(role, 'role', code).authorizedResources, 'authorizedResources');
}
