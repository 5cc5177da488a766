import type { components } from '../generated/openapi.js';

/** What `POST /api/v2/applications/{appId}` may change of an app's protocol settings (schema-derived). */
export type OidcConfigUpdate = NonNullable<components['schemas']['OidcConfigUpdate']>;

/** An app's OIDC / OAuth 2.0 settings as the provider reads them: every key present. */
export type OidcAppConfig = Required<OidcConfigUpdate>;

/**
 * Authing's defaults for a new app: secrets in the body, RS256 id_tokens, a 10-minute code,
 * 14-day access and id tokens, 30-day refresh tokens, no consent page.
 */
export const OIDC_DEFAULTS: OidcAppConfig = {
  token_endpoint_auth_method: 'client_secret_post',
  introspection_endpoint_auth_method: 'client_secret_post',
  revocation_endpoint_auth_method: 'client_secret_post',
  id_token_signed_response_alg: 'RS256',
  grant_types: ['authorization_code', 'refresh_token', 'password', 'client_credentials', 'http://authing.cn/oidc/grant_type/authing_token'],
  authorization_code_expire: 600,
  access_token_expire: 1_209_600,
  id_token_expire: 1_209_600,
  refresh_token_expire: 2_592_000,
  skip_consent: true,
  post_logout_redirect_uris: [],
};

/** The stored settings (`applications.oidc_config`) over the defaults. */
export function parseOidcConfig(stored: string): OidcAppConfig {
  return { ...OIDC_DEFAULTS, ...(JSON.parse(stored) as OidcConfigUpdate) };
}

/** The stored text after a change: only keys that differ from the defaults are kept. */
export function mergeOidcConfig(stored: string, change: OidcConfigUpdate): string {
  const next: Record<string, unknown> = { ...(JSON.parse(stored) as OidcConfigUpdate) };
  for (const [key, value] of Object.entries(change)) if (value !== undefined) next[key] = value;
  return JSON.stringify(next);
}
