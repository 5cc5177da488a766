import type { EffectiveSubjects } from './subjects.js';
import type { AppAccessDecision, AppAccessFact, AppStrategyFact, Effect } from './types.js';

const recordKey = (targetType: AppAccessFact['targetType'], targetId: string, effect: Effect): string =>
  `${targetType}\u0000${targetId}\u0000${effect}`;

/** Application default strategies and access records, keyed for probing by subject. */
export class AppStore {
  readonly #strategies = new Map<string, AppStrategyFact>();
  readonly #records = new Map<string, Map<string, AppAccessFact>>();

  putStrategy(row: AppStrategyFact): void {
    this.#strategies.set(row.appId, { ...row });
  }

  deleteStrategy(appId: string): void {
    this.#strategies.delete(appId);
  }

  putRecord(row: AppAccessFact, present: boolean): void {
    const key = recordKey(row.targetType, row.targetId, row.effect);
    let records = this.#records.get(row.appId);
    if (present) {
      if (!records) {
        records = new Map();
        this.#records.set(row.appId, records);
      }
      records.set(key, { ...row });
    } else if (records) {
      records.delete(key);
      if (records.size === 0) this.#records.delete(row.appId);
    }
  }

  /**
   * Enabled records applying to the user decide (a deny beats an allow); else the default strategy
   * (ALLOW_ALL when none is stored). ORG records reach ancestors of the user's nodes only when
   * `inheritByChildren`.
   */
  decide(appId: string, userId: string, s: EffectiveSubjects): AppAccessDecision {
    const records = this.#records.get(appId);
    if (records) {
      const applies = (effect: Effect): boolean => {
        const on = (targetType: AppAccessFact['targetType'], id: string): AppAccessFact | undefined => {
          const r = records.get(recordKey(targetType, id, effect));
          return r?.enabled ? r : undefined;
        };
        if (on('USER', userId)) return true;
        for (const g of s.groups) if (on('GROUP', g)) return true;
        for (const r of s.roles.keys()) if (on('ROLE', r)) return true;
        for (const n of s.nodes) {
          const r = on('ORG', n);
          if (r && (s.directNodes.has(n) || r.inheritByChildren)) return true;
        }
        return false;
      };
      if (applies('DENY')) return { allowed: false, reason: 'EXPLICIT_DENY' };
      if (applies('ALLOW')) return { allowed: true, reason: 'EXPLICIT_ALLOW' };
    }
    const strategy = this.#strategies.get(appId)?.defaultStrategy ?? 'ALLOW_ALL';
    return strategy === 'ALLOW_ALL' ? { allowed: true, reason: 'DEFAULT_ALLOW' } : { allowed: false, reason: 'DEFAULT_DENY' };
  }

  strategies(): AppStrategyFact[] {
    return [...this.#strategies.values()].map((r) => ({ ...r }));
  }

  records(): AppAccessFact[] {
    return [...this.#records.values()].flatMap((m) => [...m.values()].map((r) => ({ ...r })));
  }
}
