/** External identities linked to a user. The public docs are on {@link UsersClient}. */
import type { RequestOptions } from '../../core/options.js';
import type { ClientContext } from '../context.js';
import type { IdentityLink, IdentityUnlink } from '../types.js';
import { requireId } from '../validate.js';

/** REST `POST /api/v2/users/identity/link`. */
export async function link(context: ClientContext, options: IdentityLink, requestOptions?: RequestOptions): Promise<boolean> {
  requireId('options.userId', options.userId);
  requireId('options.identifier', options.identifier);
  requireId('options.userIdInIdp', options.userIdInIdp);
  return context.transport.rest.POST('/api/v2/users/identity/link', { body: { ...options } }, requestOptions);
}

/** REST `POST /api/v2/users/identity/unlink`. */
export async function unlink(context: ClientContext, options: IdentityUnlink, requestOptions?: RequestOptions): Promise<boolean> {
  requireId('options.userId', options.userId);
  requireId('options.identifier', options.identifier);
  return context.transport.rest.POST('/api/v2/users/identity/unlink', { body: { ...options } }, requestOptions);
}
