/**
 * The bench's Casbin side (bench/casbin.ts) must answer what our engine answers, or the side-by-side
 * figures compare different questions: it is held equal to the naive reference evaluator on a
 * seeded pool (grants and policies), and on hand-made facts for the edges the pool rarely reaches
 * (deep org trees past Casbin's default 10-hop limit, roles in another namespace, missing roles,
 * cycles, ORG policy assignments with and without inheritance, conditions, disabled assignments).
 */
import { describe, expect, it } from 'vitest';
import { createCasbinSide, timeCasbin } from '../../bench/casbin.js';
import { prng, universe } from '../../bench/engine.js';
import { emptyFacts } from '../../server/src/engine/facts.js';
import { statementResource } from '../../server/src/engine/policy-conditions.js';
import { createReferenceEvaluator } from '../../server/src/engine/reference.js';
import type { CheckQuery, Facts, GrantFact, PolicyAssignmentFact } from '../../server/src/engine/types.js';

const SIZES = { users: 300, roles: 30, groups: 10, nodes: 40, grants: 3000, namespaces: 3, kinds: 6, instances: 20, policies: 60 };

/** Seeded checks: instances, kinds (`K`, `K:*`), `*`; actions plain, `*`, `K:x`, `K:*`; one namespace with no grants; policy statements. */
function queries(facts: Facts, count: number): CheckQuery[] {
  const rand = prng(8);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]): T | undefined => xs[int(xs.length)];
  /** A user the assignment's target reaches directly (members of a group or node, holders of a role). */
  const userOf = (a: PolicyAssignmentFact): string | undefined =>
    a.targetType === 'USER' ? a.targetId
    : a.targetType === 'GROUP' ? pick(facts.groupMembers.filter((m) => m.groupId === a.targetId))?.userId
    : a.targetType === 'ORG' ? pick(facts.nodeMembers.filter((m) => m.nodeId === a.targetId))?.userId
    : pick(facts.roleAssignments.filter((r) => r.roleId === a.targetId && r.holderType === 'USER'))?.holderId;
  const out: CheckQuery[] = [];
  for (let i = 0; i < count; i++) {
    // A fifth of the checks aim at a policy statement, from a user its assignment reaches.
    const a = rand() < 0.2 ? pick(facts.policyAssignments) : undefined;
    const policy = a && facts.policies.find((p) => p.id === a.policyId);
    const statement = policy && pick(policy.statements);
    const user = a && userOf(a);
    if (policy && statement && user) {
      const resource = statementResource(statement).replace('*', String(int(SIZES.instances)));
      out.push({ userId: user, namespaceId: policy.namespaceId, resource, action: pick(statement.actions) ?? 'read' });
      continue;
    }
    const kind = `k${int(SIZES.kinds)}`;
    const g = facts.grants[int(facts.grants.length)]!;
    const x = rand();
    const resource =
      x < 0.4 ? g.resource.replace('*', String(int(SIZES.instances)))
      : x < 0.6 ? `${kind}:${int(SIZES.instances)}`
      : x < 0.75 ? kind
      : x < 0.9 ? `${kind}:*`
      : '*';
    const action = ['read', 'write', 'delete', '*', `${kind}:read`, `${kind}:*`, `${g.resource.split(':')[0]}:write`][int(7)]!;
    // Mostly the grant's own namespace and a user near its target, so allows are common.
    const namespaceId = rand() < 0.7 ? g.namespaceId : 1 + int(SIZES.namespaces + 1);
    const userId = g.targetType === 'USER' && rand() < 0.5 ? g.targetId : `u${int(SIZES.users)}`;
    out.push({ userId, namespaceId, resource, action });
  }
  return out;
}

