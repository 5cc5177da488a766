import { actionSetCovers, compileActions } from './action-set.js';
import { AppStore } from './app-store.js';
import { GrantStore } from './grant-store.js';
import { mergeGrants } from './listing.js';
import { kindOf } from './match.js';
import { MembershipStore, roleKeysIn, type UserView } from './membership-store.js';
import { PolicyIndex } from './policy-index.js';
import { ALLOW, DENY } from './resource-index.js';
import { SubjectIds, subjectIdSet, type SubjectIdSet } from './subject-ids.js';
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

/**
 * Subject keys of a user that count in one namespace: user, groups, org nodes with their ancestors,
 * the roles of that namespace, and `ORG=:<node>` of the nodes the user is directly in (only
 * direct-only policy assignments use those; no grant is held under them).
 */
function keysIn(view: UserView, namespaceId: number): Array<readonly string[]> {
  return [view.baseKeys, roleKeysIn(view, namespaceId), view.directOrgKeys];
}

/**
 * The incremental in-memory permission index. A check looks up the (at most four) resources that can
 * match the request — the exact one, `K:*`, `K` and `*` — and meets there the subject ids the user
 * acts as, so its cost follows the user's subjects, not the size of the pool. `apply` updates in
 * place and invalidates memoized subjects precisely, so every write is visible to the next query.
 */
export function createPermissionIndex(facts?: Facts): PermissionIndex {
  const ids = new SubjectIds();
  const grants = new GrantStore(ids);
  const members = new MembershipStore();
  const apps = new AppStore();
  const policies = new PolicyIndex(ids);

  /** The user's subject ids in the namespace, rebuilt when subjects gained or lost an id since. */
  function idsOf(view: UserView, namespaceId: number): SubjectIdSet {
    let set = view.idSets.get(namespaceId);
    if (!set || set.generation !== ids.generation) {
      set = subjectIdSet(ids, keysIn(view, namespaceId));
      view.idSets.set(namespaceId, set);
    }
    return set;
  }

  /**
   * ALLOW/DENY bits of every subject the user acts as in the namespace, from grants and from the
   * statements of enabled policy assignments; stops at the first deny.
   */
  function scan(q: CheckQuery): number {
    const withGrants = grants.checks.has(q.namespaceId);
    const withPolicies = !policies.emptyIn(q.namespaceId);
    if (!withGrants && !withPolicies) return 0;
    const user = idsOf(members.view(q.userId), q.namespaceId);
    const kind = kindOf(q.resource);
    const out = withGrants ? grants.checks.probe(q.namespaceId, q.resource, kind, q, user) : 0;
    if (out & DENY || !withPolicies) return out;
    return out | policies.checks.probe(q.namespaceId, q.resource, kind, q, user);
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
    members.warmViews();
    grants.load(facts.grants);
    for (const row of facts.appStrategies) apps.putStrategy(row);
    for (const row of facts.appAccess) apps.putRecord(row, true);
    for (const row of facts.policies) policies.putPolicy(row);
    for (const row of facts.policyAssignments) policies.putAssignment(row, true);
  }

  return {
    apply,

    load(rows) {
      grants.load(rows, true);
    },

    isAllowed(q) {
      return scan(q) === ALLOW;
    },

    isDenied(q) {
      return (scan(q) & DENY) !== 0;
    },

    userResources(userId, namespaceId, resourceType?: ResourceType): AuthorizedResourceFact[] {
      if (!grants.checks.has(namespaceId)) return [];
      const found: GrantFact[] = [];
      for (const keys of keysIn(members.view(userId), namespaceId)) {
        for (const key of keys) {
          for (const g of grants.ofSubject(key)) {
            if (g.namespaceId === namespaceId && g.effect === 'ALLOW' && (resourceType === undefined || g.resourceType === resourceType)) found.push(g);
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
      return apps.decide(appId, userId, members.subjectsOf(userId));
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
