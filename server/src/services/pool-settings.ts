import { nowIso } from '../storage/ids.js';
import type { Tx } from '../storage/store.js';
import type { Db } from './context.js';

/** A failure counter setting of Authing's `UserPool` (`loginFailCheck`, `loginPasswordFailCheck`, `frequentRegisterCheck`). */
export interface FailCheck {
  enabled: boolean;
  /** Failures (registrations) within `timeInterval` that trigger the check. */
  limit: number;
  /** Seconds. */
  timeInterval: number;
}

/**
 * The user pool settings, stored as one JSON document per pool (`userpool_settings`) and read
 * with a default for every key the document lacks, so a setting added later needs no migration.
 * Field names are those of Authing's `UserPool` type where it has one. The management
 * `userpool.update` (`updateUserpool`) writes them; every flow reads them through
 * {@link getPoolSettings} at the time of the request.
 *
 * The first block is what authing-local acts on; the second is stored and answered as given
 * (`userpool.detail`), and changes nothing.
 */
/** `UserPool.passwordUpdatePolicy`: the forced password change cycle. */
export interface PoolSettingsPasswordUpdatePolicy {
  enabled: boolean;
  forcedCycle: number | null;
  differenceCycle: number | null;
}

export interface PoolSettings {
  /** Self-registration is switched off: every register* call is refused. */
  registerDisabled: boolean;
  /** Registration is limited to the whitelist of each enabled type (services/whitelist.ts). */
  whitelist: { usernameEnabled: boolean; emailEnabled: boolean; phoneEnabled: boolean };
  /**
   * Password strength required at registration, password reset and change (services/password-strength.ts):
   * 0 any non-empty password, 1 at least 6 characters, 2 at least 6 with two of letters / digits /
   * symbols, 3 (and 4, Authing's custom rule, read as 3) at least 6 with all three.
   */
  passwordStrength: number;
  /**
   * Acted on (services/passwords.ts): when `enabled` and `forcedCycle` (days) > 0, a password login
   * whose password is that old answers 2058 with a forced-change token. `differenceCycle` is stored only.
   */
  passwordUpdatePolicy: PoolSettingsPasswordUpdatePolicy;
  /** Failed logins per client IP (auth/login-guard.ts); when disabled the server's `loginLockout` defaults apply. */
  loginFailCheck: FailCheck;
  /** Failed logins per account (auth/login-guard.ts); when disabled the server's `loginLockout` defaults apply. */
  loginPasswordFailCheck: FailCheck;
  /** authing-local's own: unknown accounts answer 2333 like a wrong password instead of 2004. */
  hideAccountExistence: boolean;
  /**
   * The second factors every login must pass (Authing's application MFA, `applicationMfa` of the
   * 1636 answer): an entry with `status: 1` turns MFA on for every app of the pool, and its
   * `mfaPolicy` (`OTP`, `SMS`, `EMAIL`) is a step the user may take (`FACE` is listed but refused:
   * authing-local has no face recognition). Empty (the default): only users who confirmed a TOTP
   * authenticator themselves are asked for a code (1635). Set with `PUT /__local/application-mfa`.
   */
  applicationMfa: Array<{ mfaPolicy: 'OTP' | 'SMS' | 'EMAIL' | 'FACE'; status: 0 | 1; sort: number }>;

  domain: string;
  description: string | null;
  logo: string;
  userpoolTypes: string[];
  emailVerifiedDefault: boolean;
  sendWelcomeEmail: boolean;
  appSsoEnabled: boolean;
  showWxQRCodeWhenRegisterDisabled: boolean;
  allowedOrigins: string | null;
  /** Answered; user tokens live USER_TOKEN_TTL_S whatever it says. */
  tokenExpiresAfter: number | null;
  frequentRegisterCheck: FailCheck;
  loginFailStrategy: string | null;
  /** Acted on (services/bindings.ts): `updatePhone` must also prove the current phone (`oldPhone` + `oldPhoneCode`). */
  changePhoneStrategy: { verifyOldPhone: boolean };
  /** Acted on (services/bindings.ts): `updateEmail` must also prove the current email (`oldEmail` + `oldEmailCode`). */
  changeEmailStrategy: { verifyOldEmail: boolean };
  qrcodeLoginStrategy: { qrcodeExpiresAfter: number | null; returnFullUserInfo: boolean; allowExchangeUserInfoFromBrowser: boolean; ticketExpiresAfter: number | null };
  app2WxappLoginStrategy: { ticketExpriresAfter: number | null; ticketExchangeUserInfoNeedSecret: boolean };
  customSMSProvider: { enabled: boolean; provider: string | null; config: string | null };
  loginRequireEmailVerified: boolean;
  /** Answered; codes follow the server's `verificationCodes` option (null: answer that option). */
  verifyCodeLength: number | null;
  /** Answered; as `verifyCodeLength`. */
  verifyCodeMaxAttempts: number | null;
}

