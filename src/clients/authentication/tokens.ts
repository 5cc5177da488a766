/** The session's token: logging out and asking the server whether a token is still good. */
import { AuthingAuthenticationError } from '../../core/errors.js';
import type { RequestOptions } from '../../core/options.js';
import { CheckLoginStatusDocument } from '../../generated/graphql.js';
import type { LoginStatus } from '../types.js';
import type { AuthContext } from './context.js';

export async function logout(ctx: AuthContext, requestOptions?: RequestOptions): Promise<void> {
  if (ctx.session.token === undefined) return;
  try {
    await ctx.transport.rest.GET('/api/v2/logout', { params: { query: { app_id: ctx.appId } } }, requestOptions);
  } catch (error) {
    // A token the server refuses is no session worth keeping.
    if (error instanceof AuthingAuthenticationError) ctx.session.clear();
    throw error;
  }
  ctx.session.clear();
}

export async function checkLoginStatus(ctx: AuthContext, token: string | undefined, requestOptions?: RequestOptions): Promise<LoginStatus | null> {
  const variables = { token: token ?? ctx.session.token };
  return (await ctx.transport.graphql(CheckLoginStatusDocument, variables, { ...requestOptions, auth: false })).checkLoginStatus;
}
