/**
 * Casbin's Node engine (`casbin` from npm) holding the same permissions as our engine — grants and
 * policy statements — and answering the same checks, so the bench can print it beside our index.
 *
 * The model is Casbin's RBAC with domains, domain = namespace id (as a string):
 *
 * ```
 * r = sub, dom, obj, act
 * p = sub, dom, obj, act, eft, cond
 * g = _, _, _
 * e = some(where (p.eft == allow)) && !some(where (p.eft == deny))
 * m = r.dom == p.dom && actMatch(p.act, r.act) && resMatch(p.obj, r.obj) && g(r.sub, p.sub, r.dom) && condMatch(p.cond, r.sub)
 * ```
 *
 * - `p` lines: one per grant and action (`actions: null` → `*`, which covers every action exactly as
 *   `null` does), `sub` the grant's target prefixed by its type (`u/`, `g/`, `n/`, `r/`, `ak/`) so
 *   ids of different kinds never collide; and one per policy statement and action, `sub` the policy
 *   (`pol/`), `obj` the statement's resource (`*:*` read as `*`), `cond` its conditions as JSON
 *   (empty for grants). Deny overrides allow, as ours.
 * - `resMatch` is our `resourceMatches` (the `K:id` / `K:*` / `K` / `*` grammar has no Casbin
 *   builtin: `keyMatch` would let `K:1` answer nothing and `*` miss `K`); `actMatch` is
 *   `actionMatches` for one action (exact, `*`, or `K:*` for a `K:x` request); `condMatch` is our
 *   `conditionsHold` (the ABAC part). All registered with `addFunction`, the documented way.
 * - `g` links: user → group, user → org node and node → parent node (a member of a node acts as every
 *   ancestor), added once per namespace, because groups and org nodes are not namespaced; user /
 *   group / node → role only in the role's own namespace, so a role counts only there. Enabled
 *   policy assignments are links target → policy in the policy's namespace; an ORG assignment
 *   without `inheritByChildren` reaches direct members only, so it hangs off a separate "direct
 *   member" subject (`nd/`) that only the node's own members link to. A domain wildcard
 *   (`addNamedDomainMatchingFunc`) would say "every namespace" with one link, but Casbin's
 *   DefaultRoleManager then copies every domain's links into a temporary map on every `g()` call
 *   (`generateTempRoles`), i.e. per policy line per check: unusable past toy sizes. Links per
 *   domain are what a Casbin user does.
 * - The role manager's hierarchy limit (Casbin's default is 10 hops) is raised to the longest
 *   user → node → … → root → role → policy chain in the data, else deep org trees would silently
 *   lose permissions.
 * - The matcher tests the cheap string conditions first; `g()` (a graph walk) runs only for lines
 *   whose domain, action and resource already match. Casbin still evaluates the matcher once per
 *   `p` line on every check — it has no index — so its cost grows with the number of lines.
 * - Built with one `addPolicies` and one `addGroupingPolicies` batch (deduplicated: Casbin refuses a
 *   batch holding an existing rule, and checks each rule against the current ones, so one batch into
 *   an empty model is linear, rule-by-rule adds quadratic). Checks use the synchronous `enforceSync`.
 * - Optionally one enforcer per namespace ({@link CasbinOptions.shardByNamespace}), Casbin's own
 *   advice for many multi-tenant rules ("policy sharding"): the same model and answers, each check
 *   scanning only its namespace's lines.
 *
 * Not held: application access (not part of `isAllowed`). AK_SK grants are held but no user reaches
 * them, as in ours.
 */
import { DefaultRoleManager, type Enforcer, newEnforcer, newModelFromString } from 'casbin';
import { kindOf, resourceMatches } from '../server/src/engine/match.js';
import { conditionsHold, statementResource } from '../server/src/engine/policy-conditions.js';
import type { CheckQuery, Facts, PolicyConditionFact, TargetType } from '../server/src/engine/types.js';

export interface CasbinSide {
  buildMs: number;
  isAllowed(q: CheckQuery): boolean;
}

export interface CasbinOptions {
  /**
   * One enforcer per namespace instead of one for all ("policy sharding", Casbin's documented remedy
   * for many rules in multi-tenant setups): each check then scans only its namespace's lines. Same
   * model, same answers. Default false: the single RBAC-with-domains enforcer.
   */
  shardByNamespace?: boolean;
}

