/**
 * The bodies of `auth.mfa`'s methods ({@link MfaAuthenticationClient} in mfa.ts), loaded on the
 * first call: mfa.ts keeps the public class, its TSDoc and signatures, and each method calls the
 * function of the same name here with the client's {@link AuthContext}.
 */
import { toAuthingError } from '../../core/errors.js';
import type { RequestOptions } from '../../core/options.js';
import type { CommonMessage, UserDetail } from '../types.js';
import { requireId } from '../validate.js';
import type { AuthContext } from './context.js';
import type { MfaAuthenticator, MfaTotpAssociation, MfaUser, TotpSource } from './mfa.js';
import { pickFile } from './pick-file.js';

/** The caller's options with `authorization` set to the mfaToken, when one is given. */
function withMfaToken(ctx: AuthContext, mfaToken: string | undefined, requestOptions: RequestOptions | undefined): RequestOptions | undefined {
  if (!mfaToken) {
    ctx.session.requireToken();
    return requestOptions;
  }
  return { ...requestOptions, headers: { ...requestOptions?.headers, authorization: `Bearer ${mfaToken}` } };
}

/** The operations that complete a login take the mfaToken itself. */
function challenge(mfaToken: string, requestOptions: RequestOptions | undefined): RequestOptions {
  requireId('mfaToken', mfaToken);
  return { ...requestOptions, headers: { ...requestOptions?.headers, authorization: `Bearer ${mfaToken}` } };
}

export async function getMfaAuthenticators(
  ctx: AuthContext,
  options: { type?: string; mfaToken?: string; source?: TotpSource } = {},
  requestOptions?: RequestOptions,
): Promise<MfaAuthenticator[]> {
  const { type = 'totp', mfaToken, source } = options;
  const query = source ? { type, source } : { type };
  return ctx.transport.rest.GET('/api/v2/mfa/authenticator', { params: { query } }, withMfaToken(ctx, mfaToken, requestOptions));
}

export async function assosicateMfaAuthenticator(
  ctx: AuthContext,
  options: { authenticatorType?: string; mfaToken?: string; source?: TotpSource } = {},
  requestOptions?: RequestOptions,
): Promise<MfaTotpAssociation> {
  const { authenticatorType = 'totp', mfaToken, source } = options;
  const body = { authenticator_type: authenticatorType, source };
  return ctx.transport.rest.POST('/api/v2/mfa/totp/associate', { body }, withMfaToken(ctx, mfaToken, requestOptions));
}

export async function deleteMfaAuthenticator(ctx: AuthContext, requestOptions?: RequestOptions): Promise<CommonMessage> {
  ctx.session.requireToken();
  const { code, message } = await ctx.transport.restEnvelope.DELETE('/api/v2/mfa/totp/associate', {}, requestOptions);
  return { code, message };
}

export async function confirmAssosicateMfaAuthenticator(
  ctx: AuthContext,
  options: { authenticatorType?: string; totp?: string; mfaToken?: string; source?: TotpSource },
  requestOptions?: RequestOptions,
): Promise<CommonMessage> {
  const { authenticatorType = 'totp', totp, mfaToken, source } = options ?? {};
  const body = { authenticator_type: authenticatorType, totp, source };
  const sent = withMfaToken(ctx, mfaToken, requestOptions);
  const { code, message } = await ctx.transport.restEnvelope.POST('/api/v2/mfa/totp/associate/confirm', { body }, sent);
  return { code, message };
}

export async function verifyTotpMfa(ctx: AuthContext, options: { totp: string; mfaToken: string }, requestOptions?: RequestOptions): Promise<MfaUser> {
  const sent = challenge(options?.mfaToken, requestOptions);
  return ctx.session.remember(await ctx.transport.rest.POST('/api/v2/mfa/totp/verify', { body: { totp: options.totp } }, sent));
}

export async function verifyTotpRecoveryCode(
  ctx: AuthContext,
  options: { recoveryCode: string; mfaToken: string },
  requestOptions?: RequestOptions,
): Promise<MfaUser> {
  const sent = challenge(options?.mfaToken, requestOptions);
  const body = { recoveryCode: options.recoveryCode };
  return ctx.session.remember(await ctx.transport.rest.POST('/api/v2/mfa/totp/recovery', { body }, sent));
}

