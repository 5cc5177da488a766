import { Errors } from '../errors.js';
import { nowIso } from '../storage/ids.js';
import type { WhitelistsTable } from '../storage/tables.js';
import type { Db, ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { getPoolSettings, type PoolSettings } from './pool-settings.js';

/**
 * The registration whitelist (`managementClient.whitelist`): per pool, one list per type. A list
 * is enforced only while its pool setting `whitelist.<type>Enabled` is on; then registering an
 * identifier of that type that is not on the list is refused (2040, {@link requireWhitelisted},
 * asked by services/registration-policy.ts). Values are kept as users
 * are: trimmed, emails in lower case (Authing: "emails are not case-sensitive"), phones without
 * spaces or dashes.
 */

export type WhitelistType = 'USERNAME' | 'EMAIL' | 'PHONE';

/** One entry as the API answers it (`WhiteList`). */
export interface WireWhitelistEntry {
  value: string;
  createdAt: string;
  updatedAt: string;
}

/** Longest value accepted (usernames, emails and phones are far shorter). */
const MAX_VALUE_LENGTH = 256;
/** Values per add/remove call. */
const MAX_VALUES = 1000;

const ENABLED_FLAG: Record<WhitelistType, keyof PoolSettings['whitelist']> = {
  USERNAME: 'usernameEnabled',
  EMAIL: 'emailEnabled',
  PHONE: 'phoneEnabled',
};

/** The value as the list keeps it. */
export function normalizeWhitelistValue(type: WhitelistType, value: string): string {
  const trimmed = value.trim();
  if (type === 'EMAIL') return trimmed.toLowerCase();
  if (type === 'PHONE') return trimmed.replace(/[\s-]/g, '');
  return trimmed;
}

const toWire = (row: WhitelistsTable): WireWhitelistEntry => ({ value: row.value, createdAt: row.created_at, updatedAt: row.updated_at });

/** The distinct normalized values of a call; 400 for an empty value, an over-long one, or too many. */
function valuesOf(type: WhitelistType, list: readonly string[]): string[] {
  if (list.length > MAX_VALUES) throw Errors.invalidInput(`At most ${MAX_VALUES} values per call`, `每次最多 ${MAX_VALUES} 个值`);
  const values = list.map((v) => normalizeWhitelistValue(type, v));
  if (values.some((v) => v === '')) throw Errors.invalidInput('Whitelist values must not be empty', '白名单的值不能为空');
  if (values.some((v) => v.length > MAX_VALUE_LENGTH)) {
    throw Errors.invalidInput(`Whitelist values are at most ${MAX_VALUE_LENGTH} characters`, `白名单的值最多 ${MAX_VALUE_LENGTH} 个字符`);
  }
  return [...new Set(values)];
}

/** The entries of one type, oldest first. */
export async function listWhitelist(ctx: ServiceContext, type: WhitelistType): Promise<WireWhitelistEntry[]> {
  const rows = await ctx.store.db
    .selectFrom('whitelists')
    .selectAll()
    .where('userpool_id', '=', ctx.poolId)
    .where('type', '=', type)
    .orderBy('created_at')
    .orderBy('value')
    .execute();
  return rows.map(toWire);
}

/** Adds values (one already on the list keeps its entry); answers the entries of every value given. */
export async function addWhitelist(ctx: ServiceContext, type: WhitelistType, list: readonly string[]): Promise<WireWhitelistEntry[]> {
  const values = valuesOf(type, list);
  if (values.length === 0) return [];
  return ctx.store.write(async (tx) => {
    const at = nowIso();
    await tx
      .insertInto('whitelists')
      .values(values.map((value) => ({ userpool_id: ctx.poolId, type, value, created_at: at, updated_at: at })))
      .onConflict((oc) => oc.columns(['userpool_id', 'type', 'value']).doNothing())
      .execute();
    const rows = await tx.selectFrom('whitelists').selectAll().where('userpool_id', '=', ctx.poolId).where('type', '=', type).where('value', 'in', values).execute();
    const byValue = new Map(rows.map((r) => [r.value, r]));
    return values.flatMap((v) => {
      const row = byValue.get(v);
      return row ? [toWire(row)] : [];
    });
  });
}

/** Removes values; answers the entries that were removed (a value not on the list is skipped). */
export async function removeWhitelist(ctx: ServiceContext, type: WhitelistType, list: readonly string[]): Promise<WireWhitelistEntry[]> {
  const values = valuesOf(type, list);
  if (values.length === 0) return [];
  return ctx.store.write(async (tx) => {
    const rows = await tx.selectFrom('whitelists').selectAll().where('userpool_id', '=', ctx.poolId).where('type', '=', type).where('value', 'in', values).execute();
    if (rows.length > 0) {
      await tx.deleteFrom('whitelists').where('userpool_id', '=', ctx.poolId).where('type', '=', type).where('value', 'in', values).execute();
    }
    return rows.map(toWire);
  });
}

/**
 * Whether `value` may register as an identifier of `type`: true when the pool does not enforce
 * that type's list, else whether the list holds it (emails compared case-insensitively).
 */
export async function isWhitelisted(db: Db, poolId: string, type: WhitelistType, value: string): Promise<boolean> {
  const settings = await getPoolSettings(db, poolId);
  if (!settings.whitelist[ENABLED_FLAG[type]]) return true;
  const normalized = normalizeWhitelistValue(type, value);
  if (normalized === '') return false;
  const row = await db
    .selectFrom('whitelists')
    .select('value')
    .where('userpool_id', '=', poolId)
    .where('type', '=', type)
    .where('value', '=', normalized)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Refuses (2040) a registration whose identifiers are not on an enforced whitelist. Each given
 * identifier is checked against its own type's list; absent or blank ones are skipped.
 */
export async function requireWhitelisted(
  db: Db,
  poolId: string,
  identifiers: { username?: string | null; email?: string | null; phone?: string | null },
): Promise<void> {
  const checks: Array<[WhitelistType, string | null | undefined]> = [
    ['USERNAME', identifiers.username],
    ['EMAIL', identifiers.email],
    ['PHONE', identifiers.phone],
  ];
  for (const [type, value] of checks) {
    if (value === null || value === undefined || value.trim() === '') continue;
    if (!(await isWhitelisted(db, poolId, type, value))) throw ServiceErrors.notWhitelisted();
  }
}
