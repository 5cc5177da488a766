/**
 * Finding users: the listing, batch, filter, find, search, archived users, and their iterators.
 * With `withCustomData`, the `…WithCustomData` twin documents (REST: the flag), each user's
 * custom data decoded. The public docs are on {@link UsersClient}.
 */
import type { IterateOptions } from '../../core/paginate.js';
import type { RequestOptions } from '../../core/options.js';
import { iterateOptionsOnly, paginate } from '../../core/paginate.js';
import {
  ArchivedUsersDocument,
  FindUserDocument,
  FindUserWithCustomDataDocument,
  SearchUserDocument,
  SearchUserWithCustomDataDocument,
  UsersDocument,
  UsersWithCustomDataDocument,
} from '../../generated/graphql.js';
import type { ClientContext } from '../context.js';
import { decodeUserCustomData } from '../custom-data.js';
import type {
  Paginated,
  User,
  UserDetail,
  UserDetailWithCustomData,
  UserWithCustomData,
  UserWithIdentities,
  UserWithIdentitiesAndCustomData,
} from '../types.js';
import { checkBatchQueryField, checkUserFilter, requireIds, requireString } from '../validate.js';
import type {
  BatchUsersOptions,
  FilterUsersOptions,
  FindUserOptions,
  IterateSearchOptions,
  IterateUsersOptions,
  ListUsersOptions,
  SearchUsersOptions,
} from './types.js';


const decodePage = <U extends { customData?: Parameters<typeof decodeUserCustomData>[0]['customData'] }>(page: Paginated<U>) => ({
  totalCount: page.totalCount,
  list: page.list.map(decodeUserCustomData),
});

export async function list(
  context: ClientContext,
  page: number,
  limit: number,
  options: ListUsersOptions,
  requestOptions?: RequestOptions,
): Promise<Paginated<UserWithIdentities> | Paginated<UserWithIdentitiesAndCustomData>> {
  const { excludeUsersInOrg, sortBy, withCustomData = false } = options;
  const variables = { page, limit, excludeUsersInOrg, sortBy };
  if (!withCustomData) return (await context.transport.graphql(UsersDocument, variables, requestOptions)).users;
  return decodePage((await context.transport.graphql(UsersWithCustomDataDocument, variables, requestOptions)).users);
}

export function iterate(context: ClientContext, options: IterateUsersOptions): AsyncGenerator<UserWithIdentities | UserWithIdentitiesAndCustomData, void, undefined> {
  const { excludeUsersInOrg, sortBy, withCustomData, ...rest } = options;
  const listing = { excludeUsersInOrg, sortBy, withCustomData };
  return paginate<UserWithIdentities | UserWithIdentitiesAndCustomData>((page, limit, requestOptions) => list(context, page, limit, listing, requestOptions), iterateOptionsOnly(rest));
}

/** REST `POST /api/v2/users/batch` (a read, so retried); `withCustomData` as the JS SDK sends it. */
export async function batch(context: ClientContext, ids: string[], options: BatchUsersOptions, requestOptions?: RequestOptions): Promise<UserDetail[] | UserDetailWithCustomData[]> {
  requireIds('ids', ids);
  checkBatchQueryField('options.queryField', options.queryField);
  const withCustomData = options.withCustomData ?? false;
  const body = { ids, type: options.queryField ?? 'id', withCustomData };
  const users = await context.transport.rest.POST('/api/v2/users/batch', { body }, { ...requestOptions, idempotent: true });
  return withCustomData ? users.map(decodeUserCustomData) : users;
}

/** REST `POST /api/v2/users/filter` (a read, so retried). */
export async function filter(context: ClientContext, options: FilterUsersOptions, requestOptions?: RequestOptions): Promise<Paginated<UserDetail>> {
  const { page = 1, limit = 10, filter: conditions = [] } = options;
  checkUserFilter('options.filter', conditions);
  return context.transport.rest.POST('/api/v2/users/filter', { body: { page, limit, filter: conditions } }, { ...requestOptions, idempotent: true });
}

export async function listArchived(context: ClientContext, page: number, limit: number, requestOptions?: RequestOptions): Promise<Paginated<User>> {
  return (await context.transport.graphql(ArchivedUsersDocument, { page, limit }, requestOptions)).archivedUsers;
}

export function iterateArchived(context: ClientContext, options: IterateOptions): AsyncGenerator<User, void, undefined> {
  return paginate((page, limit, requestOptions) => listArchived(context, page, limit, requestOptions), options);
}

export async function find(context: ClientContext, options: FindUserOptions, requestOptions?: RequestOptions): Promise<User | UserWithCustomData | null> {
  const { username, email, phone, externalId, identity, withCustomData = false } = options;
  const variables = { username, email, phone, externalId, identity };
  if (!withCustomData) return (await context.transport.graphql(FindUserDocument, variables, requestOptions)).findUser;
  const { findUser } = await context.transport.graphql(FindUserWithCustomDataDocument, variables, requestOptions);
  return findUser && decodeUserCustomData(findUser);
}

export async function search(
  context: ClientContext,
  query: string,
  options: SearchUsersOptions,
  requestOptions?: RequestOptions,
): Promise<Paginated<User> | Paginated<UserWithCustomData>> {
  requireString('query', query);
  const { fields, page = 1, limit = 10, departmentOpts, groupOpts, roleOpts, withCustomData = false } = options;
  const variables = { query, fields, page, limit, departmentOpts, groupOpts, roleOpts };
  if (!withCustomData) return (await context.transport.graphql(SearchUserDocument, variables, requestOptions)).searchUser;
  return decodePage((await context.transport.graphql(SearchUserWithCustomDataDocument, variables, requestOptions)).searchUser);
}

export function iterateSearch(context: ClientContext, query: string, options: IterateSearchOptions): AsyncGenerator<User | UserWithCustomData, void, undefined> {
  const { fields, departmentOpts, groupOpts, roleOpts, withCustomData, ...rest } = options;
  const searching = { fields, departmentOpts, groupOpts, roleOpts, withCustomData };
  return paginate<User | UserWithCustomData>((page, limit, requestOptions) => search(context, query, { ...searching, page, limit }, requestOptions), iterateOptionsOnly(rest));
}
