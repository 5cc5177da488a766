/**
 * `managementClient.users`: one flat surface over per-part modules (the user record, lookups,
 * memberships, sessions, identities, access; custom data and policies over the shared
 * custom-data and policy-assignment modules). Each method is a one-liner into its part.
 */
import type { RequestOptions } from '../../core/options.js';
import type { IterateOptions } from '../../core/paginate.js';
import type { ClientContext } from '../context.js';
import * as customData from '../custom-data.js';
import * as policyAssignments from '../policy-assignments.js';
import * as tenants from '../tenant/tenants.js';
import type { Tenant } from '../tenant/types.js';
import { listUserActions, type ListUserActionsOptions, type UserLogsInfo } from '../statistics.js';
import type {
  AuthorizedResource,
  CommonMessage,
  CreateUserInput,
  CustomData,
  CustomDataItem,
  Group,
  HeldResource,
  IdentityLink,
  IdentityUnlink,
  IsSuccess,
  OrgNode,
  Paginated,
  PolicyAssignment,
  ResourceType,
  Role,
  UpdateUserInput,
  User,
  UserDepartment,
  UserDetail,
  UserDetailWithCustomData,
  UserLoginStatus,
  UserToken,
  UserWithCustomData,
  UserWithIdentities,
  UserWithIdentitiesAndCustomData,
} from '../types.js';
import * as access from './access.js';
import * as identities from './identities.js';
import * as lookup from './lookup.js';
import * as memberships from './memberships.js';
import * as profile from './profile.js';
import * as sessions from './sessions.js';
import type {
  BatchUsersOptions,
  CreateUserOptions,
  FilterUsersOptions,
  FindUserOptions,
  IterateSearchOptions,
  IterateUsersOptions,
  ListUsersOptions,
  SearchUsersOptions,
  UserIdentifiers,
} from './types.js';

/** The policy-assignment target of a user. */
const policyTarget = (userId: string) => ({ targetType: 'USER', targetIdentifier: userId, argument: 'userId' }) as const;

/** User management. Get it from `managementClient.users`. */
export class UsersClient {
  readonly #context: ClientContext;

  private constructor(context: ClientContext) {
    this.#context = context;
  }

  /** @internal Built by {@link ManagementClient} only: the context is the SDK's, not part of the API. */
  static fromContext(context: ClientContext): UsersClient {
    return new UsersClient(context);
  }

