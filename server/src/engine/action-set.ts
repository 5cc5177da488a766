import { kindOf, kindWildcardOf } from './match.js';

/** Granted actions compiled for fast checks; equivalent to `actionMatches` over the union. */
export interface ActionSet {
  /** Some grant had `null` actions or `*`. */
  all: boolean;
  /** Exact action strings: a short array (most buckets hold one or two), a set past that. */
  exact: readonly string[] | ReadonlySet<string>;
  /** Kinds `K` granted as `K:*`; null when none. */
  kinds: ReadonlySet<string> | null;
}

/** Past this many actions a set beats scanning an array. */
const ARRAY_LIMIT = 8;

export function compileActions(lists: Iterable<readonly string[] | null>): ActionSet {
  let all = false;
  const exact = new Set<string>();
  let kinds: Set<string> | null = null;
  for (const list of lists) {
    if (list === null) {
      all = true;
      continue;
    }
    for (const a of list) {
      if (a === '*') all = true;
      exact.add(a);
      const kind = kindWildcardOf(a);
      if (kind !== null) (kinds ??= new Set()).add(kind);
    }
  }
  return { all, exact: exact.size <= ARRAY_LIMIT ? [...exact] : exact, kinds };
}

export function actionSetCovers(set: ActionSet, action: string): boolean {
  if (set.all) return true;
  if (Array.isArray(set.exact) ? set.exact.includes(action) : (set.exact as ReadonlySet<string>).has(action)) return true;
  return set.kinds !== null && action.includes(':') && set.kinds.has(kindOf(action));
}
