/** `managementClient.roles`: roles within namespaces, their users and resources. */
import type { RequestOptions } from '../core/options.js';
import {
  AssignRoleDocument,
  CreateRoleDocument,
  DeleteRoleDocument,
  DeleteRolesDocument,
  ListRoleAuthorizedResourcesDocument,
  RevokeRoleDocument,
  RoleDocument,
  RolesDocument,
  RoleWithUsersDocument,
  UpdateRoleDocument,
} from '../generated/graphql.js';
import { answered, found, type ClientContext } from './context.js';
import type { AuthorizedResource, CommonMessage, Paginated, ResourceType, Role, User } from './types.js';
import { checkResourceType, requireId, requireIds } from './validate.js';

/** Changes for {@link RolesClient.update}. */
export interface RoleUpdates {
  description?: string;
  /** A new code for the role. */
  newCode?: string;
  /** The namespace the role is in (default `default`). */
  namespace?: string;
}

/** Paging and namespace of role listings. */
export interface RoleListOptions {
  page?: number;
  limit?: number;
  namespace?: string;
}

/** Role management. Get it from `managementClient.roles`. */
export class RolesClient {
  readonly #context: ClientContext;

  private constructor(context: ClientContext) {
    this.#context = context;
  }

  /** @internal Built by {@link ManagementClient} only: the context is the SDK's, not part of the API. */
  static fromContext(context: ClientContext): RolesClient {
    return new RolesClient(context);
  }

