import { Errors } from '../errors.js';
import type { UpdateUserpoolInput } from '../generated/graphql.js';
import type { components } from '../generated/openapi.js';
import { nowIso } from '../storage/ids.js';
import type { ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { getPoolSettings, updatePoolSettings, type PoolSettings, type PoolSettingsPatch } from './pool-settings.js';

/**
 * `managementClient.userpool`: the pool (`GET /api/v2/userpools/detail`, `Q.userpool`) and its
 * settings (`M.updateUserpool`). The name lives on the pool row; every other setting in the
 * pool's settings document (services/pool-settings.ts), which says which ones act.
 */

/** The `UserPool` answer, every field present (the OpenAPI schema, which GraphQL's `UserPool` accepts too). */
export type WireUserpool = components['schemas']['UserPool'];

/** authing-local never answers the key its user tokens are signed with. */
export const MASKED_JWT_SECRET = '******';

const MAX_INT = 2_147_483_647;
const MAX_NAME = 128;
const MAX_TEXT = 2048;

/** The pool with its settings. 2224 when the pool is gone. */
export async function getUserpool(ctx: ServiceContext): Promise<WireUserpool> {
  const row = await ctx.store.db.selectFrom('userpools').select(['id', 'name', 'secret', 'created_at', 'updated_at']).where('id', '=', ctx.poolId).executeTakeFirst();
  if (!row) throw ServiceErrors.poolNotFound();
  const s = await getPoolSettings(ctx.store.db, ctx.poolId);
  return toWire(ctx, row, s);
}

function toWire(ctx: ServiceContext, row: { id: string; name: string; secret: string; created_at: string; updated_at: string }, s: PoolSettings): WireUserpool {
  return {
    id: row.id,
    name: row.name,
    domain: s.domain,
    description: s.description,
    secret: row.secret,
    jwtSecret: MASKED_JWT_SECRET,
    ownerId: null,
    userpoolTypes: s.userpoolTypes.map((code) => ({ code, name: null, description: null, image: null, sdks: null })),
    logo: s.logo,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    emailVerifiedDefault: s.emailVerifiedDefault,
    sendWelcomeEmail: s.sendWelcomeEmail,
    registerDisabled: s.registerDisabled,
    appSsoEnabled: s.appSsoEnabled,
    showWxQRCodeWhenRegisterDisabled: s.showWxQRCodeWhenRegisterDisabled,
    allowedOrigins: s.allowedOrigins,
    tokenExpiresAfter: s.tokenExpiresAfter,
    isDeleted: false,
    frequentRegisterCheck: { ...s.frequentRegisterCheck },
    loginFailCheck: { ...s.loginFailCheck },
    passwordUpdatePolicy: { ...s.passwordUpdatePolicy },
    loginPasswordFailCheck: { ...s.loginPasswordFailCheck },
    loginFailStrategy: s.loginFailStrategy,
    changePhoneStrategy: { ...s.changePhoneStrategy },
    changeEmailStrategy: { ...s.changeEmailStrategy },
    qrcodeLoginStrategy: { ...s.qrcodeLoginStrategy },
    app2WxappLoginStrategy: { ...s.app2WxappLoginStrategy },
    whitelist: { ...s.whitelist },
    customSMSProvider: { ...s.customSMSProvider },
    packageType: null,
    useCustomUserStore: false,
    loginRequireEmailVerified: s.loginRequireEmailVerified,
    verifyCodeLength: s.verifyCodeLength ?? ctx.store.codes.length,
    verifyCodeMaxAttempts: s.verifyCodeMaxAttempts ?? ctx.store.codes.maxAttempts,
    passwordStrength: s.passwordStrength,
    hideAccountExistence: s.hideAccountExistence,
  };
}

const bad = (field: string, rule: string) => Errors.invalidInput(`${field} ${rule}`, `${field} 不合法：${rule}`);

/** An integer within [min, MAX_INT] (or [min, max]); null/undefined stay absent. */
function int(field: string, value: number | null | undefined, min: number, max = MAX_INT): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min || value > max) throw bad(field, `must be an integer from ${min} to ${max}`);
  return value;
}

function text(field: string, value: string | null | undefined, max = MAX_TEXT): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value.length > max) throw bad(field, `must be at most ${max} characters`);
  return value;
}

const flag = (value: boolean | null | undefined): boolean | undefined => (value === null ? undefined : value);

/** `{ enabled, limit, timeInterval }` as given; both numbers at least 1. */
function failCheck(field: string, v: { enabled?: boolean | null; limit?: number | null; timeInterval?: number | null } | null | undefined) {
  if (!v) return undefined;
  return { enabled: flag(v.enabled), limit: int(`${field}.limit`, v.limit, 1), timeInterval: int(`${field}.timeInterval`, v.timeInterval, 1) };
}

