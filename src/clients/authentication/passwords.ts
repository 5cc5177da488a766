/**
 * Passwords of the end user: the pool's strength rule, reset by a code, the first-login and
 * forced-change resets, and changing the session user's password. Every password but the strength
 * check's is RSA-encrypted before it is sent, as the official SDKs do.
 */
import type { RequestOptions } from '../../core/options.js';
import {
  CheckPasswordStrengthDocument,
  ResetPasswordByFirstLoginTokenDocument,
  ResetPasswordByForceResetTokenDocument,
  ResetPasswordDocument,
  UpdatePasswordDocument,
} from '../../generated/graphql.js';
import { answered } from '../context.js';
import type { CommonMessage, User } from '../types.js';
import { requireId } from '../validate.js';
import type { AuthContext } from './context.js';

/** Whether a password passes the user pool's strength rule, and the rule's requirement when it does not. */
export interface CheckPasswordStrengthResult {
  valid: boolean;
  message: string | null;
}

/** The first-login token (error 1639 `data.token`) and the new password. */
export interface FirstLoginResetParams {
  token: string;
  password: string;
}

/** The forced-change token (error 2058 `data.token`), the current password and the new one. */
export interface ForceResetParams {
  token: string;
  oldPassword: string;
  newPassword: string;
}

export async function checkPasswordStrength(ctx: AuthContext, password: string, requestOptions?: RequestOptions): Promise<CheckPasswordStrengthResult> {
  if (typeof password !== 'string') requireId('password', password);
  return (await ctx.transport.graphql(CheckPasswordStrengthDocument, { password }, requestOptions)).checkPasswordStrength;
}

export async function resetPasswordByPhoneCode(
  ctx: AuthContext,
  phone: string,
  code: string,
  newPassword: string,
  phoneCountryCode: string | undefined,
  requestOptions?: RequestOptions,
): Promise<CommonMessage> {
  requireId('phone', phone);
  requireId('code', code);
  requireId('newPassword', newPassword);
  const variables = { phone, code, newPassword: await ctx.passwords.encrypt(newPassword, requestOptions), phoneCountryCode };
  return answered((await ctx.transport.graphql(ResetPasswordDocument, variables, requestOptions)).resetPassword, 'resetPassword');
}

export async function resetPasswordByEmailCode(ctx: AuthContext, email: string, code: string, newPassword: string, requestOptions?: RequestOptions): Promise<CommonMessage> {
  requireId('email', email);
  requireId('code', code);
  requireId('newPassword', newPassword);
  const variables = { email, code, newPassword: await ctx.passwords.encrypt(newPassword, requestOptions) };
  return answered((await ctx.transport.graphql(ResetPasswordDocument, variables, requestOptions)).resetPassword, 'resetPassword');
}

export async function resetPasswordByFirstLoginToken(ctx: AuthContext, params: FirstLoginResetParams, requestOptions?: RequestOptions): Promise<CommonMessage> {
  requireId('params.token', params?.token);
  requireId('params.password', params.password);
  const variables = { token: params.token, password: await ctx.passwords.encrypt(params.password, requestOptions) };
  const answer = await ctx.transport.graphql(ResetPasswordByFirstLoginTokenDocument, variables, requestOptions);
  return answered(answer.resetPasswordByFirstLoginToken, 'resetPasswordByFirstLoginToken');
}

export async function resetPasswordByForceResetToken(ctx: AuthContext, params: ForceResetParams, requestOptions?: RequestOptions): Promise<CommonMessage> {
  requireId('params.token', params?.token);
  requireId('params.oldPassword', params.oldPassword);
  requireId('params.newPassword', params.newPassword);
  const variables = {
    token: params.token,
    oldPassword: await ctx.passwords.encrypt(params.oldPassword, requestOptions),
    newPassword: await ctx.passwords.encrypt(params.newPassword, requestOptions),
  };
  const answer = await ctx.transport.graphql(ResetPasswordByForceResetTokenDocument, variables, requestOptions);
  return answered(answer.resetPasswordByForceResetToken, 'resetPasswordByForceResetToken');
}

export async function updatePassword(ctx: AuthContext, newPassword: string, oldPassword: string | undefined, requestOptions?: RequestOptions): Promise<User> {
  requireId('newPassword', newPassword);
  ctx.session.requireToken();
  const variables = {
    newPassword: await ctx.passwords.encrypt(newPassword, requestOptions),
    oldPassword: oldPassword ? await ctx.passwords.encrypt(oldPassword, requestOptions) : undefined,
  };
  return ctx.session.remember((await ctx.transport.graphql(UpdatePasswordDocument, variables, requestOptions)).updatePassword, true);
}
