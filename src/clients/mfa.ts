/** `managementClient.mfa`: the MFA factors of the pool's users, seen and changed by an administrator. */
import { toAuthingError } from '../core/errors.js';
import type { RequestOptions } from '../core/options.js';
import type { paths } from '../generated/openapi.js';
import type { ClientContext } from './context.js';
import { requireId } from './validate.js';

/** An MFA factor of a user: a TOTP authenticator app (`OTP`) or face recognition (`FACE`). */
export type UserMfaType = 'OTP' | 'FACE';

/** What {@link MfaManagementClient.importTotp} answers: the bound authenticator with its secret and recovery code. */
export type ImportedTotp = paths['/api/v2/mfa/totp/import']['post']['responses']['200']['content']['application/json']['data'];

const TYPES: readonly string[] = ['OTP', 'FACE'];

/**
 * The MFA factors of the pool's users: which a user has bound, removing one, and importing a
 * TOTP secret a user already has in an authenticator app. Get it from `managementClient.mfa`.
 */
export class MfaManagementClient {
  readonly #context: ClientContext;

  private constructor(context: ClientContext) {
    this.#context = context;
  }

  /** @internal Built by {@link ManagementClient} only: the context is the SDK's, not part of the API. */
  static fromContext(context: ClientContext): MfaManagementClient {
    return new MfaManagementClient(context);
  }

  /**
   * Which MFA factors a user has bound (`GET /api/v2/users/{userId}/mfa-bound`).
   * @param userId - the user's id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns one flag per factor; `OTP` is true once a TOTP authenticator is confirmed
   * @throws {@link AuthingValidationError} for a blank `userId`; {@link AuthingError} 2004 for an unknown user
   * @example
   * const status = await management.mfa.getStatus(userId);
   * if (status.OTP) console.log('the user logs in with a TOTP code');
   */
  async getStatus(userId: string, requestOptions?: RequestOptions): Promise<Record<UserMfaType, boolean>> {
    requireId('userId', userId);
    return this.#context.transport.rest.GET('/api/v2/users/{userId}/mfa-bound', { params: { path: { userId } } }, requestOptions);
  }

  /**
   * Removes a user's MFA factor (`DELETE /api/v2/users/{userId}/mfa-bound`); their logins stop
   * asking for it. Removing a factor the user does not have is no error.
   * @param userId - the user's id
   * @param type - `OTP` or `FACE`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true
   * @throws {@link AuthingValidationError} for a blank `userId` or another `type`; {@link AuthingError} 2004 for an unknown user
   * @example
   * await management.mfa.unAssociateMfa(userId, 'OTP');
   */
  async unAssociateMfa(userId: string, type: UserMfaType, requestOptions?: RequestOptions): Promise<true> {
    requireId('userId', userId);
    if (!TYPES.includes(type)) throw toAuthingError({ kind: 'validation', argument: 'type', message: 'type must be OTP or FACE' });
    await this.#context.transport.rest.DELETE('/api/v2/users/{userId}/mfa-bound', { params: { path: { userId }, query: { type } } }, requestOptions);
    return true;
  }

  /**
   * Binds a TOTP secret the user already has (e.g. migrated from another system) as their
   * authenticator, confirmed at once (`POST /api/v2/mfa/totp/import`): their next login asks for
   * a code of it (1635). Any authenticator they had is replaced.
   * @param userId - the user's id
   * @param secret - the base32 TOTP secret (16 to 128 characters)
   * @param recoveryCode - the recovery code to keep; a new one is made when absent
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the authenticator with its secret and recovery code
   * @throws {@link AuthingValidationError} for a blank `userId` or `secret`; {@link AuthingError} 400
   * for a secret that is not base32, 2004 for an unknown user
   * @example
   * const totp = await management.mfa.importTotp(userId, 'JBSWY3DPEHPK3PXPJBSWY3DP', 'a1b2-c3d4-e5f6-0789');
   * console.log(totp.enable, totp.recoveryCode);
   */
  async importTotp(userId: string, secret: string, recoveryCode?: string, requestOptions?: RequestOptions): Promise<ImportedTotp> {
    requireId('userId', userId);
    requireId('secret', secret);
    const body = { userId, secret, ...(recoveryCode === undefined ? {} : { recoveryCode }) };
    return this.#context.transport.rest.POST('/api/v2/mfa/totp/import', { body }, requestOptions);
  }
}
