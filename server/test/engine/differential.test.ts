import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPermissionIndex } from '../../src/engine/index.js';
import { applyChangesToFacts, createReferenceEvaluator, emptyFacts } from '../../src/engine/reference.js';
import type { Facts, PermissionQueries } from '../../src/engine/types.js';
import {
  ACTIONS,
  APPS,
  NAMESPACES,
  RESOURCES,
  RESOURCE_TYPES,
  TARGET_TYPES,
  USERS,
  authorizedTargetsFilterArb,
  changeArb,
  idsOf,
  universeArb,
} from './arbitraries.js';

/** Fixed so a failure reproduces; override with ENGINE_SEED to explore. fast-check prints seed and path. */
const SEED = Number(process.env['ENGINE_SEED'] ?? 20_240_611);
const RUNS = 200;

const CHECK_RESOURCES = [...RESOURCES, 'books:3', 'orders:*', 'bookshelf'];
const CHECK_ACTIONS = [...ACTIONS, 'books:write', 'delete'];

type Filter = Parameters<PermissionQueries['authorizedTargets']>[2];

/** Every query, for every argument from the small alphabets; returns the first disagreement. */
function firstDifference(got: PermissionQueries, want: PermissionQueries, filters: Filter[]): string | null {
  const same = (what: string, a: unknown, b: unknown): string | null => {
    const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
    return x === y ? null : `${what}: index ${x} ≠ reference ${y}`;
  };
  const diffs: Array<() => string | null> = [];
  for (const userId of USERS) {
    for (const namespaceId of NAMESPACES) {
      for (const resource of CHECK_RESOURCES) {
        for (const action of CHECK_ACTIONS) {
          const q = { userId, namespaceId, resource, action };
          diffs.push(() => same(`isAllowed ${JSON.stringify(q)}`, got.isAllowed(q), want.isAllowed(q)));
          diffs.push(() => same(`isDenied ${JSON.stringify(q)}`, got.isDenied(q), want.isDenied(q)));
        }
      }
      for (const type of [undefined, ...RESOURCE_TYPES]) {
        diffs.push(() => same(`userResources ${userId} ${namespaceId} ${type}`, got.userResources(userId, namespaceId, type), want.userResources(userId, namespaceId, type)));
      }
    }
    for (const appId of [...APPS, 'a9']) {
      diffs.push(() => same(`canAccessApp ${appId} ${userId}`, got.canAccessApp(appId, userId), want.canAccessApp(appId, userId)));
    }
  }
  for (const targetType of TARGET_TYPES) {
    for (const targetId of idsOf(targetType)) {
      const s = { targetType, targetId };
      for (const ns of [undefined, ...NAMESPACES]) {
        for (const type of [undefined, 'DATA' as const, 'MENU' as const]) {
          diffs.push(() => same(`subjectResources ${targetType}:${targetId} ${ns} ${type}`, got.subjectResources(s, ns, type), want.subjectResources(s, ns, type)));
        }
      }
    }
  }
  for (const ns of NAMESPACES) {
    for (const resource of CHECK_RESOURCES) {
      for (const f of filters) {
        diffs.push(() => same(`authorizedTargets ${ns} ${resource} ${JSON.stringify(f)}`, got.authorizedTargets(ns, resource, f), want.authorizedTargets(ns, resource, f)));
      }
    }
  }
  for (const d of diffs) {
    const msg = d();
    if (msg) return msg;
  }
  return null;
}

/** Facts as sorted JSON rows per table, so row order does not matter. */
function normalize(f: Facts): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [table, rows] of Object.entries(f) as Array<[string, unknown[]]>) {
    out[table] = rows.map((r) => JSON.stringify(r, Object.keys(r as object).sort())).sort();
  }
  return out;
}

describe('incremental index ≡ naive reference evaluator', () => {
  it(`agrees on every query after every batch of changes (${RUNS} runs, seed ${SEED})`, () => {
    fc.assert(
      fc.property(
        universeArb,
        fc.array(fc.array(changeArb, { maxLength: 10 }), { minLength: 1, maxLength: 4 }),
        fc.array(authorizedTargetsFilterArb, { minLength: 2, maxLength: 6 }),
        (initial, batches, randomFilters) => {
          const filters: Filter[] = [undefined, { targetType: 'USER' }, { actions: { op: 'AND', list: [] } }, ...randomFilters];
          let facts = applyChangesToFacts(emptyFacts(), initial);
          const index = createPermissionIndex(facts);
          for (const [i, batch] of [[], ...batches].entries()) {
            index.apply(batch);
            facts = applyChangesToFacts(facts, batch);
            const reference = createReferenceEvaluator(facts);
            const incremental = firstDifference(index, reference, filters);
            if (incremental) throw new Error(`after batch ${i}: ${incremental}`);
            const rebuilt = firstDifference(createPermissionIndex(facts), reference, filters);
            if (rebuilt) throw new Error(`index built at once after batch ${i}: ${rebuilt}`);
            expect(normalize(index.snapshot())).toEqual(normalize(facts));
          }
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
