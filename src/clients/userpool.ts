/** `managementClient.userpool`: the user pool's settings. */
import { toAuthingError } from '../core/errors.js';
import type { RequestOptions } from '../core/options.js';
import { UpdateUserpoolDocument } from '../generated/graphql.js';
import type { ClientContext } from './context.js';
import type { UpdateUserpoolInput, UserPool } from './types.js';

/**
 * The user pool's settings. authing-local acts on `name`, `registerDisabled`, `whitelist`,
 * `loginFailCheck` (failed logins per client IP), `loginPasswordFailCheck` (failed logins per
 * account), `passwordStrength`, `passwordUpdatePolicy` and `hideAccountExistence`; it stores and answers the others as
 * given. Get it from `managementClient.userpool`.
 */
export class UserpoolClient {
  readonly #context: ClientContext;

  private constructor(context: ClientContext) {
    this.#context = context;
  }

  /** @internal Built by {@link ManagementClient} only: the context is the SDK's, not part of the API. */
  static fromContext(context: ClientContext): UserpoolClient {
    return new UserpoolClient(context);
  }

  /**
   * The user pool and its settings (`GET /api/v2/userpools/detail`).
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the pool
   * @throws {@link AuthingError}
   * @example
   * const pool = await management.userpool.detail();
   * console.log(pool.name, pool.registerDisabled, pool.whitelist?.emailEnabled);
   */
  async detail(requestOptions?: RequestOptions): Promise<UserPool> {
    return this.#context.transport.rest.GET('/api/v2/userpools/detail', {}, requestOptions);
  }

  /**
   * Updates the pool's settings (`updateUserpool`). Absent fields keep their value; nested
   * settings (`whitelist`, `loginFailCheck`, ...) merge key by key.
   * @param updates - the settings to change, with Authing's names
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the pool as it is now
   * @throws {@link AuthingValidationError} when `updates` is not an object; {@link AuthingError}
   * code 400 for a blank name or a value out of range (nothing is written)
   * @example
   * // Lock an account for 10 minutes after 3 wrong passwords within 10 minutes.
   * await management.userpool.update({ loginPasswordFailCheck: { enabled: true, limit: 3, timeInterval: 600 } });
   */
  async update(updates: UpdateUserpoolInput, requestOptions?: RequestOptions): Promise<UserPool> {
    if (typeof updates !== 'object' || updates === null || Array.isArray(updates)) {
      throw toAuthingError({ kind: 'validation', argument: 'updates', message: 'updates must be an object' });
    }
    return (await this.#context.transport.graphql(UpdateUserpoolDocument, { input: updates }, requestOptions)).updateUserpool;
  }
}
