/**
 * Permission engine micro-benchmark: a realistic pool (10k users, 200 roles, 50 groups, a 200-node
 * org, 50k grants over 5 namespaces), then timed random checks and listings. No thresholds.
 * Run directly: `npx tsx bench/engine.ts`.
 */
import { pathToFileURL } from 'node:url';
import { emptyFacts } from '../server/src/engine/facts.js';
import { createPermissionIndex } from '../server/src/engine/index.js';
import type { CheckQuery, Effect, Facts, GrantFact, PolicyAssignmentFact, PolicyStatementFact, ResourceType, TargetType } from '../server/src/engine/types.js';

export interface EngineBenchResult {
  users: number;
  grants: number;
  buildMs: number;
  checks: number;
  checksPerSecond: number;
  microsPerCheck: number;
  allowedRatio: number;
  deniedRatio: number;
  userResourcesPerSecond: number;
  avgUserResources: number;
  appliesPerSecond: number;
}

/** Deterministic PRNG (mulberry32) so runs are comparable. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The shape of a generated pool. */
export interface UniverseSizes {
  users: number;
  roles: number;
  groups: number;
  nodes: number;
  grants: number;
  namespaces: number;
  kinds: number;
  instances: number;
  /** How a node finds its parent: `n / 3` (about 6 levels for 200 nodes) unless given. */
  parentOf?: (n: number) => number;
  /** Policies (none unless given), each with 1–3 statements and assigned to two targets. */
  policies?: number;
}

const SIZES: UniverseSizes = { users: 10_000, roles: 200, groups: 50, nodes: 200, grants: 50_000, namespaces: 5, kinds: 40, instances: 500 };

/** A seeded pool of `sizes`: roles, an org tree, members, and grants to every kind of target. */
export function universe(rand: () => number, SIZES: UniverseSizes = SIZES_DEFAULT): Facts {
  const int = (n: number): number => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  const facts: Facts = emptyFacts();
  for (let r = 0; r < SIZES.roles; r++) facts.roles.push({ id: `r${r}`, namespaceId: 1 + (r % SIZES.namespaces) });
  // A tree about 6 levels deep: each node hangs under one of the nodes created before it.
  const parentOf = SIZES.parentOf ?? ((n: number) => Math.floor(n / 3));
  for (let n = 0; n < SIZES.nodes; n++) facts.nodes.push({ id: `n${n}`, parentId: n === 0 ? null : `n${parentOf(n)}` });
  for (let u = 0; u < SIZES.users; u++) {
    const user = `u${u}`;
    facts.nodeMembers.push({ nodeId: `n${int(SIZES.nodes)}`, userId: user });
    for (let i = 0, k = 1 + int(2); i < k; i++) facts.groupMembers.push({ groupId: `g${int(SIZES.groups)}`, userId: user });
    for (let i = 0, k = 1 + int(3); i < k; i++) facts.roleAssignments.push({ roleId: `r${int(SIZES.roles)}`, holderType: 'USER', holderId: user });
  }
  for (let g = 0; g < SIZES.groups; g++) facts.roleAssignments.push({ roleId: `r${int(SIZES.roles)}`, holderType: 'GROUP', holderId: `g${g}` });
  for (let n = 0; n < SIZES.nodes; n += 4) facts.roleAssignments.push({ roleId: `r${int(SIZES.roles)}`, holderType: 'NODE', holderId: `n${n}` });

  const actions = ['read', 'write', 'delete', '*'];
  // One grant per (namespace, target, resource, effect), as the grants table's unique key holds.
  const seen = new Set<string>();
  for (let i = 0; i < SIZES.grants; ) {
    const x = rand();
    const [targetType, targetId]: [TargetType, string] =
      x < 0.6 ? ['ROLE', `r${int(SIZES.roles)}`] : x < 0.9 ? ['USER', `u${int(SIZES.users)}`] : x < 0.96 ? ['GROUP', `g${int(SIZES.groups)}`] : ['ORG', `n${int(SIZES.nodes)}`];
    const kind = `k${int(SIZES.kinds)}`;
    const y = rand();
    const resource = y < 0.8 ? `${kind}:${int(SIZES.instances)}` : y < 0.9 ? `${kind}:*` : y < 0.99 ? kind : '*';
    const resourceType: ResourceType = rand() < 0.9 ? 'DATA' : 'MENU';
    const effect: Effect = rand() < 0.05 ? 'DENY' : 'ALLOW';
    const namespaceId = targetType === 'ROLE' ? 1 + (Number(targetId.slice(1)) % SIZES.namespaces) : 1 + int(SIZES.namespaces);
    const grant: GrantFact = {
      id: `G${i}`,
      namespaceId,
      targetType,
      targetId,
      resource,
      resourceType,
      actions: resourceType === 'MENU' ? null : rand() < 0.3 ? [`${kind}:*`] : [pick(actions)],
      effect,
      seq: i,
    };
    const key = `${namespaceId} ${targetType} ${targetId} ${resource} ${effect}`;
    if (seen.has(key)) continue;
    seen.add(key);
    facts.grants.push(grant);
    i++;
  }
  // Policies come last so that a pool without them draws the same grants as before.
  const targets = (): Pick<PolicyAssignmentFact, 'targetType' | 'targetId'> => {
    const x = rand();
    return x < 0.5 ? { targetType: 'ROLE', targetId: `r${int(SIZES.roles)}` } : x < 0.8 ? { targetType: 'USER', targetId: `u${int(SIZES.users)}` } : x < 0.9 ? { targetType: 'GROUP', targetId: `g${int(SIZES.groups)}` } : { targetType: 'ORG', targetId: `n${int(SIZES.nodes)}` };
  };
  for (let p = 0; p < (SIZES.policies ?? 0); p++) {
    const statements: PolicyStatementFact[] = [];
    for (let i = 0, k = 1 + int(3); i < k; i++) {
      const kind = `k${int(SIZES.kinds)}`;
      const y = rand();
      // One statement in ten holds only for users matching a UserId pattern: those are evaluated per check.
      const condition = rand() < 0.1 ? [{ param: 'UserId', operator: 'StringLike', value: `u${int(10)}*` }] : [];
      statements.push({ resource: y < 0.8 ? `${kind}:${int(SIZES.instances)}` : `${kind}:*`, actions: [pick(['read', 'write', '*'])], effect: rand() < 0.1 ? 'DENY' : 'ALLOW', condition });
    }
    facts.policies.push({ id: `P${p}`, namespaceId: 1 + int(SIZES.namespaces), statements });
    const first = targets();
    const second = targets();
    const both = first.targetType === second.targetType && first.targetId === second.targetId ? [first] : [first, second];
    for (const target of both) facts.policyAssignments.push({ policyId: `P${p}`, ...target, enabled: rand() < 0.95, inheritByChildren: rand() < 0.5 });
  }
  return facts;
}

