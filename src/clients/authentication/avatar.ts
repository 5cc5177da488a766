/**
 * The session user's avatar: the file is uploaded (`POST /api/v2/upload?folder=avatar`, multipart
 * field `file`), then its URL becomes the user's `photo` (`updateProfile`), as the official SDK
 * does. `updateAvatar` takes the bytes and works in Node and browsers; `uploadAvatar` opens the
 * browser's file picker first. Both are loaded on their first call (avatar-calls.ts).
 */
import type { RequestOptions } from '../../core/options.js';
import type { User } from '../types.js';
import type { AuthContext } from './context.js';

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

/** The upload and the file picker, loaded on the first call (see avatar-calls.ts). */
const calls = () => import('./avatar-calls.js');

export async function updateAvatar(ctx: AuthContext, file: AvatarFile, options: AvatarFileOptions = {}, requestOptions?: RequestOptions): Promise<User> {
  return (await calls()).updateAvatar(ctx, file, options, requestOptions);
}

export async function uploadAvatar(ctx: AuthContext, options: UploadAvatarOptions = {}, requestOptions?: RequestOptions): Promise<User> {
  return (await calls()).uploadAvatar(ctx, options, requestOptions);
}
