/** `managementClient.userAction`: the official SDK's older listing of user actions. */
import type { RequestOptions } from '../core/options.js';
import type { components } from '../generated/openapi.js';
import type { ClientContext } from './context.js';

/** One user action as authing-local answers it (snake_case, as Authing's records come). */
export type UserActionRecord = components['schemas']['UserActionLog'];

/** Filters of {@link UserActionClient.list}, spelled as the official SDK spells them (`operatoArn` included). */
export interface UserActionListOptions {
  /** Page number, from 1 (default 1). */
  page?: number;
  /** Page size (default 10). */
  limit?: number;
  /** Only actions made from this client IP. */
  clientIp?: string;
  /** Only this action (`login`, `register`, ...). */
  operationName?: string;
  /** Only this user, as `arn:cn:authing:{userPoolId}:user:{userId}`. */
  operatoArn?: string;
}

/**
 * The user actions as records, unmapped (`GET /api/v2/analysis/user-action`). Prefer
 * `managementClient.statistics.listUserActions`, which filters by user ids and maps the records.
 * Get it from `managementClient.userAction`.
 */
export class UserActionClient {
  readonly #context: ClientContext;

  private constructor(context: ClientContext) {
    this.#context = context;
  }

  /** @internal Built by {@link ManagementClient} only: the context is the SDK's, not part of the API. */
  static fromContext(context: ClientContext): UserActionClient {
    return new UserActionClient(context);
  }

  /**
   * One page of user actions, newest first, as records.
   * @param options - page, limit, client IP, one operation name, one operator ARN
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the page and how many match
   * @throws {@link AuthingError}
   * @example
   * const { totalCount, list } = await management.userAction.list({ operationName: 'login', limit: 5 });
   * for (const record of list) console.log(record.timestamp, record.user?.displayName, record.geoip.ip);
   * console.log(totalCount);
   */
  async list(options: UserActionListOptions = {}, requestOptions?: RequestOptions): Promise<{ totalCount: number; list: UserActionRecord[] }> {
    const query = {
      page: options.page,
      limit: options.limit,
      clientip: options.clientIp || undefined,
      operation_name: options.operationName || undefined,
      operator_arn: options.operatoArn || undefined,
    };
    return this.#context.transport.rest.GET('/api/v2/analysis/user-action', { params: { query } }, requestOptions);
  }
}