export const DEFAULT_POOL_SETTINGS: PoolSettings = {
  registerDisabled: false,
  whitelist: { usernameEnabled: false, emailEnabled: false, phoneEnabled: false },
  passwordStrength: 0,
  loginFailCheck: { enabled: false, limit: 50, timeInterval: 300 },
  loginPasswordFailCheck: { enabled: false, limit: 5, timeInterval: 600 },
  hideAccountExistence: false,
  applicationMfa: [],

  domain: '',
  description: null,
  logo: '',
  userpoolTypes: [],
  emailVerifiedDefault: false,
  sendWelcomeEmail: false,
  appSsoEnabled: false,
  showWxQRCodeWhenRegisterDisabled: false,
  allowedOrigins: null,
  tokenExpiresAfter: null,
  frequentRegisterCheck: { enabled: false, limit: 10, timeInterval: 300 },
  passwordUpdatePolicy: { enabled: false, forcedCycle: null, differenceCycle: null },
  loginFailStrategy: null,
  changePhoneStrategy: { verifyOldPhone: false },
  changeEmailStrategy: { verifyOldEmail: false },
  qrcodeLoginStrategy: { qrcodeExpiresAfter: 120, returnFullUserInfo: false, allowExchangeUserInfoFromBrowser: true, ticketExpiresAfter: 300 },
  app2WxappLoginStrategy: { ticketExpriresAfter: 300, ticketExchangeUserInfoNeedSecret: false },
  customSMSProvider: { enabled: false, provider: null, config: null },
  loginRequireEmailVerified: false,
  verifyCodeLength: null,
  verifyCodeMaxAttempts: null,
};

/** A partial update: nested objects are merged key by key. */
export type PoolSettingsPatch = { [K in keyof PoolSettings]?: PoolSettings[K] extends object ? Partial<PoolSettings[K]> : PoolSettings[K] };

function withDefaults(stored: Partial<PoolSettings>): PoolSettings {
  const merged = { ...DEFAULT_POOL_SETTINGS } as Record<string, unknown>;
  for (const [key, value] of Object.entries(stored)) {
    const fallback = (DEFAULT_POOL_SETTINGS as unknown as Record<string, unknown>)[key];
    merged[key] = isPlainObject(fallback) && isPlainObject(value) ? { ...fallback, ...value } : value;
  }
  return merged as unknown as PoolSettings;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The pool's settings, defaults filled in. */
export async function getPoolSettings(db: Db, poolId: string): Promise<PoolSettings> {
  const row = await db.selectFrom('userpool_settings').select('settings').where('userpool_id', '=', poolId).executeTakeFirst();
  return withDefaults(row ? (JSON.parse(row.settings) as Partial<PoolSettings>) : {});
}

/** Merges `patch` into the pool's settings inside an open transaction; answers the result. */
export async function updatePoolSettings(tx: Tx, poolId: string, patch: PoolSettingsPatch): Promise<PoolSettings> {
  const current = await getPoolSettings(tx, poolId);
  const next = { ...current } as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const old = next[key];
    next[key] = isPlainObject(old) && isPlainObject(value) ? { ...old, ...value } : value;
  }
  const settings = JSON.stringify(next);
  await tx
    .insertInto('userpool_settings')
    .values({ userpool_id: poolId, settings, updated_at: nowIso() })
    .onConflict((oc) => oc.column('userpool_id').doUpdateSet({ settings, updated_at: nowIso() }))
    .execute();
  return next as unknown as PoolSettings;
}
