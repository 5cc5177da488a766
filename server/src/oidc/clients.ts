import type { Adapter, AdapterPayload, ClientMetadata } from 'oidc-provider';
import type { Kysely } from 'kysely';
import { parseOidcConfig } from '../services/oidc-config.js';
import { AUTHING_TOKEN_GRANT } from './login-token.js';
import type { Database } from '../storage/tables.js';

/** Extra client metadata authing-local attaches to each client (the provider keeps it on the client). */
export const EXTRA_CLIENT_METADATA = ['userpool_id', 'authing_kind', 'access_token_expire', 'id_token_expire', 'refresh_token_expire', 'authorization_code_expire', 'skip_consent'] as const;

interface WithMetadata {
  metadata(): ClientMetadata;
}

/** The user pool a provider client (an app or a programmatic access account) belongs to. */
export function poolOfClient(client: WithMetadata): string | null {
  const id = client.metadata().userpool_id;
  return typeof id === 'string' ? id : null;
}

/** A number of the client's extra metadata (a lifetime), or the fallback. */
export function clientNumber(client: WithMetadata | undefined, key: (typeof EXTRA_CLIENT_METADATA)[number], fallback: number): number {
  const v = client?.metadata()[key];
  return typeof v === 'number' ? v : fallback;
}

/** Redirect URIs the provider can hold: absolute http(s) URLs without a fragment. */
function usableRedirects(uris: readonly string[]): string[] {
  return uris.filter((u) => {
    try {
      const url = new URL(u);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hash === '';
    } catch {
      return false;
    }
  });
}

const APP_GRANTS = new Set(['authorization_code', 'refresh_token', 'password', 'client_credentials', AUTHING_TOKEN_GRANT]);

/**
 * The provider's clients, read from the database on every lookup (so a changed secret, redirect
 * URI or setting applies at once): an application is a client by its id and secret with its
 * `oidcConfig`; a programmatic access account is a client by AK and SK with the client_credentials
 * grant only and its own token lifetime. A disabled account is no client, so its next token
 * request is `invalid_client`.
 */
export function clientAdapter(db: Kysely<Database>): Adapter {
  const none = async (): Promise<undefined> => undefined;
  return {
    async find(id: string): Promise<AdapterPayload | undefined> {
      const app = await db.selectFrom('applications').select(['id', 'userpool_id', 'secret', 'redirect_uris', 'oidc_config']).where('id', '=', id).executeTakeFirst();
      if (app) {
        const cfg = parseOidcConfig(app.oidc_config);
        const redirects = usableRedirects(JSON.parse(app.redirect_uris) as string[]);
        const grants = cfg.grant_types.filter((g) => APP_GRANTS.has(g) && (g !== 'authorization_code' || redirects.length > 0));
        const code = grants.includes('authorization_code');
        return {
          client_id: app.id,
          client_secret: app.secret,
          redirect_uris: redirects,
          post_logout_redirect_uris: usableRedirects(cfg.post_logout_redirect_uris),
          grant_types: grants,
          response_types: code ? ['code'] : [],
          token_endpoint_auth_method: cfg.token_endpoint_auth_method,
          introspection_endpoint_auth_method: cfg.introspection_endpoint_auth_method,
          revocation_endpoint_auth_method: cfg.revocation_endpoint_auth_method,
          id_token_signed_response_alg: cfg.id_token_signed_response_alg,
          userpool_id: app.userpool_id,
          authing_kind: 'app',
          access_token_expire: cfg.access_token_expire,
          id_token_expire: cfg.id_token_expire,
          refresh_token_expire: cfg.refresh_token_expire,
          authorization_code_expire: cfg.authorization_code_expire,
          skip_consent: cfg.skip_consent,
        } as AdapterPayload;
      }
      const account = await db.selectFrom('programmatic_access_accounts').select(['id', 'userpool_id', 'secret', 'token_lifetime', 'enabled']).where('id', '=', id).executeTakeFirst();
      if (!account || account.enabled !== 1) return undefined;
      return {
        client_id: account.id,
        client_secret: account.secret,
        redirect_uris: [],
        grant_types: ['client_credentials'],
        response_types: [],
        token_endpoint_auth_method: 'client_secret_post',
        introspection_endpoint_auth_method: 'client_secret_post',
        revocation_endpoint_auth_method: 'client_secret_post',
        userpool_id: account.userpool_id,
        authing_kind: 'programmatic',
        access_token_expire: account.token_lifetime,
      } as AdapterPayload;
    },
    upsert: none,
    findByUid: none,
    findByUserCode: none,
    consume: none,
    destroy: none,
    revokeByGrantId: none,
  };
}
