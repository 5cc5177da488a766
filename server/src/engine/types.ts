/**
 * Facts the permission engine reasons over. Each fact mirrors one storage table row, keyed by
 * internal ids (never wire codes), so renaming a role, group or namespace never orphans a grant.
 */

export type ResourceType = 'DATA' | 'API' | 'MENU' | 'UI' | 'BUTTON';
export type TargetType = 'USER' | 'ROLE' | 'GROUP' | 'ORG' | 'AK_SK';
export type Effect = 'ALLOW' | 'DENY';

/** A grant: (namespace, target, resource, actions). `actions: null` = granted without actions (MENU/BUTTON). */
export interface GrantFact {
  id: string;
  namespaceId: number;
  targetType: TargetType;
  /** userId, roleId, groupId, nodeId or programmatic account id. */
  targetId: string;
  /** `books:1`, `books:*`, `books` (the kind) or `*`. */
  resource: string;
  resourceType: ResourceType;
  actions: string[] | null;
  effect: Effect;
  /** Monotonic creation order; listings sort by it. */
  seq: number;
}

export interface RoleFact {
  id: string;
  namespaceId: number;
}

/** A role held by a user, a group or an org node. */
export interface RoleAssignmentFact {
  roleId: string;
  holderType: 'USER' | 'GROUP' | 'NODE';
  holderId: string;
}

export interface GroupMemberFact {
  groupId: string;
  userId: string;
}

export interface NodeFact {
  id: string;
  parentId: string | null;
}

export interface NodeMemberFact {
  nodeId: string;
  userId: string;
}

export type DefaultStrategy = 'ALLOW_ALL' | 'DENY_ALL';

export interface AppStrategyFact {
  appId: string;
  defaultStrategy: DefaultStrategy;
}

/** One application access record (allow or deny for a USER/ROLE/GROUP/ORG target). */
export interface AppAccessFact {
  appId: string;
  targetType: 'USER' | 'ROLE' | 'GROUP' | 'ORG';
  targetId: string;
  effect: Effect;
  enabled: boolean;
  inheritByChildren: boolean;
}

/** One condition of a policy statement (IAM-style: `{param: 'UserId', operator: 'StringEquals', value}`). */
export interface PolicyConditionFact {
  param: string;
  operator: string;
  value: string;
}

/** One statement of a policy: `resource` uses the grant grammar (`K:id`, `K:*`, `K`, `*`; `*:*` = `*`). */
export interface PolicyStatementFact {
  resource: string;
  actions: string[];
  effect: Effect;
  /** Every condition must hold for the statement to apply; empty = always applies. */
  condition: PolicyConditionFact[];
}

/** A policy (PBAC): statements in one namespace. */
export interface PolicyFact {
  id: string;
  namespaceId: number;
  statements: PolicyStatementFact[];
}

/**
 * A policy assigned to a target (keyed by policyId + targetType + targetId). Disabled assignments
 * do not apply. An ORG assignment reaches members of the node itself, and members of its
 * descendant nodes only with `inheritByChildren`.
 */
export interface PolicyAssignmentFact {
  policyId: string;
  targetType: 'USER' | 'ROLE' | 'GROUP' | 'ORG';
  /** userId, roleId, groupId or nodeId. */
  targetId: string;
  enabled: boolean;
  inheritByChildren: boolean;
}

/** Every table the engine needs, as plain rows: the input of the reference evaluator. */
export interface Facts {
  grants: GrantFact[];
  roles: RoleFact[];
  roleAssignments: RoleAssignmentFact[];
  groupMembers: GroupMemberFact[];
  nodes: NodeFact[];
  nodeMembers: NodeMemberFact[];
  appStrategies: AppStrategyFact[];
  appAccess: AppAccessFact[];
  policies: PolicyFact[];
  policyAssignments: PolicyAssignmentFact[];
}

