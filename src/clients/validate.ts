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

function invalid(argument: string, message: string): never {
  throw toAuthingError({ kind: 'validation', argument, message });
}

function oneOf(argument: string, value: unknown, allowed: readonly string[]): void {
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
