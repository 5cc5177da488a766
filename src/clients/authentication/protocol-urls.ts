/**
 * The browser URLs of the identity protocols: where to send a user to sign in (authorize) and to
 * sign out. Pure string building, no request; the paths are Authing's (`/oidc/auth`,
 * `/oauth/auth`, `/api/v2/saml-idp/{appId}`, `/cas-idp/{appId}`, `/oidc/session/end`,
 * `/cas-idp/logout`, `/login/profile/logout`). Unlike the official SDK, every value is
 * URL-encoded and `state` / `nonce` come from the CSPRNG. `@opens` names the pages a builder's URLs
 * open (for docs/coverage.md).
 */
import { invalid, oneOf } from '../validate.js';
import { randomString } from './random.js';
import type { CodeChallengeMethod } from './pkce.js';

/** The protocols an AuthenticationClient speaks for the URL and token helpers. */
export const PROTOCOLS = ['oidc', 'oauth', 'saml', 'cas'] as const;

/** The protocol an AuthenticationClient speaks for the URL and token helpers. */
export type Protocol = (typeof PROTOCOLS)[number];

/** How the client proves itself to the token, introspection and revocation endpoints. */
export type TokenEndPointAuthMethod = 'client_secret_post' | 'client_secret_basic' | 'none';

/** The values of {@link TokenEndPointAuthMethod}, checked when the client is made. */
export const TOKEN_AUTH_METHODS: readonly TokenEndPointAuthMethod[] = ['client_secret_post', 'client_secret_basic', 'none'];

/** What the URL builders need of the client. */
export interface ProtocolSettings {
  readonly appId: string;
  readonly appHost: string;
  readonly protocol: Protocol;
  readonly redirectUri?: string;
}

/** Parameters of an OIDC authorization request (`protocol: 'oidc'`). */
export interface OidcAuthorizeParams {
  /** Another application's id (default: the client's). */
  appId?: string;
  /** Where the code is sent (default: the client's `redirectUri`). */
  redirectUri?: string;
  responseType?: 'code' | 'code id_token token' | 'code id_token' | 'code token' | 'id_token token' | 'id_token' | 'none';
  responseMode?: 'query' | 'fragment' | 'form_post';
  /** Default: 20 random characters. */
  state?: string;
  /** Default: 20 random characters. */
  nonce?: string;
  /** Default `openid profile email phone address`; one with `offline_access` also asks `prompt=consent` (needed for a refresh token). */
  scope?: string;
  /** From {@link getCodeChallengeDigest}. */
  codeChallenge?: string;
  codeChallengeMethod?: CodeChallengeMethod;
  tenantId?: string;
}

/** Parameters of an OAuth 2.0 authorization request (`protocol: 'oauth'`). */
export interface OauthAuthorizeParams {
  appId?: string;
  redirectUri?: string;
  responseType?: 'code' | 'token';
  state?: string;
  /** Default `user`. */
  scope?: string;
}

/** Parameters of a CAS login (`protocol: 'cas'`). */
export interface CasAuthorizeParams {
  /** Where CAS sends the ticket. */
  service?: string;
}

/** Any of the authorize parameter sets; which one applies follows the client's `protocol`. */
export type AuthorizeParams = OidcAuthorizeParams | OauthAuthorizeParams | CasAuthorizeParams;

/** Parameters of {@link buildLogoutUrl}. */
export interface LogoutUrlParams {
  /** OIDC only: use the protocol's RP-initiated logout (`/oidc/session/end`). */
  expert?: boolean;
  /** Where the user lands after logging out. With `expert`, needs `idToken` too. */
  redirectUri?: string;
  /** With `expert`: the id_token of the session (`id_token_hint`). */
  idToken?: string;
}

// Also in pkce.ts, which loads lazily: importing its list would pull it into the first chunk.
const CHALLENGE_METHODS: readonly CodeChallengeMethod[] = ['S256', 'plain'];

