/**
 * Custom data for every target type, one code path: the users, roles and udf methods are one-line
 * calls into these functions with their target type. Values are JSON-encoded once on the way out
 * (`encodeUdfValue`, as the official SDKs do) and decoded once on the way in ({@link decodeItem},
 * by the field's `dataType`, as the official SDK's `convertUdvToKeyValuePair` does).
 */
import { SDK_ERROR_CODE, toAuthingError } from '../core/errors.js';
import type { RequestOptions } from '../core/options.js';
import {
  RemoveUdvDocument,
  SetUdfValueBatchDocument,
  SetUdvBatchDocument,
  SetUdvDocument,
  UdfValueBatchDocument,
  UdvDocument,
} from '../generated/graphql.js';
import { answered, type ClientContext } from './context.js';
import type {
  CommonMessage,
  CustomData,
  CustomDataInput,
  CustomDataItem,
  CustomDataObject,
  CustomDataValue,
  Paginated,
  UdfTargetType,
  User,
  UserCustomData,
  UserDefinedData,
  UserWithCustomData,
} from './types.js';
import { checkUdfTargetType, encodeCustomData, encodeUdfValue, requireId, requireIds } from './validate.js';

/** All these calls need of a client: its transport (a ManagementClient's or, for the session user's own data, an AuthenticationClient's). */
export type CustomDataContext = Pick<ClientContext, 'transport'>;

/** The value of one item, typed by its field's `dataType`. */
export function decodeItem(item: UserDefinedData): CustomDataItem {
  const { key, label, value } = item;
  const parsed = (): unknown => {
    try {
      return JSON.parse(value) as unknown;
    } catch (cause) {
      throw toAuthingError({ kind: 'response', code: SDK_ERROR_CODE.connection, message: `The server sent a ${item.dataType} value of "${key}" that is not JSON`, cause });
    }
  };
  switch (item.dataType) {
    case 'NUMBER':
      return { key, label, dataType: item.dataType, value: Number(parsed()) };
    case 'BOOLEAN':
      return { key, label, dataType: item.dataType, value: parsed() === true };
    case 'DATETIME':
      return { key, label, dataType: item.dataType, value: /^-?\d+$/.test(value) ? new Date(Number(value)) : new Date(value) };
    case 'OBJECT':
      return { key, label, dataType: item.dataType, value: parsed() as CustomDataObject };
    default:
      return { key, label, dataType: item.dataType, value };
  }
}

const decodeAll = (items: readonly UserDefinedData[] | null): CustomDataItem[] => answered(items, 'custom data').map(decodeItem);

/** Items as `{ key: value }`. */
export const toCustomData = (items: readonly CustomDataItem[]): CustomData =>
  Object.fromEntries(items.map((item): [string, CustomDataValue] => [item.key, item.value]));

/**
 * A user's `customData` list as GraphQL and REST send it (the `…WithCustomData` answers) as
 * `{ key: value }`, decoded as {@link decodeItem} does; items without a value are left out.
 */
export function decodeCustomData(items: readonly ({ key: string; value?: string | null; dataType: UserDefinedData['dataType']; label?: string | null } | null)[] | null | undefined): CustomData {
  const present = (items ?? []).flatMap((item) => (item && typeof item.value === 'string' ? [{ ...item, value: item.value, label: item.label ?? null }] : []));
  return toCustomData(present.map(decodeItem));
}

/**
 * A user as a `…WithCustomData` read answers it (GraphQL `customData { … }`, REST
 * `with_custom_data`), with `customData` as `{ key: value }` ({@link decodeCustomData}).
 */
export function decodeUserCustomData<U extends { customData?: Parameters<typeof decodeCustomData>[0] }>(user: U): Omit<U, 'customData'> & { customData: CustomData } {
  const { customData, ...rest } = user;
  return { ...rest, customData: decodeCustomData(customData) };
}

/**
 * Custom data to write with a new user or a registration, as the `params` argument the official
 * SDKs send: the JSON text of `[{ key, value }]`, each value as given (authing-js-sdk
 * `convertObjectToKeyValueList`, the Python SDK's `create(custom_data=…)`). Checked as
 * {@link encodeCustomData} checks a write: at least one key, each value JSON-encodable.
 */
export function customDataParams(argument: string, data: Record<string, unknown>): string {
  encodeCustomData(argument, data);
  return JSON.stringify(Object.entries(data).map(([key, value]) => ({ key, value })));
}

/**
 * A page of a `…WithCustomData` member listing (`roleWithUsersWithCustomData`,
 * `groupWithUsersWithCustomData`) with each user's `customData` as `{ key: value }`, as the
 * official SDKs' `listUsers` answers it.
 */
export function decodeMembers(page: Paginated<User & { customData: readonly (UserCustomData | null)[] | null }>): Paginated<UserWithCustomData> {
  return { totalCount: page.totalCount, list: page.list.map((user) => decodeUserCustomData(user)) };
}

function checkTarget(targetType: UdfTargetType, targetId: string): void {
  checkUdfTargetType('targetType', targetType);
  requireId('targetId', targetId);
}

/** `Q.udv`: an entity's values as items. */
export async function listItems(ctx: CustomDataContext, targetType: UdfTargetType, targetId: string, requestOptions?: RequestOptions): Promise<CustomDataItem[]> {
  checkTarget(targetType, targetId);
  return decodeAll((await ctx.transport.graphql(UdvDocument, { targetType, targetId }, requestOptions)).udv);
}

