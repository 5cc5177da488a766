/** The users holding a role directly: listing, search, assignment. The public docs are on {@link RolesClient}. */
import type { RequestOptions } from '../../core/options.js';
import { iterateOptionsOnly, paginate } from '../../core/paginate.js';
import { AssignRoleDocument, RevokeRoleDocument, RoleWithUsersDocument, RoleWithUsersWithCustomDataDocument } from '../../generated/graphql.js';
import { found, type ClientContext } from '../context.js';
import { decodeMembers } from '../custom-data.js';
import type { CommonMessage, Paginated, User, UserDetail, UserWithCustomData } from '../types.js';
import { requireId, requireIds } from '../validate.js';
import type { RoleFindUsersOptions, RoleIterateUsersOptions, RoleListUsersOptions } from './types.js';

/** One page of a role's users; with `withCustomData`, the twin query and each user's custom data decoded. */
export async function listUsers(
  context: ClientContext,
  code: string,
  options: RoleListUsersOptions = {},
  requestOptions?: RequestOptions,
): Promise<Paginated<User> | Paginated<UserWithCustomData>> {
  requireId('code', code);
  const { page = 1, limit = 10, namespace, withCustomData = false } = options;
  const variables = { code, namespace, page, limit };
  if (!withCustomData) {
    const { role } = await context.transport.graphql(RoleWithUsersDocument, variables, requestOptions);
    return found(role, 'role', code).users;
  }
  const { role } = await context.transport.graphql(RoleWithUsersWithCustomDataDocument, variables, requestOptions);
  return decodeMembers(found(role, 'role', code).users);
}

/** Every user holding a role directly, page by page. */
export function iterateUsers(context: ClientContext, code: string, options: RoleIterateUsersOptions = {}): AsyncGenerator<User | UserWithCustomData, void, undefined> {
  const { namespace, withCustomData, ...rest } = options;
  return paginate<User | UserWithCustomData>((page, limit, requestOptions) => listUsers(context, code, { page, limit, namespace, withCustomData }, requestOptions), iterateOptionsOnly(rest));
}

/** A role's direct users filtered by `search` (REST `POST /api/v2/roles/roleUsers`). */
export async function findUsers(context: ClientContext, code: string, options: RoleFindUsersOptions = {}, requestOptions?: RequestOptions): Promise<Paginated<UserDetail>> {
  requireId('code', code);
  const { namespace = 'default', search = '', page = 1, limit = 10 } = options;
  const body = { code, namespace, search, page, limit };
  // A read sent as POST: safe to retry.
  return context.transport.rest.POST('/api/v2/roles/roleUsers', { body }, { ...requestOptions, idempotent: true });
}

/** Assigns a role to users. */
export async function addUsers(context: ClientContext, code: string, userIds: string[], namespace?: string, requestOptions?: RequestOptions): Promise<CommonMessage | null> {
  requireId('code', code);
  requireIds('userIds', userIds);
  const variables = { roleCodes: [code], userIds, namespace };
  return (await context.transport.graphql(AssignRoleDocument, variables, requestOptions)).assignRole;
}

/** Takes a role away from users. */
export async function removeUsers(context: ClientContext, code: string, userIds: string[], namespace?: string, requestOptions?: RequestOptions): Promise<CommonMessage | null> {
  requireId('code', code);
  requireIds('userIds', userIds);
  const variables = { roleCodes: [code], userIds, namespace };
  return (await context.transport.graphql(RevokeRoleDocument, variables, requestOptions)).revokeRole;
}