const base = (s: ProtocolSettings) => s.appHost.replace(/\/+$/, '');

function withQuery(url: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, v);
  const text = params.toString();
  return text ? `${url}?${text}` : url;
}

function redirectUriOf(s: ProtocolSettings, given: string | undefined): string {
  const uri = given || s.redirectUri;
  if (!uri) invalid('redirectUri', 'redirectUri is required: pass it here or as the client option redirectUri');
  return uri;
}

function oidcAuthorizeUrl(s: ProtocolSettings, p: OidcAuthorizeParams): string {
  const scope = p.scope || 'openid profile email phone address';
  if (p.codeChallengeMethod !== undefined) oneOf('codeChallengeMethod', p.codeChallengeMethod, CHALLENGE_METHODS);
  return withQuery(`${base(s)}/oidc/auth`, {
    nonce: p.nonce || randomString(20),
    state: p.state || randomString(20),
    scope,
    client_id: p.appId || s.appId,
    redirect_uri: redirectUriOf(s, p.redirectUri),
    response_type: p.responseType || 'code',
    response_mode: p.responseMode,
    code_challenge: p.codeChallenge,
    code_challenge_method: p.codeChallenge ? (p.codeChallengeMethod ?? 'S256') : undefined,
    tenant_id: p.tenantId,
    prompt: scope.split(/\s+/).includes('offline_access') ? 'consent' : undefined,
  });
}

function oauthAuthorizeUrl(s: ProtocolSettings, p: OauthAuthorizeParams): string {
  return withQuery(`${base(s)}/oauth/auth`, {
    state: p.state || randomString(20),
    scope: p.scope || 'user',
    client_id: p.appId || s.appId,
    redirect_uri: redirectUriOf(s, p.redirectUri),
    response_type: p.responseType || 'code',
  });
}

/**
 * The URL that starts a sign-in with the client's protocol.
 * @throws {@link AuthingValidationError} when an OIDC or OAuth request has no redirectUri
 * @opens GET /oidc/auth
 * @opens GET /oauth/auth
 * @opens GET /cas-idp/{appId}
 * @opens GET /api/v2/saml-idp/{appId}
 */
export function buildAuthorizeUrl(s: ProtocolSettings, params: AuthorizeParams = {}): string {
  switch (s.protocol) {
    case 'oidc':
      return oidcAuthorizeUrl(s, params as OidcAuthorizeParams);
    case 'oauth':
      return oauthAuthorizeUrl(s, params as OauthAuthorizeParams);
    case 'saml':
      return `${base(s)}/api/v2/saml-idp/${encodeURIComponent(s.appId)}`;
    case 'cas':
      return withQuery(`${base(s)}/cas-idp/${encodeURIComponent(s.appId)}`, { service: (params as CasAuthorizeParams).service });
  }
}

/**
 * The URL that signs the user out: CAS logout for `cas`, OIDC RP-initiated logout for `oidc` with
 * `expert`, else Authing's hosted logout.
 * @throws {@link AuthingValidationError} when `expert` is given only one of idToken and redirectUri
 * @opens GET /cas-idp/logout
 * @opens GET /oidc/session/end
 * @opens GET /login/profile/logout
 */
export function buildLogoutUrl(s: ProtocolSettings, params: LogoutUrlParams = {}): string {
  if (s.protocol === 'cas') return withQuery(`${base(s)}/cas-idp/logout`, { url: params.redirectUri });
  if (s.protocol === 'oidc' && params.expert) {
    if (!params.idToken !== !params.redirectUri) invalid(params.idToken ? 'redirectUri' : 'idToken', 'expert logout takes idToken and redirectUri together, or neither');
    return withQuery(`${base(s)}/oidc/session/end`, { id_token_hint: params.idToken, post_logout_redirect_uri: params.redirectUri });
  }
  return withQuery(`${base(s)}/login/profile/logout`, { redirect_uri: params.redirectUri });
}