const MODEL = `
[request_definition]
r = sub, dom, obj, act

[policy_definition]
p = sub, dom, obj, act, eft, cond

[role_definition]
g = _, _, _

[policy_effect]
e = some(where (p.eft == allow)) && !some(where (p.eft == deny))

[matchers]
m = r.dom == p.dom && actMatch(p.act, r.act) && resMatch(p.obj, r.obj) && g(r.sub, p.sub, r.dom) && condMatch(p.cond, r.sub)
`;

const USER = 'u/';
const NODE = 'n/';
/** A direct member of a node, not of its descendants: the subject of non-inheriting ORG policy assignments. */
const DIRECT_NODE = 'nd/';
const POLICY = 'pol/';
const PREFIX: Record<TargetType | 'NODE', string> = { USER, GROUP: 'g/', ORG: NODE, NODE, ROLE: 'r/', AK_SK: 'ak/' };

/** One granted action (`*` standing for `actions: null`) covers `action`: {@link actionMatches} for one element. */
function actMatch(granted: string, action: string): boolean {
  return granted === action || granted === '*' || (action.includes(':') && granted === `${kindOf(action)}:*`);
}

/** `condMatch(p.cond, r.sub)`: no conditions (grants) always hold; else every condition for the user. */
function conditionMatcher(): (cond: string, sub: string) => boolean {
  const parsed = new Map<string, PolicyConditionFact[]>();
  return (cond, sub) => {
    if (cond === '') return true;
    let conditions = parsed.get(cond);
    if (!conditions) parsed.set(cond, (conditions = JSON.parse(cond) as PolicyConditionFact[]));
    return conditionsHold(conditions, sub.slice(USER.length));
  };
}

/** The longest parent chain (stopping at a repeat, as the reference does), in nodes. */
function longestChain(facts: Facts): number {
  const parent = new Map(facts.nodes.map((n) => [n.id, n.parentId]));
  let longest = 1;
  for (const node of facts.nodes) {
    const seen = new Set<string>();
    let current: string | null = node.id;
    while (current !== null && !seen.has(current)) {
      seen.add(current);
      current = parent.get(current) ?? null;
    }
    longest = Math.max(longest, seen.size);
  }
  return longest;
}