/** One change to one fact table; `Store.write` collects these and applies them after commit. */
export type FactChange =
  | { table: 'grants'; op: 'put'; row: GrantFact }
  | { table: 'grants'; op: 'delete'; id: string }
  | { table: 'roles'; op: 'put'; row: RoleFact }
  | { table: 'roles'; op: 'delete'; id: string }
  | { table: 'roleAssignments'; op: 'put' | 'delete'; row: RoleAssignmentFact }
  | { table: 'groupMembers'; op: 'put' | 'delete'; row: GroupMemberFact }
  | { table: 'nodes'; op: 'put'; row: NodeFact }
  | { table: 'nodes'; op: 'delete'; id: string }
  | { table: 'nodeMembers'; op: 'put' | 'delete'; row: NodeMemberFact }
  | { table: 'appStrategies'; op: 'put'; row: AppStrategyFact }
  | { table: 'appStrategies'; op: 'delete'; appId: string }
  | { table: 'appAccess'; op: 'put' | 'delete'; row: AppAccessFact }
  | { table: 'policies'; op: 'put'; row: PolicyFact }
  | { table: 'policies'; op: 'delete'; id: string }
  | { table: 'policyAssignments'; op: 'put' | 'delete'; row: PolicyAssignmentFact };

export interface CheckQuery {
  userId: string;
  namespaceId: number;
  resource: string;
  action: string;
}

/** One listing row: a resource code with the union of granted actions (null = no actions). */
export interface AuthorizedResourceFact {
  resource: string;
  resourceType: ResourceType;
  actions: string[] | null;
}

export interface SubjectRef {
  targetType: TargetType;
  targetId: string;
}

export interface AuthorizedTargetFact extends SubjectRef {
  actions: string[] | null;
}

export interface AppAccessDecision {
  allowed: boolean;
  /** Why: the default strategy, or the record that decided. */
  reason: 'DEFAULT_ALLOW' | 'DEFAULT_DENY' | 'EXPLICIT_ALLOW' | 'EXPLICIT_DENY';
}

/**
 * What the services ask of the permission engine. Implemented twice: the incremental in-memory
 * index (`createPermissionIndex`) and the deliberately naive reference evaluator over raw rows
 * (`createReferenceEvaluator`); a differential test holds the two equal.
 */
export interface PermissionQueries {
  /**
   * Effective check for a user, from grants and policies together: own grants plus every role,
   * group and org node (with ancestors), and the statements of every enabled policy assignment
   * that reaches the user (see {@link PolicyAssignmentFact}). Some ALLOW matches and no DENY does.
   */
  isAllowed(q: CheckQuery): boolean;
  /** True iff an applicable explicit DENY (grant or policy statement) matches; not `!isAllowed`. */
  isDenied(q: CheckQuery): boolean;
  /**
   * A user's effective resources in one namespace, merged by resource code, in creation order.
   * Resource grants only: policy statements are patterns, not resources, and are not listed.
   */
  userResources(userId: string, namespaceId: number, resourceType?: ResourceType): AuthorizedResourceFact[];
  /**
   * Grants held directly by one subject (no inheritance), merged by resource code; no policies.
   * `namespaceId` undefined = every namespace.
   */
  subjectResources(
    subject: SubjectRef,
    namespaceId?: number,
    resourceType?: ResourceType,
  ): Array<AuthorizedResourceFact & { namespaceId: number }>;
  /** Subjects holding a direct grant whose resource equals `resource` in that namespace (grants only, no policy assignees). */
  authorizedTargets(
    namespaceId: number,
    resource: string,
    filter?: { targetType?: TargetType; actions?: { op: 'AND' | 'OR'; list: string[] } },
  ): AuthorizedTargetFact[];
  /** Application access: explicit enabled records beat the default; a matching deny beats an allow. */
  canAccessApp(appId: string, userId: string): AppAccessDecision;
}

export interface PermissionIndex extends PermissionQueries {
  apply(changes: readonly FactChange[]): void;
  /**
   * Puts many grants at once (the index built on start): the same as applying their puts, in bulk.
   * The index keeps the row objects themselves: the caller must not change them afterwards.
   */
  load(grants: Iterable<GrantFact>): void;
  /** The facts currently held, for tests and snapshots. */
  snapshot(): Facts;
}
