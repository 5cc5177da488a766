import { Errors } from '../errors.js';
import { nowIso } from '../storage/ids.js';
import type { Tx } from '../storage/store.js';
import type { UdfFieldsTable } from '../storage/tables.js';
import type { Db, ServiceContext } from './context.js';
import { CustomDataErrors, DATA_TYPES, storedValue, type CustomDataTargetType, type CustomDataType } from './custom-data-values.js';
import { ServiceErrors } from './errors.js';

export { CustomDataErrors, createUserParams, storedValue, type CustomDataTargetType, type CustomDataType } from './custom-data-values.js';

/**
 * Custom data for every target type at once: user-defined fields ("udf") of a target type and
 * their values ("udv") per entity, over the two tables of migration 0005. The target types differ
 * only in how a wire id names an entity (`TARGETS`); everything else is one code path.
 * How sent values become stored ones is in ./custom-data-values.ts.
 */

/** A field as the wire sends it (`UserDefinedField`). */
export interface WireField {
  targetType: CustomDataTargetType;
  dataType: CustomDataType;
  key: string;
  label: string;
  options: string | null;
}

/** A value as the wire sends it (`UserDefinedData`, `UserCustomData`). */
export interface WireValue {
  key: string;
  dataType: CustomDataType;
  value: string;
  label: string;
}

/** How a wire id names an entity of each type: the entity's internal id (`target_id`), or its "does not exist" error. */
const TARGETS: Record<CustomDataTargetType, (db: Db, poolId: string, ref: string) => Promise<string>> = {
  USER: async (db, poolId, id) => (await one(db.selectFrom('users').select('id').where('userpool_id', '=', poolId).where('id', '=', id), Errors.userNotFound)).id,
  ROLE: async (db, poolId, id) => (await one(db.selectFrom('roles').select('id').where('userpool_id', '=', poolId).where('id', '=', id), ServiceErrors.roleNotFound)).id,
  // Groups travel by code (v2 has no group ids); values hang off the id, so a rename keeps them.
  GROUP: async (db, poolId, code) =>
    (await one(db.selectFrom('groups').select('id').where('userpool_id', '=', poolId).where('code', '=', code), () => ServiceErrors.groupNotFound(code))).id,
  NODE: async (db, poolId, id) => (await one(db.selectFrom('nodes').select('id').where('userpool_id', '=', poolId).where('id', '=', id), ServiceErrors.nodeNotFound)).id,
};

async function one<R>(query: { executeTakeFirst(): Promise<R | undefined> }, missing: () => Error): Promise<R> {
  const row = await query.executeTakeFirst();
  if (!row) throw missing();
  return row;
}

/** The target type, or 3801 for one authing-local keeps no custom data for. */
export function targetTypeOf(value: string): CustomDataTargetType {
  if (Object.hasOwn(TARGETS, value)) return value as CustomDataTargetType;
  throw CustomDataErrors.unsupportedTarget(value);
}

function requireKey(key: string | null | undefined): string {
  const k = key?.trim();
  if (!k) throw Errors.invalidInput('key is required', '自定义字段 key 不能为空');
  return k;
}

const toWireField = (row: UdfFieldsTable): WireField => ({
  targetType: row.target_type as CustomDataTargetType,
  dataType: row.data_type as CustomDataType,
  key: row.key,
  label: row.label,
  options: row.options,
});

/** `Q.udf`: the fields of a target type, in creation order. */
export async function listFields(ctx: ServiceContext, targetType: string): Promise<WireField[]> {
  const type = targetTypeOf(targetType);
  const rows = await ctx.store.db
    .selectFrom('udf_fields')
    .selectAll()
    .where('userpool_id', '=', ctx.poolId)
    .where('target_type', '=', type)
    .orderBy('created_at')
    .orderBy('key')
    .execute();
  return rows.map(toWireField);
}

