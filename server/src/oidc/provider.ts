import { createHash } from 'node:crypto';
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { ServerState } from '../context.js';
import { accountFinder, SCOPE_CLAIMS } from './account.js';
import { sqlAdapter } from './adapter.js';
import { clientAdapter, clientNumber, EXTRA_CLIENT_METADATA } from './clients.js';
import { issueJwtAccessTokens, jtiReader } from './jwt-values.js';
import type { SigningJwk } from './keys.js';
import { registerUserGrants, SUPPORTED_SCOPES } from './user-grants.js';
import { OIDC_ROUTES, sessionCookieOf } from './routes.js';
import { escapeHtml, messagePage, PAGE_CSP, pageLang, t } from '../hosted/views.js';

/** Default lifetimes (seconds) where a client names none: Authing's app defaults. */
const DAY = 86_400;

/** Whether the authorization may proceed without a consent page: the app skips consent. */
async function loadExistingGrant(ctx: KoaContextWithOIDC) {
  const client = ctx.oidc.client!;
  const session = ctx.oidc.session!;
  const grantId = (ctx.oidc.result?.consent as { grantId?: string } | undefined)?.grantId ?? session.grantIdFor(client.clientId);
  const existing = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
  if (client.metadata().skip_consent !== true) return existing;
  // An app without a consent page is granted what it asks for (Authing's default), once per ask.
  const grant = existing ?? new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId! });
  grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(' '));
  const claims = [...(ctx.oidc.requestParamClaims ?? [])];
  if (claims.length > 0) grant.addOIDCClaims(claims);
  await grant.save();
  return grant;
}

/**
 * One oidc-provider instance configured as Authing's OIDC (or OAuth 2.0) provider under `prefix`
 * (`/oidc`, `/oauth`): Authing's endpoint paths, scopes and claims, the apps of every user pool as
 * clients (and programmatic access accounts for client_credentials), the hosted login page for
 * interactions, signed JWT access tokens, and storage and keys in the database.
 */
export async function createProvider(state: ServerState, prefix: string, keys: SigningJwk[], cookieSecret: string): Promise<Provider> {
  const db = state.store.db;
  const Adapter = sqlAdapter(db, jtiReader(keys));
  const clients = clientAdapter(db);
  const configuration: Configuration = {
    adapter: (name: string) => (name === 'Client' ? clients : new Adapter(name)),
    findAccount: accountFinder(state.store),
    jwks: { keys },
    cookies: {
      keys: [cookieSecret],
      names: { session: sessionCookieOf(prefix), interaction: `authing_interaction${prefix.replace('/', '_')}`, resume: `authing_resume${prefix.replace('/', '_')}` },
    },
    claims: Object.fromEntries(Object.entries(SCOPE_CLAIMS).map(([scope, claims]) => [scope, [...claims]])),
    scopes: [...SUPPORTED_SCOPES],
    routes: { ...OIDC_ROUTES },
    // Authing's id_token carries the profile claims its scopes grant, not only `sub`.
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: false },
      // An app learns about its own tokens only: another app's token (of its pool or another)
      // introspects as inactive, and revoking it is refused, so no app can end another's sessions.
      introspection: { enabled: true, allowedPolicy: async (ctx, client, token) => token.clientId === client.clientId },
      revocation: {
        enabled: true,
        allowedPolicy: async (ctx, client, token) => {
          if (token.clientId === client.clientId) return true;
          if (client.clientAuthMethod === 'none') return false;
          throw new errors.InvalidRequest('client is not authorized to revoke the presented token');
        },
      },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          const lang = pageLang(undefined, ctx.get('accept-language'));
          ctx.set('content-security-policy', PAGE_CSP);
          ctx.body = messagePage(lang, `${prefix}/assets/login.css`, t(lang, 'logoutTitle'), t(lang, 'logoutAsk'), `${form}<button type="submit" form="op.logoutForm" value="yes" name="logout" id="logout-yes">${t(lang, 'logoutYes')}</button>`);
        },
        postLogoutSuccessSource: async (ctx) => {
          const lang = pageLang(undefined, ctx.get('accept-language'));
          ctx.set('content-security-policy', PAGE_CSP);
          ctx.body = messagePage(lang, `${prefix}/assets/login.css`, t(lang, 'logoutTitle'), t(lang, 'loggedOut'));
        },
      },
    },
    enabledJWA: { idTokenSigningAlgValues: ['RS256', 'HS256'] },
    clientDefaults: { grant_types: ['authorization_code', 'refresh_token'], id_token_signed_response_alg: 'RS256', response_types: ['code'], token_endpoint_auth_method: 'client_secret_post' },
    extraClientMetadata: { properties: [...EXTRA_CLIENT_METADATA] },
    ttl: {
      AccessToken: (_ctx, _token, client) => clientNumber(client, 'access_token_expire', 14 * DAY),
      ClientCredentials: (_ctx, _token, client) => clientNumber(client, 'access_token_expire', 14 * DAY),
      IdToken: (_ctx, _token, client) => clientNumber(client, 'id_token_expire', 14 * DAY),
      RefreshToken: (_ctx, _token, client) => clientNumber(client, 'refresh_token_expire', 30 * DAY),
      AuthorizationCode: (_ctx, _token, client) => clientNumber(client, 'authorization_code_expire', 600),
      Interaction: 3600,
      Session: 14 * DAY,
      Grant: 30 * DAY,
    },
    interactions: { url: (_ctx, interaction) => `${prefix}/interaction/${interaction.uid}` },
    loadExistingGrant,
    // Browsers may call the token and userinfo endpoints cross-origin from the app's own origins
    // (a public client's PKCE flow); a confidential client's secret never belongs in a browser.
    clientBasedCORS: (ctx, origin, client) => {
      if (origin === 'null') return false;
      if (ctx.oidc.route !== 'userinfo' && client.clientAuthMethod !== 'none') return false;
      return client.redirectUris?.some((uri) => URL.parse(uri)?.origin === origin) ?? false;
    },
    // A refresh token for `offline_access`, when the app allows the grant.
    issueRefreshToken: async (_ctx, client, code) => client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    renderError: async (ctx, out) => {
      const lang = pageLang(ctx.oidc?.params?.ui_locales, ctx.get('accept-language'));
      ctx.type = 'html';
      ctx.set('content-security-policy', PAGE_CSP);
      const text = Object.entries(out)
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join('\n');
      ctx.body = messagePage(lang, `${prefix}/assets/login.css`, t(lang, 'errorTitle'), text, `<pre id="oauth-error">${escapeHtml(String(out.error ?? ''))}</pre>`);
    },
  };
  const provider = new Provider(`${state.issuer}${prefix}`, configuration);
  provider.on('server_error', (_ctx: unknown, error: unknown) => state.log(error));
  registerUserGrants(provider, state);
  await issueJwtAccessTokens(provider, keys[0]!);
  return provider;
}

/** The key oidc-provider signs its cookies with, derived from the stored signing key (so it lasts as long as the key). */
export function cookieSecretOf(key: SigningJwk): string {
  return createHash('sha256').update(`authing-local cookies:${key.d ?? key.kid}`).digest('base64url');
}
