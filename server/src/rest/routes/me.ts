import type { RequestContext } from '../../context.js';
import { Errors } from '../../errors.js';
import { linkAccounts, unlinkAccount } from '../../services/account-links.js';
import { ServiceErrors } from '../../services/errors.js';
import { securityLevel } from '../../services/security-level.js';
import { storeUpload, uploadUrl } from '../../services/uploads.js';
import { Reply } from '../router.js';
import { routes } from '../typed.js';

/**
 * The AuthenticationClient's REST calls about the caller's own account: its security level, the
 * avatar upload, and merging a social account into it (`/api/v2/users/link|unlink`).
 */

/** A user token given in the body, verified as the Bearer one is: 2020 unless it is a live user token of the pool the request names. */
async function userOfToken(rc: RequestContext, token: string) {
  const { pool, claims } = await rc.verify(token);
  if (claims.kind !== 'user') throw Errors.notLoggedIn();
  return { poolId: pool.id, userId: claims.userId };
}

const done = (rc: RequestContext, zh: string, en: string) => new Reply(null, rc.lang === 'en-US' ? en : zh);

/** The one file of a multipart body's `file` field (3923 for any other body). */
async function uploadedFile(request: Request): Promise<{ bytes: Uint8Array; filename: string }> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) throw ServiceErrors.noFile();
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw ServiceErrors.noFile();
  }
  const files = form.getAll('file');
  const file = files[0];
  if (files.length !== 1 || !(file instanceof Blob)) throw ServiceErrors.noFile();
  return { bytes: new Uint8Array(await file.arrayBuffer()), filename: file instanceof File ? file.name : '' };
}

export const meRoutes = routes({
  async getSecurityLevel(_input, rc) {
    const user = await rc.user();
    return securityLevel(user.service.store.db, user.service.poolId, user.userId);
  },

  /** Needs a user or management token (checked before the body is read). */
  async uploadFile({ query, request }, rc) {
    const principal = await rc.anyPrincipal();
    const { bytes, filename } = await uploadedFile(request);
    const stored = await storeUpload(principal.service, {
      userId: principal.kind === 'user' ? principal.userId : null,
      folder: query.folder,
      filename,
      bytes,
    });
    return { url: uploadUrl(rc.state.issuer, principal.service.poolId, stored.id), key: stored.id, size: stored.size, type: stored.contentType };
  },

  async linkAccount({ body }, rc) {
    const primary = await userOfToken(rc, body.primaryUserToken);
    const secondary = await userOfToken(rc, body.secondaryUserToken);
    if (primary.poolId !== secondary.poolId) throw Errors.notLoggedIn();
    await linkAccounts({ store: rc.state.store, poolId: primary.poolId }, primary.userId, secondary.userId);
    return done(rc, '绑定成功', 'Accounts linked');
  },

  async unlinkAccount({ body }, rc) {
    const primary = await userOfToken(rc, body.primaryUserToken);
    await unlinkAccount({ store: rc.state.store, poolId: primary.poolId }, primary.userId, body.provider);
    return done(rc, '解绑成功', 'Account unlinked');
  },
});
