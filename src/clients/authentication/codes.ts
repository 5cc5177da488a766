/** Verification codes by SMS and mail, for the flows that take one (login, registration, resets, bindings, MFA). */
import type { RequestOptions } from '../../core/options.js';
import { SendEmailDocument, type EmailScene } from '../../generated/graphql.js';
import type { CommonMessage } from '../types.js';
import { requireId } from '../validate.js';
import type { AuthContext } from './context.js';

export async function sendSmsCode(ctx: AuthContext, phone: string, phoneCountryCode: string | undefined, requestOptions?: RequestOptions): Promise<CommonMessage> {
  requireId('phone', phone);
  const body = phoneCountryCode ? { phone, phoneCountryCode } : { phone };
  const { code, message } = await ctx.transport.restEnvelope.POST('/api/v2/sms/send', { body }, requestOptions);
  return { code, message };
}

export async function sendEmail(ctx: AuthContext, email: string, scene: EmailScene, requestOptions?: RequestOptions): Promise<CommonMessage> {
  requireId('email', email);
  requireId('scene', scene);
  return (await ctx.transport.graphql(SendEmailDocument, { email, scene }, requestOptions)).sendEmail;
}
