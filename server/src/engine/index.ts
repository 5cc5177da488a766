import { actionSetCovers, compileActions, type ActionSet } from './action-set.js';
import { AppStore } from './app-store.js';
import { GrantStore, type GrantBucket } from './grant-store.js';
import { mergeGrants } from './listing.js';
import { actionMatches, kindOf, resourceMatches } from './match.js';
import { MembershipStore, type UserView } from './membership-store.js';
import { conditionsHold, statementResource } from './policy-conditions.js';
import { directOrgKey, PolicyIndex, type PolicyEntry } from './policy-index.js';
import { subjectKey } from './subjects.js';
import type {
  AuthorizedResourceFact,
  AuthorizedTargetFact,
  CheckQuery,
  FactChange,
  Facts,
  GrantFact,
  PermissionIndex,
  ResourceType,
} from './types.js';

const ALLOW = 1;
const DENY = 2;

/** Compiled allow/deny actions on one exact resource: a grant bucket or a statement bucket. */
interface Bucket {
  allow: ActionSet | null;
  deny: ActionSet | null;
}

/** ALLOW/DENY bits of one bucket for `action`. */
function bits(b: Bucket | undefined, action: string): number {
  if (!b) return 0;
  return (b.allow && actionSetCovers(b.allow, action) ? ALLOW : 0) | (b.deny && actionSetCovers(b.deny, action) ? DENY : 0);
}

/**
 * ALLOW/DENY bits over the only grant resources that can match `resource`: itself, `K:*`, `K` and
 * `*` (each probed once; `K:*` always differs from `K` and `*`).
 */
function probe(buckets: ReadonlyMap<string, Bucket>, resource: string, kind: string, action: string): number {
  let out = bits(buckets.get(resource), action);
  const kindWildcard = `${kind}:*`;
  if (kindWildcard !== resource) out |= bits(buckets.get(kindWildcard), action);
  if (kind !== resource) out |= bits(buckets.get(kind), action);
  if (kind !== '*' && resource !== '*') out |= bits(buckets.get('*'), action);
  return out;
}

/** Subject keys of a user that count in one namespace. */
function keysIn(view: UserView, namespaceId: number): Array<readonly string[]> {
  return [view.baseKeys, view.roleKeys.get(namespaceId) ?? []];
}

/** Policy subject keys: the grant keys plus `ORG=:<node>` of the nodes the user is directly in. */
function policyKeysIn(view: UserView, namespaceId: number): Array<Iterable<string>> {
  return [...keysIn(view, namespaceId), [...view.subjects.directNodes].map(directOrgKey)];
}

/** ALLOW/DENY bits of one subject's policy statements for the query. */
function policyBits(entry: PolicyEntry, q: CheckQuery, kind: string): number {
  let out = probe(entry.buckets, q.resource, kind, q.action);
  for (const s of entry.conditional) {
    if (resourceMatches(statementResource(s), q.resource) && actionMatches(s.actions, q.action) && conditionsHold(s.condition, q.userId)) {
      out |= s.effect === 'ALLOW' ? ALLOW : DENY;
    }
  }
  return out;
}

/**
 * The incremental in-memory permission index. A check is a handful of map probes: for each subject
 * the user acts as, the exact resource, `K:*`, `K` and `*`. `apply` updates in place and invalidates
 * memoized subjects precisely, so every write is visible to the next query.
 */
