/** `managementClient.users`: users, their roles, groups and effective resources. */
import type { RequestOptions } from '../core/options.js';
import { paginate, type IterateOptions } from '../core/paginate.js';
import {
  AddUserToGroupDocument,
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
import type {
  AuthorizedResource,
  CommonMessage,
  CreateUserIdentityInput,
  CreateUserInput,
  Group,
  Paginated,
  ResourceType,
  Role,
  UpdateUserInput,
  User,
  UserDetail,
  UserWithIdentities,
} from './types.js';
import { checkResourceType, requireId, requireIds } from './validate.js';

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
   * @returns the user
   * @throws {@link AuthingError} code 2004 when there is no such user
   * @example
   * const user = await management.users.detail(userId, { withCustomData: true });
   */
  async detail(userId: string, options: { withCustomData?: boolean } = {}, requestOptions?: RequestOptions): Promise<UserDetail> {
    requireId('userId', userId);
    const query = options.withCustomData === undefined ? {} : { with_custom_data: options.withCustomData ? 'true' : 'false' } as const;
    return this.#context.transport.rest.GET('/api/v2/users/{userId}', { params: { path: { userId }, query } }, requestOptions);
  }

  /**
   * Lists the users of the pool.
   * @param page - page number, from 1
   * @param limit - page size
   * @param options - `excludeUsersInOrg` leaves out users that belong to an organization node
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`
   * @throws {@link AuthingError}
   * @example
   * const { totalCount, list } = await management.users.list(1, 20);
   */
  async list(page = 1, limit = 10, options: { excludeUsersInOrg?: boolean } = {}, requestOptions?: RequestOptions): Promise<Paginated<UserWithIdentities>> {
    const variables = { page, limit, excludeUsersInOrg: options.excludeUsersInOrg };
    return (await this.#context.transport.graphql(UsersDocument, variables, requestOptions)).users;
  }

  /**
   * Every user of the pool, page by page as the loop asks for more (see {@link UsersClient.list}).
   * @param options - `pageSize` (1–200, default 50), `excludeUsersInOrg`, and per-call options (`signal` stops between pages)
   * @returns an async iterator of users
   * @throws {@link AuthingError} from any page request; {@link AuthingAbortError} when `signal` aborts
   * @example
   * for await (const user of management.users.iterate({ pageSize: 100 })) {
   *   if (user.blocked) console.log(user.id);
   * }
   */
  iterate(options: IterateOptions & { excludeUsersInOrg?: boolean } = {}): AsyncGenerator<UserWithIdentities, void, undefined> {
    const { excludeUsersInOrg, ...rest } = options;
    return paginate((page, limit, requestOptions) => this.list(page, limit, { excludeUsersInOrg }, requestOptions), rest);
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
}
