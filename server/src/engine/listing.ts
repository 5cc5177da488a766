import type { GrantFact } from './types.js';

/** Listing order: creation `seq`, then id so equal seqs still order deterministically. */
export function compareGrants(a: GrantFact, b: GrantFact): number {
  return a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** One merged listing row: the earliest grant of the key and the union of actions. */
export interface MergedGrants {
  first: GrantFact;
  /** Union in first-seen order; `null` as soon as one grant has no actions. */
  actions: string[] | null;
}

/** Merge grants by `keyOf`, rows ordered by each key's earliest grant. */
export function mergeGrants(grants: GrantFact[], keyOf: (g: GrantFact) => string): MergedGrants[] {
  grants.sort(compareGrants);
  const rows = new Map<string, { first: GrantFact; actions: Set<string> | null }>();
  for (const g of grants) {
    const key = keyOf(g);
    let row = rows.get(key);
    if (!row) {
      row = { first: g, actions: new Set() };
      rows.set(key, row);
    }
    if (g.actions === null) row.actions = null;
    else if (row.actions !== null) for (const a of g.actions) row.actions.add(a);
  }
  return [...rows.values()].map((r) => ({ first: r.first, actions: r.actions === null ? null : [...r.actions] }));
}
