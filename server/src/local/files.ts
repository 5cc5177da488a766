/**
 * `GET /__local/files?userPoolId=&id=`: a file stored by `POST /api/v2/upload` (an avatar), with
 * the image type its bytes were recognized as. Public, as an `<img src>` needs it to be; the id is
 * random. This is the URL `upload` answers and `photo` then holds.
 */
import { readUpload } from '../services/uploads.js';
import { ServiceErrors } from '../services/errors.js';
import { localRoute } from './routes.js';

localRoute('GET', '/__local/files', async (_request, url, pool, state) => {
  const id = url.searchParams.get('id');
  if (!id) throw ServiceErrors.fileNotFound();
  const file = await readUpload(state.store.db, pool.id, id);
  return new Response(file.bytes, {
    status: 200,
    headers: {
      'content-type': file.contentType,
      'content-length': String(file.bytes.byteLength),
      // Served as the image it was recognized as, and never as a document.
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'",
      'cache-control': 'public, max-age=31536000, immutable',
    },
  });
});
