/**
 * Client-side argument checks. Each runs before any request and throws an
 * `AuthingValidationError` whose `argument` names the offending argument.
 */
import { toAuthingError } from '../core/errors.js';
import type { ApplicationAccessTargetType, DefaultStrategy, PolicyAssignmentTargetType, ResourceType } from './types.js';

export const RESOURCE_TYPES: readonly ResourceType[] = ['DATA', 'API', 'MENU', 'UI', 'BUTTON'];
export const ACCESS_TARGET_TYPES: readonly ApplicationAccessTargetType[] = ['USER', 'ROLE', 'GROUP', 'ORG'];
export const TARGET_TYPES: readonly PolicyAssignmentTargetType[] = [...ACCESS_TARGET_TYPES, 'AK_SK'];
export const DEFAULT_STRATEGIES: readonly DefaultStrategy[] = ['ALLOW_ALL', 'DENY_ALL'];
const OPERATORS = ['AND', 'OR'] as const;

/** Throws the `AuthingValidationError` of one argument. */
export function invalid(argument: string, message: string): never {
  throw toAuthingError({ kind: 'validation', argument, message });
}

/** `value` is one of `allowed`. */
export function oneOf(argument: string, value: unknown, allowed: readonly string[]): void {
  if (typeof value !== 'string' || !allowed.includes(value)) {
    invalid(argument, `${argument} must be one of ${allowed.join(', ')}`);
  }
}

/** `value` is a non-empty string. */
export function requireId(argument: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '') invalid(argument, `${argument} must be a non-empty string`);
}

/** `value` is a non-empty array of non-empty strings. */
export function requireIds(argument: string, value: unknown): asserts value is string[] {
  if (!Array.isArray(value) || value.length === 0) invalid(argument, `${argument} must be a non-empty array of strings`);
  value.forEach((item: unknown, i) => requireId(`${argument}[${i}]`, item));
}

/** `value` is a resource type, or absent when not `required`. */
export function checkResourceType(argument: string, value: unknown, required = false): void {
  if (value === undefined || value === null) {
    if (required) invalid(argument, `${argument} is required (one of ${RESOURCE_TYPES.join(', ')})`);
    return;
  }
  oneOf(argument, value, RESOURCE_TYPES);
}

/** `value` is a grant target type; AK_SK only where the API takes programmatic access accounts. */
export function checkTargetType(argument: string, value: unknown, allowAkSk: boolean): void {
  oneOf(argument, value, allowAkSk ? TARGET_TYPES : ACCESS_TARGET_TYPES);
}

/** Grant targets `[{ targetType, targetIdentifier }]` of authorizeResource / revokeResource. */
export function checkTargets(argument: string, opts: unknown): void {
  if (!Array.isArray(opts) || opts.length === 0) invalid(argument, `${argument} must be a non-empty array of targets`);
  opts.forEach((opt: unknown, i) => {
    const item: { targetType?: unknown; targetIdentifier?: unknown } = typeof opt === 'object' && opt !== null ? opt : {};
    checkTargetType(`${argument}[${i}].targetType`, item.targetType, true);
    requireId(`${argument}[${i}].targetIdentifier`, item.targetIdentifier);
  });
}

/** Items `[{ targetType, targetIdentifiers, resources: [{ code, actions?, resourceType? }] }]` of authorizeResources / revokeResources. */
export function checkGrantBatch(argument: string, opts: unknown): void {
  if (!Array.isArray(opts) || opts.length === 0) invalid(argument, `${argument} must be a non-empty array of { targetType, targetIdentifiers, resources }`);
  opts.forEach((opt: unknown, i) => {
    const item: { targetType?: unknown; targetIdentifiers?: unknown; resources?: unknown } = typeof opt === 'object' && opt !== null ? opt : {};
    checkTargetType(`${argument}[${i}].targetType`, item.targetType, true);
    requireIds(`${argument}[${i}].targetIdentifiers`, item.targetIdentifiers);
    const resources = item.resources;
    if (!Array.isArray(resources) || resources.length === 0) invalid(`${argument}[${i}].resources`, `${argument}[${i}].resources must be a non-empty array of { code, actions, resourceType }`);
    resources.forEach((resource: unknown, j) => {
      const at = `${argument}[${i}].resources[${j}]`;
      const r: { code?: unknown; actions?: unknown; resourceType?: unknown } = typeof resource === 'object' && resource !== null ? resource : {};
      requireId(`${at}.code`, r.code);
      if (r.actions !== undefined && r.actions !== null && !(Array.isArray(r.actions) && r.actions.length === 0)) requireIds(`${at}.actions`, r.actions);
      checkResourceType(`${at}.resourceType`, r.resourceType);
    });
  });
}

/**
 * Resource actions `[{ name, description? }]` with non-empty names; at least one unless the
 * resource is a MENU or BUTTON (which carry no actions).
 */
export function checkActions(argument: string, actions: unknown, type: unknown, required: boolean): void {
  if (actions === undefined || actions === null) {
    if (required && type !== 'MENU' && type !== 'BUTTON') invalid(argument, `${argument} must list at least one action`);
    return;
  }
  if (!Array.isArray(actions)) invalid(argument, `${argument} must be an array of { name, description }`);
  if (actions.length === 0 && type !== 'MENU' && type !== 'BUTTON') invalid(argument, `${argument} must list at least one action`);
  actions.forEach((action: unknown, i) => {
    const item: { name?: unknown; description?: unknown } = typeof action === 'object' && action !== null ? action : {};
    requireId(`${argument}[${i}].name`, item.name);
    if (item.description !== undefined && item.description !== null && typeof item.description !== 'string') {
      invalid(`${argument}[${i}].description`, `${argument}[${i}].description must be a string`);
    }
  });
}