/** `M.setUdf`: creates the field or updates its label, options and type (3805 when a type change meets stored values). */
export async function setField(
  ctx: ServiceContext,
  input: { targetType: string; key: string; dataType: string; label: string; options?: string | null },
): Promise<WireField> {
  const type = targetTypeOf(input.targetType);
  const key = requireKey(input.key);
  if (!input.label?.trim()) throw Errors.invalidInput('label is required', '自定义字段 label 不能为空');
  if (!DATA_TYPES.includes(input.dataType)) throw Errors.invalidInput(`dataType must be one of ${DATA_TYPES.join(', ')}`);
  const row = await ctx.store.write(async (tx) => {
    const current = await fieldRow(tx, ctx.poolId, type, key);
    const now = nowIso();
    if (!current) {
      const row: UdfFieldsTable = {
        userpool_id: ctx.poolId,
        target_type: type,
        key,
        data_type: input.dataType,
        label: input.label,
        options: input.options ?? null,
        created_at: now,
        updated_at: now,
      };
      await tx.insertInto('udf_fields').values(row).execute();
      return row;
    }
    if (current.data_type !== input.dataType && (await valuesOfField(tx, ctx.poolId, type, key).executeTakeFirst())) {
      throw CustomDataErrors.typeChangeWithValues(key);
    }
    const next: UdfFieldsTable = { ...current, data_type: input.dataType, label: input.label, options: input.options ?? current.options, updated_at: now };
    await tx.updateTable('udf_fields').set(next).where((eb) => eb.and(fieldIs(ctx.poolId, type, key))).execute();
    return next;
  });
  return toWireField(row);
}

/** `M.removeUdf`: deletes the field and every value it holds; 3802 when there is no such field. */
export async function removeField(ctx: ServiceContext, targetType: string, key: string): Promise<void> {
  const type = targetTypeOf(targetType);
  const k = requireKey(key);
  await ctx.store.write(async (tx) => {
    if (!(await fieldRow(tx, ctx.poolId, type, k))) throw CustomDataErrors.fieldNotFound(k);
    await tx.deleteFrom('udf_values').where((eb) => eb.and(fieldIs(ctx.poolId, type, k))).execute();
    await tx.deleteFrom('udf_fields').where((eb) => eb.and(fieldIs(ctx.poolId, type, k))).execute();
  });
}

/** `Q.udv`: the custom data of one entity (fields that hold a value, in field order). */
export async function listValues(ctx: ServiceContext, targetType: string, targetId: string): Promise<WireValue[]> {
  const type = targetTypeOf(targetType);
  return valuesOf(ctx.store.db, ctx.poolId, type, await TARGETS[type](ctx.store.db, ctx.poolId, targetId));
}

/** `Q.udfValueBatch`: the custom data of each entity, once per distinct id in the given order. */
export async function listValuesBatch(ctx: ServiceContext, targetType: string, targetIds: readonly string[]): Promise<{ targetId: string; data: WireValue[] }[]> {
  const type = targetTypeOf(targetType);
  const out = [];
  for (const targetId of new Set(targetIds)) {
    const id = await TARGETS[type](ctx.store.db, ctx.poolId, targetId);
    out.push({ targetId, data: await valuesOf(ctx.store.db, ctx.poolId, type, id) });
  }
  return out;
}

/** `M.setUdv` / `M.setUdvBatch`: sets values of one entity in one transaction; answers its custom data. */
export async function setValues(
  ctx: ServiceContext,
  targetType: string,
  targetId: string,
  list: readonly { key: string; value?: string | null }[],
): Promise<WireValue[]> {
  return setValuesBatch(ctx, targetType, list.map((item) => ({ ...item, targetId })), targetId);
}

/** `M.setUdfValueBatch`: sets values of several entities of one type, all or nothing (400 for a key given twice for one entity). */
export async function setValuesBatch(
  ctx: ServiceContext,
  targetType: string,
  input: readonly { targetId: string; key: string; value?: string | null }[],
  answerFor?: string,
): Promise<WireValue[]> {
  const type = targetTypeOf(targetType);
  const seen = new Set<string>();
  for (const item of input) {
    const pair = JSON.stringify([item.targetId, requireKey(item.key)]);
    if (seen.has(pair)) throw Errors.invalidInput(`key "${item.key.trim()}" is given twice for one target`, `自定义字段 ${item.key.trim()} 重复`);
    seen.add(pair);
  }
  return ctx.store.write(async (tx) => {
    const ids = new Map<string, string>();
    for (const item of input) {
      const id = ids.get(item.targetId) ?? (await TARGETS[type](tx, ctx.poolId, item.targetId));
      ids.set(item.targetId, id);
    }
    await writeValues(tx, ctx.poolId, type, input.map((item) => ({ ...item, targetId: ids.get(item.targetId) ?? '' })));
    if (answerFor === undefined) return [];
    return valuesOf(tx, ctx.poolId, type, ids.get(answerFor) ?? (await TARGETS[type](tx, ctx.poolId, answerFor)));
  });
}

