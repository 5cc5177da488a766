/** The bodies of `auth.social` ({@link SocialAuthenticationClient} in social.ts), loaded on the first call. */
import type { RequestOptions } from '../../core/options.js';
import { requireId } from '../validate.js';
import type { AuthContext } from './context.js';
import type { SocialIdentity } from './social.js';

export async function getIdentities(ctx: AuthContext, requestOptions?: RequestOptions): Promise<SocialIdentity[]> {
  ctx.session.requireToken();
  return ctx.transport.rest.GET('/api/v3/get-identities', {}, requestOptions);
}

export async function unlinkExtIdp(ctx: AuthContext, params: { extIdpId: string }, requestOptions?: RequestOptions): Promise<{ success: boolean }> {
  requireId('extIdpId', params?.extIdpId);
  ctx.session.requireToken();
  return ctx.transport.rest.POST('/api/v3/unlink-extidp', { body: { extIdpId: params.extIdpId } }, requestOptions);
}

export async function generateLinkExtIdpUrl(ctx: AuthContext, params: { extIdpConnIdentifier: string; idToken: string }, requestOptions?: RequestOptions): Promise<{ url: string }> {
  requireId('extIdpConnIdentifier', params?.extIdpConnIdentifier);
  requireId('idToken', params.idToken);
  const query = { ext_idp_conn_identifier: params.extIdpConnIdentifier, id_token: params.idToken, app_id: ctx.appId };
  return ctx.transport.rest.GET('/api/v3/generate-link-extidp-url', { params: { query } }, { ...requestOptions, auth: false });
}
