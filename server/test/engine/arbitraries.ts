import fc from 'fast-check';
import type {
  AppAccessFact,
  Effect,
  FactChange,
  GrantFact,
  NodeFact,
  PolicyAssignmentFact,
  PolicyConditionFact,
  PolicyFact,
  PolicyStatementFact,
  ResourceType,
  RoleAssignmentFact,
  TargetType,
} from '../../src/engine/types.js';

/**
 * Small, collision-heavy universes: few ids per table so puts replace, deletes hit, and every
 * inheritance path is exercised. `*9` ids name things that never get a row.
 */
export const USERS = ['u1', 'u2', 'u3', 'u4', 'u9'] as const;
export const GROUPS = ['g1', 'g2', 'g3'] as const;
export const NODES = ['n1', 'n2', 'n3', 'n4', 'n5', 'n9'] as const;
export const ROLES = ['r1', 'r2', 'r3', 'r9'] as const;
export const NAMESPACES = [1, 2, 3] as const;
export const APPS = ['a1', 'a2'] as const;
export const GRANT_IDS = ['G1', 'G2', 'G3', 'G4', 'G5', 'G6', 'G7', 'G8', 'G9', 'G10', 'G11', 'G12'] as const;
/** Includes the prefix trap `bookshelf` and an instance id containing a colon. */
export const RESOURCES = ['*', 'books', 'books:*', 'books:1', 'books:2', 'books:1:x', 'bookshelf:1', 'orders', 'orders:1'] as const;
export const ACTIONS = ['read', 'write', '*', 'books:*', 'books:read', 'orders:read', 'books'] as const;
export const RESOURCE_TYPES: readonly ResourceType[] = ['DATA', 'API', 'MENU', 'UI', 'BUTTON'];
export const TARGET_TYPES: readonly TargetType[] = ['USER', 'ROLE', 'GROUP', 'ORG', 'AK_SK'];

export const idsOf = (t: TargetType): readonly string[] =>
  t === 'USER' ? USERS : t === 'ROLE' ? ROLES : t === 'GROUP' ? GROUPS : t === 'ORG' ? NODES : ['k1', 'k2'];

const effect: fc.Arbitrary<Effect> = fc.oneof({ arbitrary: fc.constant<Effect>('ALLOW'), weight: 3 }, fc.constant<Effect>('DENY'));
const namespace = fc.oneof({ arbitrary: fc.constant(1), weight: 2 }, fc.constantFrom(...NAMESPACES));

const target = fc.constantFrom(...TARGET_TYPES).chain((t) => fc.record({ targetType: fc.constant(t), targetId: fc.constantFrom(...idsOf(t)) }));

export const grantArb: fc.Arbitrary<GrantFact> = fc
  .record({
    id: fc.constantFrom(...GRANT_IDS),
    namespaceId: namespace,
    target,
    resource: fc.constantFrom(...RESOURCES),
    resourceType: fc.constantFrom(...RESOURCE_TYPES),
    actions: fc.oneof(
      { arbitrary: fc.constant(null), weight: 1 },
      { arbitrary: fc.uniqueArray(fc.constantFrom(...ACTIONS), { maxLength: 3 }), weight: 4 },
    ),
    effect,
    // Small range so equal seqs happen and the id tie-break is exercised.
    seq: fc.integer({ min: 1, max: 10 }),
  })
  .map(({ target: t, ...g }) => ({ ...g, ...t }));

const roleArb = fc.record({ id: fc.constantFrom(...ROLES), namespaceId: namespace });

const holder = fc.constantFrom<RoleAssignmentFact['holderType']>('USER', 'GROUP', 'NODE').chain((h) =>
  fc.record({
    holderType: fc.constant(h),
    holderId: fc.constantFrom(...(h === 'USER' ? USERS : h === 'GROUP' ? GROUPS : NODES)),
  }),
);
const assignmentArb: fc.Arbitrary<RoleAssignmentFact> = fc
  .record({ roleId: fc.constantFrom(...ROLES), holder })
  .map(({ roleId, holder: h }) => ({ roleId, ...h }));

/** Mostly a forest; sometimes a cycle or a parent without a row. */
const nodeArb: fc.Arbitrary<NodeFact> = fc.record({
  id: fc.constantFrom(...NODES.slice(0, 5)),
  parentId: fc.option(fc.constantFrom(...NODES), { nil: null, freq: 3 }),
});

