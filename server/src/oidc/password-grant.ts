import Provider, { errors, type KoaContextWithOIDC } from 'oidc-provider';
import { AuthingServerError } from '../errors.js';
import { accountIdentifier, loginSession } from '../services/authentication.js';
import { mfaChallengeFor } from '../services/mfa-login.js';
import type { Store } from '../storage/store.js';
import { accountFinder } from './account.js';
import { poolOfClient } from './clients.js';

/**
 * The resource owner password grant (`grant_type=password`, `username` as a username, email or
 * phone): the same password login as `loginByUsername` (lockout, blocked users, the app's access
 * policy), answered as a token set. A user who must pass MFA cannot take this path (the grant has no
 * second step), so it is refused with `invalid_grant`. A refresh token is issued with
 * `offline_access` when the app allows the refresh_token grant.
 */
export function registerPasswordGrant(provider: Provider, store: Store): void {
  const findAccount = accountFinder(store);
  provider.registerGrantType(
    'password',
    async (ctx: KoaContextWithOIDC) => {
      const client = ctx.oidc.client!;
      const params = ctx.oidc.params as { username?: string; password?: string; scope?: string };
      const poolId = poolOfClient(client);
      if (!poolId) throw new errors.UnauthorizedClient('the password grant is for applications');
      if (!params.username || !params.password) throw new errors.InvalidRequest('username and password are required');
      const service = { store, poolId };
      let userId: string;
      try {
        const by = await accountIdentifier(service, params.username);
        const session = await loginSession(service, by, params.username, params.password, { appId: client.clientId, clientIp: ctx.ip });
        if (await mfaChallengeFor(service, session.user)) throw refused('the user must complete MFA: use the authorization code flow');
        userId = session.user.id;
      } catch (error) {
        // In the language the client asks for with x-authing-lang (as the API answers), English otherwise.
        if (error instanceof AuthingServerError) throw refused(error.messageFor(ctx.get('x-authing-lang').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US'));
        throw error;
      }
      const requested = (params.scope ?? 'openid').split(' ').filter(Boolean);
      const scope = requested.filter((s) => SUPPORTED_SCOPES.has(s)).join(' ');
      const grant = new provider.Grant({ accountId: userId, clientId: client.clientId });
      grant.addOIDCScope(scope);
      const grantId = await grant.save();
      const account = await findAccount(ctx, userId);
      if (!account) throw new errors.InvalidGrant('the account is not available');
      ctx.oidc.entity('Account', account);
      ctx.oidc.entity('Grant', grant);
      const at = new provider.AccessToken({ accountId: userId, client, grantId, gty: 'password', scope });
      ctx.oidc.entity('AccessToken', at);
      const accessToken = await at.save();
      let refreshToken: string | undefined;
      if (requested.includes('offline_access') && client.grantTypeAllowed('refresh_token')) {
        const rt = new provider.RefreshToken({ accountId: userId, client, grantId, gty: 'password', scope, rotations: 0 });
        refreshToken = await rt.save();
      }
      let idToken: string | undefined;
      if (requested.includes('openid')) {
        const token = new provider.IdToken({ ...(await account.claims('id_token', scope, {}, [])), sub: userId, amr: ['pwd'], auth_time: Math.floor(Date.now() / 1000) }, { ctx });
        // The claims the granted scopes release (oidc-provider's IdToken reads `scope`, untyped).
        (token as unknown as { scope: string }).scope = scope;
        idToken = await token.issue({ use: 'idtoken' });
      }
      ctx.body = { access_token: accessToken, expires_in: at.expiration, id_token: idToken, refresh_token: refreshToken, scope, token_type: 'Bearer' };
    },
    ['username', 'password', 'scope'],
  );
}

/** `invalid_grant` with the reason as `error_description` (oidc-provider's InvalidGrant keeps it private). */
const refused = (description: string) => new errors.CustomOIDCProviderError('invalid_grant', description);

/** The scopes authing-local's provider knows (oidc/provider.ts passes them to oidc-provider too). */
export const SUPPORTED_SCOPES = new Set(['openid', 'offline_access', 'profile', 'username', 'email', 'phone', 'address']);
