/** Custom data: user-defined fields ("udf") and the values ("udv") entities hold for them. */
import type { UdfTargetType } from '../../generated/graphql.js';
import type { UdfDataType } from './common.js';

// A plain string-literal union: it hovers as its values, so the generated one is re-exported.
export type { UdfTargetType };

/** A user-defined field of one target type. */
export interface UserDefinedField {
  targetType: UdfTargetType;
  dataType: UdfDataType;
  /** The field's key, unique within its target type. */
  key: string;
  /** Display label. */
  label: string | null;
  /** Options as stored (a JSON string), e.g. the choices of a SELECT field. */
  options: string | null;
}

/**
 * One value as the server sends it: `value` is text (a STRING as is, NUMBER / BOOLEAN / OBJECT as
 * JSON, DATETIME as milliseconds since the epoch). The SDK's methods decode it ({@link CustomDataItem}).
 */
export interface UserDefinedData {
  key: string;
  dataType: UdfDataType;
  value: string;
  /** Display label of the field. */
  label: string | null;
}

/** The value of an OBJECT field: what `JSON.parse` made of it. */
export type CustomDataObject = { [key: string]: unknown } | unknown[];

/** A decoded value: a string (STRING, SELECT), number, boolean, `Date` (DATETIME) or object. */
export type CustomDataValue = string | number | boolean | Date | CustomDataObject;

/** An entity's custom data decoded, field key → value (what `getUdfValue` answers). */
export type CustomData = Record<string, CustomDataValue>;

/** What every {@link CustomDataItem} carries besides its typed value. */
export interface CustomDataItemBase {
  key: string;
  /** Display label of the field. */
  label: string | null;
}

/** A STRING or SELECT value. */
export interface StringCustomDataItem extends CustomDataItemBase {
  dataType: 'STRING' | 'SELECT';
  value: string;
}

/** A NUMBER value. */
export interface NumberCustomDataItem extends CustomDataItemBase {
  dataType: 'NUMBER';
  value: number;
}

/** A BOOLEAN value. */
export interface BooleanCustomDataItem extends CustomDataItemBase {
  dataType: 'BOOLEAN';
  value: boolean;
}

/** A DATETIME value. */
export interface DatetimeCustomDataItem extends CustomDataItemBase {
  dataType: 'DATETIME';
  value: Date;
}

/** An OBJECT value. */
export interface ObjectCustomDataItem extends CustomDataItemBase {
  dataType: 'OBJECT';
  value: CustomDataObject;
}

/** One decoded value of an entity's custom data; `dataType` tells the type of `value`. */
export type CustomDataItem = StringCustomDataItem | NumberCustomDataItem | BooleanCustomDataItem | DatetimeCustomDataItem | ObjectCustomDataItem;

/** One value to set: any JSON-encodable value (a `Date` for DATETIME fields), encoded by the SDK. */
export interface CustomDataInput {
  key: string;
  value: unknown;
}
