/**
 * `auth.principal`: real-name (principal) authentication of the session user, as a person or an
 * enterprise, over `GET|POST /api/v2/users/principal_authentication`.
 */
import type { RequestOptions } from '../../core/options.js';
import type { components } from '../../generated/openapi.js';
import type { AuthContext } from './context.js';

/** A recorded principal authentication (`type` P a person, E an enterprise). */
export type PrincipalDetail = components['schemas']['PrincipalDetail'];

/** What {@link PrincipalAuthenticationClient.authenticate} takes: a person's or an enterprise's data, as the official SDK names them. */
export type PrincipalInput =
  | {
      /** A person. */
      type: 'P';
      /** The person's name. */
      name: string;
      /** Resident id number (18 characters). */
      idCard: string;
      /** Bank card number. */
      bankCard: string;
    }
  | {
      /** An enterprise. */
      type: 'E';
      /** The enterprise's name. */
      enterpriseName: string;
      /** Unified social credit code, business registration number or organization code. */
      enterpriseCode: string;
      /** The legal person's name. */
      legalPersonName: string;
    };

/** The method bodies, loaded on the first call (see principal-calls.ts). */
const calls = () => import('./principal-calls.js');

/**
 * Real-name (principal) authentication of the session user. Built by
 * {@link AuthenticationClient.principal}; shares that client's session.
 * @example
 * const detail = await auth.principal.detail();
 * if (!detail) await auth.principal.authenticate({ type: 'P', name: '张三', idCard: '11010519491231002X', bankCard: '6222020200001234567' });
 */
export class PrincipalAuthenticationClient {
  readonly #ctx: AuthContext;

  /** @param ctx - the AuthenticationClient's shared state */
  constructor(ctx: AuthContext) {
    this.#ctx = ctx;
  }

  /**
   * The session user's principal authentication.
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the record, or null when the user has not been authenticated
   * @throws {@link AuthingError} {@link AuthingAuthenticationError} without a session
   * @example
   * const detail = await auth.principal.detail();
   * console.log(detail?.principalType, detail?.authenticationTime);
   */
  async detail(requestOptions?: RequestOptions): Promise<PrincipalDetail | null> {
    return (await calls()).detail(this.#ctx, requestOptions);
  }

  /**
   * Authenticates the session user, once: as a person (name, resident id number, bank card) or as
   * an enterprise (name, unified social credit code, legal person). The body is the official
   * SDK's `{ type, name, idCard, ext }`. authing-local checks only the numbers' formats and check
   * digits; it asks no government registry or bank, and does not store the bank card or legal
   * person.
   * @param info - the person's or the enterprise's data
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the recorded authentication
   * @throws {@link AuthingError} 3851 for an invalid id number, 3852 an invalid bank card, 3853 an
   * invalid enterprise code, 3854 when the user is authenticated already, 400 for a missing field
   * @example
   * const detail = await auth.principal.authenticate({
   *   type: 'E',
   *   enterpriseName: 'Example Ltd.',
   *   enterpriseCode: '91350100M000100Y43',
   *   legalPersonName: '李四',
   * });
   */
  async authenticate(info: PrincipalInput, requestOptions?: RequestOptions): Promise<PrincipalDetail> {
    return (await calls()).authenticate(this.#ctx, info, requestOptions);
  }
}
