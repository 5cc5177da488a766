import { Errors } from '../../errors.js';
import { loginTokenUser } from '../../oidc/login-token.js';
import { ServiceErrors } from '../../services/errors.js';
import { identitiesOf, unlinkExtIdp } from '../../services/user-identities.js';
import { routes } from '../typed.js';

/**
 * The social identity links of the logged-in user (`auth.social`, v3 paths as the official SDK
 * 4.23.55 sends them): the identities authing-local stores (linked with `users.linkIdentity` or
 * `linkAccount`), removing those of one external IdP, and the URL that starts a new link.
 */
export const identityRoutes = routes({
  async getIdentities(_input, rc) {
    const { service, userId } = await rc.user();
    return identitiesOf(service.store.db, userId);
  },
  async unlinkExtIdp({ body }, rc) {
    const { service, userId } = await rc.user();
    await unlinkExtIdp(service, userId, body.extIdpId);
    return { success: true };
  },
  async generateLinkExtIdpUrl({ query }, rc) {
    const { ext_idp_conn_identifier: identifier, id_token: idToken, app_id: appId } = query;
    if (!(await loginTokenUser(rc.state, idToken, appId))) throw Errors.notLoggedIn();
    const app = await rc.state.store.db.selectFrom('applications').select('userpool_id').where('id', '=', appId).executeTakeFirstOrThrow();
    const connection = await rc.state.store.db.selectFrom('ext_idp_connections').select('identifier').where('userpool_id', '=', app.userpool_id).where('identifier', '=', identifier).executeTakeFirst();
    if (!connection) throw ServiceErrors.extIdpConnectionNotFound();
    const url = new URL(`${rc.state.issuer}/connections/social/${encodeURIComponent(connection.identifier)}`);
    url.search = new URLSearchParams({ app_id: appId, action: 'link', id_token: idToken }).toString();
    return { url: url.href };
  },
});
