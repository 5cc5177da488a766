import { directOrgKey } from './policy-index.js';
import { Relation } from './relation.js';
import type { SubjectIdSet } from './subject-ids.js';
import { resolveSubjects, subjectKey, type EffectiveSubjects, type MembershipSource } from './subjects.js';
import type { GroupMemberFact, NodeFact, NodeMemberFact, RoleAssignmentFact, RoleFact } from './types.js';

type HolderType = RoleAssignmentFact['holderType'];

/** What a user acts as, with the subject keys a check probes, memoized per user. */
export interface UserView {
  /** `USER:`, `GROUP:` and `ORG:` keys: valid in every namespace. */
  baseKeys: readonly string[];
  /** The roles the user holds (directly, via a group or a node), each counting only in its namespace. */
  roles: readonly HeldRole[];
  /** `ORG=:` keys of the nodes the user is directly in (direct-only policy assignments). */
  directOrgKeys: readonly string[];
  /** The subject ids of the keys that count in a namespace, memoized per namespace by the index. */
  idSets: Map<number, SubjectIdSet>;
  /** The full subject sets (groups, nodes, roles), made when first asked (application access). */
  subjects: EffectiveSubjects | null;
}

const holderKey = (holderType: HolderType, holderId: string): string => `${holderType}:${holderId}`;

/** A role a holder has, with its namespace and its subject key. */
export interface HeldRole {
  roleId: string;
  namespaceId: number;
  key: string;
}

/** A node and its ancestors (the walk of {@link resolveSubjects}), their `ORG:` keys and the roles they hold. */
interface Chain {
  nodes: readonly string[];
  keys: readonly string[];
  roles: readonly HeldRole[];
}

/** A group's `GROUP:` key and the roles it holds. */
interface GroupView {
  key: string;
  roles: readonly HeldRole[];
}
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
  /**
   * Shared by every member: each node's ancestor chain and each group's roles, so a user's first
   * check joins a few memoized lists instead of walking the tree and concatenating keys again.
   * Cleared whenever the tree, node or group role assignments, or roles change.
   */
  readonly #chains = new Map<string, Chain>();
  readonly #groupViews = new Map<string, GroupView>();

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

  /**
   * What the user acts as, memoized: the same subjects as {@link resolveSubjects} over this store
   * (a test holds the two equal), built from the memoized node chains and group roles.
   */
  view(userId: string): UserView {
    let v = this.#views.get(userId);
    if (!v) {
      v = this.#buildView(userId);
      this.#views.set(userId, v);
    }
    return v;
  }

  /**
   * Builds the view of every user with a membership or a role now, so that no check after start
   * pays for a user's first view (about a microsecond each; a change drops exactly the views it
   * touches, which the next check rebuilds).
   */
  warmViews(): void {
    for (const userId of this.#groups.targets()) this.view(userId);
    for (const userId of this.#nodeMembers.targets()) this.view(userId);
    for (const a of this.#assignments.values()) if (a.holderType === 'USER') this.view(a.holderId);
  }

  /** The user's groups, nodes and roles ({@link resolveSubjects}), memoized with the view. */
  subjectsOf(userId: string): EffectiveSubjects {
    const view = this.view(userId);
    return (view.subjects ??= resolveSubjects(this, userId));
  }

  putRole(row: RoleFact): void {
    this.#roles.set(row.id, { ...row });
    this.#forgetShared();
    this.#invalidateRoleHolders(row.id);
  }

  deleteRole(id: string): void {
    if (!this.#roles.delete(id)) return;
    this.#forgetShared();
    this.#invalidateRoleHolders(id);
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
    if (row.holderType === 'NODE') this.#chains.clear();
    else if (row.holderType === 'GROUP') this.#groupViews.delete(row.holderId);
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
    this.#chains.clear();
    this.#invalidateSubtree(row.id);
  }

  deleteNode(id: string): void {
    if (!this.#nodes.has(id)) return;
    this.#invalidateSubtree(id);
    this.#unlinkNode(id);
    this.#nodes.delete(id);
    this.#chains.clear();
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

  #forgetShared(): void {
    this.#chains.clear();
    this.#groupViews.clear();
  }

  #heldRoles(holderType: HolderType, holderId: string): HeldRole[] {
    const out: HeldRole[] = [];
    for (const roleId of this.#held.of(holderKey(holderType, holderId))) {
      const namespaceId = this.#roles.get(roleId)?.namespaceId;
      if (namespaceId !== undefined) out.push({ roleId, namespaceId, key: subjectKey('ROLE', roleId) });
    }
    return out;
  }

  /** The walk of {@link resolveSubjects} from one node: itself, then parents until a missing row, null or a repeat. */
  #chain(start: string): Chain {
    let chain = this.#chains.get(start);
    if (chain) return chain;
    const nodes: string[] = [];
    const keys: string[] = [];
    const roles: HeldRole[] = [];
    const seen = new Set<string>();
    for (let current: string | null | undefined = start; current != null && !seen.has(current); current = this.parentOf(current)) {
      seen.add(current);
      nodes.push(current);
      keys.push(subjectKey('ORG', current));
      roles.push(...this.#heldRoles('NODE', current));
    }
    chain = { nodes, keys, roles };
    this.#chains.set(start, chain);
    return chain;
  }

  #group(groupId: string): GroupView {
    let group = this.#groupViews.get(groupId);
    if (!group) {
      group = { key: subjectKey('GROUP', groupId), roles: this.#heldRoles('GROUP', groupId) };
      this.#groupViews.set(groupId, group);
    }
    return group;
  }

  #buildView(userId: string): UserView {
    const baseKeys = [subjectKey('USER', userId)];
    const roles: HeldRole[] = [];
    hold(roles, this.#heldRoles('USER', userId));
    for (const g of this.#groups.to(userId)) {
      const group = this.#group(g);
      baseKeys.push(group.key);
      hold(roles, group.roles);
    }
    const directNodes = [...this.#nodeMembers.to(userId)];
    if (directNodes.length === 1) {
      // The common case: one department, its chain taken whole.
      const chain = this.#chain(directNodes[0]!);
      baseKeys.push(...chain.keys);
      hold(roles, chain.roles);
    } else if (directNodes.length > 1) {
      const seen = new Set<string>();
      for (const start of directNodes) {
        const chain = this.#chain(start);
        for (let i = 0; i < chain.nodes.length; i++) {
          if (seen.has(chain.nodes[i]!)) continue;
          seen.add(chain.nodes[i]!);
          baseKeys.push(chain.keys[i]!);
        }
        hold(roles, chain.roles);
      }
    }
    return { baseKeys, roles, directOrgKeys: directNodes.map(directOrgKey), idSets: new Map(), subjects: null };
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

/** Adds the roles not yet held (a plain function: no closure per view; the lists are short). */
function hold(roles: HeldRole[], held: readonly HeldRole[]): void {
  for (const h of held) if (!roles.some((r) => r.roleId === h.roleId)) roles.push(h);
}

/** The `ROLE:` keys of the user's roles that count in the namespace. */
export function roleKeysIn(view: UserView, namespaceId: number): string[] {
  const keys: string[] = [];
  for (const r of view.roles) if (r.namespaceId === namespaceId) keys.push(r.key);
  return keys;
}
