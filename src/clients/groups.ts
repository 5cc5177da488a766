/** `managementClient.groups`: user groups, their members and resources. */
import type { RequestOptions } from '../core/options.js';
import { iterateOptionsOnly, paginate, type IterateOptions } from '../core/paginate.js';
import {
  AddUserToGroupDocument,
  CreateGroupDocument,
  DeleteGroupsDocument,
  GroupDocument,
  GroupsDocument,
  GroupWithUsersDocument,
  GroupWithUsersWithCustomDataDocument,
  ListGroupAuthorizedResourcesDocument,
  RemoveUserFromGroupDocument,
  UpdateGroupDocument,
} from '../generated/graphql.js';
import { answered, found, type ClientContext } from './context.js';
import { decodeMembers } from './custom-data.js';
import type { AuthorizedResource, CommonMessage, Group, Paginated, ResourceType, User, UserWithCustomData } from './types.js';
import { checkResourceType, requireId, requireIds } from './validate.js';

/** Changes for {@link GroupsClient.update}. */
export interface GroupUpdates {
  name?: string;
  description?: string;
  /** A new code for the group. */
  newCode?: string;
}

/** Options of {@link GroupsClient.listUsers}. */
export interface GroupListUsersOptions {
  page?: number;
  limit?: number;
  /**
   * Also fetch each member's custom data (the `groupWithUsersWithCustomData` query), decoded as
   * `{ key: value }`. Default false.
   */
  withCustomData?: boolean;
}

/** Options of {@link GroupsClient.iterateUsers}. */
export interface GroupIterateUsersOptions extends IterateOptions {
  /** Also fetch each member's custom data, decoded as `{ key: value }`. Default false. */
  withCustomData?: boolean;
}

/** Group management. Get it from `managementClient.groups`. */
export class GroupsClient {
  readonly #context: ClientContext;

  private constructor(context: ClientContext) {
    this.#context = context;
  }

  /** @internal Built by {@link ManagementClient} only: the context is the SDK's, not part of the API. */
  static fromContext(context: ClientContext): GroupsClient {
    return new GroupsClient(context);
  }

