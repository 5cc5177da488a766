/** Login by sub-account and against user directories (LDAP, Windows AD; loaded on first use). */
import type { RequestOptions } from '../../core/options.js';
import { LoginBySubAccountDocument } from '../../generated/graphql.js';
import type { UserDetail } from '../types.js';
import { requireId } from '../validate.js';
import type { AuthContext } from './context.js';
import type { DirectoryLoginOptions, SubAccountLoginOptions } from './sign-in-types.js';
import type { LoggedInUser } from './types.js';

/** The LDAP and AD logins, loaded on their first call (see directory-sign-in-calls.ts). */
const calls = () => import('./directory-sign-in-calls.js');

export async function loginBySubAccount(ctx: AuthContext, account: string, password: string, options: SubAccountLoginOptions, requestOptions?: RequestOptions): Promise<LoggedInUser> {
  requireId('account', account);
  requireId('password', password);
  const variables = { account, password: await ctx.passwords.encrypt(password, requestOptions), captchaCode: options.captchaCode, clientIp: options.clientIp };
  const { loginBySubAccount: user } = await ctx.transport.graphql(LoginBySubAccountDocument, variables, requestOptions);
  return ctx.session.remember(user);
}

/** LDAP login: `POST /api/v2/ldap/verify-user`; the password is sent in plaintext, as the official SDKs send it. */
export async function loginByLdap(ctx: AuthContext, username: string, password: string, options: DirectoryLoginOptions, requestOptions?: RequestOptions): Promise<UserDetail> {
  return (await calls()).loginByLdap(ctx, username, password, options, requestOptions);
}

/** AD login: `POST {websocketHost}/api/v2/ad/verify-user` (Authing serves AD on its websocket host). */
export async function loginByAd(ctx: AuthContext, username: string, password: string, options: DirectoryLoginOptions, requestOptions?: RequestOptions): Promise<UserDetail> {
  return (await calls()).loginByAd(ctx, username, password, options, requestOptions);
}

/**
 * The host AD logins go to: `websocketHost` when given, else `https://ws.<domain of appHost minus
 * its first label>` as the official SDK derives it (`my-app.authing.cn` → `ws.authing.cn`). A host
 * with fewer than three labels, or an IP address, has no such sibling: AD logins then go to
 * `appHost` itself (authing-local serves every path on one host).
 */
export function websocketHostOf(appHost: string, websocketHost?: string): string {
  if (websocketHost) return websocketHost;
  const { hostname } = new URL(appHost);
  const labels = hostname.split('.');
  if (labels.length < 3 || /^[\d.]+$/.test(hostname) || hostname.includes(':')) return appHost;
  return `https://ws.${labels.slice(1).join('.')}`;
}