export async function verifyAppSmsMfa(
  ctx: AuthContext,
  options: { phone: string; code: string; mfaToken: string },
  requestOptions?: RequestOptions,
): Promise<MfaUser> {
  const sent = challenge(options?.mfaToken, requestOptions);
  requireId('phone', options.phone);
  requireId('code', options.code);
  const body = { phone: options.phone, code: options.code };
  return ctx.session.remember(await ctx.transport.rest.POST('/api/v2/applications/mfa/sms/verify', { body }, sent));
}

export async function verifyAppEmailMfa(
  ctx: AuthContext,
  options: { email: string; code: string; mfaToken: string },
  requestOptions?: RequestOptions,
): Promise<MfaUser> {
  const sent = challenge(options?.mfaToken, requestOptions);
  requireId('email', options.email);
  requireId('code', options.code);
  const body = { email: options.email, code: options.code };
  return ctx.session.remember(await ctx.transport.rest.POST('/api/v2/applications/mfa/email/verify', { body }, sent));
}

export async function phoneOrEmailBindable(
  ctx: AuthContext,
  options: { phone?: string; email?: string; mfaToken: string },
  requestOptions?: RequestOptions,
): Promise<boolean> {
  const sent = challenge(options?.mfaToken, requestOptions);
  const body = { phone: options.phone, email: options.email };
  return ctx.transport.rest.POST('/api/v2/applications/mfa/check', { body }, sent);
}

export async function associateFaceByUrl(
  ctx: AuthContext,
  options: { baseFace: string; compareFace: string; mfaToken?: string },
  requestOptions?: RequestOptions,
): Promise<UserDetail> {
  const body = { photoA: options?.baseFace, photoB: options?.compareFace, isExternal: true };
  return ctx.transport.rest.POST('/api/v2/mfa/face/associate', { body }, withMfaToken(ctx, options?.mfaToken, requestOptions));
}

export async function associateFaceByBlob(
  ctx: AuthContext,
  options: { baseFace: Blob; compareFace?: Blob; mfaToken?: string },
  requestOptions?: RequestOptions,
): Promise<UserDetail> {
  const sent = withMfaToken(ctx, options?.mfaToken, requestOptions);
  const photoA = await upload(ctx, options.baseFace, sent);
  const photoB = options.compareFace ? await upload(ctx, options.compareFace, sent) : photoA;
  return ctx.transport.rest.POST('/api/v2/mfa/face/associate', { body: { photoA, photoB } }, sent);
}

export async function associateFaceByLocalFile(ctx: AuthContext, mfaToken?: string, requestOptions?: RequestOptions): Promise<UserDetail> {
  if (typeof document === 'undefined') {
    throw toAuthingError({ kind: 'validation', argument: 'associateFaceByLocalFile', message: 'associateFaceByLocalFile opens a browser file picker; outside a browser call associateFaceByBlob' });
  }
  const file = await pickFile('.jpeg,.jpg,.png,.bmp');
  return associateFaceByBlob(ctx, { baseFace: file, mfaToken }, requestOptions);
}

export async function verifyFaceMfa(ctx: AuthContext, photo: string, mfaToken: string, requestOptions?: RequestOptions): Promise<MfaUser> {
  const sent = challenge(mfaToken, requestOptions);
  return ctx.session.remember(await ctx.transport.rest.POST('/api/v2/mfa/face/verify', { body: { photo } }, sent));
}

async function upload(ctx: AuthContext, file: Blob, requestOptions: RequestOptions | undefined): Promise<string> {
  if (typeof Blob === 'undefined' || !(file instanceof Blob)) {
    throw toAuthingError({ kind: 'validation', argument: 'baseFace', message: 'baseFace and compareFace must be Blobs' });
  }
  const form = new FormData();
  form.append('file', file, 'face');
  // openapi-fetch sends a FormData as it is (as the avatar upload does): the body type describes its fields.
  const body = form as unknown as { file: string };
  return (await ctx.transport.rest.POST('/api/v2/upload', { params: { query: { folder: 'face-photo' } }, body }, requestOptions)).key;
}
