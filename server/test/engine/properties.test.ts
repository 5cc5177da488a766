import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPermissionIndex } from '../../src/engine/index.js';
import { actionMatches, resourceMatches, revokeCovers } from '../../src/engine/match.js';
import { conditionsHold, statementResource } from '../../src/engine/policy-conditions.js';
import { applyChangesToFacts, emptyFacts } from '../../src/engine/reference.js';
import type { CheckQuery, Effect, FactChange, Facts, GrantFact, PermissionIndex, PolicyAssignmentFact, PolicyFact, TargetType } from '../../src/engine/types.js';
import {
  ACTIONS,
  APPS,
  NAMESPACES,
  RESOURCES,
  TARGET_TYPES,
  USERS,
  grantArb,
  idsOf,
  policyArb,
  policyAssignmentArb,
  universeArb,
} from './arbitraries.js';

const SEED = Number(process.env['ENGINE_SEED'] ?? 20_240_611);
const OPTIONS = { numRuns: 150, seed: SEED };

const CHECK_RESOURCES = [...RESOURCES, 'books:3', 'orders:*'];

function* queries(namespaces: readonly number[] = NAMESPACES): Generator<CheckQuery> {
  for (const userId of USERS)
    for (const namespaceId of namespaces)
      for (const resource of CHECK_RESOURCES) for (const action of ACTIONS) yield { userId, namespaceId, resource, action };
}

const build = (initial: FactChange[]): { facts: Facts; index: PermissionIndex } => {
  const facts = applyChangesToFacts(emptyFacts(), initial);
  return { facts, index: createPermissionIndex(facts) };
};

/** A grant under an id no universe uses, so adding it never replaces an existing grant. */
const freshGrant = (g: GrantFact, effect: GrantFact['effect']): FactChange => ({ table: 'grants', op: 'put', row: { ...g, id: 'NEW', seq: 99, effect } });

/** Everything a namespace answers, as one comparable value. */
function answersIn(index: PermissionIndex, ns: number): string {
  const out: unknown[] = [];
  for (const q of queries([ns])) out.push(index.isAllowed(q), index.isDenied(q));
  for (const u of USERS) out.push(index.userResources(u, ns));
  for (const r of CHECK_RESOURCES) out.push(index.authorizedTargets(ns, r));
  for (const t of TARGET_TYPES) for (const id of idsOf(t)) out.push(index.subjectResources({ targetType: t, targetId: id }, ns));
  return JSON.stringify(out);
}

const targetArb = fc
  .constantFrom<TargetType>(...TARGET_TYPES)
  .chain((t) => fc.record({ targetType: fc.constant(t), targetId: fc.constantFrom(...idsOf(t)) }));

/** Delete changes for the grants a revoke of `resource` for one target in one namespace removes. */
const revoke = (facts: Facts, target: { targetType: TargetType; targetId: string }, ns: number, resource: string): FactChange[] =>
  facts.grants
    .filter((g) => g.targetType === target.targetType && g.targetId === target.targetId && g.namespaceId === ns && revokeCovers(resource, g.resource))
    .map((g) => ({ table: 'grants', op: 'delete', id: g.id }));

/** A policy under an id no universe uses, every statement with `effect`, assigned (enabled) to one target. */
const freshPolicy = (p: PolicyFact, a: PolicyAssignmentFact, effect: Effect): FactChange[] => [
  { table: 'policies', op: 'put', row: { ...p, id: 'PNEW', statements: p.statements.map((st) => ({ ...st, effect })) } },
  { table: 'policyAssignments', op: 'put', row: { ...a, policyId: 'PNEW', enabled: true } },
];