  /**
   * Creates a group.
   * @param code - group code, unique in the pool
   * @param name - display name
   * @param description - description
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the new group
   * @throws {@link AuthingError}
   * @example
   * const group = await management.groups.create('staff', 'Library staff');
   */
  async create(code: string, name: string, description?: string, requestOptions?: RequestOptions): Promise<Group> {
    requireId('code', code);
    requireId('name', name);
    return (await this.#context.transport.graphql(CreateGroupDocument, { code, name, description }, requestOptions)).createGroup;
  }

  /**
   * Updates a group.
   * @param code - current group code
   * @param updates - name, description, newCode
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the updated group
   * @throws {@link AuthingError}
   * @example
   * const group = await management.groups.update('staff', { name: 'Library staff', description: 'Everyone who works at the library' });
   */
  async update(code: string, updates: GroupUpdates = {}, requestOptions?: RequestOptions): Promise<Group> {
    requireId('code', code);
    const { name, description, newCode } = updates;
    const variables = { code, name, description, newCode };
    return (await this.#context.transport.graphql(UpdateGroupDocument, variables, requestOptions)).updateGroup;
  }

  /**
   * Deletes a group, with its memberships and grants.
   * @param code - group code
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's `{ code, message }`
   * @throws {@link AuthingError}
   * @example
   * await management.groups.delete('staff');
   */
  async delete(code: string, requestOptions?: RequestOptions): Promise<CommonMessage> {
    requireId('code', code);
    return (await this.#context.transport.graphql(DeleteGroupsDocument, { codeList: [code] }, requestOptions)).deleteGroups;
  }

  /**
   * Deletes several groups.
   * @param codes - group codes
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's `{ code, message }`
   * @throws {@link AuthingError}
   * @example
   * await management.groups.deleteMany(['staff', 'volunteers']);
   */
  async deleteMany(codes: string[], requestOptions?: RequestOptions): Promise<CommonMessage> {
    requireIds('codes', codes);
    return (await this.#context.transport.graphql(DeleteGroupsDocument, { codeList: codes }, requestOptions)).deleteGroups;
  }

  /**
   * A group by code.
   * @param code - group code
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the group, or null when it does not exist
   * @throws {@link AuthingError}
   * @example
   * const group = await management.groups.detail('staff');
   */
  async detail(code: string, requestOptions?: RequestOptions): Promise<Group | null> {
    requireId('code', code);
    return (await this.#context.transport.graphql(GroupDocument, { code }, requestOptions)).group;
  }

  /**
   * Lists the groups of the pool.
   * @param page - page number, from 1
   * @param limit - page size
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`
   * @throws {@link AuthingError}
   * @example
   * const { totalCount, list } = await management.groups.list(1, 20);
   */
  async list(page = 1, limit = 10, requestOptions?: RequestOptions): Promise<Paginated<Group>> {
    return (await this.#context.transport.graphql(GroupsDocument, { page, limit }, requestOptions)).groups;
  }

  /**
   * Every group of the pool, fetched page by page as the loop asks for more (`break` stops the
   * requests; `signal` is checked before each page).
   * @param options - `pageSize` (1–200, default 50) and per-call options (`signal` stops between pages)
   * @returns an async iterator of groups
   * @throws {@link AuthingError} from the page request that failed; {@link AuthingAbortError} when `signal` aborts
   * @example
   * for await (const group of management.groups.iterate({ pageSize: 100 })) console.log(group.code);
   */
  iterate(options: IterateOptions = {}): AsyncGenerator<Group, void, undefined> {
    return paginate((page, limit, requestOptions) => this.list(page, limit, requestOptions), options);
  }

  /**
   * Every member of a group with its custom data, fetched page by page as the loop asks for more.
   * @param code - group code
   * @param options - `withCustomData: true`, `pageSize` (1–200, default 50) and per-call options (`signal` stops between pages)
   * @returns an async iterator of users, each with `customData` as `{ key: value }`
   * @throws {@link AuthingError} code 3302 when the group does not exist; {@link AuthingAbortError} when `signal` aborts
   * @example
   * for await (const member of management.groups.iterateUsers('staff', { withCustomData: true })) console.log(member.customData);
   */
  iterateUsers(code: string, options: GroupIterateUsersOptions & { withCustomData: true }): AsyncGenerator<UserWithCustomData, void, undefined>;
  /**
   * Every member of a group, fetched page by page as the loop asks for more.
   * @param code - group code
   * @param options - `pageSize` (1–200, default 50), `withCustomData` (default false) and per-call options (`signal` stops between pages)
   * @returns an async iterator of users
   * @throws {@link AuthingError} code 3302 when the group does not exist; {@link AuthingAbortError} when `signal` aborts
   * @example
   * for await (const member of management.groups.iterateUsers('staff')) console.log(member.id);
   */
  iterateUsers(code: string, options?: GroupIterateUsersOptions): AsyncGenerator<User, void, undefined>;
  iterateUsers(code: string, options: GroupIterateUsersOptions = {}): AsyncGenerator<User | UserWithCustomData, void, undefined> {
    const { withCustomData, ...rest } = options;
    return paginate<User | UserWithCustomData>((page, limit, requestOptions) => this.listUsers(code, { page, limit, withCustomData }, requestOptions), iterateOptionsOnly(rest));
  }

  /**
   * The members of a group, each with its custom data (the `groupWithUsersWithCustomData` query,
   * as authing-js-sdk sends it for `withCustomData`).
   * @param code - group code
   * @param options - `withCustomData: true`, page (default 1), limit (default 10)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`, each member's `customData` as `{ key: value }` decoded by the field's type
   * @throws {@link AuthingError} code 3302 when the group does not exist
   * @example
   * const { list: members } = await management.groups.listUsers('staff', { withCustomData: true });
   * for (const member of members) console.log(member.id, member.customData.school);
   */
  listUsers(code: string, options: GroupListUsersOptions & { withCustomData: true }, requestOptions?: RequestOptions): Promise<Paginated<UserWithCustomData>>;
  /**
   * The members of a group.
   * @param code - group code
   * @param options - page (default 1), limit (default 10), `withCustomData` (default false)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`
   * @throws {@link AuthingError} code 3302 when the group does not exist
   * @example
   * const { totalCount, list: members } = await management.groups.listUsers('staff', { page: 1, limit: 50 });
   */
  listUsers(code: string, options?: GroupListUsersOptions, requestOptions?: RequestOptions): Promise<Paginated<User>>;
  async listUsers(code: string, options: GroupListUsersOptions = {}, requestOptions?: RequestOptions): Promise<Paginated<User> | Paginated<UserWithCustomData>> {
    requireId('code', code);
    const { page = 1, limit = 10, withCustomData = false } = options;
    if (!withCustomData) {
      const { group } = await this.#context.transport.graphql(GroupWithUsersDocument, { code, page, limit }, requestOptions);
      return found(group, 'group', code).users;
    }
    const { group } = await this.#context.transport.graphql(GroupWithUsersWithCustomDataDocument, { code, page, limit }, requestOptions);
    return decodeMembers(found(group, 'group', code).users);
  }

  /**
   * Adds users to a group.
   * @param code - group code
   * @param userIds - user ids
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's `{ code, message }`
   * @throws {@link AuthingError}
   * @example
   * await management.groups.addUsers('staff', [userId]);
   */
  async addUsers(code: string, userIds: string[], requestOptions?: RequestOptions): Promise<CommonMessage> {
    requireId('code', code);
    requireIds('userIds', userIds);
    return (await this.#context.transport.graphql(AddUserToGroupDocument, { code, userIds }, requestOptions)).addUserToGroup;
  }

  /**
   * Removes users from a group.
   * @param code - group code
   * @param userIds - user ids
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's `{ code, message }`
   * @throws {@link AuthingError}
   * @example
   * await management.groups.removeUsers('staff', [userId]);
   */
  async removeUsers(code: string, userIds: string[], requestOptions?: RequestOptions): Promise<CommonMessage> {
    requireId('code', code);
    requireIds('userIds', userIds);
    const variables = { code, userIds };
    return (await this.#context.transport.graphql(RemoveUserFromGroupDocument, variables, requestOptions)).removeUserFromGroup;
  }

  /**
   * The resources granted to a group.
   * @param code - group code
   * @param namespace - namespace code; without it, grants of every namespace
   * @param options - `resourceType` keeps one type
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`
   * @throws {@link AuthingError} code 3302 when the group does not exist
   * @example
   * const { list } = await management.groups.listAuthorizedResources('staff', 'library');
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
    const { group } = await this.#context.transport.graphql(ListGroupAuthorizedResourcesDocument, variables, requestOptions);
    return answered(found(group, 'group', code).authorizedResources, 'authorizedResources');
  }
}