/** A resource for `allow`: `type:id` (both parts non-empty, `type:*` included) or `*`. */
export function checkInstanceResource(argument: string, resource: unknown): void {
  requireId(argument, resource);
  if (resource === '*') return;
  const at = resource.indexOf(':');
  if (at <= 0 || at === resource.length - 1) {
    invalid(argument, `${argument} must be "<type>:<id>", "<type>:*" or "*"`);
  }
}

/** An action filter `{ op: 'AND' | 'OR', list: string[] }`, when given. */
export function checkActionFilter(argument: string, filter: unknown): void {
  if (filter === undefined || filter === null) return;
  const value: { op?: unknown; list?: unknown } = typeof filter === 'object' ? filter : {};
  oneOf(`${argument}.op`, value.op, OPERATORS);
  if (!Array.isArray(value.list)) invalid(`${argument}.list`, `${argument}.list must be an array of action names`);
}

/** An application's default access strategy. */
export function checkDefaultStrategy(argument: string, value: unknown): void {
  oneOf(argument, value, DEFAULT_STRATEGIES);
}

/** The target types of the real service's custom data (authing-local keeps USER, ROLE, GROUP, NODE). */
export const UDF_TARGET_TYPES: readonly string[] = ['NODE', 'ORG', 'USER', 'USERPOOL', 'ROLE', 'PERMISSION', 'APPLICATION', 'GROUP'];
export const UDF_DATA_TYPES: readonly string[] = ['STRING', 'NUMBER', 'DATETIME', 'BOOLEAN', 'OBJECT', 'SELECT'];

/** A custom-data target type. */
export function checkUdfTargetType(argument: string, value: unknown): void {
  oneOf(argument, value, UDF_TARGET_TYPES);
}

/** A user-defined field's data type. */
export function checkUdfDataType(argument: string, value: unknown): void {
  oneOf(argument, value, UDF_DATA_TYPES);
}

/** A value `JSON.stringify` encodes (not undefined, a function, a symbol or a BigInt); returns the encoding. */
export function encodeUdfValue(argument: string, value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value) as string | undefined;
  } catch {
    text = undefined;
  }
  if (text === undefined || value === null) invalid(argument, `${argument} must be a JSON-encodable value, not ${value === null ? 'null' : typeof value}`);
  return text;
}

/** Custom data `{ key: value }`: at least one key, every key non-empty; returns the `{ key, value }` list, values encoded. */
export function encodeCustomData(argument: string, data: unknown): { key: string; value: string }[] {
  if (typeof data !== 'object' || data === null || Array.isArray(data) || Object.keys(data).length === 0) {
    invalid(argument, `${argument} must be an object with at least one key`);
  }
  return Object.entries(data).map(([key, value]) => {
    requireId(`${argument} key`, key);
    return { key, value: encodeUdfValue(`${argument}.${key}`, value) };
  });
}

const SYNC_PROVIDERS = ['dingtalk', 'wechatwork', 'ad'] as const;

/** `org.startSync` options: a known provider, and the connector id an AD sync needs. */
export function checkSyncOptions(argument: string, options: unknown): void {
  const o: { providerType?: unknown; adConnectorId?: unknown } = typeof options === 'object' && options !== null ? options : {};
  oneOf(`${argument}.providerType`, o.providerType, SYNC_PROVIDERS);
  if (o.providerType === 'ad') requireId(`${argument}.adConnectorId`, o.adConnectorId);
}

/** A tree for `org.importByJson`: its JSON text, or an object whose top node has a name (the server checks every node). */
export function checkImportTree(argument: string, tree: unknown): void {
  if (typeof tree === 'string') {
    if (tree.trim() === '') invalid(argument, `${argument} must be a tree { name, children } or its JSON text`);
    return;
  }
  if (typeof tree !== 'object' || tree === null || Array.isArray(tree)) invalid(argument, `${argument} must be a tree { name, children } or its JSON text`);
  requireId(`${argument}.name`, (tree as { name?: unknown }).name);
}

const BATCH_QUERY_FIELDS = ['id', 'username', 'email', 'phone', 'externalId'] as const;

/** `users.batch`'s `queryField`, or absent. */
export function checkBatchQueryField(argument: string, value: unknown): void {
  if (value !== undefined) oneOf(argument, value, BATCH_QUERY_FIELDS);
}

/** `users.filter` conditions: each `[{ type?, value: field }, 'EQ' | 'NEQ', operand]`. */
export function checkUserFilter(argument: string, filter: unknown): void {
  if (filter === undefined) return;
  if (!Array.isArray(filter)) invalid(argument, `${argument} must be an array of [{ type, value }, operator, operand]`);
  filter.forEach((condition: unknown, i) => {
    if (!Array.isArray(condition) || condition.length !== 3) invalid(`${argument}[${i}]`, `${argument}[${i}] must be [{ type, value }, operator, operand]`);
    const field: { value?: unknown } = typeof condition[0] === 'object' && condition[0] !== null ? condition[0] : {};
    requireId(`${argument}[${i}][0].value`, field.value);
    oneOf(`${argument}[${i}][1]`, condition[1], ['EQ', 'NEQ']);
  });
}

/** `value` is a string (possibly empty: `users.search('')` lists everyone). */
export function requireString(argument: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') invalid(argument, `${argument} must be a string`);
}
