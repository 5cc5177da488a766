import type { PolicyConditionFact, PolicyStatementFact } from './types.js';

/**
 * Policy statement conditions, IAM-style. A permission check carries no request context (no app,
 * IP, device or MFA state), so the one parameter it can answer is `UserId`; a condition on any
 * other parameter, or with an operator not listed here, is false, and its statement then neither
 * allows nor denies.
 */

/** `*` any run of characters, `?` exactly one; everything else literal. */
function globMatches(pattern: string, value: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's').test(value);
}

const OPERATORS: Record<string, (actual: string, expected: string) => boolean> = {
  StringEquals: (a, e) => a === e,
  StringNotEquals: (a, e) => a !== e,
  StringEqualsIgnoreCase: (a, e) => a.toLowerCase() === e.toLowerCase(),
  StringNotEqualsIgnoreCase: (a, e) => a.toLowerCase() !== e.toLowerCase(),
  StringLike: (a, e) => globMatches(e, a),
  StringNotLike: (a, e) => !globMatches(e, a),
};

/** The operator names a condition may use. */
export const CONDITION_OPERATORS: readonly string[] = Object.keys(OPERATORS);

/** Does one condition hold for a check by `userId`? */
export function conditionHolds(c: PolicyConditionFact, userId: string): boolean {
  const op = Object.hasOwn(OPERATORS, c.operator) ? OPERATORS[c.operator] : undefined;
  if (!op || c.param !== 'UserId') return false;
  return op(userId, c.value);
}

/** Every condition of the statement holds (an empty list always holds). */
export function conditionsHold(conditions: readonly PolicyConditionFact[], userId: string): boolean {
  return conditions.every((c) => conditionHolds(c, userId));
}

/** A statement's resource in the grant grammar: `*:*` (any kind, any instance) is `*`. */
export function statementResource(s: Pick<PolicyStatementFact, 'resource'>): string {
  return s.resource === '*:*' ? '*' : s.resource;
}
