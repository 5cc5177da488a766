/** What a user belongs to: roles, groups, organization nodes and departments. The public docs are on {@link UsersClient}. */
import type { RequestOptions } from '../../core/options.js';
import {
  AddUserToGroupDocument,
  AssignRoleDocument,
  GetUserDepartmentsDocument,
  GetUserGroupsDocument,
  GetUserRolesDocument,
  RemoveUserFromGroupDocument,
  RevokeRoleDocument,
} from '../../generated/graphql.js';
import { answered, found, type ClientContext } from '../context.js';
import type { CommonMessage, Group, OrgNode, Paginated, Role, UserDepartment } from '../types.js';
import { requireId, requireIds } from '../validate.js';

export async function listRoles(context: ClientContext, userId: string, namespace: string | undefined, requestOptions?: RequestOptions): Promise<Paginated<Role>> {
  requireId('userId', userId);
  const { user } = await context.transport.graphql(GetUserRolesDocument, { id: userId, namespace }, requestOptions);
  return answered(found(user, 'user', userId).roles, 'roles');
}

export async function addRoles(
  context: ClientContext,
  userId: string,
  roleCodes: string[],
  namespace: string | undefined,
  requestOptions?: RequestOptions,
): Promise<CommonMessage | null> {
  requireId('userId', userId);
  requireIds('roleCodes', roleCodes);
  const variables = { userIds: [userId], roleCodes, namespace };
  return (await context.transport.graphql(AssignRoleDocument, variables, requestOptions)).assignRole;
}

export async function removeRoles(
  context: ClientContext,
  userId: string,
  roleCodes: string[],
  namespace: string | undefined,
  requestOptions?: RequestOptions,
): Promise<CommonMessage | null> {
  requireId('userId', userId);
  requireIds('roleCodes', roleCodes);
  const variables = { userIds: [userId], roleCodes, namespace };
  return (await context.transport.graphql(RevokeRoleDocument, variables, requestOptions)).revokeRole;
}

/** Over {@link listRoles}, as the JS SDK does. */
export async function hasRole(context: ClientContext, userId: string, roleCode: string, namespace: string | undefined, requestOptions?: RequestOptions): Promise<boolean> {
  requireId('roleCode', roleCode);
  return (await listRoles(context, userId, namespace, requestOptions)).list.some((role) => role.code === roleCode);
}

export async function listGroups(context: ClientContext, userId: string, requestOptions?: RequestOptions): Promise<Paginated<Group>> {
  requireId('userId', userId);
  const { user } = await context.transport.graphql(GetUserGroupsDocument, { id: userId }, requestOptions);
  return answered(found(user, 'user', userId).groups, 'groups');
}

export async function addGroup(context: ClientContext, userId: string, groupCode: string, requestOptions?: RequestOptions): Promise<CommonMessage> {
  requireId('userId', userId);
  requireId('groupCode', groupCode);
  const variables = { userIds: [userId], code: groupCode };
  return (await context.transport.graphql(AddUserToGroupDocument, variables, requestOptions)).addUserToGroup;
}

export async function removeGroup(context: ClientContext, userId: string, groupCode: string, requestOptions?: RequestOptions): Promise<CommonMessage> {
  requireId('userId', userId);
  requireId('groupCode', groupCode);
  const variables = { userIds: [userId], code: groupCode };
  return (await context.transport.graphql(RemoveUserFromGroupDocument, variables, requestOptions)).removeUserFromGroup;
}

/** REST `GET /api/v2/users/{userId}/orgs`: one root-to-node chain per membership. */
export async function listOrgs(context: ClientContext, userId: string, requestOptions?: RequestOptions): Promise<OrgNode[][]> {
  requireId('userId', userId);
  return context.transport.rest.GET('/api/v2/users/{userId}/orgs', { params: { path: { userId } } }, requestOptions);
}

export async function listDepartments(context: ClientContext, userId: string, requestOptions?: RequestOptions): Promise<Paginated<UserDepartment>> {
  requireId('userId', userId);
  const { user } = await context.transport.graphql(GetUserDepartmentsDocument, { id: userId }, requestOptions);
  return answered(found(user, 'user', userId).departments, 'departments');
}
