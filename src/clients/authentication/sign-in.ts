/** Registration and password login: the inputs the official SDKs send, with the password RSA-encrypted. */
import type { RequestOptions } from '../../core/options.js';
import {
  LoginByEmailDocument,
  LoginByPhonePasswordDocument,
  LoginByUsernameDocument,
  RegisterByEmailDocument,
  RegisterByUsernameDocument,
} from '../../generated/graphql.js';
import { answered } from '../context.js';
import type { RegisterProfile, User } from '../types.js';
import { requireId } from '../validate.js';
import type { AuthContext } from './context.js';
import type { LoggedInUser, LoginOptions, RegisterOptions, SignInOptions } from './types.js';

export async function registerByUsername(ctx: AuthContext, username: string, password: string, profile: RegisterProfile | undefined, options: RegisterOptions, requestOptions?: RequestOptions): Promise<User> {
  requireId('username', username);
  requireId('password', password);
  const registration = await registerInput(ctx, password, profile, options, requestOptions);
  const input = { username, ...registration, emailToken: options.emailToken };
  const { registerByUsername: user } = await ctx.transport.graphql(RegisterByUsernameDocument, { input }, requestOptions);
  return ctx.session.remember(answered(user, 'user'));
}

export async function registerByEmail(ctx: AuthContext, email: string, password: string, profile: RegisterProfile | undefined, options: RegisterOptions, requestOptions?: RequestOptions): Promise<User> {
  requireId('email', email);
  requireId('password', password);
  const input = { email, ...(await registerInput(ctx, password, profile, options, requestOptions)) };
  const { registerByEmail: user } = await ctx.transport.graphql(RegisterByEmailDocument, { input }, requestOptions);
  return ctx.session.remember(answered(user, 'user'));
}

export async function loginByUsername(ctx: AuthContext, username: string, password: string, options: LoginOptions, requestOptions?: RequestOptions): Promise<LoggedInUser> {
  requireId('username', username);
  requireId('password', password);
  const input = { username, ...(await loginInput(ctx, password, options, requestOptions)) };
  const { loginByUsername: user } = await ctx.transport.graphql(LoginByUsernameDocument, { input }, requestOptions);
  return ctx.session.remember(answered(user, 'user'));
}

export async function loginByEmail(ctx: AuthContext, email: string, password: string, options: LoginOptions, requestOptions?: RequestOptions): Promise<LoggedInUser> {
  requireId('email', email);
  requireId('password', password);
  const input = { email, ...(await loginInput(ctx, password, options, requestOptions)) };
  const { loginByEmail: user } = await ctx.transport.graphql(LoginByEmailDocument, { input }, requestOptions);
  return ctx.session.remember(answered(user, 'user'));
}

export async function loginByPhonePassword(ctx: AuthContext, phone: string, password: string, options: LoginOptions, requestOptions?: RequestOptions): Promise<LoggedInUser> {
  requireId('phone', phone);
  requireId('password', password);
  const input = { phone, ...(await loginInput(ctx, password, options, requestOptions)) };
  const { loginByPhonePassword: user } = await ctx.transport.graphql(LoginByPhonePasswordDocument, { input }, requestOptions);
  return ctx.session.remember(answered(user, 'user'));
}

/** The fields every registration input shares, the password encrypted. */
export async function registerInput(ctx: AuthContext, password: string, profile: RegisterProfile | undefined, options: RegisterOptions, requestOptions?: RequestOptions) {
  const { forceLogin, generateToken, phoneToken } = options;
  return { ...(await signInInput(ctx, password, options, requestOptions)), profile, forceLogin, generateToken, phoneToken };
}

/** The fields every password-login input shares, the password encrypted. */
export async function loginInput(ctx: AuthContext, password: string, options: LoginOptions, requestOptions?: RequestOptions) {
  const { autoRegister, captchaCode } = options;
  return { ...(await signInInput(ctx, password, options, requestOptions)), autoRegister, captchaCode };
}

/** `password` encrypted, plus clientIp, `params` (custom data) and `context` as the official SDKs encode them. */
export async function signInInput(ctx: AuthContext, password: string, options: SignInOptions, requestOptions?: RequestOptions) {
  return { password: await ctx.passwords.encrypt(password, requestOptions), ...signInExtras(options) };
}

/** clientIp, custom data as `params` (a JSON string of `[{ key, value }]`) and `context` as a JSON string. */
export function signInExtras(options: SignInOptions) {
  const { clientIp, customData, context } = options;
  return {
    clientIp,
    params: customData ? JSON.stringify(Object.entries(customData).map(([key, value]) => ({ key, value }))) : undefined,
    context: context ? JSON.stringify(context) : undefined,
  };
}
