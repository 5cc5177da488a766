/**
 * A user's sessions and account state: tokens, kicking out, logout, login status, the first-login
 * mail, resignation. The public docs are on {@link UsersClient}.
 */
import type { RequestOptions } from '../../core/options.js';
import { RefreshTokenDocument, SendFirstLoginVerifyEmailDocument } from '../../generated/graphql.js';
import { answered, type ClientContext } from '../context.js';
import type { CommonMessage, IsSuccess, UserLoginStatus, UserToken } from '../types.js';
import { requireId, requireIds } from '../validate.js';

export async function refreshToken(context: ClientContext, id: string, requestOptions?: RequestOptions): Promise<UserToken> {
  requireId('id', id);
  return answered((await context.transport.graphql(RefreshTokenDocument, { id }, requestOptions)).refreshToken, 'refreshToken');
}

export async function kick(context: ClientContext, userIds: string[], requestOptions?: RequestOptions): Promise<boolean> {
  requireIds('userIds', userIds);
  return context.transport.rest.POST('/api/v2/users/kick', { body: { userIds } }, requestOptions);
}

/** REST `GET /logout`. */
export async function logout(context: ClientContext, options: { userId: string; appId?: string }, requestOptions?: RequestOptions): Promise<boolean> {
  requireId('options.userId', options.userId);
  const query = { userId: options.userId, appId: options.appId };
  return context.transport.rest.GET('/logout', { params: { query } }, requestOptions);
}

export async function checkLoginStatus(
  context: ClientContext,
  userId: string,
  appId: string | undefined,
  deviceId: string | undefined,
  requestOptions?: RequestOptions,
): Promise<UserLoginStatus> {
  requireId('userId', userId);
  return context.transport.rest.GET('/api/v2/users/login-status', { params: { query: { userId, appId, deviceId } } }, requestOptions);
}

export async function sendFirstLoginVerifyEmail(context: ClientContext, options: { userId: string; appId: string }, requestOptions?: RequestOptions): Promise<CommonMessage> {
  requireId('options.userId', options.userId);
  requireId('options.appId', options.appId);
  const variables = { userId: options.userId, appId: options.appId };
  return (await context.transport.graphql(SendFirstLoginVerifyEmailDocument, variables, requestOptions)).sendFirstLoginVerifyEmail;
}

/** v3 `POST /api/v3/resign-user`. */
export async function resign(context: ClientContext, userId: string, requestOptions?: RequestOptions): Promise<IsSuccess> {
  requireId('userId', userId);
  return context.transport.rest.POST('/api/v3/resign-user', { body: { userId } }, requestOptions);
}

/** v3 `POST /api/v3/resign-user-batch`. */
export async function resignMany(context: ClientContext, userIds: string[], requestOptions?: RequestOptions): Promise<IsSuccess> {
  requireIds('userIds', userIds);
  return context.transport.rest.POST('/api/v3/resign-user-batch', { body: { userIds } }, requestOptions);
}