describe('engine properties', () => {
  it('adding a DENY policy assignment never turns isAllowed false → true', () => {
    fc.assert(
      fc.property(universeArb, policyArb, policyAssignmentArb, (initial, p, a) => {
        const { index } = build(initial);
        const before = [...queries()].map((q) => index.isAllowed(q));
        index.apply(freshPolicy(p, a, 'DENY'));
        [...queries()].forEach((q, i) => {
          if (!before[i] && index.isAllowed(q)) throw new Error(`gained ${JSON.stringify(q)}`);
        });
      }),
      OPTIONS,
    );
  });

  it('adding an ALLOW policy assignment never turns isAllowed true → false', () => {
    fc.assert(
      fc.property(universeArb, policyArb, policyAssignmentArb, (initial, p, a) => {
        const { index } = build(initial);
        const before = [...queries()].map((q) => index.isAllowed(q));
        index.apply(freshPolicy(p, a, 'ALLOW'));
        [...queries()].forEach((q, i) => {
          if (before[i] && !index.isAllowed(q)) throw new Error(`lost ${JSON.stringify(q)}`);
        });
      }),
      OPTIONS,
    );
  });

  it('disabling a policy assignment never grants more than removing it (and denies exactly as much)', () => {
    fc.assert(
      fc.property(universeArb, fc.nat(), (initial, pick) => {
        const { facts } = build(initial);
        fc.pre(facts.policyAssignments.length > 0);
        const a = facts.policyAssignments[pick % facts.policyAssignments.length]!;
        const disabled = createPermissionIndex(facts);
        disabled.apply([{ table: 'policyAssignments', op: 'put', row: { ...a, enabled: false } }]);
        const removed = createPermissionIndex(facts);
        removed.apply([{ table: 'policyAssignments', op: 'delete', row: a }]);
        for (const q of queries()) {
          if (disabled.isAllowed(q) && !removed.isAllowed(q)) throw new Error(`disabled grants more: ${JSON.stringify(q)}`);
          if (disabled.isDenied(q) !== removed.isDenied(q)) throw new Error(`denies differ: ${JSON.stringify(q)}`);
        }
      }),
      OPTIONS,
    );
  });

  it('a policy in namespace A never changes any answer in namespace B', () => {
    fc.assert(
      fc.property(universeArb, policyArb, policyAssignmentArb, fc.constantFrom(...NAMESPACES), (initial, p, a, other) => {
        fc.pre(other !== p.namespaceId);
        const { index } = build(initial);
        const before = answersIn(index, other);
        index.apply(freshPolicy(p, a, 'ALLOW'));
        expect(answersIn(index, other)).toBe(before);
      }),
      OPTIONS,
    );
  });

  it('adding an ALLOW grant never turns isAllowed true → false', () => {
    fc.assert(
      fc.property(universeArb, grantArb, (initial, g) => {
        const { index } = build(initial);
        const before = [...queries()].map((q) => index.isAllowed(q));
        index.apply([freshGrant(g, 'ALLOW')]);
        [...queries()].forEach((q, i) => {
          if (before[i] && !index.isAllowed(q)) throw new Error(`lost ${JSON.stringify(q)}`);
        });
      }),
      OPTIONS,
    );
  });

  it('adding a DENY grant never turns isAllowed false → true', () => {
    fc.assert(
      fc.property(universeArb, grantArb, (initial, g) => {
        const { index } = build(initial);
        const before = [...queries()].map((q) => index.isAllowed(q));
        index.apply([freshGrant(g, 'DENY')]);
        [...queries()].forEach((q, i) => {
          if (!before[i] && index.isAllowed(q)) throw new Error(`gained ${JSON.stringify(q)}`);
        });
      }),
      OPTIONS,
    );
  });

  it('a DENY covering the request, held by the user, wins over every ALLOW', () => {
    fc.assert(
      fc.property(universeArb, fc.constantFrom(...USERS), fc.constantFrom(...NAMESPACES), fc.constantFrom(...CHECK_RESOURCES), fc.constantFrom(...ACTIONS), (initial, userId, namespaceId, resource, action) => {
        const { index } = build(initial);
        const row: GrantFact = { id: 'NEW', namespaceId, targetType: 'USER', targetId: userId, resource, resourceType: 'DATA', actions: [action], effect: 'DENY', seq: 99 };
        index.apply([{ table: 'grants', op: 'put', row }]);
        const q = { userId, namespaceId, resource, action };
        expect([index.isAllowed(q), index.isDenied(q)]).toEqual([false, true]);
      }),
      OPTIONS,
    );
  });

  it('a grant in namespace A never changes any answer in namespace B', () => {
    fc.assert(
      fc.property(universeArb, grantArb, fc.constantFrom(...NAMESPACES), (initial, g, other) => {
        fc.pre(other !== g.namespaceId);
        const { index } = build(initial);
        const before = answersIn(index, other);
        index.apply([freshGrant(g, g.effect)]);
        expect(answersIn(index, other)).toBe(before);
      }),
      OPTIONS,
    );
  });

  it('revoking the kind K removes every K, K:* and K:x grant of that target, and nothing else', () => {
    fc.assert(
      fc.property(universeArb, targetArb, fc.constantFrom(...NAMESPACES), fc.constantFrom('books', 'orders'), (initial, target, ns, kind) => {
        const { facts, index } = build(initial);
        const deletes = revoke(facts, target, ns, kind);
        index.apply(deletes);
        const mine = (g: GrantFact): boolean => g.targetType === target.targetType && g.targetId === target.targetId && g.namespaceId === ns;
        const left = index.snapshot().grants;
        expect(left.filter((g) => mine(g) && (g.resource === kind || g.resource.startsWith(`${kind}:`)))).toEqual([]);
        expect(left.length).toBe(facts.grants.length - deletes.length);
        expect(index.subjectResources(target, ns).some((r) => r.resource === kind || r.resource.startsWith(`${kind}:`))).toBe(false);
      }),
      OPTIONS,
    );
  });

  it('revoking K:x never removes a K or K:* grant', () => {
    fc.assert(
      fc.property(universeArb, targetArb, fc.constantFrom(...NAMESPACES), fc.constantFrom('books:1', 'books:2', 'orders:1'), (initial, target, ns, instance) => {
        const { facts, index } = build(initial);
        const kindGrants = (gs: GrantFact[]): string[] =>
          gs.filter((g) => g.resource === instance.split(':')[0] || g.resource.endsWith(':*')).map((g) => g.id).sort();
        const before = kindGrants(facts.grants);
        index.apply(revoke(facts, target, ns, instance));
        expect(kindGrants(index.snapshot().grants)).toEqual(before);
      }),
      OPTIONS,
    );
  });

  it('deleting a user’s memberships and role assignments leaves only their direct grants and policy assignments', () => {
    fc.assert(
      fc.property(universeArb, fc.constantFrom(...USERS), (initial, user) => {
        const { facts, index } = build(initial);
        // Warm the memo first: the deletes must invalidate it.
        for (const q of queries()) index.isAllowed(q);
        index.apply([
          ...facts.groupMembers.filter((m) => m.userId === user).map((row): FactChange => ({ table: 'groupMembers', op: 'delete', row })),
          ...facts.nodeMembers.filter((m) => m.userId === user).map((row): FactChange => ({ table: 'nodeMembers', op: 'delete', row })),
          ...facts.roleAssignments
            .filter((a) => a.holderType === 'USER' && a.holderId === user)
            .map((row): FactChange => ({ table: 'roleAssignments', op: 'delete', row })),
        ]);
        const direct = facts.grants.filter((g) => g.targetType === 'USER' && g.targetId === user);
        const ownPolicies = facts.policyAssignments
          .filter((a) => a.enabled && a.targetType === 'USER' && a.targetId === user)
          .flatMap((a) => facts.policies.filter((p) => p.id === a.policyId));
        for (const q of queries()) {
          if (q.userId !== user) continue;
          const hits = [
            ...direct
              .filter((g) => g.namespaceId === q.namespaceId && resourceMatches(g.resource, q.resource) && actionMatches(g.actions, q.action))
              .map((g) => g.effect),
            ...ownPolicies
              .filter((p) => p.namespaceId === q.namespaceId)
              .flatMap((p) => p.statements)
              .filter((st) => resourceMatches(statementResource(st), q.resource) && actionMatches(st.actions, q.action) && conditionsHold(st.condition, user))
              .map((st) => st.effect),
          ];
          const expected = hits.includes('ALLOW') && !hits.includes('DENY');
          if (index.isAllowed(q) !== expected) throw new Error(`${JSON.stringify(q)}: expected ${expected}`);
        }
        for (const ns of NAMESPACES) {
          const own = index.subjectResources({ targetType: 'USER', targetId: user }, ns).map(({ namespaceId: _ns, ...r }) => r);
          expect(index.userResources(user, ns)).toEqual(own);
        }
        for (const app of APPS) {
          const ownRecord = index.snapshot().appAccess.some((r) => r.appId === app && r.enabled && r.targetType === 'USER' && r.targetId === user);
          if (!ownRecord) expect(index.canAccessApp(app, user).reason).toMatch(/^DEFAULT_/);
        }
      }),
      OPTIONS,
    );
  });
});
