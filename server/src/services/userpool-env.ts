import { Errors } from '../errors.js';
import { nowIso } from '../storage/ids.js';
import type { Db, ServiceContext } from './context.js';

/**
 * The user pool's environment variables (`managementClient.userpool.listEnv / addEnv /
 * removeEnv`): per pool, a key and any JSON value. Every call answers the whole list, oldest first.
 */

export interface EnvVariable {
  key: string;
  value: unknown;
}

const KEY = /^[A-Za-z0-9_.-]{1,64}$/;
const MAX_VALUE_JSON = 4096;

export async function listEnv(db: Db, poolId: string): Promise<EnvVariable[]> {
  const rows = await db
    .selectFrom('userpool_env')
    .select(['key', 'value_json'])
    .where('userpool_id', '=', poolId)
    .orderBy('created_at')
    .orderBy('key')
    .execute();
  return rows.map((row) => ({ key: row.key, value: JSON.parse(row.value_json) as unknown }));
}

function checkKey(key: unknown): string {
  if (typeof key !== 'string' || !KEY.test(key)) {
    throw Errors.invalidInput('key must be 1 to 64 letters, digits, _, - or .', 'key 必须为 1 到 64 个字母、数字、_、- 或 .');
  }
  return key;
}

/** Sets `key` to `value` (an existing key keeps its place and takes the new value). 400 for a bad key or value. */
export async function addEnv(ctx: ServiceContext, key: unknown, value: unknown): Promise<EnvVariable[]> {
  const name = checkKey(key);
  if (value === undefined) throw Errors.invalidInput('value is required', 'value 不能为空');
  const json = JSON.stringify(value);
  if (json.length > MAX_VALUE_JSON) {
    throw Errors.invalidInput(`value must be at most ${MAX_VALUE_JSON} characters as JSON`, `value 的 JSON 不能超过 ${MAX_VALUE_JSON} 个字符`);
  }
  return ctx.store.write(async (tx) => {
    const now = nowIso();
    await tx
      .insertInto('userpool_env')
      .values({ userpool_id: ctx.poolId, key: name, value_json: json, created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(['userpool_id', 'key']).doUpdateSet({ value_json: json, updated_at: now }))
      .execute();
    return listEnv(tx, ctx.poolId);
  });
}

/** Removes `key`; an absent key is no error. */
export async function removeEnv(ctx: ServiceContext, key: string): Promise<EnvVariable[]> {
  return ctx.store.write(async (tx) => {
    await tx.deleteFrom('userpool_env').where('userpool_id', '=', ctx.poolId).where('key', '=', key).execute();
    return listEnv(tx, ctx.poolId);
  });
}
