/**
 * The session user's avatar: the file is uploaded (`POST /api/v2/upload?folder=avatar`, multipart
 * field `file`), then its URL becomes the user's `photo` (`updateProfile`), as the official SDK
 * does. `updateAvatar` takes the bytes and works in Node and browsers; `uploadAvatar` opens the
 * browser's file picker first.
 */
import { toAuthingError } from '../../core/errors.js';
import type { RequestOptions } from '../../core/options.js';
import type { User } from '../types.js';
import type { AuthContext } from './context.js';
import { updateProfile } from './profile.js';

/** How {@link AuthenticationClient.updateAvatar} names and types the file it sends. */
export interface AvatarFileOptions {
  /** File name sent with the upload. Default: the `File`'s own name, else `avatar`. */
  filename?: string;
  /** Content type of bytes given as `ArrayBuffer` / `Uint8Array` (the server recognizes the image by its bytes anyway). */
  contentType?: string;
}

/** Options of {@link AuthenticationClient.uploadAvatar}. */
export interface UploadAvatarOptions {
  /** What the file picker offers (the `accept` attribute). Default `image/*`. */
  accept?: string;
}

/** An image as bytes or as a `Blob` / `File`. */
export type AvatarFile = Blob | ArrayBuffer | Uint8Array;

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

/** Waits for the user to pick one file in a browser file dialog. */
function pickFile(accept: string): Promise<File> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (file) resolve(file);
      else reject(toAuthingError({ kind: 'abort', message: 'No file was chosen' }));
    });
    input.addEventListener('cancel', () => reject(toAuthingError({ kind: 'abort', message: 'No file was chosen' })));
    input.click();
  });
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
