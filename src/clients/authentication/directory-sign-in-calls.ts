/**
 * The implementation of the directory logins (LDAP, Windows AD), loaded on their first call. Only
 * directory-sign-in.ts loads it, with `import()`.
 */
import type { RequestOptions } from '../../core/options.js';
import type { UserDetail } from '../types.js';
import { requireId } from '../validate.js';
import type { AuthContext } from './context.js';
import type { DirectoryLoginOptions } from './sign-in-types.js';

/** LDAP login: `POST /api/v2/ldap/verify-user`; the password is sent in plaintext, as the official SDKs send it. */
export async function loginByLdap(ctx: AuthContext, username: string, password: string, options: DirectoryLoginOptions, requestOptions?: RequestOptions): Promise<UserDetail> {
  requireId('username', username);
  requireId('password', password);
  const body = { username, password, clientIp: options.clientIp, withCustomData: options.withCustomData };
  return ctx.session.remember(await ctx.transport.rest.POST('/api/v2/ldap/verify-user', { body }, requestOptions));
}

/** AD login: `POST {websocketHost}/api/v2/ad/verify-user` (Authing serves AD on its websocket host). */
export async function loginByAd(ctx: AuthContext, username: string, password: string, options: DirectoryLoginOptions, requestOptions?: RequestOptions): Promise<UserDetail> {
  requireId('username', username);
  requireId('password', password);
  const body = { username, password, clientIp: options.clientIp, withCustomData: options.withCustomData };
  return ctx.session.remember(await ctx.websocket().rest.POST('/api/v2/ad/verify-user', { body }, requestOptions));
}