describe('bench/casbin.ts agrees with the reference evaluator', () => {
  it('on 2,000 seeded checks over a seeded pool with policies, with allowed, denied and deny-overridden answers', async () => {
    const facts = universe(prng(7), SIZES);
    const reference = createReferenceEvaluator(facts);
    const checks = queries(facts, 2000);
    const expected = checks.map((q) => reference.isAllowed(q));
    const casbin = await createCasbinSide(facts);
    expect(checks.filter((q, i) => casbin.isAllowed(q) !== expected[i]).slice(0, 5)).toEqual([]);
    // The sharded variant runs the same matcher on a fifth-ish of the lines; a quarter of the checks suffices.
    const sharded = await createCasbinSide(facts, { shardByNamespace: true });
    expect(checks.slice(0, 500).filter((q, i) => sharded.isAllowed(q) !== expected[i]).slice(0, 5)).toEqual([]);
    const allowed = expected.filter(Boolean).length;
    expect(allowed).toBeGreaterThan(200);
    expect(checks.length - allowed).toBeGreaterThan(200);
    // Some answers are denials by an explicit DENY, so deny-overrides is exercised too.
    expect(checks.filter((q) => reference.isDenied(q)).length).toBeGreaterThan(20);
    // And policies decide some answers: without them the reference would answer otherwise.
    const grantsOnly = createReferenceEvaluator({ ...facts, policies: [], policyAssignments: [] });
    expect(checks.filter((q, i) => grantsOnly.isAllowed(q) !== expected[i]).length).toBeGreaterThan(50);
    expect(timeCasbin(casbin, checks.slice(0, 50), expected.slice(0, 50)).disagreements).toBe(0);
    // Casbin evaluates its matcher once per policy line per check: ~4,000 lines × 2,000 checks.
  }, 120_000);

  it('on hand-made edges: a 15-level org, a role of another namespace, a missing role, a cycle', async () => {
    const facts = emptyFacts();
    for (let n = 0; n < 15; n++) facts.nodes.push({ id: `n${n}`, parentId: n === 0 ? null : `n${n - 1}` });
    facts.nodes.push({ id: 'c1', parentId: 'c2' }, { id: 'c2', parentId: 'c1' });
    facts.nodeMembers.push({ nodeId: 'n14', userId: 'deep' }, { nodeId: 'c1', userId: 'cyc' });
    facts.roles.push({ id: 'root-role', namespaceId: 1 }, { id: 'ns2-role', namespaceId: 2 });
    facts.roleAssignments.push(
      { roleId: 'root-role', holderType: 'NODE', holderId: 'n0' },
      { roleId: 'ns2-role', holderType: 'USER', holderId: 'deep' },
      { roleId: 'ghost', holderType: 'USER', holderId: 'deep' },
    );
    facts.groupMembers.push({ groupId: 'grp', userId: 'cyc' });
    let seq = 0;
    const grant = (g: Omit<GrantFact, 'id' | 'seq' | 'resourceType'>) =>
      facts.grants.push({ ...g, id: `G${seq}`, seq: seq++, resourceType: g.actions === null ? 'MENU' : 'DATA' });
    grant({ namespaceId: 1, targetType: 'ORG', targetId: 'n0', resource: 'doc', actions: ['read'], effect: 'ALLOW' });
    grant({ namespaceId: 1, targetType: 'ROLE', targetId: 'root-role', resource: 'sheet:*', actions: ['sheet:*'], effect: 'ALLOW' });
    grant({ namespaceId: 1, targetType: 'ROLE', targetId: 'ns2-role', resource: '*', actions: ['*'], effect: 'ALLOW' });
    grant({ namespaceId: 2, targetType: 'ROLE', targetId: 'ns2-role', resource: 'img:1', actions: null, effect: 'ALLOW' });
    grant({ namespaceId: 1, targetType: 'ROLE', targetId: 'ghost', resource: '*', actions: ['*'], effect: 'ALLOW' });
    grant({ namespaceId: 1, targetType: 'ORG', targetId: 'c2', resource: 'doc:7', actions: ['write'], effect: 'ALLOW' });
    grant({ namespaceId: 1, targetType: 'GROUP', targetId: 'grp', resource: 'doc', actions: ['*'], effect: 'ALLOW' });
    grant({ namespaceId: 1, targetType: 'GROUP', targetId: 'grp', resource: 'doc:9', actions: ['delete'], effect: 'DENY' });
    // Policies: P1 to the root node inheriting, P2 to n13 for its direct members only, P3 conditional
    // on the user id, P4 assigned to ns2-role but in namespace 1, P5 disabled, P6 denies over a grant.
    facts.nodeMembers.push({ nodeId: 'n13', userId: 'mid' });
    facts.policies.push(
      { id: 'P1', namespaceId: 1, statements: [{ resource: 'wiki:*', actions: ['read'], effect: 'ALLOW', condition: [] }] },
      { id: 'P2', namespaceId: 1, statements: [{ resource: '*:*', actions: ['audit'], effect: 'ALLOW', condition: [] }] },
      { id: 'P3', namespaceId: 1, statements: [{ resource: 'log:1', actions: ['*'], effect: 'ALLOW', condition: [{ param: 'UserId', operator: 'StringLike', value: 'de?p' }] }] },
      { id: 'P4', namespaceId: 1, statements: [{ resource: 'ns:1', actions: ['read'], effect: 'ALLOW', condition: [] }] },
      { id: 'P5', namespaceId: 1, statements: [{ resource: 'off:1', actions: ['read'], effect: 'ALLOW', condition: [] }] },
      { id: 'P6', namespaceId: 1, statements: [{ resource: 'doc:3', actions: ['read'], effect: 'DENY', condition: [] }] },
    );
    facts.policyAssignments.push(
      { policyId: 'P1', targetType: 'ORG', targetId: 'n0', enabled: true, inheritByChildren: true },
      { policyId: 'P2', targetType: 'ORG', targetId: 'n13', enabled: true, inheritByChildren: false },
      { policyId: 'P3', targetType: 'GROUP', targetId: 'grp', enabled: true, inheritByChildren: false },
      { policyId: 'P3', targetType: 'USER', targetId: 'deep', enabled: true, inheritByChildren: false },
      { policyId: 'P4', targetType: 'ROLE', targetId: 'ns2-role', enabled: true, inheritByChildren: false },
      { policyId: 'P5', targetType: 'USER', targetId: 'deep', enabled: false, inheritByChildren: false },
      { policyId: 'P6', targetType: 'USER', targetId: 'mid', enabled: true, inheritByChildren: false },
    );
    const cases: Array<[CheckQuery, boolean]> = [
      [{ userId: 'deep', namespaceId: 1, resource: 'wiki:4', action: 'read' }, true], // inherited ORG policy, 14 levels up
      [{ userId: 'deep', namespaceId: 2, resource: 'wiki:4', action: 'read' }, false], // the policy's namespace only
      [{ userId: 'mid', namespaceId: 1, resource: 'x:1', action: 'audit' }, true], // direct member of n13, `*:*`
      [{ userId: 'deep', namespaceId: 1, resource: 'x:1', action: 'audit' }, false], // n14 is below n13: not inherited
      [{ userId: 'deep', namespaceId: 1, resource: 'log:1', action: 'read' }, true], // condition holds
      [{ userId: 'cyc', namespaceId: 1, resource: 'log:1', action: 'read' }, false], // condition fails
      [{ userId: 'deep', namespaceId: 1, resource: 'ns:1', action: 'read' }, false], // role of namespace 2
      [{ userId: 'deep', namespaceId: 1, resource: 'off:1', action: 'read' }, false], // disabled assignment
      [{ userId: 'mid', namespaceId: 1, resource: 'doc:3', action: 'read' }, false], // a policy DENY beats the ORG grant
      [{ userId: 'mid', namespaceId: 1, resource: 'doc:4', action: 'read' }, true],
      [{ userId: 'deep', namespaceId: 1, resource: 'doc:3', action: 'read' }, true], // ORG grant 14 levels up
      [{ userId: 'deep', namespaceId: 1, resource: 'sheet:2', action: 'sheet:edit' }, true], // role of the root node
      [{ userId: 'deep', namespaceId: 1, resource: 'sheet', action: 'read' }, false],
      [{ userId: 'deep', namespaceId: 1, resource: 'x:1', action: 'read' }, false], // ns2-role's grant in ns 1 never counts
      [{ userId: 'deep', namespaceId: 2, resource: 'img:1', action: 'anything' }, true], // null actions = all
      [{ userId: 'deep', namespaceId: 2, resource: 'img', action: 'read' }, false], // an instance grant never answers the kind
      [{ userId: 'cyc', namespaceId: 1, resource: 'doc:7', action: 'write' }, true], // through the cycle
      [{ userId: 'cyc', namespaceId: 1, resource: 'doc:9', action: 'delete' }, false], // deny overrides
      [{ userId: 'cyc', namespaceId: 1, resource: 'doc:9', action: 'read' }, true],
      [{ userId: 'cyc', namespaceId: 1, resource: 'doc:*', action: '*' }, true],
      [{ userId: 'nobody', namespaceId: 1, resource: '*', action: '*' }, false],
    ];
    const reference = createReferenceEvaluator(facts);
    const casbin = await createCasbinSide(facts);
    const sharded = await createCasbinSide(facts, { shardByNamespace: true });
    for (const [q, want] of cases) {
      expect([q, reference.isAllowed(q)]).toEqual([q, want]);
      expect([q, casbin.isAllowed(q)]).toEqual([q, want]);
      expect([q, sharded.isAllowed(q)]).toEqual([q, want]);
    }
  });
});
