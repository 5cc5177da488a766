/**
 * The implementation of the avatar calls ({@link AuthenticationClient.updateAvatar},
 * {@link AuthenticationClient.uploadAvatar}), loaded on the first call: the upload and the browser
 * file picker. Only avatar.ts loads it, with `import()`.
 */
import { toAuthingError } from '../../core/errors.js';
import type { RequestOptions } from '../../core/options.js';
import type { User } from '../types.js';
import type { AvatarFile, AvatarFileOptions, UploadAvatarOptions } from './avatar.js';
import type { AuthContext } from './context.js';
import { pickFile } from './pick-file.js';
import { updateProfile } from './profile.js';

function toBlob(file: AvatarFile, contentType: string | undefined): Blob {
  if (typeof Blob !== 'undefined' && file instanceof Blob) return contentType ? new Blob([file], { type: contentType }) : file;
  if (file instanceof ArrayBuffer) return new Blob([file.slice(0)], { type: contentType ?? '' });
  if (file instanceof Uint8Array) return new Blob([new Uint8Array(file)], { type: contentType ?? '' });
  throw toAuthingError({ kind: 'validation', argument: 'file', message: 'file must be a Blob, File, ArrayBuffer or Uint8Array' });
}

export async function updateAvatar(ctx: AuthContext, file: AvatarFile, options: AvatarFileOptions = {}, requestOptions?: RequestOptions): Promise<User> {
  ctx.session.requireToken();
  const blob = toBlob(file, options.contentType);
  const form = new FormData();
  const ownName = typeof File !== 'undefined' && file instanceof File ? file.name : undefined;
  form.append('file', blob, options.filename || ownName || 'avatar');
  // The OpenAPI body type describes the multipart fields; openapi-fetch sends a FormData as it is,
  // and fetch sets its multipart boundary: the one place a body is not the typed JSON.
  const body = form as unknown as { file: string };
  const uploaded = await ctx.transport.rest.POST('/api/v2/upload', { params: { query: { folder: 'avatar' } }, body }, requestOptions);
  return updateProfile(ctx, { photo: uploaded.url }, requestOptions);
}

export async function uploadAvatar(ctx: AuthContext, options: UploadAvatarOptions = {}, requestOptions?: RequestOptions): Promise<User> {
  if (typeof document === 'undefined') {
    throw toAuthingError({
      kind: 'validation',
      argument: 'uploadAvatar',
      message: 'uploadAvatar opens a browser file picker; outside a browser call updateAvatar(file) with the bytes',
    });
  }
  ctx.session.requireToken();
  return updateAvatar(ctx, await pickFile(options.accept || 'image/*'), {}, requestOptions);
}
