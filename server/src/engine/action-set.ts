import { kindOf, kindWildcardOf } from './match.js';

/** Granted actions compiled for O(1) checks; equivalent to `actionMatches` over the union. */
export interface ActionSet {
  /** Some grant had `null` actions or `*`. */
  all: boolean;
  exact: ReadonlySet<string>;
  /** Kinds `K` granted as `K:*`. */
  kinds: ReadonlySet<string>;
}

export function compileActions(lists: Iterable<readonly string[] | null>): ActionSet {
  let all = false;
  const exact = new Set<string>();
  const kinds = new Set<string>();
  for (const list of lists) {
    if (list === null) {
      all = true;
      continue;
    }
    for (const a of list) {
      if (a === '*') all = true;
      exact.add(a);
      const kind = kindWildcardOf(a);
      if (kind !== null) kinds.add(kind);
    }
  }
  return { all, exact, kinds };
}

export function actionSetCovers(set: ActionSet, action: string): boolean {
  return set.all || set.exact.has(action) || (action.includes(':') && set.kinds.has(kindOf(action)));
}