/** `Q.udv`: an entity's values as `{ key: value }`. */
export async function getCustomData(ctx: CustomDataContext, targetType: UdfTargetType, targetId: string, requestOptions?: RequestOptions): Promise<CustomData> {
  return toCustomData(await listItems(ctx, targetType, targetId, requestOptions));
}

/** `Q.udv`: one value of an entity as `{ [key]: value }`, or `{}` when it holds none for that key. */
export async function getSpecificCustomData(
  ctx: CustomDataContext,
  targetType: UdfTargetType,
  targetId: string,
  udfKey: string,
  requestOptions?: RequestOptions,
): Promise<CustomData> {
  requireId('udfKey', udfKey);
  const all = await getCustomData(ctx, targetType, targetId, requestOptions);
  return Object.hasOwn(all, udfKey) ? { [udfKey]: all[udfKey] as CustomDataValue } : {};
}

/** `Q.udfValueBatch`: each entity's values as `{ key: value }`, by target id. */
export async function getCustomDataBatch(
  ctx: CustomDataContext,
  targetType: UdfTargetType,
  targetIds: string[],
  requestOptions?: RequestOptions,
): Promise<Record<string, CustomData>> {
  checkUdfTargetType('targetType', targetType);
  requireIds('targetIds', targetIds);
  const { udfValueBatch } = await ctx.transport.graphql(UdfValueBatchDocument, { targetType, targetIds }, requestOptions);
  return Object.fromEntries(udfValueBatch.map(({ targetId, data }) => [targetId, toCustomData(data.map(decodeItem))]));
}

/** `M.setUdvBatch` from `{ key, value }` items; answers the entity's values. */
export async function setItems(
  ctx: CustomDataContext,
  targetType: UdfTargetType,
  targetId: string,
  udvList: CustomDataInput[],
  requestOptions?: RequestOptions,
): Promise<CustomDataItem[]> {
  checkTarget(targetType, targetId);
  if (!Array.isArray(udvList) || udvList.length === 0) throw toAuthingError({ kind: 'validation', argument: 'udvList', message: 'udvList must be a non-empty array of { key, value }' });
  const list = udvList.map((item, i) => {
    requireId(`udvList[${i}].key`, item?.key);
    return { key: item.key, value: encodeUdfValue(`udvList[${i}].value`, item.value) };
  });
  return decodeAll((await ctx.transport.graphql(SetUdvBatchDocument, { targetType, targetId, udvList: list }, requestOptions)).setUdvBatch);
}

/** `M.setUdvBatch` from `{ key: value }`; answers the entity's values. */
export async function setCustomData(
  ctx: CustomDataContext,
  targetType: UdfTargetType,
  targetId: string,
  data: Record<string, unknown>,
  requestOptions?: RequestOptions,
): Promise<CustomDataItem[]> {
  checkTarget(targetType, targetId);
  const udvList = encodeCustomData('data', data);
  return decodeAll((await ctx.transport.graphql(SetUdvBatchDocument, { targetType, targetId, udvList }, requestOptions)).setUdvBatch);
}

/** `M.setUdv`: one value; answers the entity's values. */
export async function setOne(
  ctx: CustomDataContext,
  targetType: UdfTargetType,
  targetId: string,
  key: string,
  value: unknown,
  requestOptions?: RequestOptions,
): Promise<CustomDataItem[]> {
  checkTarget(targetType, targetId);
  requireId('key', key);
  const variables = { targetType, targetId, key, value: encodeUdfValue('value', value) };
  return decodeAll((await ctx.transport.graphql(SetUdvDocument, variables, requestOptions)).setUdv);
}

/** `M.setUdfValueBatch`: `{ key: value }` per entity, all in one request (and one server transaction). */
export async function setCustomDataBatch(
  ctx: CustomDataContext,
  targetType: UdfTargetType,
  input: { targetId: string; data: Record<string, unknown> }[],
  requestOptions?: RequestOptions,
): Promise<CommonMessage | null> {
  checkUdfTargetType('targetType', targetType);
  if (!Array.isArray(input) || input.length === 0) throw toAuthingError({ kind: 'validation', argument: 'input', message: 'input must be a non-empty array' });
  const values = input.flatMap((item, i) => {
    requireId(`input[${i}].targetId`, item?.targetId);
    return encodeCustomData(`input[${i}].data`, item.data).map((kv) => ({ targetId: item.targetId, ...kv }));
  });
  return (await ctx.transport.graphql(SetUdfValueBatchDocument, { targetType, input: values }, requestOptions)).setUdfValueBatch;
}

/**
 * The `[{ roleId, data }]` / `[{ userId, data }]` argument of a `setUdfValueBatch` as the
 * `[{ targetId, data }]` of {@link setCustomDataBatch}; a non-array is passed on for it to refuse.
 */
export function targetsOf<K extends string>(input: ({ [P in K]: string } & { data: Record<string, unknown> })[], idKey: K): { targetId: string; data: Record<string, unknown> }[] {
  return Array.isArray(input) ? input.map((item) => ({ targetId: item?.[idKey], data: item?.data })) : input;
}

/** `M.removeUdv`: clears one value; answers the entity's remaining values. */
export async function removeValue(
  ctx: CustomDataContext,
  targetType: UdfTargetType,
  targetId: string,
  key: string,
  requestOptions?: RequestOptions,
): Promise<CustomDataItem[]> {
  checkTarget(targetType, targetId);
  requireId('key', key);
  return decodeAll((await ctx.transport.graphql(RemoveUdvDocument, { targetType, targetId, key }, requestOptions)).removeUdv);
}