/** Drops the keys left undefined, so a patch never overwrites a setting with nothing. */
function defined<T extends object>(o: T | undefined): Partial<T> | undefined {
  if (!o) return undefined;
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The settings patch of an `UpdateUserpoolInput`, checked; 400 naming the first bad field. */
function patchOf(input: UpdateUserpoolInput): PoolSettingsPatch {
  const types = input.userpoolTypes ?? undefined;
  if (types && (types.length > 50 || types.some((t) => t.length > MAX_NAME))) throw bad('userpoolTypes', `must hold at most 50 codes of at most ${MAX_NAME} characters`);
  const patch: PoolSettingsPatch = {
    registerDisabled: flag(input.registerDisabled),
    whitelist: defined({ usernameEnabled: flag(input.whitelist?.usernameEnabled), emailEnabled: flag(input.whitelist?.emailEnabled), phoneEnabled: flag(input.whitelist?.phoneEnabled) }),
    passwordStrength: int('passwordStrength', input.passwordStrength, 0, 4),
    loginFailCheck: defined(failCheck('loginFailCheck', input.loginFailCheck)),
    loginPasswordFailCheck: defined(failCheck('loginPasswordFailCheck', input.loginPasswordFailCheck)),
    hideAccountExistence: flag(input.hideAccountExistence),
    domain: text('domain', input.domain, MAX_NAME),
    description: text('description', input.description),
    logo: text('logo', input.logo),
    userpoolTypes: types ? [...types] : undefined,
    emailVerifiedDefault: flag(input.emailVerifiedDefault),
    sendWelcomeEmail: flag(input.sendWelcomeEmail),
    appSsoEnabled: flag(input.appSsoEnabled),
    allowedOrigins: text('allowedOrigins', input.allowedOrigins),
    tokenExpiresAfter: int('tokenExpiresAfter', input.tokenExpiresAfter, 1),
    frequentRegisterCheck: defined(failCheck('frequentRegisterCheck', input.frequentRegisterCheck)),
    passwordUpdatePolicy: defined({
      enabled: flag(input.passwordUpdatePolicy?.enabled),
      forcedCycle: int('passwordUpdatePolicy.forcedCycle', input.passwordUpdatePolicy?.forcedCycle, 0),
      differenceCycle: int('passwordUpdatePolicy.differenceCycle', input.passwordUpdatePolicy?.differenceCycle, 0),
    }),
    loginFailStrategy: text('loginFailStrategy', input.loginFailStrategy, MAX_NAME),
    changePhoneStrategy: defined({ verifyOldPhone: flag(input.changePhoneStrategy?.verifyOldPhone) }),
    changeEmailStrategy: defined({ verifyOldEmail: flag(input.changeEmailStrategy?.verifyOldEmail) }),
    qrcodeLoginStrategy: defined({
      qrcodeExpiresAfter: int('qrcodeLoginStrategy.qrcodeExpiresAfter', input.qrcodeLoginStrategy?.qrcodeExpiresAfter, 1),
      returnFullUserInfo: flag(input.qrcodeLoginStrategy?.returnFullUserInfo),
      allowExchangeUserInfoFromBrowser: flag(input.qrcodeLoginStrategy?.allowExchangeUserInfoFromBrowser),
      ticketExpiresAfter: int('qrcodeLoginStrategy.ticketExpiresAfter', input.qrcodeLoginStrategy?.ticketExpiresAfter, 1),
    }),
    app2WxappLoginStrategy: defined({
      ticketExpriresAfter: int('app2WxappLoginStrategy.ticketExpriresAfter', input.app2WxappLoginStrategy?.ticketExpriresAfter, 1),
      ticketExchangeUserInfoNeedSecret: flag(input.app2WxappLoginStrategy?.ticketExchangeUserInfoNeedSecret),
    }),
    customSMSProvider: defined({
      enabled: flag(input.customSMSProvider?.enabled),
      provider: text('customSMSProvider.provider', input.customSMSProvider?.provider, MAX_NAME),
      config: text('customSMSProvider.config', input.customSMSProvider?.config),
    }),
    loginRequireEmailVerified: flag(input.loginRequireEmailVerified),
    verifyCodeLength: int('verifyCodeLength', input.verifyCodeLength, 1, 32),
    verifyCodeMaxAttempts: int('verifyCodeMaxAttempts', input.verifyCodeMaxAttempts, 1),
  };
  return patch;
}

/**
 * `updateUserpool`: merges the given settings (an absent or null field keeps its value; nested
 * objects merge key by key) and answers the pool. 400 for a blank name or a value out of range,
 * with nothing written.
 */
export async function updateUserpool(ctx: ServiceContext, input: UpdateUserpoolInput): Promise<WireUserpool> {
  const name = input.name === null || input.name === undefined ? undefined : input.name.trim();
  if (name !== undefined && (name === '' || name.length > MAX_NAME)) throw bad('name', `must be 1 to ${MAX_NAME} characters`);
  const patch = patchOf(input);
  return ctx.store.write(async (tx) => {
    const updatedAt = nowIso();
    const changed = await tx
      .updateTable('userpools')
      .set({ updated_at: updatedAt, ...(name === undefined ? {} : { name }) })
      .where('id', '=', ctx.poolId)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) === 0) throw ServiceErrors.poolNotFound();
    const settings = await updatePoolSettings(tx, ctx.poolId, patch);
    const row = await tx.selectFrom('userpools').select(['id', 'name', 'secret', 'created_at', 'updated_at']).where('id', '=', ctx.poolId).executeTakeFirstOrThrow();
    return toWire(ctx, row, settings);
  });
}
