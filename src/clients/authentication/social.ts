/**
 * `auth.social`: the social identities linked to the session user (v3 paths, as the official SDK
 * 4.23.55 sends them). Signing in with a social provider (`authorize`) is not offered: it needs the
 * provider, which authing-local never contacts.
 */
import type { RequestOptions } from '../../core/options.js';
import type { components } from '../../generated/openapi.js';
import type { AuthContext } from './context.js';

/** A social or enterprise identity linked to a user (derived from the OpenAPI `Identity`). */
export type SocialIdentity = components['schemas']['Identity'];

/** The method bodies, loaded on the first call (see social-calls.ts). */
const calls = () => import('./social-calls.js');

/**
 * The session user's links to external identity providers. Built by {@link AuthenticationClient.social};
 * shares that client's session.
 * @example
 * const identities = await auth.social.getIdentities();
 */
export class SocialAuthenticationClient {
  readonly #ctx: AuthContext;

  /** @param ctx - the AuthenticationClient's shared state */
  constructor(ctx: AuthContext) {
    this.#ctx = ctx;
  }

  /**
   * The identities linked to the session user (`GET /api/v3/get-identities`).
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the identities, oldest first
   * @throws {@link AuthingAuthenticationError} without a session
   * @example
   * const providers = (await auth.social.getIdentities()).map((i) => i.provider);
   */
  async getIdentities(requestOptions?: RequestOptions): Promise<SocialIdentity[]> {
    return (await calls()).getIdentities(this.#ctx, requestOptions);
  }

  /**
   * Removes every identity of one external identity provider from the session user.
   * @param params - extIdpId: the external IdP's id (`Identity.extIdpId`)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ success: true }`
   * @throws {@link AuthingError} 3902 when the user has no identity of that IdP
   * @example
   * await auth.social.unlinkExtIdp({ extIdpId: 'EXT_IDP_ID' });
   */
  async unlinkExtIdp(params: { extIdpId: string }, requestOptions?: RequestOptions): Promise<{ success: boolean }> {
    return (await calls()).unlinkExtIdp(this.#ctx, params, requestOptions);
  }

  /**
   * The URL that links an external IdP connection to the user of a login token: open it in the
   * browser to go through the provider's sign-in.
   * @param params - extIdpConnIdentifier (the connection's identifier) and idToken (the user's login token)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ url }`
   * @throws {@link AuthingError} 2020 for a token that is not a live login token of the app's pool; 3812 for an unknown connection
   * @example
   * const { url } = await auth.social.generateLinkExtIdpUrl({ extIdpConnIdentifier: 'github-prod', idToken: 'LOGIN_TOKEN' });
   */
  async generateLinkExtIdpUrl(params: { extIdpConnIdentifier: string; idToken: string }, requestOptions?: RequestOptions): Promise<{ url: string }> {
    return (await calls()).generateLinkExtIdpUrl(this.#ctx, params, requestOptions);
  }
}
