import { actionMatches, resourceMatches } from './match.js';
import { conditionsHold, statementResource } from './policy-conditions.js';
import type {
  AppAccessDecision,
  AuthorizedResourceFact,
  AuthorizedTargetFact,
  CheckQuery,
  Facts,
  Effect,
  GrantFact,
  PermissionQueries,
  ResourceType,
  SubjectRef,
} from './types.js';

export { applyChangesToFacts, emptyFacts } from './facts.js';

/** Listing order: creation `seq`, then id so equal seqs still order deterministically. */
function bySeq(a: GrantFact, b: GrantFact): number {
  return a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

interface Merged {
  key: string;
  first: GrantFact;
  actions: string[] | null;
}

/** Merge grants sharing `keyOf`: actions united in first-seen order, any `null` makes it `null`. */
function merge(grants: GrantFact[], keyOf: (g: GrantFact) => string): Merged[] {
  const out: Merged[] = [];
  for (const g of [...grants].sort(bySeq)) {
    let row = out.find((m) => m.key === keyOf(g));
    if (!row) {
      row = { key: keyOf(g), first: g, actions: [] };
      out.push(row);
    }
    if (g.actions === null) row.actions = null;
    else if (row.actions !== null) for (const a of g.actions) if (!row.actions.includes(a)) row.actions.push(a);
  }
  return out;
}

/**
 * The deliberately naive evaluator: every query rescans the raw rows, no index, no cache. It exists
 * to be obviously right; the differential test holds the incremental index equal to it.
 */
export function createReferenceEvaluator(facts: Facts): PermissionQueries {
  const groupsOf = (userId: string): string[] =>
    facts.groupMembers.filter((m) => m.userId === userId).map((m) => m.groupId);

  const directNodesOf = (userId: string): string[] =>
    facts.nodeMembers.filter((m) => m.userId === userId).map((m) => m.nodeId);

  const parentOf = (nodeId: string): string | null => facts.nodes.find((n) => n.id === nodeId)?.parentId ?? null;

  /** Member nodes plus every ancestor (the parent pointer chain, stopping at a repeat). */
  const orgNodesOf = (userId: string): string[] => {
    const out: string[] = [];
    for (const start of directNodesOf(userId)) {
      let current: string | null = start;
      while (current !== null && !out.includes(current)) {
        out.push(current);
        current = parentOf(current);
      }
    }
    return out;
  };

  /** Existing roles assigned to the user, one of their groups, or one of their org nodes. */
  const rolesOf = (userId: string): Array<{ id: string; namespaceId: number }> => {
    const groups = groupsOf(userId);
    const nodes = orgNodesOf(userId);
    return facts.roles.filter((role) =>
      facts.roleAssignments.some(
        (a) =>
          a.roleId === role.id &&
          ((a.holderType === 'USER' && a.holderId === userId) ||
            (a.holderType === 'GROUP' && groups.includes(a.holderId)) ||
            (a.holderType === 'NODE' && nodes.includes(a.holderId))),
      ),
    );
  };

  /** Grants in `namespaceId` the user holds through any subject; role grants only in the role's namespace. */
  const userGrants = (userId: string, namespaceId: number): GrantFact[] => {
    const groups = groupsOf(userId);
    const nodes = orgNodesOf(userId);
    const roles = rolesOf(userId);
    return facts.grants.filter(
      (g) =>
        g.namespaceId === namespaceId &&
        ((g.targetType === 'USER' && g.targetId === userId) ||
          (g.targetType === 'GROUP' && groups.includes(g.targetId)) ||
          (g.targetType === 'ORG' && nodes.includes(g.targetId)) ||
          (g.targetType === 'ROLE' && roles.some((r) => r.id === g.targetId && r.namespaceId === namespaceId))),
    );
  };

  /**
   * Statements of the policies in `namespaceId` with an enabled assignment reaching the user: to
   * the user, a group of theirs, a role they hold in that namespace, a node they are directly in,
   * or (with `inheritByChildren`) a node above one of those.
   */
  const userStatements = (userId: string, namespaceId: number) => {
    const groups = groupsOf(userId);
    const direct = directNodesOf(userId);
    const nodes = orgNodesOf(userId);
    const roles = rolesOf(userId).filter((r) => r.namespaceId === namespaceId);
    return facts.policyAssignments
      .filter(
        (a) =>
          a.enabled &&
          ((a.targetType === 'USER' && a.targetId === userId) ||
            (a.targetType === 'GROUP' && groups.includes(a.targetId)) ||
            (a.targetType === 'ROLE' && roles.some((r) => r.id === a.targetId)) ||
            (a.targetType === 'ORG' && (direct.includes(a.targetId) || (a.inheritByChildren && nodes.includes(a.targetId))))),
      )
      .flatMap((a) => facts.policies.filter((p) => p.id === a.policyId && p.namespaceId === namespaceId))
      .flatMap((p) => p.statements);
  };

  /** Effects of every grant and every applicable policy statement matching the query. */
  const matching = (q: CheckQuery): Effect[] => [
    ...userGrants(q.userId, q.namespaceId)
      .filter((g) => resourceMatches(g.resource, q.resource) && actionMatches(g.actions, q.action))
      .map((g) => g.effect),
    ...userStatements(q.userId, q.namespaceId)
      .filter(
        (s) =>
          resourceMatches(statementResource(s), q.resource) &&
          actionMatches(s.actions, q.action) &&
          conditionsHold(s.condition, q.userId),
      )
      .map((s) => s.effect),
  ];

  return {
    isAllowed(q) {
      const hits = matching(q);
      return hits.includes('ALLOW') && !hits.includes('DENY');
    },

    isDenied(q) {
      return matching(q).includes('DENY');
    },

    userResources(userId, namespaceId, resourceType?: ResourceType): AuthorizedResourceFact[] {
      const grants = userGrants(userId, namespaceId).filter(
        (g) => g.effect === 'ALLOW' && (resourceType === undefined || g.resourceType === resourceType),
      );
      return merge(grants, (g) => g.resource).map((m) => ({
        resource: m.first.resource,
        resourceType: m.first.resourceType,
        actions: m.actions,
      }));
    },

    subjectResources(subject: SubjectRef, namespaceId?: number, resourceType?: ResourceType) {
      const grants = facts.grants.filter(
        (g) =>
          g.effect === 'ALLOW' &&
          g.targetType === subject.targetType &&
          g.targetId === subject.targetId &&
          (namespaceId === undefined || g.namespaceId === namespaceId) &&
          (resourceType === undefined || g.resourceType === resourceType),
      );
      return merge(grants, (g) => JSON.stringify([g.namespaceId, g.resource])).map((m) => ({
        resource: m.first.resource,
        resourceType: m.first.resourceType,
        actions: m.actions,
        namespaceId: m.first.namespaceId,
      }));
    },

    authorizedTargets(namespaceId, resource, filter): AuthorizedTargetFact[] {
      const grants = facts.grants.filter(
        (g) =>
          g.effect === 'ALLOW' &&
          g.namespaceId === namespaceId &&
          g.resource === resource &&
          (filter?.targetType === undefined || g.targetType === filter.targetType),
      );
      const list = filter?.actions?.list ?? [];
      const op = filter?.actions?.op;
      return merge(grants, (g) => JSON.stringify([g.targetType, g.targetId]))
        .filter(
          (m) =>
            list.length === 0 ||
            (op === 'AND' ? list.every((a) => actionMatches(m.actions, a)) : list.some((a) => actionMatches(m.actions, a))),
        )
        .map((m) => ({ targetType: m.first.targetType, targetId: m.first.targetId, actions: m.actions }));
    },

    canAccessApp(appId, userId): AppAccessDecision {
      const groups = groupsOf(userId);
      const direct = directNodesOf(userId);
      const nodes = orgNodesOf(userId);
      const roles = rolesOf(userId);
      const applicable = facts.appAccess.filter(
        (r) =>
          r.appId === appId &&
          r.enabled &&
          ((r.targetType === 'USER' && r.targetId === userId) ||
            (r.targetType === 'ROLE' && roles.some((role) => role.id === r.targetId)) ||
            (r.targetType === 'GROUP' && groups.includes(r.targetId)) ||
            (r.targetType === 'ORG' && (direct.includes(r.targetId) || (r.inheritByChildren && nodes.includes(r.targetId))))),
      );
      if (applicable.some((r) => r.effect === 'DENY')) return { allowed: false, reason: 'EXPLICIT_DENY' };
      if (applicable.some((r) => r.effect === 'ALLOW')) return { allowed: true, reason: 'EXPLICIT_ALLOW' };
      const strategy = facts.appStrategies.find((s) => s.appId === appId)?.defaultStrategy ?? 'ALLOW_ALL';
      return strategy === 'ALLOW_ALL' ? { allowed: true, reason: 'DEFAULT_ALLOW' } : { allowed: false, reason: 'DEFAULT_DENY' };
    },
  };
}
