/**
 * The endpoint paths of the OIDC / OAuth 2.0 providers, below `/oidc` and `/oauth`: Authing's own.
 * oidc/provider.ts configures oidc-provider with them; scripts/coverage.ts asks {@link servesOidc}.
 */
export const OIDC_ROUTES = {
  authorization: '/auth',
  token: '/token',
  userinfo: '/me',
  introspection: '/token/introspection',
  revocation: '/token/revocation',
  end_session: '/session/end',
  jwks: '/.well-known/jwks.json',
} as const;

/** Which methods each endpoint answers (discovery included). */
const METHODS: Record<string, readonly string[]> = {
  [OIDC_ROUTES.authorization]: ['GET', 'POST'],
  [OIDC_ROUTES.token]: ['POST'],
  [OIDC_ROUTES.userinfo]: ['GET', 'POST'],
  [OIDC_ROUTES.introspection]: ['POST'],
  [OIDC_ROUTES.revocation]: ['POST'],
  [OIDC_ROUTES.end_session]: ['GET', 'POST'],
  [OIDC_ROUTES.jwks]: ['GET'],
  '/.well-known/openid-configuration': ['GET'],
};

/** Whether `METHOD /oidc/...` (or `/oauth/...`) is an endpoint of the providers. */
export function servesOidc(method: string, path: string): boolean {
  const m = /^\/(?:oidc|oauth)(\/.*)$/.exec(path);
  return !!m && (METHODS[m[1]!]?.includes(method) ?? false);
}

/** Where the protocol providers live: Authing's OIDC and OAuth 2.0 paths. */
export const PROTOCOL_PREFIXES = ['/oidc', '/oauth'] as const;

/** The session cookie name of the provider under `prefix`. */
export const sessionCookieOf = (prefix: string): string => `authing_session_${prefix.replace('/', '')}`;

/** The providers' session cookies: the hosted logout ends them too. */
export const PROTOCOL_SESSION_COOKIES = PROTOCOL_PREFIXES.map(sessionCookieOf);
