import type { RoleAssignmentFact, TargetType } from './types.js';

/** The engine's subject key: `USER:<id>`, `ROLE:<id>`, ... (the type never contains a colon). */
export function subjectKey(targetType: TargetType, targetId: string): string {
  return `${targetType}:${targetId}`;
}

/** Read access to memberships, whatever stores them. */
export interface MembershipSource {
  groupsOf(userId: string): Iterable<string>;
  nodesOf(userId: string): Iterable<string>;
  /** `undefined` when the node has no row: the walk stops there. */
  parentOf(nodeId: string): string | null | undefined;
  rolesHeldBy(holderType: RoleAssignmentFact['holderType'], holderId: string): Iterable<string>;
  /** `undefined` when the role has no row: an assignment of a missing role grants nothing. */
  roleNamespace(roleId: string): number | undefined;
}

/** Everything a user acts as. */
export interface EffectiveSubjects {
  groups: ReadonlySet<string>;
  /** Nodes the user is a member of (app-access ORG records without inheritance reach only these). */
  directNodes: ReadonlySet<string>;
  /** Direct nodes and all their ancestors: resource grants and roles of a node reach its subtree. */
  nodes: ReadonlySet<string>;
  /** Role id → the role's namespace, for every role held directly, via a group or via a node. */
  roles: ReadonlyMap<string, number>;
}

/**
 * Ancestors follow `parentId` pointers (a parent id counts even without a row of its own; the walk
 * stops at a missing row, a null parent or a node already seen, so cycles terminate).
 */
export function resolveSubjects(src: MembershipSource, userId: string): EffectiveSubjects {
  const groups = new Set(src.groupsOf(userId));
  const directNodes = new Set(src.nodesOf(userId));
  const nodes = new Set<string>();
  for (const start of directNodes) {
    let current: string | null | undefined = start;
    while (current != null && !nodes.has(current)) {
      nodes.add(current);
      current = src.parentOf(current);
    }
  }
  const roles = new Map<string, number>();
  const hold = (holderType: RoleAssignmentFact['holderType'], holderId: string): void => {
    for (const roleId of src.rolesHeldBy(holderType, holderId)) {
      const ns = src.roleNamespace(roleId);
      if (ns !== undefined) roles.set(roleId, ns);
    }
  };
  hold('USER', userId);
  for (const g of groups) hold('GROUP', g);
  for (const n of nodes) hold('NODE', n);
  return { groups, directNodes, nodes, roles };
}