  /**
   * Creates a role.
   * @param code - role code, unique within the namespace
   * @param description - description
   * @param parentCode - code of the parent role (stored; grants are not inherited from it)
   * @param namespace - namespace code (default `default`)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the new role
   * @throws {@link AuthingError}
   * @example
   * const role = await management.roles.create('editors', 'May edit', undefined, 'library');
   */
  async create(code: string, description?: string, parentCode?: string, namespace?: string, requestOptions?: RequestOptions): Promise<Role> {
    requireId('code', code);
    const variables = { code, description, parent: parentCode, namespace };
    return (await this.#context.transport.graphql(CreateRoleDocument, variables, requestOptions)).createRole;
  }

  /**
   * Updates a role.
   * @param code - current role code
   * @param updates - description, newCode, namespace
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the updated role
   * @throws {@link AuthingError}
   * @example
   * const role = await management.roles.update('editors', { description: 'May edit books', namespace: 'library' });
   */
  async update(code: string, updates: RoleUpdates = {}, requestOptions?: RequestOptions): Promise<Role> {
    requireId('code', code);
    const { description, newCode, namespace } = updates;
    const variables = { code, description, newCode, namespace };
    return (await this.#context.transport.graphql(UpdateRoleDocument, variables, requestOptions)).updateRole;
  }

  /**
   * Deletes a role, with its assignments and grants.
   * @param code - role code
   * @param namespace - namespace code (default `default`)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's `{ code, message }`
   * @throws {@link AuthingError}
   * @example
   * await management.roles.delete('editors', 'library');
   */
  async delete(code: string, namespace?: string, requestOptions?: RequestOptions): Promise<CommonMessage> {
    requireId('code', code);
    return (await this.#context.transport.graphql(DeleteRoleDocument, { code, namespace }, requestOptions)).deleteRole;
  }

  /**
   * Deletes several roles of one namespace.
   * @param codes - role codes
   * @param namespace - namespace code (default `default`)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's `{ code, message }`
   * @throws {@link AuthingError}
   * @example
   * await management.roles.deleteMany(['editors', 'reviewers'], 'library');
   */
  async deleteMany(codes: string[], namespace?: string, requestOptions?: RequestOptions): Promise<CommonMessage> {
    requireIds('codes', codes);
    return (await this.#context.transport.graphql(DeleteRolesDocument, { codeList: codes, namespace }, requestOptions)).deleteRoles;
  }

  /**
   * A role by code.
   * @param code - role code
   * @param namespace - namespace code (default `default`)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the role, or null when it does not exist
   * @throws {@link AuthingError}
   * @example
   * const role = await management.roles.detail('editors', 'library');
   */
  async detail(code: string, namespace?: string, requestOptions?: RequestOptions): Promise<Role | null> {
    requireId('code', code);
    return (await this.#context.transport.graphql(RoleDocument, { code, namespace }, requestOptions)).role;
  }

  /**
   * Lists roles.
   * @param options - page (default 1), limit (default 10), namespace (default `default`)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`
   * @throws {@link AuthingError}
   * @example
   * const { totalCount, list } = await management.roles.list({ namespace: 'library', page: 1, limit: 20 });
   */
  async list(options: RoleListOptions = {}, requestOptions?: RequestOptions): Promise<Paginated<Role>> {
    const { page = 1, limit = 10, namespace } = options;
    return (await this.#context.transport.graphql(RolesDocument, { page, limit, namespace }, requestOptions)).roles;
  }

  /**
   * The users holding a role directly.
   * @param code - role code
   * @param options - namespace, page (default 1), limit (default 10)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`
   * @throws {@link AuthingError} code 3202 when the role does not exist
   * @example
   * const { totalCount, list: users } = await management.roles.listUsers('editors', { namespace: 'library' });
   */
  async listUsers(code: string, options: RoleListOptions = {}, requestOptions?: RequestOptions): Promise<Paginated<User>> {
    requireId('code', code);
    const { page = 1, limit = 10, namespace } = options;
    const { role } = await this.#context.transport.graphql(RoleWithUsersDocument, { code, namespace, page, limit }, requestOptions);
    return found(role, 'role', code).users;
  }

  /**
   * Assigns a role to users.
   * @param code - role code
   * @param userIds - user ids
   * @param namespace - namespace code (default `default`)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's `{ code, message }`
   * @throws {@link AuthingError}
   * @example
   * await management.roles.addUsers('editors', [userId], 'library');
   */
  async addUsers(code: string, userIds: string[], namespace?: string, requestOptions?: RequestOptions): Promise<CommonMessage | null> {
    requireId('code', code);
    requireIds('userIds', userIds);
    const variables = { roleCodes: [code], userIds, namespace };
    return (await this.#context.transport.graphql(AssignRoleDocument, variables, requestOptions)).assignRole;
  }

  /**
   * Takes a role away from users.
   * @param code - role code
   * @param userIds - user ids
   * @param namespace - namespace code (default `default`)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's `{ code, message }`
   * @throws {@link AuthingError}
   * @example
   * await management.roles.removeUsers('editors', [userId], 'library');
   */
  async removeUsers(code: string, userIds: string[], namespace?: string, requestOptions?: RequestOptions): Promise<CommonMessage | null> {
    requireId('code', code);
    requireIds('userIds', userIds);
    const variables = { roleCodes: [code], userIds, namespace };
    return (await this.#context.transport.graphql(RevokeRoleDocument, variables, requestOptions)).revokeRole;
  }

  /**
   * The resources granted to a role.
   * @param code - role code
   * @param namespace - namespace code of the role (default `default`)
   * @param options - `resourceType` keeps one type
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`
   * @throws {@link AuthingError} code 3202 when the role does not exist
   * @example
   * const { list } = await management.roles.listAuthorizedResources('editors', 'library', { resourceType: 'DATA' });
   */
  async listAuthorizedResources(
    code: string,
    namespace?: string,
    options: { resourceType?: ResourceType } = {},
    requestOptions?: RequestOptions,
  ): Promise<Paginated<AuthorizedResource>> {
    requireId('code', code);
    checkResourceType('resourceType', options.resourceType);
    const variables = { code, namespace, resourceType: options.resourceType };
    const { role } = await this.#context.transport.graphql(ListRoleAuthorizedResourcesDocument, variables, requestOptions);
    return answered(found(role, 'role', code).authorizedResources, 'authorizedResources');
  }
}
