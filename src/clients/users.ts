/** `managementClient.users`: users, their roles, groups and effective resources. */
import type { RequestOptions } from '../core/options.js';
import { paginate, type IterateOptions } from '../core/paginate.js';
import {
  AddUserToGroupDocument,
  ArchivedUsersDocument,
  FindUserDocument,
  GetUserDepartmentsDocument,
  RefreshTokenDocument,
  SearchUserDocument,
  SendFirstLoginVerifyEmailDocument,
  AssignRoleDocument,
  CreateUserDocument,
  DeleteUserDocument,
  DeleteUsersDocument,
  GetUserGroupsDocument,
  GetUserRolesDocument,
  IsUserExistsDocument,
  ListUserAuthorizedResourcesDocument,
  RemoveUserFromGroupDocument,
  RevokeRoleDocument,
  UpdateUserDocument,
  UsersDocument,
} from '../generated/graphql.js';
import { answered, found, type ClientContext } from './context.js';
import * as customData from './custom-data.js';
import * as policyAssignments from './policy-assignments.js';
import type { CustomData, CustomDataItem } from './types.js';
import type { PolicyAssignment } from './types.js';
import type {
  AuthorizedResource,
  CommonMessage,
  CreateUserIdentityInput,
  CreateUserInput,
  Group,
  Paginated,
  ResourceType,
  Role,
  SortByEnum,
  UpdateUserInput,
  User,
  UserDetail,
  UserWithIdentities,
} from './types.js';
import type {
  FindUserByIdentityInput,
  HeldResource,
  IdentityLink,
  IdentityUnlink,
  IsSuccess,
  OrgNode,
  SearchUserDepartmentOpt,
  SearchUserGroupOpt,
  SearchUserRoleOpt,
  UserDepartment,
  UserFilterCondition,
  UserLoginStatus,
  UserToken,
} from './types.js';
import { checkBatchQueryField, checkResourceType, checkUserFilter, requireId, requireIds, requireString } from './validate.js';

/** Options of {@link UsersClient.create}. */
export interface CreateUserOptions {
  /** Sent as `keepPassword`; the password itself is still RSA-encrypted in transit, as the official SDK does. */
  keepPassword?: boolean;
  /** Make the user choose a new password at first login. */
  resetPasswordOnFirstLogin?: boolean;
  /** An external identity to link to the new user. */
  identity?: CreateUserIdentityInput;
}

/** Identifiers for {@link UsersClient.exists}; any one that matches counts. */
export interface UserIdentifiers {
  username?: string;
  email?: string;
  phone?: string;
  externalId?: string;
}

/** Options of {@link UsersClient.list} and {@link UsersClient.iterate}. */
export interface ListUsersOptions {
  /** Leave out users that belong to an organization node. */
  excludeUsersInOrg?: boolean;
  /** Order: by creation or update time, descending or ascending (default `CREATEDAT_DESC`, newest first). */
  sortBy?: SortByEnum;
}

/** Options of {@link UsersClient.batch}. */
export interface BatchUsersOptions {
  /** What the ids are: `id` (default), `username`, `email`, `phone` or `externalId`. */
  queryField?: 'id' | 'username' | 'email' | 'phone' | 'externalId';
  withCustomData?: boolean;
}

/** Options of {@link UsersClient.filter}. */
export interface FilterUsersOptions {
  page?: number;
  limit?: number;
  /** Conditions that must all hold. */
  filter?: UserFilterCondition[];
}

/** What {@link UsersClient.find} looks a user up by. */
export interface FindUserOptions extends UserIdentifiers {
  /** An external identity linked to the user. */
  identity?: FindUserByIdentityInput;
}