const time = <T>(f: () => T): [T, number] => {
  const t0 = performance.now();
  const result = f();
  return [result, performance.now() - t0];
};

const SIZES_DEFAULT = SIZES;

export function runEngineBench(seed = 42): EngineBenchResult {
  const rand = prng(seed);
  const int = (n: number): number => Math.floor(rand() * n);
  const facts = universe(rand);
  const [index, buildMs] = time(() => createPermissionIndex(facts));

  // Half the queries hit resources the user is likely granted (grant resources), half random ones.
  const queries: CheckQuery[] = [];
  for (let i = 0; i < 200_000; i++) {
    const g = facts.grants[int(facts.grants.length)];
    const resource = g && rand() < 0.5 ? g.resource.replace('*', String(int(SIZES.instances))) : `k${int(SIZES.kinds)}:${int(SIZES.instances)}`;
    queries.push({ userId: `u${int(SIZES.users)}`, namespaceId: 1 + int(SIZES.namespaces), resource, action: ['read', 'write', 'delete', `k${int(SIZES.kinds)}:read`][int(4)] ?? 'read' });
  }
  for (const q of queries.slice(0, 20_000)) index.isAllowed(q); // warm the memoized subjects and the JIT

  let allowed = 0;
  let denied = 0;
  const [, checkMs] = time(() => {
    for (const q of queries) if (index.isAllowed(q)) allowed++;
  });
  for (const q of queries.slice(0, 20_000)) if (index.isDenied(q)) denied++;

  let listed = 0;
  const listings = 5_000;
  const [, listMs] = time(() => {
    for (let i = 0; i < listings; i++) listed += index.userResources(`u${int(SIZES.users)}`, 1 + int(SIZES.namespaces)).length;
  });

  const applies = 5_000;
  const [, applyMs] = time(() => {
    for (let i = 0; i < applies; i++) {
      index.apply([
        { table: 'grants', op: 'put', row: { id: `B${i}`, namespaceId: 1, targetType: 'USER', targetId: `u${int(SIZES.users)}`, resource: `k1:${i}`, resourceType: 'DATA', actions: ['read'], effect: 'ALLOW', seq: SIZES.grants + i } },
        { table: 'groupMembers', op: 'put', row: { groupId: `g${int(SIZES.groups)}`, userId: `u${int(SIZES.users)}` } },
      ]);
    }
  });

  return {
    users: SIZES.users,
    grants: facts.grants.length,
    buildMs: Math.round(buildMs),
    checks: queries.length,
    checksPerSecond: Math.round(queries.length / (checkMs / 1000)),
    microsPerCheck: Number(((checkMs * 1000) / queries.length).toFixed(2)),
    allowedRatio: Number((allowed / queries.length).toFixed(3)),
    deniedRatio: Number((denied / 20_000).toFixed(3)),
    userResourcesPerSecond: Math.round(listings / (listMs / 1000)),
    avgUserResources: Math.round(listed / listings),
    appliesPerSecond: Math.round(applies / (applyMs / 1000)),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(runEngineBench());
}
