/** `managementClient.statistics`: the user pool's user action and audit logs. */
import type { RequestOptions } from '../core/options.js';
import type { components } from '../generated/openapi.js';
import type { ClientContext } from './context.js';

/** Filters of {@link StatisticsClient.listUserActions}, as the official SDK names them. */
export interface ListUserActionsOptions {
  /** Only actions made from this client IP. */
  clientIp?: string;
  /** Only these actions (`login`, `register`, `logout`, `updatePassword`, `updateEmail`, `updatePhone`, `updateUserinfo`, `refreshToken`). */
  operationNames?: string[];
  /** Only actions of these users. */
  userIds?: string[];
  /** Page number, from 1 (default 1). */
  page?: number;
  /** Page size (default 10). */
  limit?: number;
  /** Only actions made through an application. */
  excludeNonAppRecords?: boolean;
  /** Only actions made through these applications. */
  appIds?: string[];
  /** Only actions at or after this time (epoch milliseconds). */
  start?: number;
  /** Only actions at or before this time (epoch milliseconds). */
  end?: number;
}

/** Filters of {@link StatisticsClient.listAuditLogs}, as the official SDK names them. */
export interface ListAuditLogsOptions {
  /** Only records made from this client IP. */
  clientIp?: string;
  /** Only these operations (`createUser`, `deleteRole`, ...). */
  operationNames?: string[];
  /** Only these operators (for a pool management token: the user pool id). */
  userIds?: string[];
  /** Only records made through these applications. */
  appIds?: string[];
  /** Page number, from 1 (default 1). */
  page?: number;
  /** Page size (default 10). */
  limit?: number;
}

/** One end-user action, as the official SDK maps Authing's record. */
export interface UserLogsInfo {
  userpoolId: string;
  /** Absent for a failed login naming no known account. */
  userId?: string;
  username?: string;
  cityName: string;
  regionName: string;
  clientIp: string;
  operationDesc: string;
  operationName: string;
  /** When, as an ISO 8601 string. */
  timestamp: string;
  appId?: string;
  appName?: string;
}

/** One management action, as the official SDK maps Authing's record. */
export interface AdminLogsInfo {
  userpoolId: string;
  operatorType: string;
  operatorId: string;
  operatorName: string;
  operationName: string;
  cityName: string;
  regionName: string;
  clientIp: string;
  resourceType: string;
  resourceDesc: string;
  /** Spelled as the official SDK spells it. */
  resource_arn: string;
  /** When, as an ISO 8601 string. */
  timestamp: string;
}

type UserActionLog = components['schemas']['UserActionLog'];
type AuditLog = components['schemas']['AuditLog'];

const nonEmpty = (v: string[] | undefined) => (v && v.length > 0 ? v : undefined);

function toUserLog(log: UserActionLog): UserLogsInfo {
  return {
    userpoolId: log.userpool_id,
    ...(log.user ? { userId: log.user.id, username: log.user.displayName } : {}),
    cityName: log.geoip.city_name,
    regionName: log.geoip.region_name,
    clientIp: log.geoip.ip,
    operationDesc: log.operation_desc,
    operationName: log.operation_name,
    timestamp: log.timestamp,
    ...(log.app_id ? { appId: log.app_id } : {}),
    ...(log.app ? { appName: log.app.name } : {}),
  };
}

function toAdminLog(log: AuditLog): AdminLogsInfo {
  return {
    userpoolId: log.userpool_id,
    operatorType: log.operator_type,
    operatorId: log.operator_detail.id,
    operatorName: log.operator_detail.displayName,
    operationName: log.operation_name,
    cityName: log.geoip.city_name,
    regionName: log.geoip.region_name,
    clientIp: log.geoip.ip,
    resourceType: log.resource_type,
    resourceDesc: log.resource_desc,
    resource_arn: log.resource_arn,
    timestamp: log.timestamp,
  };
}

/** `GET /api/v2/analysis/user-action` (shared by `statistics` and `users`). */
export async function listUserActions(
  context: ClientContext,
  options: ListUserActionsOptions = {},
  requestOptions?: RequestOptions,
): Promise<{ totalCount: number; list: UserLogsInfo[] }> {
  const query = {
    clientip: options.clientIp || undefined,
    'operation_name[]': nonEmpty(options.operationNames),
    'operator_arn[]': nonEmpty(options.userIds?.map((id) => `arn:cn:authing:${context.userPoolId}:user:${id}`)),
    'app_id[]': nonEmpty(options.appIds),
    exclude_non_app_records: options.excludeNonAppRecords ? ('1' as const) : undefined,
    start: options.start,
    end: options.end,
    page: options.page,
    limit: options.limit,
  };
  const data = await context.transport.rest.GET('/api/v2/analysis/user-action', { params: { query } }, requestOptions);
  return { totalCount: data.totalCount, list: data.list.map(toUserLog) };
}

/**
 * The user pool's user action and audit logs. authing-local records registrations, logins (and
 * failed ones), logouts and password, email, phone and profile changes as user actions, and every
 * change made with the management token as an audit record. Get it from `managementClient.statistics`.
 */
export class StatisticsClient {
  readonly #context: ClientContext;

  private constructor(context: ClientContext) {
    this.#context = context;
  }

  /** @internal Built by {@link ManagementClient} only: the context is the SDK's, not part of the API. */
  static fromContext(context: ClientContext): StatisticsClient {
    return new StatisticsClient(context);
  }

  /**
   * The users' actions, newest first (`GET /api/v2/analysis/user-action`).
   * @param options - filters: client IP, operation names, user ids, applications, time range (epoch ms), page
   * @param requestOptions - per-call signal, timeout, headers
   * @returns one page of actions and how many match
   * @throws {@link AuthingError}
   * @example
   * const { totalCount, list } = await management.statistics.listUserActions({ operationNames: ['login'], limit: 20 });
   * for (const action of list) console.log(action.timestamp, action.username, action.clientIp);
   * console.log(totalCount);
   */
  async listUserActions(options?: ListUserActionsOptions, requestOptions?: RequestOptions): Promise<{ totalCount: number; list: UserLogsInfo[] }> {
    return listUserActions(this.#context, options, requestOptions);
  }

  /**
   * The management actions, newest first (`GET /api/v2/analysis/audit`).
   * @param options - filters: client IP, operation names, operator ids, applications, page
   * @param requestOptions - per-call signal, timeout, headers
   * @returns one page of records and how many match
   * @throws {@link AuthingError}
   * @example
   * const { list } = await management.statistics.listAuditLogs({ operationNames: ['createUser'] });
   * for (const log of list) console.log(log.operatorName, log.operationName, log.resourceDesc);
   */
  async listAuditLogs(options: ListAuditLogsOptions = {}, requestOptions?: RequestOptions): Promise<{ totalCount: number; list: AdminLogsInfo[] }> {
    const query = {
      clientip: options.clientIp || undefined,
      'operation_name[]': nonEmpty(options.operationNames),
      'operator_arn[]': nonEmpty(options.userIds?.map((id) => `arn:cn:authing:user:${id}`)),
      'app_id[]': nonEmpty(options.appIds),
      page: options.page,
      limit: options.limit,
    };
    const data = await this.#context.transport.rest.GET('/api/v2/analysis/audit', { params: { query } }, requestOptions);
    return { totalCount: data.totalCount, list: data.list.map(toAdminLog) };
  }
}
