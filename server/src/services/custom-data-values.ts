import { AuthingServerError, Errors } from '../errors.js';
import type { UdfFieldsTable } from '../storage/tables.js';

/**
 * Custom-data values on the way in (services/custom-data.ts): what a sent value means for a
 * field of each `dataType`, the stored (decoded) form, and the area's errors.
 *
 * The official SDKs JSON-encode each value they send (`JSON.stringify`), and read values back by
 * the field's type (`convertUdv` in authing-js-sdk): a STRING as is, NUMBER / BOOLEAN / OBJECT by
 * `JSON.parse`, a DATETIME by `new Date(parseInt(value))`. So values are stored decoded
 * ({@link storedValue}): the plain string, JSON, or milliseconds since the epoch.
 */

export type CustomDataTargetType = 'USER' | 'ROLE' | 'GROUP' | 'NODE';
export type CustomDataType = 'STRING' | 'NUMBER' | 'DATETIME' | 'BOOLEAN' | 'OBJECT' | 'SELECT';
export const DATA_TYPES: readonly string[] = ['STRING', 'NUMBER', 'DATETIME', 'BOOLEAN', 'OBJECT', 'SELECT'] satisfies CustomDataType[];

const e = (code: number, zh: string, en: string) => new AuthingServerError(code, zh, en);

/** The errors of this area (codes chosen: see server/ERRORS.md). */
export const CustomDataErrors = {
  unsupportedTarget: (t: string) => e(3801, `不支持的自定义数据目标类型：${t}`, `Custom data is not supported for target type ${t}`),
  fieldNotFound: (key: string) => e(3802, `自定义字段 ${key} 不存在`, `User-defined field "${key}" does not exist`),
  wrongType: (key: string, type: string) => e(3803, `自定义字段 ${key} 的值必须为 ${type} 类型`, `The value of user-defined field "${key}" must be of type ${type}`),
  notAnOption: (key: string) => e(3804, `自定义字段 ${key} 的值不在可选项中`, `The value of user-defined field "${key}" is not one of its options`),
  typeChangeWithValues: (key: string) =>
    e(3805, `自定义字段 ${key} 已有数据，不能修改数据类型`, `User-defined field "${key}" holds values; its data type cannot change`),
} as const;

const parseJson = (raw: string): { value: unknown } | undefined => {
  try {
    return { value: JSON.parse(raw) as unknown };
  } catch {
    return undefined;
  }
};

/** The options of a SELECT field, when they are a JSON array of strings or `{ value }` objects. */
function selectOptions(options: string | null): string[] | undefined {
  const parsed = options ? parseJson(options)?.value : undefined;
  if (!Array.isArray(parsed)) return undefined;
  return parsed.map((o: unknown) => (typeof o === 'object' && o !== null && 'value' in o ? String(o.value) : String(o)));
}

/**
 * The stored form of a value sent for `field`: the sender JSON-encodes it, a bare string is also
 * taken (the Python SDK's udf.set_udf_value_batch sends values unencoded). 3803 when it is not of
 * the field's type, 3804 when a SELECT value is not one of the options.
 */
export function storedValue(field: Pick<UdfFieldsTable, 'key' | 'data_type' | 'options'>, raw: string | null | undefined): string {
  const wrong = () => CustomDataErrors.wrongType(field.key, field.data_type);
  if (raw === null || raw === undefined) throw wrong();
  const parsed = parseJson(raw);
  const v = parsed ? parsed.value : raw;
  switch (field.data_type) {
    case 'NUMBER': {
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      if (!Number.isFinite(n)) throw wrong();
      return String(n);
    }
    case 'BOOLEAN':
      if (typeof v === 'boolean') return String(v);
      if (v === 'true' || v === 'false') return v;
      throw wrong();
    case 'DATETIME': {
      const ms = typeof v === 'number' ? v : typeof v === 'string' ? (/^\s*-?\d+\s*$/.test(v) ? Number(v) : Date.parse(v)) : NaN;
      if (!Number.isFinite(ms) || Number.isNaN(new Date(ms).getTime())) throw wrong();
      return String(Math.trunc(ms));
    }
    case 'OBJECT':
      if (typeof v !== 'object' || v === null) throw wrong();
      return JSON.stringify(v);
    default: {
      // STRING and SELECT: a string, or the text of a number or boolean; never an object or null.
      if (typeof v === 'object' || v === undefined) throw wrong();
      const text = typeof v === 'string' ? v : raw.trim();
      const choices = field.data_type === 'SELECT' ? selectOptions(field.options) : undefined;
      if (choices && !choices.includes(text)) throw CustomDataErrors.notAnOption(field.key);
      return text;
    }
  }
}

/**
 * The `params` of `createUser`: a JSON string of `[{ key, value }]` whose values are plain JSON
 * values (the Python SDK sends them unencoded); 400 when it is not that shape.
 */
export function createUserParams(params: string | null | undefined): { key: string; value: string }[] {
  if (params === null || params === undefined || params === '') return [];
  const parsed = parseJson(params)?.value;
  const bad = () => Errors.invalidInput('params must be a JSON array of { key, value }', 'params 必须为 [{ key, value }] 格式的 JSON');
  if (!Array.isArray(parsed)) throw bad();
  return parsed.map((item: unknown) => {
    if (typeof item !== 'object' || item === null || !('key' in item) || typeof item.key !== 'string') throw bad();
    const value = 'value' in item ? item.value : undefined;
    return { key: item.key, value: typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null') };
  });
}