const groupMemberArb = fc.record({ groupId: fc.constantFrom(...GROUPS), userId: fc.constantFrom(...USERS) });
const nodeMemberArb = fc.record({ nodeId: fc.constantFrom(...NODES), userId: fc.constantFrom(...USERS) });
const strategyArb = fc.record({ appId: fc.constantFrom(...APPS), defaultStrategy: fc.constantFrom('ALLOW_ALL' as const, 'DENY_ALL' as const) });

const appAccessArb: fc.Arbitrary<AppAccessFact> = fc
  .constantFrom<AppAccessFact['targetType']>('USER', 'ROLE', 'GROUP', 'ORG')
  .chain((t) =>
    fc.record({
      appId: fc.constantFrom(...APPS),
      targetType: fc.constant(t),
      targetId: fc.constantFrom(...idsOf(t)),
      effect,
      enabled: fc.boolean(),
      inheritByChildren: fc.boolean(),
    }),
  );

export const POLICY_IDS = ['P1', 'P2', 'P3', 'P4'] as const;
/** Statement resources: the grant alphabet plus `*:*`. */
const STATEMENT_RESOURCES = [...RESOURCES, '*:*'] as const;

/** Conditions on UserId (each operator) and, rarely, a parameter a check cannot answer. */
const conditionArb: fc.Arbitrary<PolicyConditionFact> = fc.record({
  param: fc.oneof({ arbitrary: fc.constant('UserId'), weight: 5 }, fc.constant('AppId')),
  operator: fc.constantFrom('StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike', 'Bogus'),
  value: fc.constantFrom('u1', 'U2', 'u*', '?3', 'x'),
});

const statementArb: fc.Arbitrary<PolicyStatementFact> = fc.record({
  resource: fc.constantFrom(...STATEMENT_RESOURCES),
  actions: fc.uniqueArray(fc.constantFrom(...ACTIONS), { minLength: 1, maxLength: 3 }),
  effect,
  condition: fc.oneof({ arbitrary: fc.constant<PolicyConditionFact[]>([]), weight: 4 }, fc.array(conditionArb, { minLength: 1, maxLength: 2 })),
});

export const policyArb: fc.Arbitrary<PolicyFact> = fc.record({
  id: fc.constantFrom(...POLICY_IDS),
  namespaceId: namespace,
  statements: fc.array(statementArb, { minLength: 1, maxLength: 3 }),
});

export const policyAssignmentArb: fc.Arbitrary<PolicyAssignmentFact> = fc
  .constantFrom<PolicyAssignmentFact['targetType']>('USER', 'ROLE', 'GROUP', 'ORG')
  .chain((t) =>
    fc.record({
      policyId: fc.constantFrom(...POLICY_IDS),
      targetType: fc.constant(t),
      targetId: fc.constantFrom(...idsOf(t)),
      enabled: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, fc.constant(false)),
      inheritByChildren: fc.boolean(),
    }),
  );

/** A put of any table. */
export const putArb: fc.Arbitrary<FactChange> = fc.oneof(
  { arbitrary: grantArb.map((row): FactChange => ({ table: 'grants', op: 'put', row })), weight: 6 },
  { arbitrary: roleArb.map((row): FactChange => ({ table: 'roles', op: 'put', row })), weight: 2 },
  { arbitrary: assignmentArb.map((row): FactChange => ({ table: 'roleAssignments', op: 'put', row })), weight: 3 },
  { arbitrary: groupMemberArb.map((row): FactChange => ({ table: 'groupMembers', op: 'put', row })), weight: 2 },
  { arbitrary: nodeArb.map((row): FactChange => ({ table: 'nodes', op: 'put', row })), weight: 2 },
  { arbitrary: nodeMemberArb.map((row): FactChange => ({ table: 'nodeMembers', op: 'put', row })), weight: 2 },
  { arbitrary: strategyArb.map((row): FactChange => ({ table: 'appStrategies', op: 'put', row })), weight: 1 },
  { arbitrary: appAccessArb.map((row): FactChange => ({ table: 'appAccess', op: 'put', row })), weight: 2 },
  { arbitrary: policyArb.map((row): FactChange => ({ table: 'policies', op: 'put', row })), weight: 2 },
  { arbitrary: policyAssignmentArb.map((row): FactChange => ({ table: 'policyAssignments', op: 'put', row })), weight: 3 },
);

