/**
 * The session user's phone and email (each change proven by a verification code from
 * `sendSmsCode` / `sendEmail`), its security level, whether an account exists, and merging a
 * social account into a main one.
 */
import type { RequestOptions } from '../../core/options.js';
import {
  BindEmailDocument,
  BindPhoneDocument,
  IsUserExistsDocument,
  UnbindEmailDocument,
  UnbindPhoneDocument,
  UpdateEmailDocument,
  UpdatePhoneDocument,
} from '../../generated/graphql.js';
import type { components } from '../../generated/openapi.js';
import type { CommonMessage, User } from '../types.js';
import { requireId } from '../validate.js';
import type { AuthContext } from './context.js';

/** How well the session user's account is protected (`getSecurityLevel`). */
export interface SecurityLevel {
  /** Overall score, 0 to 100. */
  score: number;
  /** An email address is bound. */
  email: boolean;
  /** A phone number is bound. */
  phone: boolean;
  /** A password is set. */
  password: boolean;
  /** A personal MFA authenticator is bound. */
  mfa: boolean;
  /** 1 low, 2 middle, 3 high; null when the password was never rated. */
  passwordSecurityLevel: number | null;
}

/** The identifiers {@link AuthenticationClient.isUserExists} looks a user up by (any one that is given). */
export interface UserExistsQuery {
  username?: string;
  email?: string;
  phone?: string;
  externalId?: string;
}

/** A main account's token and the token of the social account to merge into it. */
export interface LinkAccountParams {
  primaryUserToken: string;
  secondaryUserToken: string;
}

/** A main account's token and the provider whose identities leave it (e.g. `wechat:pc`, `github`). */
export interface UnlinkAccountParams {
  primaryUserToken: string;
  provider: string;
}

// The handwritten interface is the OpenAPI schema: a drift fails to compile here.
type Generated = components['schemas']['SecurityLevel'];
const sameShape: [SecurityLevel, Generated] extends [Generated, SecurityLevel] ? true : never = true;
void sameShape;

/** Binding calls answer the session's own user: remembered as such. */
const mine = (ctx: AuthContext, user: User): User => ctx.session.remember(user, true);

export async function bindPhone(ctx: AuthContext, phone: string, phoneCode: string, phoneCountryCode?: string, requestOptions?: RequestOptions): Promise<User> {
  requireId('phone', phone);
  requireId('phoneCode', phoneCode);
  ctx.session.requireToken();
  return mine(ctx, (await ctx.transport.graphql(BindPhoneDocument, { phone, phoneCode, phoneCountryCode }, requestOptions)).bindPhone);
}

export async function bindEmail(ctx: AuthContext, email: string, emailCode: string, requestOptions?: RequestOptions): Promise<User> {
  requireId('email', email);
  requireId('emailCode', emailCode);
  ctx.session.requireToken();
  return mine(ctx, (await ctx.transport.graphql(BindEmailDocument, { email, emailCode }, requestOptions)).bindEmail);
}

export async function unbindPhone(ctx: AuthContext, requestOptions?: RequestOptions): Promise<User> {
  ctx.session.requireToken();
  return mine(ctx, (await ctx.transport.graphql(UnbindPhoneDocument, {}, requestOptions)).unbindPhone);
}

export async function unbindEmail(ctx: AuthContext, requestOptions?: RequestOptions): Promise<User> {
  ctx.session.requireToken();
  return mine(ctx, (await ctx.transport.graphql(UnbindEmailDocument, {}, requestOptions)).unbindEmail);
}

export interface UpdatePhoneArgs {
  phone: string;
  phoneCode: string;
  oldPhone?: string;
  oldPhoneCode?: string;
  phoneCountryCode?: string;
  oldPhoneCountryCode?: string;
}

export async function updatePhone(ctx: AuthContext, args: UpdatePhoneArgs, requestOptions?: RequestOptions): Promise<User> {
  requireId('phone', args.phone);
  requireId('phoneCode', args.phoneCode);
  ctx.session.requireToken();
  return mine(ctx, (await ctx.transport.graphql(UpdatePhoneDocument, args, requestOptions)).updatePhone);
}

export interface UpdateEmailArgs {
  email: string;
  emailCode: string;
  oldEmail?: string;
  oldEmailCode?: string;
}

export async function updateEmail(ctx: AuthContext, args: UpdateEmailArgs, requestOptions?: RequestOptions): Promise<User> {
  requireId('email', args.email);
  requireId('emailCode', args.emailCode);
  ctx.session.requireToken();
  return mine(ctx, (await ctx.transport.graphql(UpdateEmailDocument, args, requestOptions)).updateEmail);
}

export async function getSecurityLevel(ctx: AuthContext, requestOptions?: RequestOptions): Promise<SecurityLevel> {
  ctx.session.requireToken();
  return ctx.transport.rest.GET('/api/v2/users/me/security-level', {}, requestOptions);
}

export async function isUserExists(ctx: AuthContext, query: UserExistsQuery, requestOptions?: RequestOptions): Promise<boolean> {
  const { username, email, phone, externalId } = query;
  return (await ctx.transport.graphql(IsUserExistsDocument, { username, email, phone, externalId }, requestOptions)).isUserExists ?? false;
}

// Both calls are proven by the tokens in the body alone: the session token is not sent with them.
export async function linkAccount(ctx: AuthContext, params: LinkAccountParams, requestOptions?: RequestOptions): Promise<CommonMessage> {
  requireId('primaryUserToken', params.primaryUserToken);
  requireId('secondaryUserToken', params.secondaryUserToken);
  const body = { primaryUserToken: params.primaryUserToken, secondaryUserToken: params.secondaryUserToken };
  const { code, message } = await ctx.transport.restEnvelope.POST('/api/v2/users/link', { body }, { ...requestOptions, auth: false });
  return { code, message };
}

export async function unLinkAccount(ctx: AuthContext, params: UnlinkAccountParams, requestOptions?: RequestOptions): Promise<CommonMessage> {
  requireId('primaryUserToken', params.primaryUserToken);
  requireId('provider', params.provider);
  const body = { primaryUserToken: params.primaryUserToken, provider: params.provider };
  const { code, message } = await ctx.transport.restEnvelope.POST('/api/v2/users/unlink', { body }, { ...requestOptions, auth: false });
  return { code, message };
}
