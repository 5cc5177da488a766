import type { ManagementPrincipal, RequestContext, UserPrincipal } from '../context.js';
import { recordAuditLog, recordUserAction } from '../services/audit.js';

/**
 * The one place authing-local records what happened (services/audit.ts): every GraphQL mutation
 * and every REST write passes through `audited`, which, after the call, records an end-user action
 * (register, login success or failure, logout, password / email / phone / profile changes) or a
 * management audit record (operator, operation, resource). The record is its own small write made
 * right after the call's own; a failed login, which writes nothing else, is recorded the same way.
 */

/** The end-user action a GraphQL field or REST operation is, by Authing's `SupportedUserActionEnum`. */
const USER_ACTIONS: Record<string, string> = {
  loginByEmail: 'login',
  loginByUsername: 'login',
  loginByPhoneCode: 'login',
  loginByPhonePassword: 'login',
  loginBySubAccount: 'login',
  loginByEmailCode: 'login',
  loginByLdap: 'login',
  loginByAd: 'login',
  signinByCredentials: 'login',
  registerByEmail: 'register',
  registerByUsername: 'register',
  registerByPhoneCode: 'register',
  registerByEmailCode: 'register',
  logout: 'logout',
  updatePassword: 'updatePassword',
  resetPassword: 'updatePassword',
  resetPasswordByFirstLoginToken: 'updatePassword',
  resetPasswordByForceResetToken: 'updatePassword',
  updateEmail: 'updateEmail',
  bindEmail: 'updateEmail',
  unbindEmail: 'updateEmail',
  updatePhone: 'updatePhone',
  bindPhone: 'updatePhone',
  unbindPhone: 'updatePhone',
  updateUser: 'updateUserinfo',
  refreshToken: 'refreshToken',
};

/** Management operations' resource types, by the first matching word of the operation name. */
const RESOURCE_TYPES: [RegExp, string][] = [
  [/Tenant/, 'tenant'],
  [/Userpool/, 'userpool'],
  [/User/, 'user'],
  [/Role/, 'role'],
  [/Group/, 'group'],
  [/Org|Node|Member|MainDepartment/, 'org'],
  [/Ud[fv]/, 'udf'],
  [/Polic/, 'policy'],
  [/Whitelist/, 'whitelist'],
  [/Namespace/, 'namespace'],
  [/Resource/, 'resource'],
  [/Application|ProgrammaticAccess/, 'application'],
  [/Mfa|Totp/, 'mfa'],
];

const ID_KEYS = ['id', 'userId', 'code', 'roleCode', 'orgId', 'nodeId', 'groupCode', 'appId', 'namespace', 'key', 'identifier', 'tenantId'];

type Args = Record<string, unknown>;
type Principal = ManagementPrincipal | UserPrincipal | null;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const record = (v: unknown): Args => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Args) : {});

function clientIpOf(rc: RequestContext, args: Args): string {
  return str(args.clientIp) ?? str(record(args.input).clientIp) ?? rc.header('x-forwarded-for')?.split(',')[0]?.trim() ?? '127.0.0.1';
}

/** The account a sign-in names (for a failed one), from the GraphQL input or the REST body. */
function accountOf(args: Args): string | null {
  const input = { ...args, ...record(args.input), ...record(args.body) };
  for (const key of ['username', 'email', 'phone', 'account']) {
    const v = str(input[key]);
    if (v) return v;
  }
  return null;
}

async function principalOf(rc: RequestContext): Promise<Principal> {
  try {
    return await rc.principal();
  } catch {
    return null;
  }
}

async function poolIdOf(rc: RequestContext, principal: Principal): Promise<string | null> {
  if (principal) return principal.pool.id;
  try {
    return (await rc.publicPool()).id;
  } catch {
    return null;
  }
}

async function userNamed(rc: RequestContext, poolId: string, by: { id?: string | null; account?: string | null }) {
  let q = rc.state.store.db.selectFrom('users').select(['id', 'username', 'email', 'phone']).where('userpool_id', '=', poolId);
  if (by.id) q = q.where('id', '=', by.id);
  else if (by.account) {
    const account = by.account;
    q = q.where((eb) => eb.or([eb('username', '=', account), eb('email', '=', account.toLowerCase()), eb('phone', '=', account)]));
  } else return null;
  const row = await q.executeTakeFirst();
  return row ? { id: row.id, name: row.username ?? row.email ?? row.phone ?? row.id } : null;
}