  /**
   * Creates a user with custom data (the `createUserWithCustomData` mutation, the data sent as
   * `params` as the official SDKs send it). The password is RSA-encrypted with the user pool's
   * public key before it is sent.
   * @param userInfo - profile; `password` is optional
   * @param options - `customData` `{ key: value }` for fields that exist; keepPassword, resetPasswordOnFirstLogin, identity
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the new user with its `customData` as `{ key: value }`, decoded by the field's type
   * @throws {@link AuthingError} {@link AuthingValidationError} for empty or non-JSON custom data; code 3802 for an unknown field, 3803 for a value of the wrong type
   * @example
   * await management.udf.set('USER', 'school', 'STRING', 'School');
   * const user = await management.users.create({ username: 'alice' }, { customData: { school: 'MIT' } });
   * console.log(user.customData.school);
   */
  create(userInfo: CreateUserInput, options: CreateUserOptions & { customData: Record<string, unknown> }, requestOptions?: RequestOptions): Promise<UserWithCustomData>;
  /**
   * Creates a user. The password is RSA-encrypted with the user pool's public key before it is sent.
   * @param userInfo - profile; `password` is optional
   * @param options - keepPassword, resetPasswordOnFirstLogin, identity, `customData` (see the overload above)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the new user (its `password` is never returned)
   * @throws {@link AuthingError} e.g. code 2026 when the username is taken
   * @example
   * const user = await management.users.create({ username: 'alice', password: 's3cret!' });
   */
  create(userInfo: CreateUserInput, options?: CreateUserOptions, requestOptions?: RequestOptions): Promise<User>;
  create(userInfo: CreateUserInput, options: CreateUserOptions = {}, requestOptions?: RequestOptions): Promise<User | UserWithCustomData> {
    return profile.create(this.#context, userInfo, options, requestOptions);
  }

  /**
   * A user by id with its custom data (REST `GET /api/v2/users/{userId}?with_custom_data=true`).
   * @param userId - user id
   * @param options - `withCustomData: true`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user with `customData` as `{ key: value }`, decoded by the field's type; null when there is no such user
   * @throws {@link AuthingError}
   * @example
   * const user = await management.users.detail(userId, { withCustomData: true });
   * if (user) console.log(user.username, user.customData.school);
   */
  detail(userId: string, options: { withCustomData: true }, requestOptions?: RequestOptions): Promise<UserDetailWithCustomData | null>;
  /**
   * A user by id (REST `GET /api/v2/users/{userId}`).
   * @param userId - user id
   * @param options - `withCustomData` adds `customData` (see the overload above)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user; null when there is no such user (or it was deleted), as Authing answers
   * @throws {@link AuthingError}
   * @example
   * const user = await management.users.detail(userId);
   * if (user) console.log(user.username);
   */
  detail(userId: string, options?: { withCustomData?: boolean }, requestOptions?: RequestOptions): Promise<UserDetail | null>;
  detail(userId: string, options: { withCustomData?: boolean } = {}, requestOptions?: RequestOptions): Promise<UserDetail | UserDetailWithCustomData | null> {
    return profile.detail(this.#context, userId, options, requestOptions);
  }

  /**
   * Lists the users of the pool with their custom data (the `usersWithCustomData` query), newest
   * first unless `sortBy` says otherwise.
   * @param page - page number, from 1
   * @param limit - page size (1–200)
   * @param options - `withCustomData: true`, `excludeUsersInOrg`, `sortBy`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`, each user's `customData` as `{ key: value }` decoded by the field's type
   * @throws {@link AuthingError} code 400 for a page or limit out of range
   * @example
   * const { list } = await management.users.list(1, 20, { withCustomData: true });
   * for (const user of list) console.log(user.id, user.customData.school);
   */
  list(page: number | undefined, limit: number | undefined, options: ListUsersOptions & { withCustomData: true }, requestOptions?: RequestOptions): Promise<Paginated<UserWithIdentitiesAndCustomData>>;
  /**
   * Lists the users of the pool, newest first unless `sortBy` says otherwise.
   * @param page - page number, from 1
   * @param limit - page size (1–200)
   * @param options - `excludeUsersInOrg` leaves out users that belong to an organization node; `sortBy`
   *   orders by creation or update time (`CREATEDAT_DESC` by default); `withCustomData` (see the overload above)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`
   * @throws {@link AuthingError} code 400 for a page or limit out of range
   * @example
   * const { totalCount, list } = await management.users.list(1, 20, { sortBy: 'UPDATEDAT_DESC' });
   */
  list(page?: number, limit?: number, options?: ListUsersOptions, requestOptions?: RequestOptions): Promise<Paginated<UserWithIdentities>>;
  list(page = 1, limit = 10, options: ListUsersOptions = {}, requestOptions?: RequestOptions): Promise<Paginated<UserWithIdentities> | Paginated<UserWithIdentitiesAndCustomData>> {
    return lookup.list(this.#context, page, limit, options, requestOptions);
  }

  /**
   * Every user of the pool with its custom data, page by page as the loop asks for more (see {@link UsersClient.list}).
   * @param options - `withCustomData: true`, `pageSize` (1–200, default 50), `excludeUsersInOrg`, `sortBy`, and per-call options (`signal` stops between pages)
   * @returns an async iterator of users, each with `customData` as `{ key: value }`
   * @throws {@link AuthingError} from any page request; {@link AuthingAbortError} when `signal` aborts
   * @example
   * for await (const user of management.users.iterate({ withCustomData: true })) console.log(user.customData);
   */
  iterate(options: IterateUsersOptions & { withCustomData: true }): AsyncGenerator<UserWithIdentitiesAndCustomData, void, undefined>;
  /**
   * Every user of the pool, page by page as the loop asks for more (see {@link UsersClient.list}).
   * @param options - `pageSize` (1–200, default 50), `excludeUsersInOrg`, `sortBy`, `withCustomData`, and per-call options (`signal` stops between pages)
   * @returns an async iterator of users
   * @throws {@link AuthingError} from any page request; {@link AuthingAbortError} when `signal` aborts
   * @example
   * for await (const user of management.users.iterate({ pageSize: 100 })) {
   *   if (user.blocked) console.log(user.id);
   * }
   */
  iterate(options?: IterateUsersOptions): AsyncGenerator<UserWithIdentities, void, undefined>;
  iterate(options: IterateUsersOptions = {}): AsyncGenerator<UserWithIdentities | UserWithIdentitiesAndCustomData, void, undefined> {
    return lookup.iterate(this.#context, options);
  }

  /**
   * Updates a user; a `password` in `updates` is encrypted (the caller's object is not changed).
   * @param id - user id
   * @param updates - the fields to change
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the updated user
   * @throws {@link AuthingError}
   * @example
   * const user = await management.users.update(userId, { nickname: 'Alice', city: 'Oxford' });
   */
  update(id: string, updates: UpdateUserInput, requestOptions?: RequestOptions): Promise<User> {
    return profile.update(this.#context, id, updates, requestOptions);
  }

  /**
   * Deletes a user, with its role, group and node memberships and its grants.
   * @param userId - user id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's `{ code, message }`
   * @throws {@link AuthingError}
   * @example
   * await management.users.delete(userId);
   */
  delete(userId: string, requestOptions?: RequestOptions): Promise<CommonMessage | null> {
    return profile.remove(this.#context, userId, requestOptions);
  }

  /**
   * Deletes several users.
   * @param userIds - user ids
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's `{ code, message }`
   * @throws {@link AuthingError}
   * @example
   * const blocked = (await management.users.list(1, 100)).list.filter((user) => user.blocked).map((user) => user.id);
   * if (blocked.length > 0) await management.users.deleteMany(blocked);
   */
  deleteMany(userIds: string[], requestOptions?: RequestOptions): Promise<CommonMessage | null> {
    return profile.removeMany(this.#context, userIds, requestOptions);
  }

  /**
   * Whether a user with any of the given identifiers exists.
   * @param identifiers - username, email, phone or externalId
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's answer
   * @throws {@link AuthingError}
   * @example
   * const taken = await management.users.exists({ email: 'alice@example.com' });
   */
  exists(identifiers: UserIdentifiers, requestOptions?: RequestOptions): Promise<boolean | null> {
    return profile.exists(this.#context, identifiers, requestOptions);
  }

  /**
   * The roles assigned directly to a user.
   * @param userId - user id
   * @param namespace - namespace code (default `default`)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`
   * @throws {@link AuthingError} code 2004 when there is no such user
   * @example
   * const { list: roles } = await management.users.listRoles(userId, 'library');
   */
  listRoles(userId: string, namespace?: string, requestOptions?: RequestOptions): Promise<Paginated<Role>> {
    return memberships.listRoles(this.#context, userId, namespace, requestOptions);
  }

  /**
   * Assigns roles to a user.
   * @param userId - user id
   * @param roleCodes - role codes within `namespace`
   * @param namespace - namespace code (default `default`)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's `{ code, message }`
   * @throws {@link AuthingError}
   * @example
   * await management.users.addRoles(userId, ['editors'], 'library');
   */
  addRoles(userId: string, roleCodes: string[], namespace?: string, requestOptions?: RequestOptions): Promise<CommonMessage | null> {
    return memberships.addRoles(this.#context, userId, roleCodes, namespace, requestOptions);
  }

  /**
   * Takes roles away from a user.
   * @param userId - user id
   * @param roleCodes - role codes within `namespace`
   * @param namespace - namespace code (default `default`)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's `{ code, message }`
   * @throws {@link AuthingError}
   * @example
   * await management.users.removeRoles(userId, ['editors'], 'library');
   */
  removeRoles(userId: string, roleCodes: string[], namespace?: string, requestOptions?: RequestOptions): Promise<CommonMessage | null> {
    return memberships.removeRoles(this.#context, userId, roleCodes, namespace, requestOptions);
  }

  /**
   * The groups a user belongs to.
   * @param userId - user id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`
   * @throws {@link AuthingError} code 2004 when there is no such user
   * @example
   * const { totalCount, list: groups } = await management.users.listGroups(userId);
   */
  listGroups(userId: string, requestOptions?: RequestOptions): Promise<Paginated<Group>> {
    return memberships.listGroups(this.#context, userId, requestOptions);
  }

  /**
   * Adds a user to a group.
   * @param userId - user id
   * @param groupCode - group code
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's `{ code, message }`
   * @throws {@link AuthingError}
   * @example
   * await management.users.addGroup(userId, 'staff');
   */
  addGroup(userId: string, groupCode: string, requestOptions?: RequestOptions): Promise<CommonMessage> {
    return memberships.addGroup(this.#context, userId, groupCode, requestOptions);
  }

  /**
   * Removes a user from a group.
   * @param userId - user id
   * @param groupCode - group code
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's `{ code, message }`
   * @throws {@link AuthingError}
   * @example
   * await management.users.removeGroup(userId, 'staff');
   */
  removeGroup(userId: string, groupCode: string, requestOptions?: RequestOptions): Promise<CommonMessage> {
    return memberships.removeGroup(this.#context, userId, groupCode, requestOptions);
  }

  /**
   * A user's effective resources: direct grants and those inherited through roles, groups and
   * organization nodes (and their ancestors). Resource grants only: policy statements are not
   * listed, and a DENY does not remove a resource from the list (ask `management.acl.isAllowed`).
   * @param userId - user id
   * @param namespace - namespace code; without it only the `default` namespace
   * @param options - `resourceType` keeps one type
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list: [{ code, type, actions, apiIdentifier }] }`
   * @throws {@link AuthingError} code 2004 when there is no such user
   * @example
   * const { list } = await management.users.listAuthorizedResources(userId, 'library', { resourceType: 'DATA' });
   */
  listAuthorizedResources(
    userId: string,
    namespace?: string,
    options: { resourceType?: ResourceType } = {},
    requestOptions?: RequestOptions,
  ): Promise<Paginated<AuthorizedResource>> {
    return access.listAuthorizedResources(this.#context, userId, namespace, options, requestOptions);
  }

  // Policy assignments (the Python SDK's list_policies / add_policies / remove_policies): one-liners over ../policy-assignments.ts.

  /**
   * The policies assigned to a user directly.
   * @param userId - user id
   * @param page - page number, from 1
   * @param limit - page size
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list: [{ code, targetType, targetIdentifier }] }`
   * @throws {@link AuthingError} code 2004 when the user does not exist
   * @example
   * const { totalCount, list } = await management.users.listPolicies(userId, 1, 20);
   */
  listPolicies(userId: string, page = 1, limit = 10, requestOptions?: RequestOptions): Promise<Paginated<PolicyAssignment>> {
    return policyAssignments.listPolicies(this.#context, policyTarget(userId), page, limit, requestOptions);
  }

  /**
   * Assigns policies to a user (all or nothing).
   * @param userId - user id
   * @param policies - policy codes
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's `{ code, message }`
   * @throws {@link AuthingError} code 3601 for an unknown policy, 2004 for an unknown user
   * @example
   * await management.users.addPolicies(userId, ['books-editing']);
   */
  addPolicies(userId: string, policies: string[], requestOptions?: RequestOptions): Promise<CommonMessage> {
    return policyAssignments.addPolicies(this.#context, policyTarget(userId), policies, requestOptions);
  }

  /**
   * Removes policy assignments from a user.
   * @param userId - user id
   * @param policies - policy codes
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's `{ code, message }`
   * @throws {@link AuthingError} code 3601 for an unknown policy, 2004 for an unknown user
   * @example
   * await management.users.removePolicies(userId, ['books-editing']);
   */
  removePolicies(userId: string, policies: string[], requestOptions?: RequestOptions): Promise<CommonMessage> {
    return policyAssignments.removePolicies(this.#context, policyTarget(userId), policies, requestOptions);
  }

  /**
   * Users by id, username, email, phone or externalId with their custom data (REST
   * `POST /api/v2/users/batch` with `withCustomData`, as authing-js-sdk sends it), in the order
   * asked; values that match nobody are left out.
   * @param ids - the values to look up
   * @param options - `withCustomData: true`; `queryField` says what `ids` holds (default `id`)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the users found, each with `customData` as `{ key: value }` decoded by the field's type
   * @throws {@link AuthingError} code 2015 for an unknown `queryField`
   * @example
   * const users = await management.users.batch([userId], { withCustomData: true });
   * for (const user of users) console.log(user.id, user.customData);
   */
  batch(ids: string[], options: BatchUsersOptions & { withCustomData: true }, requestOptions?: RequestOptions): Promise<UserDetailWithCustomData[]>;
  /**
   * Users by id, username, email, phone or externalId (REST `POST /api/v2/users/batch`), in the
   * order asked; values that match nobody are left out.
   * @param ids - the values to look up
   * @param options - `queryField` says what `ids` holds (default `id`); `withCustomData` (see the overload above)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the users found
   * @throws {@link AuthingError} code 2015 for an unknown `queryField`
   * @example
   * const users = await management.users.batch(['alice', 'bob'], { queryField: 'username' });
   */
  batch(ids: string[], options?: BatchUsersOptions, requestOptions?: RequestOptions): Promise<UserDetail[]>;
  batch(ids: string[], options: BatchUsersOptions = {}, requestOptions?: RequestOptions): Promise<UserDetail[] | UserDetailWithCustomData[]> {
    return lookup.batch(this.#context, ids, options, requestOptions);
  }

  /**
   * The users for whom every condition holds (REST `POST /api/v2/users/filter`), newest first.
   * @param options - `page`, `limit` and `filter`: conditions `[{ type, value: field }, 'EQ' | 'NEQ', operand]`;
   *   type `userDefinedFields` compares a custom-data value
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`
   * @throws {@link AuthingError} code 2015 for an unknown field
   * @example
   * const { list } = await management.users.filter({ filter: [[{ type: 'basic', value: 'city' }, 'EQ', 'Oxford']] });
   */
  filter(options: FilterUsersOptions = {}, requestOptions?: RequestOptions): Promise<Paginated<UserDetail>> {
    return lookup.filter(this.#context, options, requestOptions);
  }

  /**
   * Deleted users: deleting a user archives it. Most recently deleted first.
   * @param page - page number, from 1
   * @param limit - page size
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`, each with status `Archived`
   * @throws {@link AuthingError}
   * @example
   * const { totalCount } = await management.users.listArchivedUsers(1, 20);
   */
  listArchivedUsers(page = 1, limit = 10, requestOptions?: RequestOptions): Promise<Paginated<User>> {
    return lookup.listArchived(this.#context, page, limit, requestOptions);
  }

  /**
   * Every archived user, page by page (see {@link UsersClient.listArchivedUsers}).
   * @param options - `pageSize` (1–200, default 50) and per-call options (`signal` stops between pages)
   * @returns an async iterator of users
   * @throws {@link AuthingError} from any page request; {@link AuthingAbortError} when `signal` aborts
   * @example
   * for await (const user of management.users.iterateArchived()) console.log(user.id);
   */
  iterateArchived(options: IterateOptions = {}): AsyncGenerator<User, void, undefined> {
    return lookup.iterateArchived(this.#context, options);
  }

  /**
   * The first user with any of the given identifiers, or holding the given external identity,
   * with its custom data (the `findUserWithCustomData` query).
   * @param options - `withCustomData: true`; username, email (case-insensitive), phone, externalId, or `identity`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user with `customData` as `{ key: value }` decoded by the field's type, or null
   * @throws {@link AuthingError}
   * @example
   * const user = await management.users.find({ username: 'alice', withCustomData: true });
   * if (user) console.log(user.customData.school);
   */
  find(options: FindUserOptions & { withCustomData: true }, requestOptions?: RequestOptions): Promise<UserWithCustomData | null>;
  /**
   * The first user with any of the given identifiers, or holding the given external identity.
   * @param options - username, email (case-insensitive), phone, externalId, or `identity`; `withCustomData` (see the overload above)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user, or null
   * @throws {@link AuthingError}
   * @example
   * const user = await management.users.find({ email: 'alice@example.com' });
   */
  find(options: FindUserOptions, requestOptions?: RequestOptions): Promise<User | null>;
  find(options: FindUserOptions, requestOptions?: RequestOptions): Promise<User | UserWithCustomData | null> {
    return lookup.find(this.#context, options, requestOptions);
  }

  /**
   * Users whose `fields` contain `query` (case-insensitive), with their custom data (the
   * `searchUserWithCustomData` query); newest first.
   * @param query - the text to look for
   * @param options - `withCustomData: true`; `fields`, `page`, `limit`, `departmentOpts`, `groupOpts`, `roleOpts`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`, each user's `customData` as `{ key: value }` decoded by the field's type
   * @throws {@link AuthingError} code 2015 for an unknown field; 3302 / 3202 / 3402 for an unknown group, role or department
   * @example
   * const { list } = await management.users.search('alice', { withCustomData: true });
   * for (const user of list) console.log(user.username, user.customData);
   */
  search(query: string, options: SearchUsersOptions & { withCustomData: true }, requestOptions?: RequestOptions): Promise<Paginated<UserWithCustomData>>;
  /**
   * Users whose `fields` contain `query` (case-insensitive), optionally only those in given
   * departments, groups or roles; newest first.
   * @param query - the text to look for
   * @param options - `fields` (default username, email, phone, nickname, name, externalId), `page`, `limit`,
   *   `departmentOpts`, `groupOpts`, `roleOpts`, `withCustomData` (see the overload above)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`
   * @throws {@link AuthingError} code 2015 for an unknown field; 3302 / 3202 / 3402 for an unknown group, role or department
   * @example
   * const { list } = await management.users.search('alice', { groupOpts: [{ code: 'staff' }] });
   */
  search(query: string, options?: SearchUsersOptions, requestOptions?: RequestOptions): Promise<Paginated<User>>;
  search(query: string, options: SearchUsersOptions = {}, requestOptions?: RequestOptions): Promise<Paginated<User> | Paginated<UserWithCustomData>> {
    return lookup.search(this.#context, query, options, requestOptions);
  }

  /**
   * Every user {@link UsersClient.search} finds, with its custom data, page by page.
   * @param query - the text to look for
   * @param options - `withCustomData: true`, the search options without page and limit, `pageSize` (1–200, default 50), per-call options
   * @returns an async iterator of users, each with `customData` as `{ key: value }`
   * @throws {@link AuthingError} from any page request; {@link AuthingAbortError} when `signal` aborts
   * @example
   * for await (const user of management.users.iterateSearch('example.com', { fields: ['email'], withCustomData: true })) console.log(user.customData);
   */
  iterateSearch(query: string, options: IterateSearchOptions & { withCustomData: true }): AsyncGenerator<UserWithCustomData, void, undefined>;
  /**
   * Every user {@link UsersClient.search} finds, page by page.
   * @param query - the text to look for
   * @param options - the search options without page and limit, `pageSize` (1–200, default 50), per-call options
   * @returns an async iterator of users
   * @throws {@link AuthingError} from any page request; {@link AuthingAbortError} when `signal` aborts
   * @example
   * for await (const user of management.users.iterateSearch('example.com', { fields: ['email'] })) console.log(user.email);
   */
  iterateSearch(query: string, options?: IterateSearchOptions): AsyncGenerator<User, void, undefined>;
  iterateSearch(query: string, options: IterateSearchOptions = {}): AsyncGenerator<User | UserWithCustomData, void, undefined> {
    return lookup.iterateSearch(this.#context, query, options);
  }

  /**
   * A new login token for a user, in its current session.
   * @param id - user id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ token, iat, exp }`
   * @throws {@link AuthingError} code 2004 for an unknown user, 2005 for a blocked one
   * @example
   * const { token } = await management.users.refreshToken(userId);
   */
  refreshToken(id: string, requestOptions?: RequestOptions): Promise<UserToken> {
    return sessions.refreshToken(this.#context, id, requestOptions);
  }

  /**
   * For each organization node the user belongs to, the chain of nodes from the root down to it.
   * @param userId - user id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns one chain per membership
   * @throws {@link AuthingError} code 2004 for an unknown user
   * @example
   * const chains = await management.users.listOrgs(userId);
   * const names = chains.map((chain) => chain.map((node) => node.name).join(' / '));
   */
  listOrgs(userId: string, requestOptions?: RequestOptions): Promise<OrgNode[][]> {
    return memberships.listOrgs(this.#context, userId, requestOptions);
  }

  /**
   * The departments (organization nodes) a user belongs to directly.
   * @param userId - user id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list: [{ department, isMainDepartment, joinedAt }] }`
   * @throws {@link AuthingError} code 2004 for an unknown user
   * @example
   * const { list } = await management.users.listDepartment(userId);
   */
  listDepartment(userId: string, requestOptions?: RequestOptions): Promise<Paginated<UserDepartment>> {
    return memberships.listDepartments(this.#context, userId, requestOptions);
  }

  /**
   * Whether the user is assigned the role directly (over {@link UsersClient.listRoles}, as the JS SDK does).
   * @param userId - user id
   * @param roleCode - role code
   * @param namespace - namespace code (default `default`)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true when it is
   * @throws {@link AuthingError} code 2004 for an unknown user
   * @example
   * if (await management.users.hasRole(userId, 'editors')) console.log('editor');
   */
  hasRole(userId: string, roleCode: string, namespace?: string, requestOptions?: RequestOptions): Promise<boolean> {
    return memberships.hasRole(this.#context, userId, roleCode, namespace, requestOptions);
  }

  /**
   * Ends every session of the users at once: their tokens stop working.
   * @param userIds - user ids
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true
   * @throws {@link AuthingError} code 2004 when one is unknown (nobody is kicked then)
   * @example
   * await management.users.kick([userId]);
   */
  kick(userIds: string[], requestOptions?: RequestOptions): Promise<boolean> {
    return sessions.kick(this.#context, userIds, requestOptions);
  }

  /**
   * Ends a user's sessions in one application, or in all of them without `appId` (REST `GET /logout`).
   * @param options - `userId`, and optionally `appId`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true
   * @throws {@link AuthingError} code 2004 for an unknown user
   * @example
   * await management.users.logout({ userId, appId });
   */
  logout(options: { userId: string; appId?: string }, requestOptions?: RequestOptions): Promise<boolean> {
    return sessions.logout(this.#context, options, requestOptions);
  }

  /**
   * Whether a user holds a live session, in one application when `appId` is given.
   * @param userId - user id
   * @param appId - application id
   * @param deviceId - device id (accepted; authing-local keeps no devices)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ isLogin, user?, application? }`
   * @throws {@link AuthingError} code 2004 for an unknown user
   * @example
   * const { isLogin } = await management.users.checkLoginStatus(userId);
   */
  checkLoginStatus(userId: string, appId?: string, deviceId?: string, requestOptions?: RequestOptions): Promise<UserLoginStatus> {
    return sessions.checkLoginStatus(this.#context, userId, appId, deviceId, requestOptions);
  }

  /**
   * Sends the user the first-login email verification message of an application (authing-local
   * stores it in its outbox instead).
   * @param options - `userId` and `appId`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's `{ code, message }`
   * @throws {@link AuthingError} code 2004 / 2011 for an unknown user / application, 2003 when the user has no email
   * @example
   * await management.users.sendFirstLoginVerifyEmail({ userId, appId });
   */
  sendFirstLoginVerifyEmail(options: { userId: string; appId: string }, requestOptions?: RequestOptions): Promise<CommonMessage> {
    return sessions.sendFirstLoginVerifyEmail(this.#context, options, requestOptions);
  }

  /**
   * Links an external identity (provider `identifier`, id `userIdInIdp`) to a user.
   * @param options - the identity
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true
   * @throws {@link AuthingError} code 2004 for an unknown user, 3901 when another user holds the identity
   * @example
   * await management.users.linkIdentity({ userId, identifier: 'github', userIdInIdp: '1024', isSocial: true });
   */
  linkIdentity(options: IdentityLink, requestOptions?: RequestOptions): Promise<boolean> {
    return identities.link(this.#context, options, requestOptions);
  }

  /**
   * Unlinks a user's identities of one provider (only the one with `userIdInIdp` when given).
   * @param options - the identity
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true
   * @throws {@link AuthingError} code 2004 for an unknown user, 3902 when the user has no such identity
   * @example
   * await management.users.unlinkIdentity({ userId, identifier: 'github' });
   */
  unlinkIdentity(options: IdentityUnlink, requestOptions?: RequestOptions): Promise<boolean> {
    return identities.unlink(this.#context, options, requestOptions);
  }

  /**
   * Which of the given resources the user holds, with the granted actions (the Python SDK's
   * `check_resource_permission_batch`).
   * @param userId - user id
   * @param namespace - namespace code
   * @param resources - resource codes, e.g. `books:1`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the held ones, in request order
   * @throws {@link AuthingError}
   * @example
   * const held = await management.users.checkResourcePermissionBatch(userId, 'library', ['books:1', 'books:2']);
   */
  checkResourcePermissionBatch(userId: string, namespace: string, resources: string[], requestOptions?: RequestOptions): Promise<HeldResource[]> {
    return access.checkResourcePermissionBatch(this.#context, userId, namespace, resources, requestOptions);
  }

  /**
   * The user's grants of one resource kind, e.g. `books:1`, `books:2` for `books` (the Python SDK's
   * `list_authorized_resources_of_resource_kind`).
   * @param userId - user id
   * @param namespace - namespace code
   * @param resource - the kind
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the grants, with their actions
   * @throws {@link AuthingError}
   * @example
   * const books = await management.users.listAuthorizedResourcesOfResourceKind(userId, 'library', 'books');
   */
  listAuthorizedResourcesOfResourceKind(userId: string, namespace: string, resource: string, requestOptions?: RequestOptions): Promise<HeldResource[]> {
    return access.listAuthorizedResourcesOfResourceKind(this.#context, userId, namespace, resource, requestOptions);
  }

  /**
   * A user leaves (v3 `POST /api/v3/resign-user`): status `Resigned`, it can no longer log in, its
   * memberships, roles and grants go and its sessions end; the account stays.
   * @param userId - user id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ success: true }`
   * @throws {@link AuthingError} code 2004 for an unknown user
   * @example
   * await management.users.resignUser(userId);
   */
  resignUser(userId: string, requestOptions?: RequestOptions): Promise<IsSuccess> {
    return sessions.resign(this.#context, userId, requestOptions);
  }

  /**
   * Several users leave at once (see {@link UsersClient.resignUser}); an unknown id resigns nobody.
   * @param userIds - user ids
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ success: true }`
   * @throws {@link AuthingError} code 2004 when one is unknown
   * @example
   * await management.users.resignUserBatch([userId]);
   */
  resignUserBatch(userIds: string[], requestOptions?: RequestOptions): Promise<IsSuccess> {
    return sessions.resignMany(this.#context, userIds, requestOptions);
  }

  // Custom data (user-defined field values): one-liners over ../custom-data.ts with target type USER.

  /**
   * A user's custom data, each value decoded by its field's type.
   * @param userId - user id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ key: value }`
   * @throws {@link AuthingError} code 2004 when there is no such user
   * @example
   * const { school } = await management.users.getUdfValue(userId);
   */
  getUdfValue(userId: string, requestOptions?: RequestOptions): Promise<CustomData> {
    return customData.getCustomData(this.#context, 'USER', userId, requestOptions);
  }

  /**
   * The custom data of several users.
   * @param userIds - user ids
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ userId: { key: value } }`
   * @throws {@link AuthingError} code 2004 when a user does not exist
   * @example
   * const byUser = await management.users.getUdfValueBatch([userId]);
   */
  getUdfValueBatch(userIds: string[], requestOptions?: RequestOptions): Promise<Record<string, CustomData>> {
    return customData.getCustomDataBatch(this.#context, 'USER', userIds, requestOptions);
  }

  /**
   * Sets custom data of a user (all or nothing); values are JSON-encoded, a `Date` for DATETIME.
   * @param userId - user id
   * @param data - `{ key: value }`, at least one key
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user's custom data after the write
   * @throws {@link AuthingError} code 3802 for an unknown key, 3803 for a value of the wrong type
   * @example
   * await management.udf.set('USER', 'school', 'STRING', 'School');
   * await management.users.setUdfValue(userId, { school: 'MIT' });
   */
  setUdfValue(userId: string, data: Record<string, unknown>, requestOptions?: RequestOptions): Promise<CustomDataItem[]> {
    return customData.setCustomData(this.#context, 'USER', userId, data, requestOptions);
  }

  /**
   * Sets custom data of several users in one request (all or nothing).
   * @param input - `[{ userId, data: { key: value } }]`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's `{ code, message }`
   * @throws {@link AuthingError}
   * @example
   * await management.users.setUdfValueBatch([{ userId, data: { school: 'MIT' } }]);
   */
  setUdfValueBatch(input: { userId: string; data: Record<string, unknown> }[], requestOptions?: RequestOptions): Promise<CommonMessage | null> {
    return customData.setCustomDataBatch(this.#context, 'USER', customData.targetsOf(input, 'userId'), requestOptions);
  }

  /**
   * Clears one custom-data value of a user.
   * @param userId - user id
   * @param key - field key
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user's remaining custom data
   * @throws {@link AuthingError} code 3802 for an unknown key
   * @example
   * await management.users.removeUdfValue(userId, 'school');
   */
  removeUdfValue(userId: string, key: string, requestOptions?: RequestOptions): Promise<CustomDataItem[]> {
    return customData.removeValue(this.#context, 'USER', userId, key, requestOptions);
  }

  /**
   * A user's custom data as typed items (the Python SDK's `list_udv`).
   * @param userId - user id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `[{ key, dataType, value, label }]`, `value` decoded by `dataType`
   * @throws {@link AuthingError} code 2004 when there is no such user
   * @example
   * const items = await management.users.listUdv(userId);
   */
  listUdv(userId: string, requestOptions?: RequestOptions): Promise<CustomDataItem[]> {
    return customData.listItems(this.#context, 'USER', userId, requestOptions);
  }

  /**
   * Sets one custom-data value of a user (`M.setUdv`, the Python SDK's `set_udv`).
   * @param userId - user id
   * @param key - field key
   * @param value - the value, JSON-encoded by the SDK
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user's custom data after the write
   * @throws {@link AuthingError} code 3802 for an unknown key, 3803 for a value of the wrong type
   * @example
   * await management.users.setUdv(userId, 'school', 'MIT');
   */
  setUdv(userId: string, key: string, value: unknown, requestOptions?: RequestOptions): Promise<CustomDataItem[]> {
    return customData.setOne(this.#context, 'USER', userId, key, value, requestOptions);
  }

  /**
   * Clears one custom-data value of a user (the Python SDK's `remove_udv`; same as {@link UsersClient.removeUdfValue}).
   * @param userId - user id
   * @param key - field key
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user's remaining custom data
   * @throws {@link AuthingError} code 3802 for an unknown key
   * @example
   * await management.users.removeUdv(userId, 'school');
   */
  removeUdv(userId: string, key: string, requestOptions?: RequestOptions): Promise<CustomDataItem[]> {
    return customData.removeValue(this.#context, 'USER', userId, key, requestOptions);
  }

  // --- tenants ---

  /**
   * The tenants a user is a member of, oldest tenant first (`GET /api/v2/users/{userId}/tenants`).
   * @param userId - user id
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError} code 2004 for an unknown user
   * @example
   * const tenants = await management.users.getUserTenants('USER_ID');
   * console.log(tenants.map((t) => t.name));
   */
  getUserTenants(userId: string, requestOptions?: RequestOptions): Promise<Tenant[]> {
    return tenants.ofUser(this.#context, userId, requestOptions);
  }

  // --- audit and statistics ---

  /**
   * The users' actions, newest first (`GET /api/v2/analysis/user-action`; the same as
   * `management.statistics.listUserActions`, the Python SDK's `list_user_actions`).
   * @param options - filters: client IP, operation names, user ids, applications, time range (epoch ms), page
   * @param requestOptions - per-call signal, timeout, headers
   * @returns one page of actions and how many match
   * @throws {@link AuthingError}
   * @example
   * const { list } = await management.users.listUserActions({ userIds: [userId], operationNames: ['login'] });
   * console.log(list.map((a) => `${a.timestamp} ${a.clientIp}`));
   */
  listUserActions(options?: ListUserActionsOptions, requestOptions?: RequestOptions): Promise<{ totalCount: number; list: UserLogsInfo[] }> {
    return listUserActions(this.#context, options, requestOptions);
  }

  /**
   * How many distinct users logged into an application (`GET /api/v2/analysis/total-login-count`).
   * @param options - `appId`: the application
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the number of users
   * @throws {@link AuthingError} code 400 for a missing appId
   * @example
   * const users = await management.users.getApplicationLoginUserNum({ appId: 'APP_ID' });
   * console.log(`${users} users have logged in`);
   */
  getApplicationLoginUserNum(options: { appId: string }, requestOptions?: RequestOptions): Promise<number> {
    return this.#context.transport.rest.GET('/api/v2/analysis/total-login-count', { params: { query: { appId: options.appId } } }, requestOptions);
  }

  /**
   * Of the users who logged into an application, how many hold a value of a user-defined field
   * (`GET /api/v2/analysis/exist-defined-field-count`).
   * @param options - `definedFieldKey`: the field's key; `appId`: the application
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the number of users
   * @throws {@link AuthingError} code 400 for a missing key or appId
   * @example
   * const withSchool = await management.users.getUdfFieldUserNum({ definedFieldKey: 'school', appId: 'APP_ID' });
   * console.log(withSchool);
   */
  getUdfFieldUserNum(options: { definedFieldKey: string; appId: string }, requestOptions?: RequestOptions): Promise<number> {
    return this.#context.transport.rest.GET(
      '/api/v2/analysis/exist-defined-field-count',
      { params: { query: { definedFieldKey: options.definedFieldKey, appId: options.appId } } },
      requestOptions,
    );
  }
}
