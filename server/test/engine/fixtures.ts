import { createPermissionIndex } from '../../src/engine/index.js';
import { createReferenceEvaluator, emptyFacts } from '../../src/engine/reference.js';
import type {
  AppAccessFact,
  DefaultStrategy,
  Effect,
  FactChange,
  Facts,
  GrantFact,
  PermissionQueries,
  PolicyAssignmentFact,
  PolicyConditionFact,
  ResourceType,
  RoleAssignmentFact,
  TargetType,
} from '../../src/engine/types.js';

export interface GrantSpec {
  /** `USER:alice`, `ROLE:editor`, ... */
  to: `${TargetType}:${string}`;
  resource: string;
  actions: string[] | null;
  effect: Effect;
  ns: number;
  type: ResourceType;
}

type GrantOptions = Partial<Pick<GrantSpec, 'ns' | 'type'>>;

export const allow = (to: GrantSpec['to'], resource: string, actions: string[] | null = ['read'], o: GrantOptions = {}): GrantSpec => ({
  to,
  resource,
  actions,
  effect: 'ALLOW',
  ns: o.ns ?? 1,
  type: o.type ?? 'DATA',
});

export const deny = (to: GrantSpec['to'], resource: string, actions: string[] | null = ['read'], o: GrantOptions = {}): GrantSpec => ({
  ...allow(to, resource, actions, o),
  effect: 'DENY',
});

/** A small world described tersely; grants get ids `G1..` and seqs in list order. */
export interface World {
  grants?: GrantSpec[];
  /** role id → namespace */
  roles?: Record<string, number>;
  assign?: Array<[roleId: string, holderType: RoleAssignmentFact['holderType'], holderId: string]>;
  /** group id → users */
  groups?: Record<string, string[]>;
  /** node id → parent */
  nodes?: Record<string, string | null>;
  /** node id → users */
  members?: Record<string, string[]>;
  strategies?: Record<string, DefaultStrategy>;
  appAccess?: Array<Partial<AppAccessFact> & Pick<AppAccessFact, 'targetType' | 'targetId' | 'effect'>>;
  /** policy id → its statements (namespace 1 unless `ns`). */
  policies?: Record<string, { ns?: number; statements: StatementSpec[] }>;
  /** Policy assignments; enabled and not inheriting unless said. */
  policyAssign?: Array<[policyId: string, target: `${PolicyAssignmentFact['targetType']}:${string}`, options?: { enabled?: boolean; inheritByChildren?: boolean }]>;
}

export interface StatementSpec {
  resource: string;
  actions: string[];
  effect: Effect;
  condition?: PolicyConditionFact[];
}

export const allowStatement = (resource: string, actions: string[] = ['read'], condition: PolicyConditionFact[] = []): StatementSpec => ({
  resource,
  actions,
  effect: 'ALLOW',
  condition,
});

export const denyStatement = (resource: string, actions: string[] = ['read'], condition: PolicyConditionFact[] = []): StatementSpec => ({
  ...allowStatement(resource, actions, condition),
  effect: 'DENY',
});

/**
 * The org every case starts from: root ⊃ dept ⊃ team; alice is in team and group devs, bob is in
 * root, carol is in nothing. Roles: editor (namespace 1), auditor (namespace 2).
 */
export const BASE: World = {
  nodes: { root: null, dept: 'root', team: 'dept' },
  members: { team: ['alice'], root: ['bob'] },
  groups: { devs: ['alice'] },
  roles: { editor: 1, auditor: 2 },
};

export function grantFact(g: GrantSpec, i: number): GrantFact {
  const colon = g.to.indexOf(':');
  return {
    id: `G${i + 1}`,
    namespaceId: g.ns,
    targetType: g.to.slice(0, colon) as TargetType,
    targetId: g.to.slice(colon + 1),
    resource: g.resource,
    resourceType: g.type,
    actions: g.actions,
    effect: g.effect,
    seq: i + 1,
  };
}

