import { Errors } from '../errors.js';
import { newId, nowIso } from '../storage/ids.js';
import type { Db, ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';

/**
 * Files sent to `POST /api/v2/upload` (the official SDK's avatar upload): images only, recognized
 * by their bytes (never by the name or the type the client claims), at most
 * {@link MAX_UPLOAD_BYTES}, kept in the `uploads` table and served back with the type they were
 * recognized as. SVG is refused: it is a document that can carry script.
 */

/** The largest file accepted: 512 KiB (chosen; the whole request body is bounded at 1 MiB). */
export const MAX_UPLOAD_BYTES = 512 * 1024;

const SIGNATURES: ReadonlyArray<{ type: string; matches: (b: Uint8Array) => boolean }> = [
  { type: 'image/png', matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: 'image/jpeg', matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { type: 'image/gif', matches: (b) => ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a') },
  { type: 'image/webp', matches: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP') },
];

const startsWith = (b: Uint8Array, prefix: readonly number[]) => prefix.every((v, i) => b[i] === v);
const ascii = (b: Uint8Array, at: number, text: string) => [...text].every((c, i) => b[at + i] === c.charCodeAt(0));

/** The image type of `bytes`, or null for anything else. */
export function imageTypeOf(bytes: Uint8Array): string | null {
  return SIGNATURES.find((s) => s.matches(bytes))?.type ?? null;
}

const FOLDER = /^[A-Za-z0-9_-]{1,64}$/;

export interface UploadInput {
  /** The uploader (null for a management token). */
  userId: string | null;
  folder?: string | null;
  filename?: string | null;
  bytes: Uint8Array;
}

export interface StoredUpload {
  id: string;
  contentType: string;
  size: number;
}

/** Stores one image: 3921 when larger than {@link MAX_UPLOAD_BYTES}, 3922 when its bytes are no PNG, JPEG, GIF or WebP. */
export async function storeUpload(ctx: ServiceContext, input: UploadInput): Promise<StoredUpload> {
  const folder = input.folder || 'avatar';
  if (!FOLDER.test(folder)) throw Errors.invalidInput('folder must be 1 to 64 letters, digits, _ or -', 'folder 只能包含 1 到 64 个字母、数字、_ 或 -');
  if (input.bytes.byteLength > MAX_UPLOAD_BYTES) throw ServiceErrors.fileTooLarge(MAX_UPLOAD_BYTES);
  const contentType = imageTypeOf(input.bytes);
  if (!contentType) throw ServiceErrors.notAnImage();
  const id = newId();
  const filename = (input.filename ?? '').replace(/[^\w.\- ]/g, '_').slice(0, 128) || 'file';
  await ctx.store.write((tx) =>
    tx
      .insertInto('uploads')
      .values({
        id,
        userpool_id: ctx.poolId,
        user_id: input.userId,
        folder,
        filename,
        content_type: contentType,
        size: input.bytes.byteLength,
        bytes: input.bytes,
        created_at: nowIso(),
      })
      .execute(),
  );
  return { id, contentType, size: input.bytes.byteLength };
}

/** A stored file of the pool, or 3924. */
export async function readUpload(db: Db, poolId: string, id: string): Promise<{ contentType: string; bytes: Uint8Array<ArrayBuffer> }> {
  const row = await db.selectFrom('uploads').select(['content_type', 'bytes']).where('userpool_id', '=', poolId).where('id', '=', id).executeTakeFirst();
  if (!row) throw ServiceErrors.fileNotFound();
  return { contentType: row.content_type, bytes: new Uint8Array(row.bytes) };
}

/** Where authing-local serves a stored file (`GET /__local/files`, local/files.ts). */
export function uploadUrl(baseUrl: string, poolId: string, id: string): string {
  return `${baseUrl}/__local/files?userPoolId=${encodeURIComponent(poolId)}&id=${encodeURIComponent(id)}`;
}
