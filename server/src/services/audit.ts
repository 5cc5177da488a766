import { sql, type Selectable } from 'kysely';
import type { Database } from '../storage/tables.js';
import type { ServiceContext, Db } from './context.js';
import { pageWindow, type Page } from './paging.js';
import type { Tx } from '../storage/store.js';
import { newId } from '../storage/ids.js';
import type { components } from '../generated/openapi.js';

type UserActionLog = components['schemas']['UserActionLog'];
type AuditLog = components['schemas']['AuditLog'];

/** What a user did, as recorded (services/audit.ts `recordUserAction`). */
export interface UserActionInput {
  userId: string | null;
  userName: string | null;
  appId: string | null;
  clientIp: string;
  /** Authing's `SupportedUserActionEnum` value: `login`, `register`, `logout`, `updatePassword`, ... */
  operationName: string;
  success: boolean;
}

/** What the management side did (`recordAuditLog`). */
export interface AuditLogInput {
  operatorType: string;
  operatorId: string;
  operatorName: string;
  appId: string | null;
  clientIp: string;
  /** The operation, named as the GraphQL field or REST operation (`createUser`, `deleteRole`, ...). */
  operationName: string;
  resourceType: string;
  resourceDesc: string;
}

/** Authing's descriptions of user actions (`operation_desc`). */
const USER_ACTION_DESC: Record<string, string> = {
  login: '登录',
  register: '注册',
  logout: '退出登录',
  deleteAccount: '删除账户',
  updateUserinfo: '修改账号信息',
  refreshToken: '刷新 token',
  updateEmail: '修改邮箱',
  updatePhone: '修改手机号',
  updatePassword: '修改密码',
  verifyMfa: '验证 MFA',
};

/** Records one user action inside an open write (or its own, for a failed login that writes nothing else). */
export async function recordUserAction(tx: Tx, poolId: string, input: UserActionInput): Promise<void> {
  await tx
    .insertInto('user_actions')
    .values({
      id: newId(),
      userpool_id: poolId,
      user_id: input.userId,
      user_name: input.userName,
      app_id: input.appId,
      client_ip: input.clientIp,
      operation_name: input.operationName,
      success: input.success ? 1 : 0,
      timestamp: Date.now(),
    })
    .execute();
}

/** Records one management action inside an open write. */
export async function recordAuditLog(tx: Tx, poolId: string, input: AuditLogInput): Promise<void> {
  await tx
    .insertInto('audit_logs')
    .values({
      id: newId(),
      userpool_id: poolId,
      operator_type: input.operatorType,
      operator_id: input.operatorId,
      operator_name: input.operatorName,
      app_id: input.appId,
      client_ip: input.clientIp,
      operation_name: input.operationName,
      resource_type: input.resourceType,
      resource_desc: input.resourceDesc,
      timestamp: Date.now(),
    })
    .execute();
}

/** The filters of both listings, as the wire names them once parsed. */
export interface LogFilter {
  clientIp?: string | null;
  operationNames?: readonly string[] | null;
  /** User (operator) ids, taken from the `operator_arn[]` values. */
  operatorIds?: readonly string[] | null;
  appIds?: readonly string[] | null;
  excludeNonAppRecords?: boolean;
  /** Epoch milliseconds, inclusive. */
  start?: number | null;
  end?: number | null;
  page?: number | null;
  limit?: number | null;
}

/** The last `:`-separated part of an ARN (`arn:cn:authing:{pool}:user:{id}` or `arn:cn:authing:user:{id}`). */
export function idOfArn(arn: string): string {
  const at = arn.lastIndexOf(':');
  return at < 0 ? arn : arn.slice(at + 1);
}