/** Builds Casbin enforcer(s) holding `facts`' grants, policy statements and subject links (see the module comment). */
export async function createCasbinSide(facts: Facts, options: CasbinOptions = {}): Promise<CasbinSide> {
  const t0 = performance.now();
  // Rules by domain, deduplicated (the domain is part of every rule, so one set serves all).
  const seen = new Set<string>();
  const lines = new Map<string, string[][]>();
  const links = new Map<string, string[][]>();
  const push = (into: Map<string, string[][]>, dom: string, rule: string[]) => {
    const key = rule.join('\u0000');
    if (seen.has(key)) return;
    seen.add(key);
    const rules = into.get(dom);
    if (rules) rules.push(rule);
    else into.set(dom, [rule]);
  };

  for (const g of facts.grants) {
    const dom = String(g.namespaceId);
    const sub = PREFIX[g.targetType] + g.targetId;
    const eft = g.effect === 'ALLOW' ? 'allow' : 'deny';
    for (const act of g.actions ?? ['*']) push(lines, dom, [sub, dom, g.resource, act, eft, '']);
  }
  const policyNamespace = new Map<string, string>();
  for (const p of facts.policies) {
    const dom = String(p.namespaceId);
    policyNamespace.set(p.id, dom);
    for (const s of p.statements) {
      const eft = s.effect === 'ALLOW' ? 'allow' : 'deny';
      const cond = s.condition.length === 0 ? '' : JSON.stringify(s.condition);
      for (const act of s.actions) push(lines, dom, [POLICY + p.id, dom, statementResource(s), act, eft, cond]);
    }
  }

  // Only domains holding lines can ever answer true (the matcher requires `r.dom == p.dom`).
  const domains = [...lines.keys()];
  for (const dom of domains) {
    for (const m of facts.groupMembers) push(links, dom, [USER + m.userId, PREFIX.GROUP + m.groupId, dom]);
    for (const m of facts.nodeMembers) push(links, dom, [USER + m.userId, NODE + m.nodeId, dom]);
    for (const n of facts.nodes) if (n.parentId !== null) push(links, dom, [NODE + n.id, NODE + n.parentId, dom]);
  }
  const roleNamespace = new Map(facts.roles.map((r) => [r.id, String(r.namespaceId)]));
  for (const a of facts.roleAssignments) {
    const dom = roleNamespace.get(a.roleId);
    // An assignment of a role that does not exist grants nothing; a role outside every line's namespace neither.
    if (dom === undefined || !lines.has(dom)) continue;
    push(links, dom, [PREFIX[a.holderType] + a.holderId, PREFIX.ROLE + a.roleId, dom]);
  }
  // Enabled policy assignments, in the policy's namespace. A ROLE target links the role there, which
  // users reach only when the role is of that namespace: the reference's rule.
  const directNodes = new Map<string, Set<string>>(); // node → namespaces of its non-inheriting assignments
  for (const a of facts.policyAssignments) {
    const dom = policyNamespace.get(a.policyId);
    if (!a.enabled || dom === undefined || !lines.has(dom)) continue;
    if (a.targetType === 'ORG' && !a.inheritByChildren) {
      push(links, dom, [DIRECT_NODE + a.targetId, POLICY + a.policyId, dom]);
      let doms = directNodes.get(a.targetId);
      if (!doms) directNodes.set(a.targetId, (doms = new Set()));
      doms.add(dom);
    } else {
      push(links, dom, [PREFIX[a.targetType] + a.targetId, POLICY + a.policyId, dom]);
    }
  }
  for (const m of facts.nodeMembers) for (const dom of directNodes.get(m.nodeId) ?? []) push(links, dom, [USER + m.userId, DIRECT_NODE + m.nodeId, dom]);
  seen.clear();

  // user → node (1) + the chain to the root (longest - 1) + the root's role (1) + the role's policy (1), one to spare.
  const maxHierarchyLevel = longestChain(facts) + 3;
  const build = async (doms: readonly string[]) => {
    const enforcer = await newEnforcer(newModelFromString(MODEL));
    enforcer.setRoleManager(new DefaultRoleManager(maxHierarchyLevel));
    await enforcer.addFunction('resMatch', (granted: string, requested: string) => resourceMatches(granted, requested));
    await enforcer.addFunction('actMatch', actMatch);
    await enforcer.addFunction('condMatch', conditionMatcher());
    const p = doms.flatMap((d) => lines.get(d) ?? []);
    const g = doms.flatMap((d) => links.get(d) ?? []);
    if (p.length > 0) await enforcer.addPolicies(p);
    if (g.length > 0) await enforcer.addGroupingPolicies(g);
    return enforcer;
  };

  let isAllowed: (q: CheckQuery) => boolean;
  if (options.shardByNamespace) {
    const shards = new Map<string, Enforcer>();
    for (const dom of domains) shards.set(dom, await build([dom]));
    isAllowed = (q) => {
      const dom = String(q.namespaceId);
      return shards.get(dom)?.enforceSync(USER + q.userId, dom, q.resource, q.action) ?? false;
    };
  } else {
    const enforcer = await build(domains);
    isAllowed = (q) => enforcer.enforceSync(USER + q.userId, String(q.namespaceId), q.resource, q.action);
  }
  lines.clear();
  links.clear();
  return { buildMs: performance.now() - t0, isAllowed };
}

const percentile = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/**
 * Times each query one by one (after a warm-up of the first `warm`), returns p50/p99 µs and the
 * number of answers that differ from `expected`. Casbin scans every `p` line per check (≈ 25 ms at
 * 10 k grants, ≈ 250 ms at 100 k, seconds at 1 M on one enforcer), so keep `queries` to hundreds.
 */
export function timeCasbin(
  side: CasbinSide,
  queries: readonly CheckQuery[],
  expected: readonly boolean[],
  warm = Math.min(100, Math.ceil(queries.length / 10)),
): { p50Micros: number; p99Micros: number; meanMicros: number; disagreements: number } {
  if (expected.length !== queries.length) throw new Error(`timeCasbin: ${queries.length} queries but ${expected.length} expected answers`);
  for (const q of queries.slice(0, warm)) side.isAllowed(q);
  const times = new Float64Array(queries.length);
  let disagreements = 0;
  for (let i = 0; i < queries.length; i++) {
    const start = process.hrtime.bigint();
    const allowed = side.isAllowed(queries[i]!);
    times[i] = Number(process.hrtime.bigint() - start) / 1000;
    if (allowed !== expected[i]) disagreements++;
  }
  const meanMicros = times.reduce((sum, t) => sum + t, 0) / Math.max(1, times.length);
  times.sort();
  return { p50Micros: percentile(times, 0.5), p99Micros: percentile(times, 0.99), meanMicros, disagreements };
}
