import { nowIso } from '../storage/ids.js';
import type { Tx } from '../storage/store.js';
import type { Db } from './context.js';

/**
 * The user pool settings the end-user flows obey, stored as one JSON document per pool
 * (`userpool_settings`) and read with a default for every key the document lacks, so a setting
 * added later needs no migration. Field names are those of Authing's `UserPool` type where it has
 * one. The management `userpool.update` writes them; every flow reads them through
 * {@link getPoolSettings} at the time of the request.
 */
export interface PoolSettings {
  /** Self-registration is switched off: every register* call is refused. */
  registerDisabled: boolean;
  /** Registration is limited to the whitelist of each enabled type. */
  whitelist: { usernameEnabled: boolean; emailEnabled: boolean; phoneEnabled: boolean };
  /** Password strength required at registration and password change (0: any non-empty password). */
  passwordStrength: number;
}

export const DEFAULT_POOL_SETTINGS: PoolSettings = {
  registerDisabled: false,
  whitelist: { usernameEnabled: false, emailEnabled: false, phoneEnabled: false },
  passwordStrength: 0,
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