async function appNames(db: Db, poolId: string, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('applications').select(['id', 'name']).where('userpool_id', '=', poolId).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

const geoip = (ip: string) => ({ ip, city_name: '', region_name: '' });

type LogTable = 'user_actions' | 'audit_logs';

/**
 * One page of a log table, newest first, with the filters both listings share (the operator is
 * `user_id` of a user action and `operator_id` of an audit record). One query shape for both.
 */
async function logPage<T extends LogTable>(
  db: Db,
  poolId: string,
  table: T,
  filter: LogFilter,
): Promise<{ total: number; rows: Array<Selectable<Database[T]>> }> {
  const operator = db.dynamic.ref<string>(table === 'user_actions' ? 'user_id' : 'operator_id');
  let q = db.selectFrom(table as LogTable).where('userpool_id', '=', poolId);
  if (filter.clientIp) q = q.where('client_ip', '=', filter.clientIp);
  if (filter.operationNames?.length) q = q.where('operation_name', 'in', [...filter.operationNames]);
  if (filter.operatorIds?.length) q = q.where(operator, 'in', [...filter.operatorIds]);
  if (filter.appIds?.length) q = q.where('app_id', 'in', [...filter.appIds]);
  if (filter.excludeNonAppRecords) q = q.where('app_id', 'is not', null);
  if (filter.start !== undefined && filter.start !== null) q = q.where('timestamp', '>=', filter.start);
  if (filter.end !== undefined && filter.end !== null) q = q.where('timestamp', '<=', filter.end);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const w = pageWindow(filter.page, filter.limit);
  const base = q.selectAll().orderBy('timestamp', 'desc').orderBy(sql`rowid`, 'desc');
  // No page size is every row from the offset on (a LIMIT both databases take with an OFFSET).
  const rows = await base.limit(w.limit ?? Number.MAX_SAFE_INTEGER).offset(w.offset).execute();
  // The query ran on `table` alone, so its rows are that table's rows.
  return { total: Number(total.n), rows: rows as Array<Selectable<Database[T]>> };
}

/** `GET /api/v2/analysis/user-action`: the pool's user actions, newest first, snake_case as Authing answers. */
export async function listUserActions(ctx: ServiceContext, filter: LogFilter): Promise<Page<UserActionLog>> {
  const { total, rows: list } = await logPage(ctx.store.db, ctx.poolId, 'user_actions', filter);
  const apps = await appNames(ctx.store.db, ctx.poolId, list.map((r) => r.app_id));
  return {
    totalCount: total,
    list: list.map((r) => ({
      userpool_id: r.userpool_id,
      user: r.user_id ? { id: r.user_id, displayName: r.user_name ?? '' } : null,
      geoip: geoip(r.client_ip),
      operation_name: r.operation_name,
      operation_desc: USER_ACTION_DESC[r.operation_name] ?? r.operation_name,
      success: r.success === 1,
      timestamp: new Date(r.timestamp).toISOString(),
      app_id: r.app_id,
      app: r.app_id ? { id: r.app_id, name: apps.get(r.app_id) ?? '' } : null,
      userPoolId: r.userpool_id,
      userId: r.user_id,
      userName: r.user_name,
      clientIp: r.client_ip,
      appId: r.app_id,
      appName: r.app_id ? (apps.get(r.app_id) ?? '') : null,
      eventType: r.operation_name,
    })),
  };
}

/** `GET /api/v2/analysis/audit`: the pool's management actions, newest first, snake_case as Authing answers. */
export async function listAuditLogs(ctx: ServiceContext, filter: LogFilter): Promise<Page<AuditLog>> {
  const { total, rows: list } = await logPage(ctx.store.db, ctx.poolId, 'audit_logs', { ...filter, excludeNonAppRecords: false });
  return {
    totalCount: total,
    list: list.map((r) => ({
      userpool_id: r.userpool_id,
      operator_type: r.operator_type,
      operator_detail: { id: r.operator_id, displayName: r.operator_name },
      operator_arn: `arn:cn:authing:user:${r.operator_id}`,
      operation_name: r.operation_name,
      geoip: geoip(r.client_ip),
      resource_type: r.resource_type,
      resource_desc: r.resource_desc,
      resource_arn: `arn:cn:authing:${r.userpool_id}:${r.resource_type}:${r.resource_desc}`,
      app_id: r.app_id,
      timestamp: new Date(r.timestamp).toISOString(),
      userPoolId: r.userpool_id,
      userId: r.operator_id,
      userName: r.operator_name,
      clientIp: r.client_ip,
      appId: r.app_id,
      eventType: r.operation_name,
    })),
  };
}

/** The distinct users with a successful login recorded for `appId` (`GET /api/v2/analysis/total-login-count`). */
export async function countAppLoginUsers(ctx: ServiceContext, appId: string): Promise<number> {
  const row = await ctx.store.db
    .selectFrom('user_actions')
    .select((eb) => eb.fn.count<number>('user_id').distinct().as('n'))
    .where('userpool_id', '=', ctx.poolId)
    .where('app_id', '=', appId)
    .where('operation_name', '=', 'login')
    .where('success', '=', 1)
    .where('user_id', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Of the users counted by {@link countAppLoginUsers}, those holding a value of the user-defined
 * field `key` (`GET /api/v2/analysis/exist-defined-field-count`).
 */
export async function countAppLoginUsersWithField(ctx: ServiceContext, appId: string, key: string): Promise<number> {
  const row = await ctx.store.db
    .selectFrom('user_actions')
    .innerJoin('udf_values', (join) =>
      join
        .onRef('udf_values.target_id', '=', 'user_actions.user_id')
        .on('udf_values.userpool_id', '=', ctx.poolId)
        .on('udf_values.target_type', '=', 'USER')
        .on('udf_values.key', '=', key),
    )
    .select((eb) => eb.fn.count<number>('user_actions.user_id').distinct().as('n'))
    .where('user_actions.userpool_id', '=', ctx.poolId)
    .where('user_actions.app_id', '=', appId)
    .where('user_actions.operation_name', '=', 'login')
    .where('user_actions.success', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
