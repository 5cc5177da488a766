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
  create(code: string, description?: string, third?: string, ...rest: [(string | RequestOptions)?, RequestOptions?]): Promise<Role> {
    return crud.create(this.#context, code, description, third, rest);
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
  update(code: string, updates: RoleUpdates = {}, requestOptions?: RequestOptions): Promise<Role> {
    return crud.update(this.#context, code, updates, requestOptions);
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
  delete(code: string, namespace?: string, requestOptions?: RequestOptions): Promise<CommonMessage> {
    return crud.deleteRole(this.#context, code, namespace, requestOptions);
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
  deleteMany(codes: string[], namespace?: string, requestOptions?: RequestOptions): Promise<CommonMessage> {
    return crud.deleteMany(this.#context, codes, namespace, requestOptions);
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
  detail(code: string, namespace?: string, requestOptions?: RequestOptions): Promise<Role | null> {
    return crud.detail(this.#context, code, namespace, requestOptions);
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
    return crud.detail(this.#context, code, namespace, requestOptions);
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
  list(options: RoleListOptions = {}, requestOptions?: RequestOptions): Promise<Paginated<Role>> {
    return crud.list(this.#context, options, requestOptions);
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
    return crud.iterate(this.#context, options);
  }

  /**
   * The users holding a role directly, each with its custom data (the `roleWithUsersWithCustomData`
   * query, as authing-js-sdk sends it for `withCustomData`).
   * @param code - role code
   * @param options - `withCustomData: true`, namespace, page (default 1), limit (default 10)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`, each user's `customData` as `{ key: value }` decoded by the field's type
   * @throws {@link AuthingError} code 3202 when the role does not exist
   * @example
   * const { list } = await management.roles.listUsers('editors', { namespace: 'library', withCustomData: true });
   * for (const user of list) console.log(user.id, user.customData.school);
   */
  listUsers(code: string, options: RoleListUsersOptions & { withCustomData: true }, requestOptions?: RequestOptions): Promise<Paginated<UserWithCustomData>>;
  /**
   * The users holding a role directly.
   * @param code - role code
   * @param options - namespace, page (default 1), limit (default 10), `withCustomData` (default false)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`
   * @throws {@link AuthingError} code 3202 when the role does not exist
   * @example
   * const { totalCount, list: users } = await management.roles.listUsers('editors', { namespace: 'library' });
   */
  listUsers(code: string, options?: RoleListUsersOptions, requestOptions?: RequestOptions): Promise<Paginated<User>>;
  listUsers(code: string, options: RoleListUsersOptions = {}, requestOptions?: RequestOptions): Promise<Paginated<User> | Paginated<UserWithCustomData>> {
    return members.listUsers(this.#context, code, options, requestOptions);
  }

  /**
   * Every user holding a role directly with its custom data, page by page as the loop asks for more.
   * @param code - role code
   * @param options - `withCustomData: true`, `namespace`, `pageSize` (1–200, default 50) and per-call options (`signal` stops between pages)
   * @returns an async iterator of users, each with `customData` as `{ key: value }`
   * @throws {@link AuthingError} code 3202 when the role does not exist; {@link AuthingAbortError} when `signal` aborts
   * @example
   * for await (const user of management.roles.iterateUsers('editors', { namespace: 'library', withCustomData: true })) console.log(user.customData);
   */
  iterateUsers(code: string, options: RoleIterateUsersOptions & { withCustomData: true }): AsyncGenerator<UserWithCustomData, void, undefined>;
  /**
   * Every user holding a role directly, page by page as the loop asks for more.
   * @param code - role code
   * @param options - `namespace`, `pageSize` (1–200, default 50), `withCustomData` (default false) and per-call options (`signal` stops between pages)
   * @returns an async iterator of users
   * @throws {@link AuthingError} code 3202 when the role does not exist; {@link AuthingAbortError} when `signal` aborts
   * @example
   * for await (const user of management.roles.iterateUsers('editors', { namespace: 'library' })) console.log(user.id);
   */
  iterateUsers(code: string, options?: RoleIterateUsersOptions): AsyncGenerator<User, void, undefined>;
  iterateUsers(code: string, options: RoleIterateUsersOptions = {}): AsyncGenerator<User | UserWithCustomData, void, undefined> {
    return members.iterateUsers(this.#context, code, options);
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
  findUsers(code: string, options: RoleFindUsersOptions = {}, requestOptions?: RequestOptions): Promise<Paginated<UserDetail>> {
    return members.findUsers(this.#context, code, options, requestOptions);
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
  addUsers(code: string, userIds: string[], namespace?: string, requestOptions?: RequestOptions): Promise<CommonMessage | null> {
    return members.addUsers(this.#context, code, userIds, namespace, requestOptions);
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
  removeUsers(code: string, userIds: string[], namespace?: string, requestOptions?: RequestOptions): Promise<CommonMessage | null> {
    return members.removeUsers(this.#context, code, userIds, namespace, requestOptions);
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
  listAuthorizedResources(
    code: string,
    namespace?: string,
    options: { resourceType?: ResourceType } = {},
    requestOptions?: RequestOptions,
  ): Promise<Paginated<AuthorizedResource>> {
    return resources.listAuthorizedResources(this.#context, code, namespace, options, requestOptions);
  }

  // Policy assignments: one-liners over ../policy-assignments.ts with target type ROLE (default namespace),
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
    return policyAssignments.listPolicies(this.#context, policyTarget(code), page, limit, requestOptions);
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
    return policyAssignments.addPolicies(this.#context, policyTarget(code), policies, requestOptions);
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
    return policyAssignments.removePolicies(this.#context, policyTarget(code), policies, requestOptions);
  }

  // Custom data (user-defined field values): one-liners over ../custom-data.ts with target type ROLE.

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
  getUdfValue(roleId: string, requestOptions?: RequestOptions): Promise<CustomData> {
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
  getSpecificUdfValue(roleId: string, udfKey: string, requestOptions?: RequestOptions): Promise<CustomData> {
    return customData.getSpecificCustomData(this.#context, 'ROLE', roleId, udfKey, requestOptions);
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
  getUdfValueBatch(roleIds: string[], requestOptions?: RequestOptions): Promise<Record<string, CustomData>> {
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
  setUdfValue(roleId: string, data: Record<string, unknown>, requestOptions?: RequestOptions): Promise<CustomDataItem[]> {
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
  setUdfValueBatch(input: { roleId: string; data: Record<string, unknown> }[], requestOptions?: RequestOptions): Promise<CommonMessage | null> {
    return customData.setCustomDataBatch(this.#context, 'ROLE', customData.targetsOf(input, 'roleId'), requestOptions);
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
  removeUdfValue(roleId: string, key: string, requestOptions?: RequestOptions): Promise<CustomDataItem[]> {
    return customData.removeValue(this.#context, 'ROLE', roleId, key, requestOptions);
  }
}
