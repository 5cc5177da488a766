import Provider, { errors, type KoaContextWithOIDC } from 'oidc-provider';
import type { ServerState } from '../context.js';
import { AuthingServerError } from '../errors.js';
import { accountIdentifier, loginSession } from '../services/authentication.js';
import { mfaChallengeFor } from '../services/mfa-login.js';
import { accountFinder } from './account.js';
import { poolOfClient } from './clients.js';
import { AUTHING_TOKEN_GRANT, loginTokenUser } from './login-token.js';

/** The scopes authing-local's provider knows (oidc/provider.ts passes them to oidc-provider too). */
export const SUPPORTED_SCOPES = new Set(['openid', 'offline_access', 'profile', 'username', 'email', 'phone', 'address']);

/** `invalid_grant` with the reason as `error_description` (oidc-provider's InvalidGrant keeps it private). */
const refused = (description: string) => new errors.CustomOIDCProviderError('invalid_grant', description);

/** In the language the client asks for with x-authing-lang (as the API answers), English otherwise. */
const langOf = (ctx: KoaContextWithOIDC) => (ctx.get('x-authing-lang').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US');

/**
 * Answers the token set for a user signed in by a grant of authing-local's own (password,
 * authing_token): a new grant of the asked scopes (those the provider knows), a stored JWT access
 * token, a refresh token with `offline_access` when the app allows the refresh_token grant, and an
 * id_token with `openid`.
 */
async function issueForUser(provider: Provider, findAccount: ReturnType<typeof accountFinder>, ctx: KoaContextWithOIDC, userId: string, gty: string, amr: string[] | undefined): Promise<void> {
  const client = ctx.oidc.client!;
  const requested = ((ctx.oidc.params as { scope?: string }).scope ?? 'openid').split(' ').filter(Boolean);
  const scope = requested.filter((s) => SUPPORTED_SCOPES.has(s)).join(' ');
  const account = await findAccount(ctx, userId);
  if (!account) throw refused('the account is not available');
  const grant = new provider.Grant({ accountId: userId, clientId: client.clientId });
  grant.addOIDCScope(scope);
  const grantId = await grant.save();
  ctx.oidc.entity('Account', account);
  ctx.oidc.entity('Grant', grant);
  const at = new provider.AccessToken({ accountId: userId, client, grantId, gty, scope });
  ctx.oidc.entity('AccessToken', at);
  const accessToken = await at.save();
  let refreshToken: string | undefined;
  if (requested.includes('offline_access') && client.grantTypeAllowed('refresh_token')) {
    refreshToken = await new provider.RefreshToken({ accountId: userId, client, grantId, gty, scope, rotations: 0 }).save();
  }
  let idToken: string | undefined;
  if (requested.includes('openid')) {
    const token = new provider.IdToken({ ...(await account.claims('id_token', scope, {}, [])), sub: userId, ...(amr ? { amr } : {}), auth_time: Math.floor(Date.now() / 1000) }, { ctx });
    // The claims the granted scopes release (oidc-provider's IdToken reads `scope`, untyped).
    (token as unknown as { scope: string }).scope = scope;
    idToken = await token.issue({ use: 'idtoken' });
  }
  ctx.body = { access_token: accessToken, expires_in: at.expiration, id_token: idToken, refresh_token: refreshToken, scope, token_type: 'Bearer' };
}

/**
 * The grants authing-local adds to oidc-provider's:
 * - `password` (`username` as a username, email or phone): the same password login as
 *   `loginByUsername` (lockout, blocked users, the app's access policy). A user who must pass MFA
 *   cannot take this path (the grant has no second step): `invalid_grant`.
 * - {@link AUTHING_TOKEN_GRANT} (`token`, `scope`): a login token of the app's pool becomes OIDC
 *   tokens; a logged-out, foreign or forged one is `invalid_grant`.
 */
export function registerUserGrants(provider: Provider, state: ServerState): void {
  const findAccount = accountFinder(state.store);
  provider.registerGrantType(
    'password',
    async (ctx: KoaContextWithOIDC) => {
      const client = ctx.oidc.client!;
      const params = ctx.oidc.params as { username?: string; password?: string };
      const poolId = poolOfClient(client);
      if (!poolId) throw new errors.UnauthorizedClient('the password grant is for applications');
      if (!params.username || !params.password) throw new errors.InvalidRequest('username and password are required');
      const service = { store: state.store, poolId };
      let userId: string;
      try {
        const by = await accountIdentifier(service, params.username);
        const session = await loginSession(service, by, params.username, params.password, { appId: client.clientId, clientIp: ctx.ip });
        if (await mfaChallengeFor(service, session.user)) throw refused('the user must complete MFA: use the authorization code flow');
        userId = session.user.id;
      } catch (error) {
        if (error instanceof AuthingServerError) throw refused(error.messageFor(langOf(ctx)));
        throw error;
      }
      await issueForUser(provider, findAccount, ctx, userId, 'password', ['pwd']);
    },
    ['username', 'password', 'scope'],
  );
  provider.registerGrantType(
    AUTHING_TOKEN_GRANT,
    async (ctx: KoaContextWithOIDC) => {
      const token = (ctx.oidc.params as { token?: string }).token;
      if (!token) throw new errors.InvalidRequest('token is required');
      const userId = await loginTokenUser(state, token, ctx.oidc.client!.clientId);
      if (!userId) throw refused('the token is not a live login token of this application');
      await issueForUser(provider, findAccount, ctx, userId, AUTHING_TOKEN_GRANT, undefined);
    },
    ['token', 'scope', 'redirect_uri'],
  );
}
