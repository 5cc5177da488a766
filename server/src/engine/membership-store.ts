import { directOrgKey } from './policy-index.js';
import { Relation } from './relation.js';
import type { SubjectIdSet } from './subject-ids.js';
import { resolveSubjects, subjectKey, type EffectiveSubjects, type MembershipSource } from './subjects.js';
import type { GroupMemberFact, NodeFact, NodeMemberFact, RoleAssignmentFact, RoleFact } from './types.js';

type HolderType = RoleAssignmentFact['holderType'];

/** What a user acts as, with the subject keys a check probes, memoized per user. */
export interface UserView {
  subjects: EffectiveSubjects;
  /** `USER:`, `GROUP:` and `ORG:` keys: valid in every namespace. */
  baseKeys: readonly string[];
  /** `ROLE:` keys by the role's namespace: a role's grants count only there. */
  roleKeys: ReadonlyMap<number, readonly string[]>;
  /** `ORG=:` keys of the nodes the user is directly in (direct-only policy assignments). */
  directOrgKeys: readonly string[];
  /** The subject ids of the keys that count in a namespace, memoized per namespace by the index. */
  idSets: Map<number, SubjectIdSet>;
}

const holderKey = (holderType: HolderType, holderId: string): string => `${holderType}:${holderId}`;
const assignmentKey = (roleId: string, holder: string): string => `${roleId}\u0000${holder}`;

/**
 * Roles, memberships and the org tree, plus each user's memoized effective subjects. Every write
 * invalidates exactly the users whose subjects it can change; nothing expires by time.
 */
export class MembershipStore implements MembershipSource {
  readonly #roles = new Map<string, RoleFact>();
  readonly #assignments = new Map<string, RoleAssignmentFact>();
  /** holder key ↔ role id. */
  readonly #held = new Relation();
  /** group id ↔ user id. */
  readonly #groups = new Relation();
  readonly #nodes = new Map<string, NodeFact>();
  /** parent id ↔ child id, from node rows. */
  readonly #tree = new Relation();
  /** node id ↔ user id. */
  readonly #nodeMembers = new Relation();
  readonly #views = new Map<string, UserView>();

  // MembershipSource
  groupsOf(userId: string): Iterable<string> {
    return this.#groups.to(userId);
  }
  nodesOf(userId: string): Iterable<string> {
    return this.#nodeMembers.to(userId);
  }
  parentOf(nodeId: string): string | null | undefined {
    return this.#nodes.get(nodeId)?.parentId;
  }
  rolesHeldBy(holderType: HolderType, holderId: string): Iterable<string> {
    return this.#held.of(holderKey(holderType, holderId));
  }
  roleNamespace(roleId: string): number | undefined {
    return this.#roles.get(roleId)?.namespaceId;
  }

  view(userId: string): UserView {
    let v = this.#views.get(userId);
    if (!v) {
      v = buildView(userId, resolveSubjects(this, userId));
      this.#views.set(userId, v);
    }
    return v;
  }

  putRole(row: RoleFact): void {
    this.#roles.set(row.id, { ...row });
    this.#invalidateRoleHolders(row.id);
  }

  deleteRole(id: string): void {
    if (this.#roles.delete(id)) this.#invalidateRoleHolders(id);
  }

  putAssignment(row: RoleAssignmentFact, present: boolean): void {
    const holder = holderKey(row.holderType, row.holderId);
    const key = assignmentKey(row.roleId, holder);
    if (present === this.#assignments.has(key)) return;
    if (present) {
      this.#assignments.set(key, { ...row });
      this.#held.add(holder, row.roleId);
    } else {
      this.#assignments.delete(key);
      this.#held.delete(holder, row.roleId);
    }
    this.#invalidateHolder(row.holderType, row.holderId);
  }

  putGroupMember(row: GroupMemberFact, present: boolean): void {
    if (present) this.#groups.add(row.groupId, row.userId);
    else this.#groups.delete(row.groupId, row.userId);
    this.#views.delete(row.userId);
  }

  putNodeMember(row: NodeMemberFact, present: boolean): void {
    if (present) this.#nodeMembers.add(row.nodeId, row.userId);
    else this.#nodeMembers.delete(row.nodeId, row.userId);
    this.#views.delete(row.userId);
  }

  putNode(row: NodeFact): void {
    // The node's own subtree is the same before and after: only walks passing through it change.
    this.#unlinkNode(row.id);
    this.#nodes.set(row.id, { ...row });
    if (row.parentId !== null) this.#tree.add(row.parentId, row.id);
    this.#invalidateSubtree(row.id);
  }

  deleteNode(id: string): void {
    if (!this.#nodes.has(id)) return;
    this.#invalidateSubtree(id);
    this.#unlinkNode(id);
    this.#nodes.delete(id);
  }

  roles(): Iterable<RoleFact> {
    return this.#roles.values();
  }
  assignments(): Iterable<RoleAssignmentFact> {
    return this.#assignments.values();
  }
  nodes(): Iterable<NodeFact> {
    return this.#nodes.values();
  }
  groupMembers(): GroupMemberFact[] {
    return [...this.#groups.pairs()].map(([groupId, userId]) => ({ groupId, userId }));
  }
  nodeMembers(): NodeMemberFact[] {
    return [...this.#nodeMembers.pairs()].map(([nodeId, userId]) => ({ nodeId, userId }));
  }

  #unlinkNode(id: string): void {
    const old = this.#nodes.get(id);
    if (old && old.parentId !== null) this.#tree.delete(old.parentId, id);
  }

  #invalidateRoleHolders(roleId: string): void {
    for (const holder of this.#held.to(roleId)) {
      const a = this.#assignments.get(assignmentKey(roleId, holder));
      if (a) this.#invalidateHolder(a.holderType, a.holderId);
    }
  }

  #invalidateHolder(holderType: HolderType, holderId: string): void {
    if (holderType === 'USER') this.#views.delete(holderId);
    else if (holderType === 'GROUP') for (const u of this.#groups.of(holderId)) this.#views.delete(u);
    else this.#invalidateSubtree(holderId);
  }

  /** Users of `nodeId` and of every node whose parent chain passes through it. */
  #invalidateSubtree(nodeId: string): void {
    const seen = new Set<string>([nodeId]);
    const queue = [nodeId];
    for (let n = queue.pop(); n !== undefined; n = queue.pop()) {
      for (const u of this.#nodeMembers.of(n)) this.#views.delete(u);
      for (const child of this.#tree.of(n)) {
        if (!seen.has(child)) {
          seen.add(child);
          queue.push(child);
        }
      }
    }
  }
}

function buildView(userId: string, subjects: EffectiveSubjects): UserView {
  const baseKeys = [subjectKey('USER', userId)];
  for (const g of subjects.groups) baseKeys.push(subjectKey('GROUP', g));
  for (const n of subjects.nodes) baseKeys.push(subjectKey('ORG', n));
  const roleKeys = new Map<number, string[]>();
  for (const [roleId, ns] of subjects.roles) {
    const keys = roleKeys.get(ns);
    if (keys) keys.push(subjectKey('ROLE', roleId));
    else roleKeys.set(ns, [subjectKey('ROLE', roleId)]);
  }
  return { subjects, baseKeys, roleKeys, directOrgKeys: [...subjects.directNodes].map(directOrgKey), idSets: new Map() };
}
