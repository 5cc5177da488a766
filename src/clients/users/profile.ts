/** A user's record: create, read, update, delete, exists. The public docs are on {@link UsersClient}. */
import type { RequestOptions } from '../../core/options.js';
import {
  CreateUserDocument,
  CreateUserWithCustomDataDocument,
  DeleteUserDocument,
  DeleteUsersDocument,
  IsUserExistsDocument,
  UpdateUserDocument,
} from '../../generated/graphql.js';
import type { ClientContext } from '../context.js';
import { customDataParams, decodeUserCustomData } from '../custom-data.js';
import type { CommonMessage, CreateUserInput, UpdateUserInput, User, UserDetail, UserDetailWithCustomData, UserWithCustomData } from '../types.js';
import { requireId, requireIds } from '../validate.js';
import type { CreateUserOptions, UserIdentifiers } from './types.js';

/** `createUser`, the password encrypted; with `customData`, the `createUserWithCustomData` twin (custom data sent as `params`). */
export async function create(
  context: ClientContext,
  userInfo: CreateUserInput,
  options: CreateUserOptions,
  requestOptions?: RequestOptions,
): Promise<User | UserWithCustomData> {
  const { keepPassword, resetPasswordOnFirstLogin, identity, customData } = options;
  const params = customData === undefined ? undefined : customDataParams('options.customData', customData);
  const password = userInfo.password ? await context.passwords.encrypt(userInfo.password, requestOptions) : userInfo.password;
  const variables = { userInfo: { ...userInfo, password }, keepPassword, resetPasswordOnFirstLogin, identity, params };
  if (params === undefined) return (await context.transport.graphql(CreateUserDocument, variables, requestOptions)).createUser;
  return decodeUserCustomData((await context.transport.graphql(CreateUserWithCustomDataDocument, variables, requestOptions)).createUser);
}

/** REST `GET /api/v2/users/{userId}`; with `withCustomData`, `customData` decoded. */
export async function detail(
  context: ClientContext,
  userId: string,
  options: { withCustomData?: boolean },
  requestOptions?: RequestOptions,
): Promise<UserDetail | UserDetailWithCustomData | null> {
  requireId('userId', userId);
  const { withCustomData } = options;
  const query = withCustomData === undefined ? {} : ({ with_custom_data: withCustomData ? 'true' : 'false' } as const);
  const user = await context.transport.rest.GET('/api/v2/users/{userId}', { params: { path: { userId }, query } }, requestOptions);
  return withCustomData && user ? decodeUserCustomData(user) : user;
}

/** `updateUser`; a `password` in `updates` is encrypted (the caller's object is not changed). */
export async function update(context: ClientContext, id: string, updates: UpdateUserInput, requestOptions?: RequestOptions): Promise<User> {
  requireId('id', id);
  const password = updates.password ? await context.passwords.encrypt(updates.password, requestOptions) : updates.password;
  const input = { ...updates, password };
  return (await context.transport.graphql(UpdateUserDocument, { id, input }, requestOptions)).updateUser;
}

export async function remove(context: ClientContext, userId: string, requestOptions?: RequestOptions): Promise<CommonMessage | null> {
  requireId('userId', userId);
  return (await context.transport.graphql(DeleteUserDocument, { id: userId }, requestOptions)).deleteUser;
}

export async function removeMany(context: ClientContext, userIds: string[], requestOptions?: RequestOptions): Promise<CommonMessage | null> {
  requireIds('userIds', userIds);
  return (await context.transport.graphql(DeleteUsersDocument, { ids: userIds }, requestOptions)).deleteUsers;
}

export async function exists(context: ClientContext, identifiers: UserIdentifiers, requestOptions?: RequestOptions): Promise<boolean | null> {
  const { username, email, phone, externalId } = identifiers;
  const variables = { username, email, phone, externalId };
  return (await context.transport.graphql(IsUserExistsDocument, variables, requestOptions)).isUserExists;
}
