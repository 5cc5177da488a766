/** `managementClient.userpool`: the user pool's settings. */
import { toAuthingError } from '../core/errors.js';
import type { RequestOptions } from '../core/options.js';
import { UpdateUserpoolDocument } from '../generated/graphql.js';
import type { ClientContext } from './context.js';
import type { UpdateUserpoolInput, UserPool } from './types.js';
import { requireId } from './validate.js';

/** An environment variable of the user pool: a key and any JSON value. */
export interface EnvVariable {
  key: string;
  value: unknown;
}

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

  /**
   * The pool's environment variables (`GET /api/v2/env`), e.g. settings read by pipeline functions.
   * @param requestOptions - per-call signal, timeout, headers
   * @returns every variable, oldest first
   * @throws {@link AuthingError}
   * @example
   * const env = await management.userpool.listEnv();
   * console.log(env.find((v) => v.key === 'WEBHOOK_URL')?.value);
   */
  async listEnv(requestOptions?: RequestOptions): Promise<EnvVariable[]> {
    return this.#context.transport.rest.GET('/api/v2/env', {}, requestOptions);
  }

  /**
   * Sets an environment variable of the pool (`POST /api/v2/env`); an existing key takes the new value.
   * @param key - 1 to 64 letters, digits, `_`, `-` or `.`
   * @param value - any JSON value (at most 4096 characters as JSON)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns every variable, oldest first
   * @throws {@link AuthingValidationError} for a blank key or an undefined value; {@link AuthingError} 400 for a key or value out of range
   * @example
   * await management.userpool.addEnv('WEBHOOK_URL', 'https://example.com/hook');
   */
  async addEnv(key: string, value: unknown, requestOptions?: RequestOptions): Promise<EnvVariable[]> {
    requireId('key', key);
    if (value === undefined) throw toAuthingError({ kind: 'validation', argument: 'value', message: 'value is required' });
    return this.#context.transport.rest.POST('/api/v2/env', { body: { key, value } }, requestOptions);
  }

  /**
   * Removes an environment variable of the pool (`DELETE /api/v2/env/{key}`); an absent key is no error.
   * @param key - the variable's key
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the variables left, oldest first
   * @throws {@link AuthingValidationError} for a blank key; {@link AuthingError}
   * @example
   * await management.userpool.removeEnv('WEBHOOK_URL');
   */
  async removeEnv(key: string, requestOptions?: RequestOptions): Promise<EnvVariable[]> {
    requireId('key', key);
    return this.#context.transport.rest.DELETE('/api/v2/env/{key}', { params: { path: { key } } }, requestOptions);
  }
}
