/**
 * `managementClient.roles`: one flat surface over per-part modules (the roles themselves, their
 * users, their resources) and the shared custom-data and policy-assignment modules. Each method is
 * a one-liner into its part.
 */
import type { RequestOptions } from '../../core/options.js';
import type { IterateOptions } from '../../core/paginate.js';
import type { ClientContext } from '../context.js';
import * as customData from '../custom-data.js';
import * as policyAssignments from '../policy-assignments.js';
import type { PolicyTarget } from '../policy-assignments.js';
import type {
  AuthorizedResource,
  CommonMessage,
  CustomData,
  CustomDataItem,
  Paginated,
  PolicyAssignment,
  ResourceType,
  Role,
  User,
  UserDetail,
  UserWithCustomData,
} from '../types.js';
import * as crud from './crud.js';
import * as members from './members.js';
import * as resources from './resources.js';
import type { RoleFindUsersOptions, RoleIterateUsersOptions, RoleListOptions, RoleListUsersOptions, RoleUpdates } from './types.js';

/** Policies of a role go to target type ROLE, the role named by its code (in the default namespace). */
const policyTarget = (code: string): PolicyTarget => ({ targetType: 'ROLE', targetIdentifier: code, argument: 'code' });

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
   * Creates a role, in the argument order of authing-js-sdk 4.23.55: with exactly three arguments
   * (or a `requestOptions` object fourth) the third is the namespace.
   * @param code - role code, unique within the namespace
   * @param description - description
   * @param namespace - namespace code
   * @returns the new role
   * @throws {@link AuthingError} code 3201 when the code is taken, 3003 for an unknown namespace
   * @example
   * const role = await management.roles.create('editors', 'May edit', 'library');
   */
  create(code: string, description: string | undefined, namespace: string): Promise<Role>;
  /**
   * Creates a role in a namespace (the authing-js-sdk 4.23.55 order), with per-call options.
   * @param code - role code, unique within the namespace
   * @param description - description
   * @param namespace - namespace code
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the new role
   * @throws {@link AuthingError} code 3201 when the code is taken, 3003 for an unknown namespace
   * @example
   * const role = await management.roles.create('editors', 'May edit', 'library', { timeout: 5_000 });
   */
  create(code: string, description: string | undefined, namespace: string, requestOptions: RequestOptions): Promise<Role>;
  /**
   * Creates a role, in the catalogue's argument order (earlier v4 builds and the Python SDK): a
   * parent code third and the namespace fourth. Pass the fourth argument (`undefined` for the
   * default namespace) whenever you give a parent, or the third reads as the namespace.
   * @param code - role code, unique within the namespace
   * @param description - description
   * @param parentCode - code of the parent role (stored; grants are not inherited from it)
   * @param namespace - namespace code (default `default`)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the new role
   * @throws {@link AuthingError} code 3201 when the code is taken, 3202 for an unknown parent
   * @example
   * const role = await management.roles.create('copy-editors', 'May edit', 'editors', 'library');
   */
  create(code: string, description?: string, parentCode?: string, namespace?: string, requestOptions?: RequestOptions): Promise<Role>;
  async create(code: string, description?: string, third?: string, ...rest: [(string | RequestOptions)?, RequestOptions?]): Promise<Role> {
    requireId('code', code);
    const [fourth, fifth] = rest;
    const options = typeof fourth === 'object' ? fourth : undefined;
    // The 4.23.55 form: nothing after the third argument, or only the per-call options.
    const newest = rest.length === 0 || (rest.length === 1 && options !== undefined);
    const variables = newest
      ? { code, description, namespace: third }
      : { code, description, parent: third, namespace: typeof fourth === 'string' ? fourth : undefined };
    const requestOptions = newest ? options : fifth;
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
   * A role by code (the same request as {@link RolesClient.detail}).
   * @param code - role code
   * @param namespace - namespace code (default `default`)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the role, or null when it does not exist
   * @throws {@link AuthingError}
   * @example
   * const role = await management.roles.findByCode('editors', 'library');
   */
  findByCode(code: string, namespace?: string, requestOptions?: RequestOptions): Promise<Role | null> {
    return this.detail(code, namespace, requestOptions);
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
   * Every role of a namespace (of every namespace when none is named), page by page as the loop
   * asks for more.
   * @param options - `namespace`, `pageSize` (1–200, default 50) and per-call options (`signal` stops between pages)
   * @returns an async iterator of roles
   * @throws {@link AuthingError} from any page request; {@link AuthingAbortError} when `signal` aborts
   * @example
   * for await (const role of management.roles.iterate({ namespace: 'library' })) console.log(role.code);
   */
  iterate(options: IterateOptions & { namespace?: string } = {}): AsyncGenerator<Role, void, undefined> {
    const { namespace, ...rest } = options;
    return paginate((page, limit, requestOptions) => this.list({ page, limit, namespace }, requestOptions), rest);
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
   * Every user holding a role directly, page by page as the loop asks for more.
   * @param code - role code
   * @param options - `namespace`, `pageSize` (1–200, default 50) and per-call options (`signal` stops between pages)
   * @returns an async iterator of users
   * @throws {@link AuthingError} code 3202 when the role does not exist; {@link AuthingAbortError} when `signal` aborts
   * @example
   * for await (const user of management.roles.iterateUsers('editors', { namespace: 'library' })) console.log(user.id);
   */
  iterateUsers(code: string, options: IterateOptions & { namespace?: string } = {}): AsyncGenerator<User, void, undefined> {
    const { namespace, ...rest } = options;
    return paginate((page, limit, requestOptions) => this.listUsers(code, { page, limit, namespace }, requestOptions), rest);
  }

  /**
   * The users holding a role directly whose username, email, phone, nickname or name contains
   * `search` (REST `POST /api/v2/roles/roleUsers`, as authing-js-sdk sends it).
   * @param code - role code
   * @param options - namespace (default `default`), search, page (default 1), limit (default 10)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`
   * @throws {@link AuthingError} code 3202 when the role does not exist
   * @example
   * const { totalCount, list } = await management.roles.findUsers('editors', { namespace: 'library', search: 'alice' });
   */
  async findUsers(code: string, options: RoleFindUsersOptions = {}, requestOptions?: RequestOptions): Promise<Paginated<UserDetail>> {
    requireId('code', code);
    const { namespace = 'default', search = '', page = 1, limit = 10 } = options;
    const body = { code, namespace, search, page, limit };
    // A read sent as POST: safe to retry.
    return this.#context.transport.rest.POST('/api/v2/roles/roleUsers', { body }, { ...requestOptions, idempotent: true });
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

  // Policy assignments: one-liners over ./policy-assignments.ts with target type ROLE (default namespace),
  // as the Python SDK sends them (authing-js-sdk 4.23.55's add/removePolicies send targetType USER, a bug).

  /**
   * The policies assigned to a role.
   * @param code - role code
   * @param page - page number, from 1
   * @param limit - page size
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list: [{ code, targetType, targetIdentifier }] }`
   * @throws {@link AuthingError} code 3202 when the role does not exist
   * @example
   * const { totalCount, list } = await management.roles.listPolicies('editors', 1, 20);
   */
  listPolicies(code: string, page = 1, limit = 10, requestOptions?: RequestOptions): Promise<Paginated<PolicyAssignment>> {
    return policyAssignments.listPolicies(this.#context, { targetType: 'ROLE', targetIdentifier: code, argument: 'code' }, page, limit, requestOptions);
  }

  /**
   * Assigns policies to a role (all or nothing).
   * @param code - role code
   * @param policies - policy codes
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's `{ code, message }`
   * @throws {@link AuthingError} code 3601 for an unknown policy, 3202 for an unknown role
   * @example
   * await management.roles.addPolicies('editors', ['books-editing']);
   */
  addPolicies(code: string, policies: string[], requestOptions?: RequestOptions): Promise<CommonMessage> {
    return policyAssignments.addPolicies(this.#context, { targetType: 'ROLE', targetIdentifier: code, argument: 'code' }, policies, requestOptions);
  }

  /**
   * Removes policy assignments from a role.
   * @param code - role code
   * @param policies - policy codes
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's `{ code, message }`
   * @throws {@link AuthingError} code 3601 for an unknown policy, 3202 for an unknown role
   * @example
   * await management.roles.removePolicies('editors', ['books-editing']);
   */
  removePolicies(code: string, policies: string[], requestOptions?: RequestOptions): Promise<CommonMessage> {
    return policyAssignments.removePolicies(this.#context, { targetType: 'ROLE', targetIdentifier: code, argument: 'code' }, policies, requestOptions);
  }

  // Custom data (user-defined field values): one-liners over ./custom-data.ts with target type ROLE.

  /**
   * A role's custom data, each value decoded by its field's type.
   * @param roleId - role id (not its code)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ key: value }`
   * @throws {@link AuthingError} code 3202 when there is no such role
   * @example
   * const role = await management.roles.create('librarian');
   * const data = await management.roles.getUdfValue(role.id);
   */
  async getUdfValue(roleId: string, requestOptions?: RequestOptions): Promise<CustomData> {
    return customData.getCustomData(this.#context, 'ROLE', roleId, requestOptions);
  }

  /**
   * One custom-data value of a role.
   * @param roleId - role id
   * @param udfKey - field key
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ [udfKey]: value }`, or `{}` when the role holds no value for it
   * @throws {@link AuthingError} code 3202 when there is no such role
   * @example
   * const role = await management.roles.create('librarian');
   * const { floor } = await management.roles.getSpecificUdfValue(role.id, 'floor');
   */
  async getSpecificUdfValue(roleId: string, udfKey: string, requestOptions?: RequestOptions): Promise<CustomData> {
    requireId('udfKey', udfKey);
    const all = await customData.getCustomData(this.#context, 'ROLE', roleId, requestOptions);
    return Object.hasOwn(all, udfKey) ? { [udfKey]: all[udfKey] as CustomData[string] } : {};
  }

  /**
   * The custom data of several roles.
   * @param roleIds - role ids
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ roleId: { key: value } }`
   * @throws {@link AuthingError} code 3202 when a role does not exist
   * @example
   * const role = await management.roles.create('librarian');
   * const byRole = await management.roles.getUdfValueBatch([role.id]);
   */
  async getUdfValueBatch(roleIds: string[], requestOptions?: RequestOptions): Promise<Record<string, CustomData>> {
    return customData.getCustomDataBatch(this.#context, 'ROLE', roleIds, requestOptions);
  }

  /**
   * Sets custom data of a role (all or nothing); values are JSON-encoded, a `Date` for DATETIME.
   * @param roleId - role id
   * @param data - `{ key: value }`, at least one key
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the role's custom data after the write
   * @throws {@link AuthingError} code 3802 for an unknown key, 3803 for a value of the wrong type
   * @example
   * const role = await management.roles.create('librarian');
   * await management.udf.set('ROLE', 'floor', 'NUMBER', 'Floor');
   * await management.roles.setUdfValue(role.id, { floor: 3 });
   */
  async setUdfValue(roleId: string, data: Record<string, unknown>, requestOptions?: RequestOptions): Promise<CustomDataItem[]> {
    return customData.setCustomData(this.#context, 'ROLE', roleId, data, requestOptions);
  }

  /**
   * Sets custom data of several roles in one request (all or nothing).
   * @param input - `[{ roleId, data: { key: value } }]`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's `{ code, message }`
   * @throws {@link AuthingError}
   * @example
   * const role = await management.roles.create('librarian');
   * await management.roles.setUdfValueBatch([{ roleId: role.id, data: { floor: 3 } }]);
   */
  async setUdfValueBatch(input: { roleId: string; data: Record<string, unknown> }[], requestOptions?: RequestOptions): Promise<CommonMessage | null> {
    const targets = Array.isArray(input) ? input.map((item) => ({ targetId: item?.roleId, data: item?.data })) : input;
    return customData.setCustomDataBatch(this.#context, 'ROLE', targets, requestOptions);
  }

  /**
   * Clears one custom-data value of a role.
   * @param roleId - role id
   * @param key - field key
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the role's remaining custom data
   * @throws {@link AuthingError} code 3802 for an unknown key
   * @example
   * const role = await management.roles.create('librarian');
   * await management.roles.removeUdfValue(role.id, 'floor');
   */
  async removeUdfValue(roleId: string, key: string, requestOptions?: RequestOptions): Promise<CustomDataItem[]> {
    return customData.removeValue(this.#context, 'ROLE', roleId, key, requestOptions);
  }
}
