/** Registration and login by a one-time code sent by SMS (`sendSmsCode`) or mail (`sendEmail`). */
import type { RequestOptions } from '../../core/options.js';
import { LoginByPhoneCodeDocument, RegisterByPhoneCodeDocument } from '../../generated/graphql.js';
import { answered } from '../context.js';
import type { RegisterProfile, User, UserDetail } from '../types.js';
import { requireId } from '../validate.js';
import type { AuthContext } from './context.js';
import { signInExtras } from './sign-in.js';
import type { EmailCodeLoginOptions, EmailCodeRegisterOptions, PhoneCodeLoginOptions, PhoneCodeRegisterOptions } from './sign-in-types.js';
import type { LoggedInUser } from './types.js';

export async function registerByPhoneCode(
  ctx: AuthContext,
  phone: string,
  code: string,
  password: string | undefined,
  profile: RegisterProfile | undefined,
  options: PhoneCodeRegisterOptions,
  requestOptions?: RequestOptions,
): Promise<User> {
  requireId('phone', phone);
  requireId('code', code);
  const { forceLogin, generateToken, phoneCountryCode, emailToken } = options;
  const encrypted = password ? await ctx.passwords.encrypt(password, requestOptions) : undefined;
  const input = { phone, code, phoneCountryCode, password: encrypted, profile, forceLogin, generateToken, emailToken, ...signInExtras(options) };
  const { registerByPhoneCode: user } = await ctx.transport.graphql(RegisterByPhoneCodeDocument, { input }, requestOptions);
  return ctx.session.remember(answered(user, 'user'));
}

export async function registerByEmailCode(
  ctx: AuthContext,
  email: string,
  code: string,
  profile: RegisterProfile | undefined,
  options: EmailCodeRegisterOptions,
  requestOptions?: RequestOptions,
): Promise<UserDetail> {
  requireId('email', email);
  requireId('code', code);
  const { forceLogin, generateToken, phoneToken } = options;
  const body = { email, code, profile: profile ? { ...profile } : undefined, forceLogin, generateToken, phoneToken, ...signInExtras(options) };
  const user = await ctx.transport.rest.POST('/api/v2/register/email-code', { body }, { ...requestOptions, auth: false });
  return ctx.session.remember(user);
}

export async function loginByPhoneCode(ctx: AuthContext, phone: string, code: string, options: PhoneCodeLoginOptions, requestOptions?: RequestOptions): Promise<LoggedInUser> {
  requireId('phone', phone);
  requireId('code', code);
  const { phoneCountryCode, autoRegister } = options;
  const input = { phone, code, phoneCountryCode, autoRegister, ...signInExtras(options) };
  const { loginByPhoneCode: user } = await ctx.transport.graphql(LoginByPhoneCodeDocument, { input }, requestOptions);
  return ctx.session.remember(answered(user, 'user'));
}

export async function loginByEmailCode(ctx: AuthContext, email: string, code: string, options: EmailCodeLoginOptions, requestOptions?: RequestOptions): Promise<UserDetail> {
  requireId('email', email);
  requireId('code', code);
  const body = { email, code, ...signInExtras(options) };
  const user = await ctx.transport.rest.POST('/api/v2/login/email-code', { body }, { ...requestOptions, auth: false });
  return ctx.session.remember(user);
}
