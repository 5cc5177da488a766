/** The session's token: refreshing it, logging out and asking the server whether a token is still good. */
import { AuthingAuthenticationError } from '../../core/errors.js';
import type { RequestOptions } from '../../core/options.js';
import { CheckLoginStatusDocument, RefreshTokenDocument } from '../../generated/graphql.js';
import { answered } from '../context.js';
import type { LoginStatus, UserToken } from '../types.js';
import type { AuthContext } from './context.js';

export async function logout(ctx: AuthContext, requestOptions?: RequestOptions): Promise<void> {
  if (ctx.session.token === undefined) return;
  await endSession(ctx, () => ctx.transport.rest.GET('/api/v2/logout', { params: { query: { app_id: ctx.appId } } }, requestOptions));
}

/** `GET /logout?appId&deviceId=current` (the official SDK 4.23.55's request): this session only. */
export async function logoutCurrent(ctx: AuthContext, requestOptions?: RequestOptions): Promise<void> {
  if (ctx.session.token === undefined) return;
  await endSession(ctx, () => ctx.transport.rest.GET('/logout', { params: { query: { appId: ctx.appId, deviceId: 'current' } } }, requestOptions));
}

/** Runs a logout request and forgets the session, also when the server refuses the token. */
async function endSession(ctx: AuthContext, request: () => Promise<unknown>): Promise<void> {
  try {
    await request();
  } catch (error) {
    // A token the server refuses is no session worth keeping.
    if (error instanceof AuthingAuthenticationError) ctx.session.clear();
    throw error;
  }
  ctx.session.clear();
}

/** `M.refreshToken` without `id` (the session user): the new token becomes the session. */
export async function refreshToken(ctx: AuthContext, requestOptions?: RequestOptions): Promise<UserToken> {
  ctx.session.requireToken();
  const userId = ctx.session.userId();
  const refreshed = answered((await ctx.transport.graphql(RefreshTokenDocument, {}, requestOptions)).refreshToken, 'refreshToken');
  ctx.session.remember({ id: userId, token: refreshed.token });
  return refreshed;
}

export async function checkLoginStatus(ctx: AuthContext, token: string | undefined, requestOptions?: RequestOptions): Promise<LoginStatus | null> {
  const variables = { token: token ?? ctx.session.token };
  return (await ctx.transport.graphql(CheckLoginStatusDocument, variables, { ...requestOptions, auth: false })).checkLoginStatus;
}
