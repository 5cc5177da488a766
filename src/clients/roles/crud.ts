/** Roles themselves: create, update, delete, read and list. The public docs are on {@link RolesClient}. */
import type { RequestOptions } from '../../core/options.js';
import { iterateOptionsOnly, paginate, type IterateOptions } from '../../core/paginate.js';
import { CreateRoleDocument, DeleteRoleDocument, DeleteRolesDocument, RoleDocument, RolesDocument, UpdateRoleDocument } from '../../generated/graphql.js';
import type { ClientContext } from '../context.js';
import type { CommonMessage, Paginated, Role } from '../types.js';
import { requireId, requireIds } from '../validate.js';
import type { RoleListOptions, RoleUpdates } from './types.js';

/**
 * Creates a role from either argument order: with nothing after the third argument, or only the
 * per-call options, the third is the namespace (authing-js-sdk 4.23.55); otherwise it is the
 * parent code and the fourth the namespace (the catalogue's order).
 */
export async function create(
  context: ClientContext,
  code: string,
  description: string | undefined,
  third: string | undefined,
  rest: [(string | RequestOptions)?, RequestOptions?],
): Promise<Role> {
  requireId('code', code);
  const [fourth, fifth] = rest;
  const options = typeof fourth === 'object' ? fourth : undefined;
  // The 4.23.55 form: nothing after the third argument, or only the per-call options.
  const newest = rest.length === 0 || (rest.length === 1 && options !== undefined);
  const variables = newest
    ? { code, description, namespace: third }
    : { code, description, parent: third, namespace: typeof fourth === 'string' ? fourth : undefined };
  const requestOptions = newest ? options : fifth;
  return (await context.transport.graphql(CreateRoleDocument, variables, requestOptions)).createRole;
}

/** Updates a role's description, code or namespace. */
export async function update(context: ClientContext, code: string, updates: RoleUpdates = {}, requestOptions?: RequestOptions): Promise<Role> {
  requireId('code', code);
  const { description, newCode, namespace } = updates;
  const variables = { code, description, newCode, namespace };
  return (await context.transport.graphql(UpdateRoleDocument, variables, requestOptions)).updateRole;
}

/** Deletes one role. */
export async function deleteRole(context: ClientContext, code: string, namespace?: string, requestOptions?: RequestOptions): Promise<CommonMessage> {
  requireId('code', code);
  return (await context.transport.graphql(DeleteRoleDocument, { code, namespace }, requestOptions)).deleteRole;
}

/** Deletes several roles of one namespace. */
export async function deleteMany(context: ClientContext, codes: string[], namespace?: string, requestOptions?: RequestOptions): Promise<CommonMessage> {
  requireIds('codes', codes);
  return (await context.transport.graphql(DeleteRolesDocument, { codeList: codes, namespace }, requestOptions)).deleteRoles;
}

/** A role by code, or null. */
export async function detail(context: ClientContext, code: string, namespace?: string, requestOptions?: RequestOptions): Promise<Role | null> {
  requireId('code', code);
  return (await context.transport.graphql(RoleDocument, { code, namespace }, requestOptions)).role;
}

/** One page of roles. */
export async function list(context: ClientContext, options: RoleListOptions = {}, requestOptions?: RequestOptions): Promise<Paginated<Role>> {
  const { page = 1, limit = 10, namespace } = options;
  return (await context.transport.graphql(RolesDocument, { page, limit, namespace }, requestOptions)).roles;
}

/** Every role of a namespace (of every namespace when none is named), page by page. */
export function iterate(context: ClientContext, options: IterateOptions & { namespace?: string } = {}): AsyncGenerator<Role, void, undefined> {
  const { namespace, ...rest } = options;
  return paginate((page, limit, requestOptions) => list(context, { page, limit, namespace }, requestOptions), iterateOptionsOnly(rest));
}