/** Options of {@link UsersClient.search}. */
export interface SearchUsersOptions {
  /** The user fields searched (default username, email, phone, nickname, name, externalId). */
  fields?: string[];
  page?: number;
  limit?: number;
  /** Only users in one of these departments. */
  departmentOpts?: SearchUserDepartmentOpt[];
  /** Only users in one of these groups. */
  groupOpts?: SearchUserGroupOpt[];
  /** Only users holding one of these roles. */
  roleOpts?: SearchUserRoleOpt[];
}

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
   * Creates a user. The password is RSA-encrypted with the user pool's public key before it is sent.
   * @param userInfo - profile; `password` is optional
   * @param options - keepPassword, resetPasswordOnFirstLogin, identity
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the new user (its `password` is never returned)
   * @throws {@link AuthingError} e.g. code 2026 when the username is taken
   * @example
   * const user = await management.users.create({ username: 'alice', password: 's3cret!' });
   */
  async create(userInfo: CreateUserInput, options: CreateUserOptions = {}, requestOptions?: RequestOptions): Promise<User> {
    const password = userInfo.password ? await this.#context.passwords.encrypt(userInfo.password, requestOptions) : userInfo.password;
    const { keepPassword, resetPasswordOnFirstLogin, identity } = options;
    const variables = { userInfo: { ...userInfo, password }, keepPassword, resetPasswordOnFirstLogin, identity };
    return (await this.#context.transport.graphql(CreateUserDocument, variables, requestOptions)).createUser;
  }

  /**
   * A user by id (REST `GET /api/v2/users/{userId}`).
   * @param userId - user id
   * @param options - `withCustomData` adds `customData`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user; null when there is no such user (or it was deleted), as Authing answers
   * @throws {@link AuthingError}
   * @example
   * const user = await management.users.detail(userId, { withCustomData: true });
   * if (user) console.log(user.username);
   */
  async detail(userId: string, options: { withCustomData?: boolean } = {}, requestOptions?: RequestOptions): Promise<UserDetail | null> {
    requireId('userId', userId);
    const query = options.withCustomData === undefined ? {} : { with_custom_data: options.withCustomData ? 'true' : 'false' } as const;
    return this.#context.transport.rest.GET('/api/v2/users/{userId}', { params: { path: { userId }, query } }, requestOptions);
  }

  /**
   * Lists the users of the pool, newest first unless `sortBy` says otherwise.
   * @param page - page number, from 1
   * @param limit - page size (1–200)
   * @param options - `excludeUsersInOrg` leaves out users that belong to an organization node; `sortBy`
   *   orders by creation or update time (`CREATEDAT_DESC` by default)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`
   * @throws {@link AuthingError} code 400 for a page or limit out of range
   * @example
   * const { totalCount, list } = await management.users.list(1, 20, { sortBy: 'UPDATEDAT_DESC' });
   */
  async list(page = 1, limit = 10, options: ListUsersOptions = {}, requestOptions?: RequestOptions): Promise<Paginated<UserWithIdentities>> {
    const variables = { page, limit, excludeUsersInOrg: options.excludeUsersInOrg, sortBy: options.sortBy };
    return (await this.#context.transport.graphql(UsersDocument, variables, requestOptions)).users;
  }

  /**
   * Every user of the pool, page by page as the loop asks for more (see {@link UsersClient.list}).
   * @param options - `pageSize` (1–200, default 50), `excludeUsersInOrg`, `sortBy`, and per-call options (`signal` stops between pages)
   * @returns an async iterator of users
   * @throws {@link AuthingError} from any page request; {@link AuthingAbortError} when `signal` aborts
   * @example
   * for await (const user of management.users.iterate({ pageSize: 100 })) {
   *   if (user.blocked) console.log(user.id);
   * }
   */
  iterate(options: IterateOptions & ListUsersOptions = {}): AsyncGenerator<UserWithIdentities, void, undefined> {
    const { excludeUsersInOrg, sortBy, ...rest } = options;
    return paginate((page, limit, requestOptions) => this.list(page, limit, { excludeUsersInOrg, sortBy }, requestOptions), rest);
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
  async update(id: string, updates: UpdateUserInput, requestOptions?: RequestOptions): Promise<User> {
    requireId('id', id);
    const password = updates.password ? await this.#context.passwords.encrypt(updates.password, requestOptions) : updates.password;
    const input = { ...updates, password };
    return (await this.#context.transport.graphql(UpdateUserDocument, { id, input }, requestOptions)).updateUser;
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
  async delete(userId: string, requestOptions?: RequestOptions): Promise<CommonMessage | null> {
    requireId('userId', userId);
    return (await this.#context.transport.graphql(DeleteUserDocument, { id: userId }, requestOptions)).deleteUser;
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
  async deleteMany(userIds: string[], requestOptions?: RequestOptions): Promise<CommonMessage | null> {
    requireIds('userIds', userIds);
    return (await this.#context.transport.graphql(DeleteUsersDocument, { ids: userIds }, requestOptions)).deleteUsers;
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
  async exists(identifiers: UserIdentifiers, requestOptions?: RequestOptions): Promise<boolean | null> {
    const { username, email, phone, externalId } = identifiers;
    const variables = { username, email, phone, externalId };
    return (await this.#context.transport.graphql(IsUserExistsDocument, variables, requestOptions)).isUserExists;
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
  async listRoles(userId: string, namespace?: string, requestOptions?: RequestOptions): Promise<Paginated<Role>> {
    requireId('userId', userId);
    const { user } = await this.#context.transport.graphql(GetUserRolesDocument, { id: userId, namespace }, requestOptions);
    return answered(found(user, 'user', userId).roles, 'roles');
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
  async addRoles(userId: string, roleCodes: string[], namespace?: string, requestOptions?: RequestOptions): Promise<CommonMessage | null> {
    requireId('userId', userId);
    requireIds('roleCodes', roleCodes);
    const variables = { userIds: [userId], roleCodes, namespace };
    return (await this.#context.transport.graphql(AssignRoleDocument, variables, requestOptions)).assignRole;
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
  async removeRoles(userId: string, roleCodes: string[], namespace?: string, requestOptions?: RequestOptions): Promise<CommonMessage | null> {
    requireId('userId', userId);
    requireIds('roleCodes', roleCodes);
    const variables = { userIds: [userId], roleCodes, namespace };
    return (await this.#context.transport.graphql(RevokeRoleDocument, variables, requestOptions)).revokeRole;
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
  async listGroups(userId: string, requestOptions?: RequestOptions): Promise<Paginated<Group>> {
    requireId('userId', userId);
    const { user } = await this.#context.transport.graphql(GetUserGroupsDocument, { id: userId }, requestOptions);
    return answered(found(user, 'user', userId).groups, 'groups');
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
  async addGroup(userId: string, groupCode: string, requestOptions?: RequestOptions): Promise<CommonMessage> {
    requireId('userId', userId);
    requireId('groupCode', groupCode);
    const variables = { userIds: [userId], code: groupCode };
    return (await this.#context.transport.graphql(AddUserToGroupDocument, variables, requestOptions)).addUserToGroup;
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
  async removeGroup(userId: string, groupCode: string, requestOptions?: RequestOptions): Promise<CommonMessage> {
    requireId('userId', userId);
    requireId('groupCode', groupCode);
    const variables = { userIds: [userId], code: groupCode };
    return (await this.#context.transport.graphql(RemoveUserFromGroupDocument, variables, requestOptions)).removeUserFromGroup;
  }

  /**
   * A user's effective resources: direct grants and those inherited through roles, groups and
   * organization nodes (and their ancestors).
   * @param userId - user id
   * @param namespace - namespace code; without it only the `default` namespace
   * @param options - `resourceType` keeps one type
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list: [{ code, type, actions, apiIdentifier }] }`
   * @throws {@link AuthingError} code 2004 when there is no such user
   * @example
   * const { list } = await management.users.listAuthorizedResources(userId, 'library', { resourceType: 'DATA' });
   */
  async listAuthorizedResources(
    userId: string,
    namespace?: string,
    options: { resourceType?: ResourceType } = {},
    requestOptions?: RequestOptions,
  ): Promise<Paginated<AuthorizedResource>> {
    requireId('userId', userId);
    checkResourceType('resourceType', options.resourceType);
    const variables = { id: userId, namespace, resourceType: options.resourceType };
    const { user } = await this.#context.transport.graphql(ListUserAuthorizedResourcesDocument, variables, requestOptions);
    return answered(found(user, 'user', userId).authorizedResources, 'authorizedResources');
  }

  // Policy assignments (the Python SDK's list_policies / add_policies / remove_policies): one-liners over ./policy-assignments.ts.

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
    return policyAssignments.listPolicies(this.#context, { targetType: 'USER', targetIdentifier: userId, argument: 'userId' }, page, limit, requestOptions);
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
    return policyAssignments.addPolicies(this.#context, { targetType: 'USER', targetIdentifier: userId, argument: 'userId' }, policies, requestOptions);
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
    return policyAssignments.removePolicies(this.#context, { targetType: 'USER', targetIdentifier: userId, argument: 'userId' }, policies, requestOptions);
  }

  /**
   * Users by id, username, email, phone or externalId (REST `POST /api/v2/users/batch`), in the
   * order asked; values that match nobody are left out.
   * @param ids - the values to look up
   * @param options - `queryField` says what `ids` holds (default `id`); `withCustomData` adds `customData`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the users found
   * @throws {@link AuthingError} code 2015 for an unknown `queryField`
   * @example
   * const users = await management.users.batch(['alice', 'bob'], { queryField: 'username' });
   */
  async batch(ids: string[], options: BatchUsersOptions = {}, requestOptions?: RequestOptions): Promise<UserDetail[]> {
    requireIds('ids', ids);
    checkBatchQueryField('options.queryField', options.queryField);
    const body = { ids, type: options.queryField ?? 'id', withCustomData: options.withCustomData ?? false };
    return this.#context.transport.rest.POST('/api/v2/users/batch', { body }, { ...requestOptions, idempotent: true });
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
  async filter(options: FilterUsersOptions = {}, requestOptions?: RequestOptions): Promise<Paginated<UserDetail>> {
    const { page = 1, limit = 10, filter = [] } = options;
    checkUserFilter('options.filter', filter);
    return this.#context.transport.rest.POST('/api/v2/users/filter', { body: { page, limit, filter } }, { ...requestOptions, idempotent: true });
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
  async listArchivedUsers(page = 1, limit = 10, requestOptions?: RequestOptions): Promise<Paginated<User>> {
    return (await this.#context.transport.graphql(ArchivedUsersDocument, { page, limit }, requestOptions)).archivedUsers;
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
    return paginate((page, limit, requestOptions) => this.listArchivedUsers(page, limit, requestOptions), options);
  }

  /**
   * The first user with any of the given identifiers, or holding the given external identity.
   * @param options - username, email (case-insensitive), phone, externalId, or `identity`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user, or null
   * @throws {@link AuthingError}
   * @example
   * const user = await management.users.find({ email: 'alice@example.com' });
   */
  async find(options: FindUserOptions, requestOptions?: RequestOptions): Promise<User | null> {
    const { username, email, phone, externalId, identity } = options;
    const variables = { username, email, phone, externalId, identity };
    return (await this.#context.transport.graphql(FindUserDocument, variables, requestOptions)).findUser;
  }

  /**
   * Users whose `fields` contain `query` (case-insensitive), optionally only those in given
   * departments, groups or roles; newest first.
   * @param query - the text to look for
   * @param options - `fields` (default username, email, phone, nickname, name, externalId), `page`, `limit`,
   *   `departmentOpts`, `groupOpts`, `roleOpts`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`
   * @throws {@link AuthingError} code 2015 for an unknown field; 3302 / 3202 / 3402 for an unknown group, role or department
   * @example
   * const { list } = await management.users.search('alice', { groupOpts: [{ code: 'staff' }] });
   */
  async search(query: string, options: SearchUsersOptions = {}, requestOptions?: RequestOptions): Promise<Paginated<User>> {
    requireString('query', query);
    const { fields, page = 1, limit = 10, departmentOpts, groupOpts, roleOpts } = options;
    const variables = { query, fields, page, limit, departmentOpts, groupOpts, roleOpts };
    return (await this.#context.transport.graphql(SearchUserDocument, variables, requestOptions)).searchUser;
  }

  /**
   * Every user {@link UsersClient.search} finds, page by page.
   * @param query - the text to look for
   * @param options - the search options without page and limit, `pageSize` (1–200, default 50), per-call options
   * @returns an async iterator of users
   * @throws {@link AuthingError} from any page request; {@link AuthingAbortError} when `signal` aborts
   * @example
   * for await (const user of management.users.iterateSearch('example.com', { fields: ['email'] })) console.log(user.email);
   */
  iterateSearch(query: string, options: IterateOptions & Omit<SearchUsersOptions, 'page' | 'limit'> = {}): AsyncGenerator<User, void, undefined> {
    const { fields, departmentOpts, groupOpts, roleOpts, ...rest } = options;
    const search = { fields, departmentOpts, groupOpts, roleOpts };
    return paginate((page, limit, requestOptions) => this.search(query, { ...search, page, limit }, requestOptions), rest);
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
  async refreshToken(id: string, requestOptions?: RequestOptions): Promise<UserToken> {
    requireId('id', id);
    return answered((await this.#context.transport.graphql(RefreshTokenDocument, { id }, requestOptions)).refreshToken, 'refreshToken');
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
  async listOrgs(userId: string, requestOptions?: RequestOptions): Promise<OrgNode[][]> {
    requireId('userId', userId);
    return this.#context.transport.rest.GET('/api/v2/users/{userId}/orgs', { params: { path: { userId } } }, requestOptions);
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
  async listDepartment(userId: string, requestOptions?: RequestOptions): Promise<Paginated<UserDepartment>> {
    requireId('userId', userId);
    const { user } = await this.#context.transport.graphql(GetUserDepartmentsDocument, { id: userId }, requestOptions);
    return answered(found(user, 'user', userId).departments, 'departments');
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
  async hasRole(userId: string, roleCode: string, namespace?: string, requestOptions?: RequestOptions): Promise<boolean> {
    requireId('roleCode', roleCode);
    return (await this.listRoles(userId, namespace, requestOptions)).list.some((role) => role.code === roleCode);
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
  async kick(userIds: string[], requestOptions?: RequestOptions): Promise<boolean> {
    requireIds('userIds', userIds);
    return this.#context.transport.rest.POST('/api/v2/users/kick', { body: { userIds } }, requestOptions);
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
  async logout(options: { userId: string; appId?: string }, requestOptions?: RequestOptions): Promise<boolean> {
    requireId('options.userId', options.userId);
    const query = { userId: options.userId, appId: options.appId };
    return this.#context.transport.rest.GET('/logout', { params: { query } }, requestOptions);
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
  async checkLoginStatus(userId: string, appId?: string, deviceId?: string, requestOptions?: RequestOptions): Promise<UserLoginStatus> {
    requireId('userId', userId);
    return this.#context.transport.rest.GET('/api/v2/users/login-status', { params: { query: { userId, appId, deviceId } } }, requestOptions);
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
  async sendFirstLoginVerifyEmail(options: { userId: string; appId: string }, requestOptions?: RequestOptions): Promise<CommonMessage> {
    requireId('options.userId', options.userId);
    requireId('options.appId', options.appId);
    const variables = { userId: options.userId, appId: options.appId };
    return (await this.#context.transport.graphql(SendFirstLoginVerifyEmailDocument, variables, requestOptions)).sendFirstLoginVerifyEmail;
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
  async linkIdentity(options: IdentityLink, requestOptions?: RequestOptions): Promise<boolean> {
    requireId('options.userId', options.userId);
    requireId('options.identifier', options.identifier);
    requireId('options.userIdInIdp', options.userIdInIdp);
    return this.#context.transport.rest.POST('/api/v2/users/identity/link', { body: { ...options } }, requestOptions);
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
  async unlinkIdentity(options: IdentityUnlink, requestOptions?: RequestOptions): Promise<boolean> {
    requireId('options.userId', options.userId);
    requireId('options.identifier', options.identifier);
    return this.#context.transport.rest.POST('/api/v2/users/identity/unlink', { body: { ...options } }, requestOptions);
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
  async checkResourcePermissionBatch(userId: string, namespace: string, resources: string[], requestOptions?: RequestOptions): Promise<HeldResource[]> {
    requireId('userId', userId);
    requireIds('resources', resources);
    const body = { userId, namespace, resources };
    return this.#context.transport.rest.POST('/api/v2/acl/check-resource-permission-batch', { body }, { ...requestOptions, idempotent: true });
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
  async listAuthorizedResourcesOfResourceKind(userId: string, namespace: string, resource: string, requestOptions?: RequestOptions): Promise<HeldResource[]> {
    requireId('userId', userId);
    requireId('resource', resource);
    const body = { userId, namespace, resource };
    return this.#context.transport.rest.POST('/api/v2/acl/get-authorized-resources-of-resource-kind', { body }, { ...requestOptions, idempotent: true });
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
  async resignUser(userId: string, requestOptions?: RequestOptions): Promise<IsSuccess> {
    requireId('userId', userId);
    return this.#context.transport.rest.POST('/api/v3/resign-user', { body: { userId } }, requestOptions);
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
  async resignUserBatch(userIds: string[], requestOptions?: RequestOptions): Promise<IsSuccess> {
    requireIds('userIds', userIds);
    return this.#context.transport.rest.POST('/api/v3/resign-user-batch', { body: { userIds } }, requestOptions);
  }

  // Custom data (user-defined field values): one-liners over ./custom-data.ts with target type USER.

  /**
   * A user's custom data, each value decoded by its field's type.
   * @param userId - user id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ key: value }`
   * @throws {@link AuthingError} code 2004 when there is no such user
   * @example
   * const { school } = await management.users.getUdfValue(userId);
   */
  async getUdfValue(userId: string, requestOptions?: RequestOptions): Promise<CustomData> {
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
  async getUdfValueBatch(userIds: string[], requestOptions?: RequestOptions): Promise<Record<string, CustomData>> {
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
  async setUdfValue(userId: string, data: Record<string, unknown>, requestOptions?: RequestOptions): Promise<CustomDataItem[]> {
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
  async setUdfValueBatch(input: { userId: string; data: Record<string, unknown> }[], requestOptions?: RequestOptions): Promise<CommonMessage | null> {
    const targets = Array.isArray(input) ? input.map((item) => ({ targetId: item?.userId, data: item?.data })) : input;
    return customData.setCustomDataBatch(this.#context, 'USER', targets, requestOptions);
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
  async removeUdfValue(userId: string, key: string, requestOptions?: RequestOptions): Promise<CustomDataItem[]> {
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
  async listUdv(userId: string, requestOptions?: RequestOptions): Promise<CustomDataItem[]> {
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
  async setUdv(userId: string, key: string, value: unknown, requestOptions?: RequestOptions): Promise<CustomDataItem[]> {
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
  async removeUdv(userId: string, key: string, requestOptions?: RequestOptions): Promise<CustomDataItem[]> {
    return customData.removeValue(this.#context, 'USER', userId, key, requestOptions);
  }
}
