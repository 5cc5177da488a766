/** `managementClient.principal`: real-name (principal) authentication of the pool's users by an administrator. */
import type { RequestOptions } from '../core/options.js';
import { bodyOf } from './authentication/principal-calls.js';
import type { PrincipalDetail, PrincipalInput } from './authentication/principal.js';
import type { ClientContext } from './context.js';
import { requireId } from './validate.js';

const PATH = '/api/v2/users/{userId}/management/principal_authentication';

/**
 * Real-name (principal) authentication of a user, as a person or an enterprise, with the same
 * checks as the user's own `auth.principal`. Get it from `managementClient.principal`.
 */
export class PrincipalManagementClient {
  readonly #context: ClientContext;

  private constructor(context: ClientContext) {
    this.#context = context;
  }

  /** @internal Built by {@link ManagementClient} only: the context is the SDK's, not part of the API. */
  static fromContext(context: ClientContext): PrincipalManagementClient {
    return new PrincipalManagementClient(context);
  }

  /**
   * A user's principal authentication.
   * @param userId - the user's id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the record, or null when the user has not been authenticated
   * @throws {@link AuthingValidationError} for a blank `userId`; {@link AuthingError} 2004 for an unknown user
   * @example
   * const detail = await management.principal.detail(userId);
   * console.log(detail?.principalType, detail?.principalName);
   */
  async detail(userId: string, requestOptions?: RequestOptions): Promise<PrincipalDetail | null> {
    requireId('userId', userId);
    return this.#context.transport.rest.GET(PATH, { params: { path: { userId } } }, requestOptions);
  }

  /**
   * Authenticates a user, once: as a person (name, resident id number, bank card) or as an
   * enterprise (name, unified social credit code, legal person). authing-local checks only the
   * numbers' formats and check digits, and does not store the bank card or legal person.
   * @param userId - the user's id
   * @param info - the person's or the enterprise's data, with the official SDK's names
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the recorded authentication
   * @throws {@link AuthingError} 3851 invalid id number, 3852 invalid bank card, 3853 invalid
   * enterprise code, 3854 authenticated already, 2004 unknown user, 400 a missing field
   * @example
   * await management.principal.authenticate(userId, {
   *   type: 'P',
   *   name: '张三',
   *   idCard: '11010519491231002X',
   *   bankCard: '6222020200001234567',
   * });
   */
  async authenticate(userId: string, info: PrincipalInput, requestOptions?: RequestOptions): Promise<PrincipalDetail> {
    requireId('userId', userId);
    const body = bodyOf(info);
    return this.#context.transport.rest.POST(PATH, { params: { path: { userId } }, body }, requestOptions);
  }
}