/**
 * Writes values inside the caller's transaction, `targetId` being internal ids the caller has
 * checked: 3802 for an unknown key, 3803 / 3804 for a value the field refuses. Also used by
 * `createUser` with `params` (the Python SDK's `createUserWithCustomData`).
 */
export async function writeValues(
  tx: Tx,
  poolId: string,
  type: CustomDataTargetType,
  items: readonly { targetId: string; key: string; value?: string | null }[],
): Promise<void> {
  const fields = new Map<string, UdfFieldsTable>();
  for (const item of items) {
    const key = requireKey(item.key);
    const field = fields.get(key) ?? (await fieldRow(tx, poolId, type, key));
    if (!field) throw CustomDataErrors.fieldNotFound(key);
    fields.set(key, field);
    await putValue(tx, poolId, type, item.targetId, key, storedValue(field, item.value));
  }
}

/** `M.removeUdv`: clears one value of an entity (3802 for an unknown field); answers its custom data. */
export async function removeValue(ctx: ServiceContext, targetType: string, targetId: string, key: string): Promise<WireValue[]> {
  const type = targetTypeOf(targetType);
  const k = requireKey(key);
  return ctx.store.write(async (tx) => {
    const id = await TARGETS[type](tx, ctx.poolId, targetId);
    if (!(await fieldRow(tx, ctx.poolId, type, k))) throw CustomDataErrors.fieldNotFound(k);
    await tx.deleteFrom('udf_values').where((eb) => eb.and({ ...fieldIs(ctx.poolId, type, k), target_id: id })).execute();
    return valuesOf(tx, ctx.poolId, type, id);
  });
}

/** The custom data of an entity by internal id, in field order (`User.customData` reads it too). */
export async function valuesOf(db: Db, poolId: string, type: CustomDataTargetType, id: string): Promise<WireValue[]> {
  const rows = await db
    .selectFrom('udf_values as v')
    .innerJoin('udf_fields as f', (j) => j.onRef('f.userpool_id', '=', 'v.userpool_id').onRef('f.target_type', '=', 'v.target_type').onRef('f.key', '=', 'v.key'))
    .select(['v.key', 'v.value', 'f.data_type', 'f.label'])
    .where('v.userpool_id', '=', poolId)
    .where('v.target_type', '=', type)
    .where('v.target_id', '=', id)
    .orderBy('f.created_at')
    .orderBy('f.key')
    .execute();
  return rows.map((r) => ({ key: r.key, dataType: r.data_type as CustomDataType, value: r.value, label: r.label }));
}

/** Deletes every value of one entity (the cascades call it when the entity goes). */
export async function deleteValuesOfTarget(tx: Tx, type: CustomDataTargetType, id: string): Promise<void> {
  await tx.deleteFrom('udf_values').where('target_type', '=', type).where('target_id', '=', id).execute();
}

function fieldRow(db: Db, poolId: string, type: CustomDataTargetType, key: string): Promise<UdfFieldsTable | undefined> {
  return db.selectFrom('udf_fields').selectAll().where((eb) => eb.and(fieldIs(poolId, type, key))).executeTakeFirst();
}

function valuesOfField(db: Db, poolId: string, type: CustomDataTargetType, key: string) {
  return db.selectFrom('udf_values').select('target_id').where((eb) => eb.and(fieldIs(poolId, type, key))).limit(1);
}

/** The columns naming one field, in either table. */
const fieldIs = (poolId: string, type: CustomDataTargetType, key: string) => ({ userpool_id: poolId, target_type: type, key });

async function putValue(tx: Tx, poolId: string, type: CustomDataTargetType, id: string, key: string, value: string): Promise<void> {
  const now = nowIso();
  await tx
    .insertInto('udf_values')
    .values({ userpool_id: poolId, target_type: type, target_id: id, key, value, created_at: now, updated_at: now })
    .onConflict((c) => c.columns(['userpool_id', 'target_type', 'target_id', 'key']).doUpdateSet({ value, updated_at: now }))
    .execute();
}