export function createPermissionIndex(facts?: Facts): PermissionIndex {
  const grants = new GrantStore();
  const members = new MembershipStore();
  const apps = new AppStore();
  const policies = new PolicyIndex();

  /**
   * ALLOW/DENY bits of every subject the user acts as in the namespace, from grants and from the
   * statements of enabled policy assignments; stops at the first deny.
   */
  function scan(q: CheckQuery): number {
    const bySubject = grants.namespace(q.namespaceId);
    const withPolicies = !policies.emptyIn(q.namespaceId);
    if (!bySubject && !withPolicies) return 0;
    const view = members.view(q.userId);
    const kind = kindOf(q.resource);
    let out = 0;
    if (bySubject) {
      for (const keys of keysIn(view, q.namespaceId)) {
        for (const key of keys) {
          const buckets = bySubject.get(key);
          if (buckets) out |= probe(buckets, q.resource, kind, q.action);
          if (out & DENY) return out;
        }
      }
    }
    if (withPolicies) {
      for (const keys of policyKeysIn(view, q.namespaceId)) {
        for (const key of keys) {
          const entry = policies.entry(q.namespaceId, key);
          if (entry) out |= policyBits(entry, q, kind);
          if (out & DENY) return out;
        }
      }
    }
    return out;
  }

  function apply(changes: readonly FactChange[]): void {
    for (const c of changes) {
      switch (c.table) {
        case 'grants':
          if (c.op === 'put') grants.put(c.row);
          else grants.delete(c.id);
          break;
        case 'roles':
          if (c.op === 'put') members.putRole(c.row);
          else members.deleteRole(c.id);
          break;
        case 'roleAssignments':
          members.putAssignment(c.row, c.op === 'put');
          break;
        case 'groupMembers':
          members.putGroupMember(c.row, c.op === 'put');
          break;
        case 'nodes':
          if (c.op === 'put') members.putNode(c.row);
          else members.deleteNode(c.id);
          break;
        case 'nodeMembers':
          members.putNodeMember(c.row, c.op === 'put');
          break;
        case 'appStrategies':
          if (c.op === 'put') apps.putStrategy(c.row);
          else apps.deleteStrategy(c.appId);
          break;
        case 'appAccess':
          apps.putRecord(c.row, c.op === 'put');
          break;
        case 'policies':
          if (c.op === 'put') policies.putPolicy(c.row);
          else policies.deletePolicy(c.id);
          break;
        case 'policyAssignments':
          policies.putAssignment(c.row, c.op === 'put');
          break;
      }
    }
  }

  if (facts) {
    for (const row of facts.roles) members.putRole(row);
    for (const row of facts.nodes) members.putNode(row);
    for (const row of facts.roleAssignments) members.putAssignment(row, true);
    for (const row of facts.groupMembers) members.putGroupMember(row, true);
    for (const row of facts.nodeMembers) members.putNodeMember(row, true);
    for (const row of facts.grants) grants.put(row);
    for (const row of facts.appStrategies) apps.putStrategy(row);
    for (const row of facts.appAccess) apps.putRecord(row, true);
    for (const row of facts.policies) policies.putPolicy(row);
    for (const row of facts.policyAssignments) policies.putAssignment(row, true);
  }

  return {
    apply,

    isAllowed(q) {
      return scan(q) === ALLOW;
    },

    isDenied(q) {
      return (scan(q) & DENY) !== 0;
    },

    userResources(userId, namespaceId, resourceType?: ResourceType): AuthorizedResourceFact[] {
      const bySubject = grants.namespace(namespaceId);
      if (!bySubject) return [];
      const found: GrantFact[] = [];
      for (const keys of keysIn(members.view(userId), namespaceId)) {
        for (const key of keys) {
          for (const bucket of bySubject.get(key)?.values() ?? []) {
            for (const g of bucket.grants.values()) {
              if (g.effect === 'ALLOW' && (resourceType === undefined || g.resourceType === resourceType)) found.push(g);
            }
          }
        }
      }
      return mergeGrants(found, (g) => g.resource).map(({ first, actions }) => ({
        resource: first.resource,
        resourceType: first.resourceType,
        actions,
      }));
    },

    subjectResources(subject, namespaceId?: number, resourceType?: ResourceType) {
      const found: GrantFact[] = [];
      for (const g of grants.ofSubject(subjectKey(subject.targetType, subject.targetId))) {
        if (
          g.effect === 'ALLOW' &&
          (namespaceId === undefined || g.namespaceId === namespaceId) &&
          (resourceType === undefined || g.resourceType === resourceType)
        ) {
          found.push(g);
        }
      }
      return mergeGrants(found, (g) => `${g.namespaceId}\u0000${g.resource}`).map(({ first, actions }) => ({
        resource: first.resource,
        resourceType: first.resourceType,
        actions,
        namespaceId: first.namespaceId,
      }));
    },

    authorizedTargets(namespaceId, resource, filter): AuthorizedTargetFact[] {
      const found: GrantFact[] = [];
      for (const g of grants.onResource(namespaceId, resource)) {
        if (g.effect === 'ALLOW' && (filter?.targetType === undefined || g.targetType === filter.targetType)) found.push(g);
      }
      const list = filter?.actions?.list ?? [];
      const all = filter?.actions?.op === 'AND';
      const out: AuthorizedTargetFact[] = [];
      for (const { first, actions } of mergeGrants(found, (g) => subjectKey(g.targetType, g.targetId))) {
        if (list.length > 0) {
          const held = compileActions([actions]);
          const holds = (a: string): boolean => actionSetCovers(held, a);
          if (all ? !list.every(holds) : !list.some(holds)) continue;
        }
        out.push({ targetType: first.targetType, targetId: first.targetId, actions });
      }
      return out;
    },

    canAccessApp(appId, userId) {
      return apps.decide(appId, userId, members.view(userId).subjects);
    },

    snapshot(): Facts {
      return {
        grants: [...grants.all()].map((g) => ({ ...g, actions: g.actions === null ? null : [...g.actions] })),
        roles: [...members.roles()].map((r) => ({ ...r })),
        roleAssignments: [...members.assignments()].map((a) => ({ ...a })),
        groupMembers: members.groupMembers(),
        nodes: [...members.nodes()].map((n) => ({ ...n })),
        nodeMembers: members.nodeMembers(),
        appStrategies: apps.strategies(),
        appAccess: apps.records(),
        policies: policies.policies(),
        policyAssignments: policies.assignments(),
      };
    },
  };
}