async function recordUser(rc: RequestContext, action: string, args: Args, result: unknown, success: boolean, principal: Principal): Promise<void> {
  const poolId = await poolIdOf(rc, principal);
  if (!poolId) return;
  const resultId = str(record(result).id);
  const byId = resultId ?? (principal?.kind === 'user' ? principal.userId : null);
  const account = accountOf(args);
  const user = await userNamed(rc, poolId, byId ? { id: byId } : { account });
  const appId = rc.header('x-authing-app-id') ?? (principal?.kind === 'user' ? principal.claims.appId : null) ?? null;
  await rc.state.store.write((tx) =>
    recordUserAction(tx, poolId, {
      userId: user?.id ?? null,
      userName: user?.name ?? account,
      appId,
      clientIp: clientIpOf(rc, args),
      operationName: action,
      success,
    }),
  );
}

async function recordManagement(rc: RequestContext, operation: string, args: Args, result: unknown, principal: ManagementPrincipal): Promise<void> {
  const poolId = principal.pool.id;
  const pool = await rc.state.store.db.selectFrom('userpools').select('name').where('id', '=', poolId).executeTakeFirst();
  const input = { ...args, ...record(args.input), ...record(args.path), ...record(args.body) };
  const desc = str(record(result).id) ?? ID_KEYS.map((k) => str(input[k])).find((v) => v !== null) ?? '';
  await rc.state.store.write((tx) =>
    recordAuditLog(tx, poolId, {
      operatorType: 'admin',
      operatorId: poolId,
      operatorName: pool?.name ?? poolId,
      appId: rc.header('x-authing-app-id'),
      clientIp: clientIpOf(rc, input),
      operationName: operation,
      resourceType: RESOURCE_TYPES.find(([re]) => re.test(operation))?.[1] ?? 'other',
      resourceDesc: desc,
    }),
  );
}

/**
 * Runs `call` (the resolver or REST handler of `operation`) and records it: a management caller's
 * write as an audit record; an end-user action (by `USER_ACTIONS`) as a user action, and a failed
 * login as a failed one. `write` is false for reads (REST GETs), which record nothing unless they
 * are a user action (`GET /api/v2/logout`).
 */
export async function audited<T>(rc: RequestContext, operation: string, args: Args, write: boolean, call: () => Promise<T>): Promise<T> {
  const action = USER_ACTIONS[operation];
  let result: T;
  try {
    result = await call();
  } catch (error) {
    if (action === 'login') await recordUser(rc, action, args, null, false, await principalOf(rc)).catch(() => undefined);
    throw error;
  }
  if (!write && !action) return result;
  const principal = await principalOf(rc);
  if (principal?.kind === 'management') await recordManagement(rc, operation, args, result, principal);
  else if (action) await recordUser(rc, action, args, result, true, principal);
  return result;
}

type Resolver = (parent: unknown, args: Args, context: { rc: RequestContext }, info: unknown) => Promise<unknown>;

/** Wraps every `Mutation` resolver with `audited` (resolvers/index.ts); other types pass through. */
export function auditedResolver(typeName: string, field: string, fn: unknown): unknown {
  if (typeName !== 'Mutation' || typeof fn !== 'function') return fn;
  const resolve = fn as Resolver;
  return (parent: unknown, args: Args, context: { rc: RequestContext }, info: unknown) =>
    audited(context.rc, field, args ?? {}, true, () => Promise.resolve(resolve(parent, args, context, info)));
}

type RestCall<I, C, R> = (input: I, rc: C) => Promise<R>;

/**
 * REST operations that read although they are POSTed (their input is a body): a permission check,
 * lookups and listings. They change nothing, so, like GET reads, they leave no audit record (an
 * `isAllowed` check, the hottest call there is, would otherwise write one every time).
 */
export const READS_SENT_AS_POST: ReadonlySet<string> = new Set([
  'isAllowed',
  'checkResourcePermissionBatch',
  'getAuthorizedResourcesOfResourceKind',
  'listAuthorizedResourcesBatch',
  'batchUsers',
  'filterUsers',
  'findRoleUsers',
  'checkPasswordValid',
  'checkExtIdpConnectionIdentifier',
  'checkMfaPhoneOrEmailBindable',
]);

/** Wraps every REST handler with `audited` (rest/routes/index.ts); writes are the non-GET operations but {@link READS_SENT_AS_POST}. */
export function auditedRoutes<H extends Record<string, RestCall<never, RequestContext, unknown>>>(handlers: H): H {
  const out: Record<string, unknown> = {};
  for (const [operationId, handler] of Object.entries(handlers)) {
    out[operationId] = (input: { request: Request; path?: unknown; body?: unknown; query?: unknown }, rc: RequestContext) =>
      audited(rc, operationId, { path: input.path, body: input.body, ...record(input.query) }, input.request.method !== 'GET' && !READS_SENT_AS_POST.has(operationId), () =>
        (handler as RestCall<typeof input, RequestContext, unknown>)(input, rc),
      );
  }
  return out as H;
}