/** `BASE` merged with `w` (lists concatenate, records merge). */
export function world(w: World, base: World = BASE): Facts {
  const f = emptyFacts();
  f.grants = [...(base.grants ?? []), ...(w.grants ?? [])].map(grantFact);
  f.roles = Object.entries({ ...base.roles, ...w.roles }).map(([id, namespaceId]) => ({ id, namespaceId }));
  f.roleAssignments = [...(base.assign ?? []), ...(w.assign ?? [])].map(([roleId, holderType, holderId]) => ({ roleId, holderType, holderId }));
  f.groupMembers = Object.entries({ ...base.groups, ...w.groups }).flatMap(([groupId, users]) => users.map((userId) => ({ groupId, userId })));
  f.nodes = Object.entries({ ...base.nodes, ...w.nodes }).map(([id, parentId]) => ({ id, parentId }));
  f.nodeMembers = Object.entries({ ...base.members, ...w.members }).flatMap(([nodeId, users]) => users.map((userId) => ({ nodeId, userId })));
  f.appStrategies = Object.entries({ ...base.strategies, ...w.strategies }).map(([appId, defaultStrategy]) => ({ appId, defaultStrategy }));
  f.appAccess = [...(base.appAccess ?? []), ...(w.appAccess ?? [])].map((r) => ({ appId: 'app', enabled: true, inheritByChildren: false, ...r }));
  f.policies = Object.entries({ ...base.policies, ...w.policies }).map(([id, p]) => ({
    id,
    namespaceId: p.ns ?? 1,
    statements: p.statements.map((st) => ({ ...st, condition: st.condition ?? [] })),
  }));
  f.policyAssignments = [...(base.policyAssign ?? []), ...(w.policyAssign ?? [])].map(([policyId, target, o]) => {
    const colon = target.indexOf(':');
    return {
      policyId,
      targetType: target.slice(0, colon) as PolicyAssignmentFact['targetType'],
      targetId: target.slice(colon + 1),
      enabled: o?.enabled ?? true,
      inheritByChildren: o?.inheritByChildren ?? false,
    };
  });
  return f;
}

/** Every row of `facts` as a put. */
export function asChanges(facts: Facts): FactChange[] {
  return [
    ...facts.roles.map((row): FactChange => ({ table: 'roles', op: 'put', row })),
    ...facts.nodes.map((row): FactChange => ({ table: 'nodes', op: 'put', row })),
    ...facts.grants.map((row): FactChange => ({ table: 'grants', op: 'put', row })),
    ...facts.roleAssignments.map((row): FactChange => ({ table: 'roleAssignments', op: 'put', row })),
    ...facts.groupMembers.map((row): FactChange => ({ table: 'groupMembers', op: 'put', row })),
    ...facts.nodeMembers.map((row): FactChange => ({ table: 'nodeMembers', op: 'put', row })),
    ...facts.appStrategies.map((row): FactChange => ({ table: 'appStrategies', op: 'put', row })),
    ...facts.appAccess.map((row): FactChange => ({ table: 'appAccess', op: 'put', row })),
    // Assignments before their policies: an assignment must start counting when its policy arrives.
    ...facts.policyAssignments.map((row): FactChange => ({ table: 'policyAssignments', op: 'put', row })),
    ...facts.policies.map((row): FactChange => ({ table: 'policies', op: 'put', row })),
  ];
}

/** The three ways to get an evaluator; every rule must hold for each. */
export const IMPLEMENTATIONS: Array<[name: string, make: (facts: Facts) => PermissionQueries]> = [
  ['index built from facts', (f) => createPermissionIndex(f)],
  [
    'index fed change by change',
    (f) => {
      const index = createPermissionIndex();
      // Query once first so memoized subjects exist and the changes must invalidate them.
      index.isAllowed({ userId: 'alice', namespaceId: 1, resource: '*', action: '*' });
      index.canAccessApp('app', 'alice');
      index.isAllowed({ userId: 'bob', namespaceId: 1, resource: '*', action: '*' });
      for (const change of asChanges(f)) index.apply([change]);
      return index;
    },
  ],
  ['reference evaluator', (f) => createReferenceEvaluator(f)],
];