/** A delete of any table (keys drawn from the same pools, so most deletes hit). */
export const deleteArb: fc.Arbitrary<FactChange> = fc.oneof(
  { arbitrary: fc.constantFrom(...GRANT_IDS).map((id): FactChange => ({ table: 'grants', op: 'delete', id })), weight: 3 },
  { arbitrary: fc.constantFrom(...ROLES).map((id): FactChange => ({ table: 'roles', op: 'delete', id })), weight: 2 },
  { arbitrary: assignmentArb.map((row): FactChange => ({ table: 'roleAssignments', op: 'delete', row })), weight: 2 },
  { arbitrary: groupMemberArb.map((row): FactChange => ({ table: 'groupMembers', op: 'delete', row })), weight: 1 },
  { arbitrary: fc.constantFrom(...NODES).map((id): FactChange => ({ table: 'nodes', op: 'delete', id })), weight: 1 },
  { arbitrary: nodeMemberArb.map((row): FactChange => ({ table: 'nodeMembers', op: 'delete', row })), weight: 1 },
  { arbitrary: fc.constantFrom(...APPS).map((appId): FactChange => ({ table: 'appStrategies', op: 'delete', appId })), weight: 1 },
  { arbitrary: appAccessArb.map((row): FactChange => ({ table: 'appAccess', op: 'delete', row })), weight: 1 },
  { arbitrary: fc.constantFrom(...POLICY_IDS).map((id): FactChange => ({ table: 'policies', op: 'delete', id })), weight: 1 },
  { arbitrary: policyAssignmentArb.map((row): FactChange => ({ table: 'policyAssignments', op: 'delete', row })), weight: 2 },
);

export const changeArb: fc.Arbitrary<FactChange> = fc.oneof({ arbitrary: putArb, weight: 3 }, { arbitrary: deleteArb, weight: 2 });

/** A forest over n1..n5 (parents among earlier nodes), occasionally bent into a cycle or a dangling parent. */
const forestArb: fc.Arbitrary<NodeFact[]> = fc.tuple(
  ...NODES.slice(0, 5).map((id, i) =>
    fc.oneof(
      { arbitrary: fc.constant(null), weight: 1 },
      { arbitrary: i === 0 ? fc.constant(null) : fc.constantFrom(...NODES.slice(0, i)), weight: 3 },
      { arbitrary: fc.constantFrom(...NODES), weight: 1 },
    ).map((parentId): NodeFact => ({ id, parentId })),
  ),
);

/**
 * The initial rows of a universe, as puts: dense memberships, roles and assignments so inheritance
 * paths are common, then grants, app records and a few arbitrary puts.
 */
export const universeArb: fc.Arbitrary<FactChange[]> = fc
  .record({
    roles: fc.uniqueArray(roleArb, { selector: (r) => r.id, minLength: 1, maxLength: 3 }),
    nodes: forestArb,
    groupMembers: fc.array(groupMemberArb, { maxLength: 8 }),
    nodeMembers: fc.array(nodeMemberArb, { maxLength: 8 }),
    assignments: fc.array(assignmentArb, { minLength: 1, maxLength: 8 }),
    grants: fc.array(grantArb, { minLength: 3, maxLength: 16 }),
    strategies: fc.array(strategyArb, { maxLength: 2 }),
    appAccess: fc.array(appAccessArb, { maxLength: 6 }),
    policies: fc.uniqueArray(policyArb, { selector: (p) => p.id, maxLength: 3 }),
    policyAssignments: fc.array(policyAssignmentArb, { maxLength: 8 }),
    extra: fc.array(putArb, { maxLength: 6 }),
  })
  .map((u) => [
    ...u.roles.map((row): FactChange => ({ table: 'roles', op: 'put', row })),
    ...u.nodes.map((row): FactChange => ({ table: 'nodes', op: 'put', row })),
    ...u.groupMembers.map((row): FactChange => ({ table: 'groupMembers', op: 'put', row })),
    ...u.nodeMembers.map((row): FactChange => ({ table: 'nodeMembers', op: 'put', row })),
    ...u.assignments.map((row): FactChange => ({ table: 'roleAssignments', op: 'put', row })),
    ...u.grants.map((row): FactChange => ({ table: 'grants', op: 'put', row })),
    ...u.strategies.map((row): FactChange => ({ table: 'appStrategies', op: 'put', row })),
    ...u.appAccess.map((row): FactChange => ({ table: 'appAccess', op: 'put', row })),
    ...u.policies.map((row): FactChange => ({ table: 'policies', op: 'put', row })),
    ...u.policyAssignments.map((row): FactChange => ({ table: 'policyAssignments', op: 'put', row })),
    ...u.extra,
  ]);

export const authorizedTargetsFilterArb = fc.option(
  fc.record(
    {
      targetType: fc.constantFrom(...TARGET_TYPES),
      actions: fc.record({ op: fc.constantFrom('AND' as const, 'OR' as const), list: fc.uniqueArray(fc.constantFrom(...ACTIONS), { maxLength: 3 }) }),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);
