/**
 * What the session user may see of its own authorization: its roles, authorized resources,
 * organizations, departments and the applications it may log in to. The same documents and
 * answers as the management client's `users.*` for that user, asked with the user's own token.
 */
import type { RequestOptions } from '../../core/options.js';
import { GetUserDepartmentsDocument, GetUserRolesDocument, ListUserAuthorizedResourcesDocument } from '../../generated/graphql.js';
import type { components } from '../../generated/openapi.js';
import { answered, found } from '../context.js';
import type { AuthorizedResource, OrgNode, Paginated, ResourceType, Role, UserDepartment } from '../types.js';
import { checkResourceType, requireId } from '../validate.js';
import type { AuthContext } from './context.js';

/** An application as an end user sees it (`listApplications`): no secret, no configuration. */
export type ApplicationPublicDetail = components['schemas']['ApplicationPublicDetail'];

export async function listRoles(ctx: AuthContext, namespace: string | undefined, requestOptions?: RequestOptions): Promise<Paginated<Role>> {
  const id = ctx.session.userId();
  const { user } = await ctx.transport.graphql(GetUserRolesDocument, { id, namespace }, requestOptions);
  return answered(found(user, 'user', id).roles, 'roles');
}

/** Over {@link listRoles}, as the official SDK does. */
export async function hasRole(ctx: AuthContext, roleCode: string, namespace: string | undefined, requestOptions?: RequestOptions): Promise<boolean> {
  requireId('roleCode', roleCode);
  return (await listRoles(ctx, namespace, requestOptions)).list.some((role) => role.code === roleCode);
}

export async function listAuthorizedResources(
  ctx: AuthContext,
  namespace: string,
  options: { resourceType?: ResourceType },
  requestOptions?: RequestOptions,
): Promise<Paginated<AuthorizedResource>> {
  requireId('namespace', namespace);
  checkResourceType('resourceType', options.resourceType);
  const id = ctx.session.userId();
  const variables = { id, namespace, resourceType: options.resourceType };
  const { user } = await ctx.transport.graphql(ListUserAuthorizedResourcesDocument, variables, requestOptions);
  return answered(found(user, 'user', id).authorizedResources, 'authorizedResources');
}

/** REST `GET /api/v2/users/me/orgs`: one root-to-node chain per membership. */
export async function listOrgs(ctx: AuthContext, requestOptions?: RequestOptions): Promise<OrgNode[][]> {
  ctx.session.requireToken();
  return ctx.transport.rest.GET('/api/v2/users/me/orgs', {}, requestOptions);
}

export async function listDepartments(ctx: AuthContext, requestOptions?: RequestOptions): Promise<Paginated<UserDepartment>> {
  const id = ctx.session.userId();
  const { user } = await ctx.transport.graphql(GetUserDepartmentsDocument, { id }, requestOptions);
  return answered(found(user, 'user', id).departments, 'departments');
}

/** REST `GET /api/v2/users/me/applications/allowed?page&limit` (defaults 1 and 10, as the official SDK sends). */
export async function listApplications(
  ctx: AuthContext,
  params: { page?: number; limit?: number },
  requestOptions?: RequestOptions,
): Promise<Paginated<ApplicationPublicDetail>> {
  ctx.session.requireToken();
  const { page = 1, limit = 10 } = params;
  return ctx.transport.rest.GET('/api/v2/users/me/applications/allowed', { params: { query: { page, limit } } }, requestOptions);
}
