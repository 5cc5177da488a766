import { describe, expect, it } from 'vitest';
import { imageTypeOf, MAX_UPLOAD_BYTES, readUpload, storeUpload } from '../../src/services/uploads.js';
import { expectCode, fixture } from './helpers.js';

const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('uploads', () => {
  it('recognizes PNG, JPEG, GIF and WebP by their bytes, and nothing else', () => {
    expect(imageTypeOf(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(imageTypeOf(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(imageTypeOf(bytes('GIF87a', [1]))).toBe('image/gif');
    expect(imageTypeOf(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toBe('image/webp');
    expect(imageTypeOf(bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt '))).toBeNull();
    expect(imageTypeOf(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(imageTypeOf(bytes([0x89], 'PN'))).toBeNull();
    expect(imageTypeOf(new Uint8Array())).toBeNull();
  });

  it('stores a file per pool and reads it back; refuses a bad folder, a large file, another pool', async () => {
    const { ctx, store } = await fixture();
    const jpeg = bytes([0xff, 0xd8, 0xff, 0xdb, 1, 2, 3]);
    const stored = await storeUpload(ctx, { userId: null, bytes: jpeg, filename: '../../etc/passwd' });
    expect(stored).toMatchObject({ contentType: 'image/jpeg', size: 7 });
    expect(await readUpload(store.db, ctx.poolId, stored.id)).toEqual({ contentType: 'image/jpeg', bytes: jpeg });
    const row = await store.db.selectFrom('uploads').select(['filename', 'folder']).where('id', '=', stored.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ filename: '.._.._etc_passwd', folder: 'avatar' });
    await expectCode(readUpload(store.db, 'another-pool', stored.id), 3924);
    await expectCode(storeUpload(ctx, { userId: null, bytes: jpeg, folder: '../x' }), 400);
    const large = new Uint8Array(MAX_UPLOAD_BYTES + 1);
    large.set([0xff, 0xd8, 0xff]);
    await expectCode(storeUpload(ctx, { userId: null, bytes: large }), 3921);
    await store.close();
  });
});
