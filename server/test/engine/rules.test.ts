import { describe, expect, it } from 'vitest';
import { actionMatches, isValidAllowResource, resourceMatches, revokeCovers } from '../../src/engine/match.js';
import type { AppAccessDecision, CheckQuery, PermissionQueries } from '../../src/engine/types.js';
import { IMPLEMENTATIONS, allow, allowStatement, deny, denyStatement, world, type World } from './fixtures.js';

/** The spec (authing-v2-permissions.md) rules the engine owns, one row per rule, on every implementation. */

describe('ACL grammar (match.ts)', () => {
  it.each([
    ['instance grant matches the same instance', 'books:1', 'books:1', true],
    ['instance grant does not match another instance', 'books:1', 'books:2', false],
    ['instance grant never answers for the kind K:*', 'books:1', 'books:*', false],
    ['instance grant never answers for the kind K', 'books:1', 'books', false],
    ['K:* covers every instance', 'books:*', 'books:42', true],
    ['K:* covers the kind request K:*', 'books:*', 'books:*', true],
    ['K:* covers the kind request K', 'books:*', 'books', true],
    ['kind K covers every instance', 'books', 'books:42', true],
    ['kind K covers K:*', 'books', 'books:*', true],
    ['kind K covers itself', 'books', 'books', true],
    ['a kind is not a prefix: books does not cover bookshelf:1', 'books', 'bookshelf:1', false],
    ['K:* does not cover another kind', 'books:*', 'orders:1', false],
    ['* covers any resource', '*', 'orders:9', true],
    ['* covers a kind', '*', 'orders', true],
    ['* covers *', '*', '*', true],
    ['a kind grant does not answer a request for *', 'books', '*', false],
    ['instance ids split at the first colon: K:* covers K:a:b', 'books:*', 'books:a:b', true],
    ['K:a:* is an instance id, not a wildcard', 'books:a:*', 'books:a:b', false],
  ])('resource: %s', (_rule, grant, request, expected) => {
    expect(resourceMatches(grant, request)).toBe(expected);
  });

  it.each([
    ['a bare verb matches itself', ['read'], 'read', true],
    ['a bare verb does not match another verb', ['read'], 'write', false],
    ['* grants every action', ['*'], 'books:delete', true],
    ['K:* grants every K:x action', ['books:*'], 'books:edit', true],
    ['K:* does not grant another kind’s actions', ['books:*'], 'orders:edit', false],
    ['K:* does not grant the bare verb K', ['books:*'], 'books', false],
    ['a bare verb does not match its prefixed form', ['edit'], 'books:edit', false],
    ['a prefixed action does not match the bare verb', ['books:edit'], 'edit', false],
    ['null actions (MENU/BUTTON) grant every action', null, 'anything', true],
    ['an empty action list grants nothing', [], 'read', false],
  ])('action: %s', (_rule, granted, action, expected) => {
    expect(actionMatches(granted, action)).toBe(expected);
  });

  it.each([
    ['revoking kind K removes K', 'books', 'books', true],
    ['revoking kind K removes K:*', 'books', 'books:*', true],
    ['revoking kind K removes every K:x', 'books', 'books:7', true],
    ['revoking kind K leaves other kinds sharing a prefix', 'books', 'bookshelf:1', false],
    ['revoking K:x never removes the kind grant K', 'books:1', 'books', false],
    ['revoking K:x never removes K:*', 'books:1', 'books:*', false],
    ['revoking K:x removes exactly K:x', 'books:1', 'books:1', true],
    ['revoking K:* removes only K:*, not instances', 'books:*', 'books:1', false],
    ['revoking * removes only the * grant', '*', 'books:1', false],
    ['revoking * removes *', '*', '*', true],
  ])('revokeCovers: %s', (_rule, revoked, grant, expected) => {
    expect(revokeCovers(revoked, grant)).toBe(expected);
  });

  it.each([
    ['allow accepts type:id', 'books:1', true],
    ['allow accepts type:*', 'books:*', true],
    ['allow accepts *', '*', true],
    ['allow rejects a bare kind', 'books', false],
    ['allow rejects an empty type', ':1', false],
    ['allow rejects an empty id', 'books:', false],
    ['allow rejects _ (a docs rendering artefact, not a wildcard)', '_', false],
  ])('isValidAllowResource: %s', (_rule, resource, expected) => {
    expect(isValidAllowResource(resource)).toBe(expected);
  });
});

interface CheckCase {
  rule: string;
  w: World;
  q?: Partial<CheckQuery>;
  allowed: boolean;
  denied: boolean;
}

/** Default query: alice, namespace 1, `books:1`, `read`. */
const CHECKS: CheckCase[] = [
  // resources and actions, end to end
  { rule: 'direct instance grant allows', w: { grants: [allow('USER:alice', 'books:1')] }, allowed: true, denied: false },
  { rule: 'instance grant never answers for the kind', w: { grants: [allow('USER:alice', 'books:1')] }, q: { resource: 'books:*' }, allowed: false, denied: false },
  { rule: 'kind grant K answers instances', w: { grants: [allow('USER:alice', 'books')] }, allowed: true, denied: false },
  { rule: 'K:* grant answers the kind K', w: { grants: [allow('USER:alice', 'books:*')] }, q: { resource: 'books' }, allowed: true, denied: false },
  { rule: '* grant answers any resource', w: { grants: [allow('USER:alice', '*', ['*'])] }, q: { resource: 'orders:3', action: 'orders:ship' }, allowed: true, denied: false },
  { rule: 'K:* action covers K:x', w: { grants: [allow('USER:alice', 'books:1', ['books:*'])] }, q: { action: 'books:edit' }, allowed: true, denied: false },
  { rule: 'bare verbs are exact', w: { grants: [allow('USER:alice', 'books:1', ['write'])] }, allowed: false, denied: false },
  { rule: 'null actions (MENU) grant every action', w: { grants: [allow('USER:alice', 'menu:home', null, { type: 'MENU' })] }, q: { resource: 'menu:home', action: 'view' }, allowed: true, denied: false },
  // inheritance
  { rule: 'inherits via a role assigned to the user', w: { grants: [allow('ROLE:editor', 'books:1')], assign: [['editor', 'USER', 'alice']] }, allowed: true, denied: false },
  { rule: 'inherits via a role assigned to the user’s group', w: { grants: [allow('ROLE:editor', 'books:1')], assign: [['editor', 'GROUP', 'devs']] }, allowed: true, denied: false },
  { rule: 'inherits via a role assigned to the user’s node', w: { grants: [allow('ROLE:editor', 'books:1')], assign: [['editor', 'NODE', 'team']] }, allowed: true, denied: false },
  { rule: 'inherits via a role assigned to an ancestor node', w: { grants: [allow('ROLE:editor', 'books:1')], assign: [['editor', 'NODE', 'root']] }, allowed: true, denied: false },
  { rule: 'inherits via a group grant', w: { grants: [allow('GROUP:devs', 'books:1')] }, allowed: true, denied: false },
  { rule: 'inherits via the user’s node grant', w: { grants: [allow('ORG:team', 'books:1')] }, allowed: true, denied: false },
  { rule: 'inherits via an ancestor node grant', w: { grants: [allow('ORG:root', 'books:1')] }, allowed: true, denied: false },
  { rule: 'a child node grant does not reach members of the parent', w: { grants: [allow('ORG:team', 'books:1')] }, q: { userId: 'bob' }, allowed: false, denied: false },
  { rule: 'a role on a child node does not reach members of the parent', w: { grants: [allow('ROLE:editor', 'books:1')], assign: [['editor', 'NODE', 'dept']] }, q: { userId: 'bob' }, allowed: false, denied: false },
  { rule: 'a user with no grants and no memberships gets nothing', w: { grants: [allow('GROUP:devs', '*', ['*'])] }, q: { userId: 'carol' }, allowed: false, denied: false },
  { rule: 'a role held but not assigned to this user gives nothing', w: { grants: [allow('ROLE:editor', 'books:1')], assign: [['editor', 'USER', 'bob']] }, allowed: false, denied: false },
  { rule: 'a role’s grants count only in the role’s namespace', w: { grants: [allow('ROLE:auditor', 'books:1', ['read'], { ns: 1 })], assign: [['auditor', 'USER', 'alice']] }, allowed: false, denied: false },
  { rule: 'a role’s grants count in its own namespace', w: { grants: [allow('ROLE:auditor', 'books:1', ['read'], { ns: 2 })], assign: [['auditor', 'USER', 'alice']] }, q: { namespaceId: 2 }, allowed: true, denied: false },
  { rule: 'an assigned role without a role row grants nothing', w: { grants: [allow('ROLE:ghost', 'books:1')], assign: [['ghost', 'USER', 'alice']] }, allowed: false, denied: false },
  { rule: 'namespaces never leak: a grant in ns 2 does not answer ns 1', w: { grants: [allow('USER:alice', '*', ['*'], { ns: 2 })] }, allowed: false, denied: false },
  { rule: 'AK_SK grants never reach a user', w: { grants: [allow('AK_SK:alice', 'books:1')] }, allowed: false, denied: false },
  { rule: 'a parent cycle terminates and still reaches the ancestors', w: { nodes: { x: 'y', y: 'x' }, members: { x: ['alice'] }, grants: [allow('ORG:y', 'books:1')] }, allowed: true, denied: false },
  { rule: 'membership in a node without a row still counts', w: { members: { ghost: ['alice'] }, grants: [allow('ORG:ghost', 'books:1')] }, allowed: true, denied: false },
  // DENY
  { rule: 'DENY beats ALLOW on the same subject', w: { grants: [allow('USER:alice', 'books:1'), deny('USER:alice', 'books:1')] }, allowed: false, denied: true },
  { rule: 'DENY via a role beats a direct ALLOW', w: { grants: [allow('USER:alice', 'books:1'), deny('ROLE:editor', 'books:1')], assign: [['editor', 'GROUP', 'devs']] }, allowed: false, denied: true },
  { rule: 'DENY via an ancestor node beats ALLOW via a role', w: { grants: [allow('ROLE:editor', '*', ['*']), deny('ORG:root', 'books:*')], assign: [['editor', 'USER', 'alice']] }, allowed: false, denied: true },
  { rule: 'DENY on the kind beats ALLOW on the instance', w: { grants: [allow('USER:alice', 'books:1'), deny('GROUP:devs', 'books')] }, allowed: false, denied: true },
  { rule: 'DENY with null actions denies every action', w: { grants: [allow('USER:alice', 'books:1', ['*']), deny('USER:alice', 'books:1', null)] }, q: { action: 'books:anything' }, allowed: false, denied: true },
  { rule: 'DENY of another action does not block', w: { grants: [allow('USER:alice', 'books:1', ['read']), deny('USER:alice', 'books:1', ['write'])] }, allowed: true, denied: false },
  { rule: 'DENY on an instance does not block the kind request', w: { grants: [allow('USER:alice', 'books'), deny('USER:alice', 'books:2')] }, q: { resource: 'books:*' }, allowed: true, denied: false },
  { rule: 'DENY in another namespace does not apply', w: { grants: [allow('USER:alice', 'books:1'), deny('USER:alice', 'books:1', ['read'], { ns: 2 })] }, allowed: true, denied: false },
  { rule: 'DENY on a child node does not reach members of the parent', w: { grants: [allow('USER:bob', 'books:1'), deny('ORG:dept', 'books:1')] }, q: { userId: 'bob' }, allowed: true, denied: false },
  { rule: 'isDenied is not !isAllowed: no grant is neither allowed nor denied', w: {}, allowed: false, denied: false },
  { rule: 'isDenied without any ALLOW', w: { grants: [deny('USER:alice', '*', ['*'])] }, allowed: false, denied: true },
  // policies (PBAC): statements of enabled assignments, through the same inheritance
  { rule: 'an ALLOW policy assigned to the user allows', w: { policies: { P: { statements: [allowStatement('books:*')] } }, policyAssign: [['P', 'USER:alice']] }, allowed: true, denied: false },
  { rule: 'a DENY policy on the user beats a role grant’s ALLOW', w: { grants: [allow('ROLE:editor', 'books:1')], assign: [['editor', 'USER', 'alice']], policies: { P: { statements: [denyStatement('books:1')] } }, policyAssign: [['P', 'USER:alice']] }, allowed: false, denied: true },
  { rule: 'a DENY policy on the user’s group beats a direct ALLOW grant', w: { grants: [allow('USER:alice', 'books:1')], policies: { P: { statements: [denyStatement('books')] } }, policyAssign: [['P', 'GROUP:devs']] }, allowed: false, denied: true },
  { rule: 'a DENY policy on a role beats an ALLOW policy on the user', w: { assign: [['editor', 'NODE', 'team']], policies: { A: { statements: [allowStatement('*', ['*'])] }, D: { statements: [denyStatement('books:*', ['read'])] } }, policyAssign: [['A', 'USER:alice'], ['D', 'ROLE:editor']] }, allowed: false, denied: true },
  { rule: 'a policy via a role counts only when the role is in the policy’s namespace', w: { assign: [['auditor', 'USER', 'alice']], policies: { P: { statements: [allowStatement('books:1')] } }, policyAssign: [['P', 'ROLE:auditor']] }, allowed: false, denied: false },
  { rule: 'a policy of namespace 2 does not answer namespace 1', w: { policies: { P: { ns: 2, statements: [allowStatement('*', ['*'])] } }, policyAssign: [['P', 'USER:alice']] }, allowed: false, denied: false },
  { rule: 'a policy of namespace 2 answers namespace 2', w: { policies: { P: { ns: 2, statements: [allowStatement('*', ['*'])] } }, policyAssign: [['P', 'USER:alice']] }, q: { namespaceId: 2 }, allowed: true, denied: false },
  { rule: 'a disabled assignment is ignored (ALLOW)', w: { policies: { P: { statements: [allowStatement('books:1')] } }, policyAssign: [['P', 'USER:alice', { enabled: false }]] }, allowed: false, denied: false },
  { rule: 'a disabled DENY assignment no longer blocks', w: { grants: [allow('USER:alice', 'books:1')], policies: { P: { statements: [denyStatement('books:1')] } }, policyAssign: [['P', 'USER:alice', { enabled: false }]] }, allowed: true, denied: false },
  { rule: 'an ORG assignment reaches the node’s own members', w: { policies: { P: { statements: [allowStatement('books:1')] } }, policyAssign: [['P', 'ORG:team']] }, allowed: true, denied: false },
  { rule: 'an ORG assignment without inheritByChildren does not reach child-node members', w: { policies: { P: { statements: [allowStatement('books:1')] } }, policyAssign: [['P', 'ORG:dept']] }, allowed: false, denied: false },
  { rule: 'an ORG assignment with inheritByChildren reaches members of descendant nodes', w: { policies: { P: { statements: [allowStatement('books:1')] } }, policyAssign: [['P', 'ORG:root', { inheritByChildren: true }]] }, allowed: true, denied: false },
  { rule: 'an inheriting ORG DENY does not reach members of the parent', w: { grants: [allow('USER:bob', 'books:1')], policies: { P: { statements: [denyStatement('books:1')] } }, policyAssign: [['P', 'ORG:dept', { inheritByChildren: true }]] }, q: { userId: 'bob' }, allowed: true, denied: false },
  { rule: 'a statement on *:* covers every resource', w: { policies: { P: { statements: [allowStatement('*:*', ['*'])] } }, policyAssign: [['P', 'USER:alice']] }, q: { resource: 'orders:7', action: 'orders:ship' }, allowed: true, denied: false },
  { rule: 'a statement’s actions are matched like a grant’s', w: { policies: { P: { statements: [allowStatement('books:1', ['books:*'])] } }, policyAssign: [['P', 'USER:alice']] }, q: { action: 'books:edit' }, allowed: true, denied: false },
  { rule: 'an instance statement never answers for the kind', w: { policies: { P: { statements: [allowStatement('books:1')] } }, policyAssign: [['P', 'USER:alice']] }, q: { resource: 'books' }, allowed: false, denied: false },
  { rule: 'an assignment of a policy without a row grants nothing', w: { policyAssign: [['ghost', 'USER:alice']] }, allowed: false, denied: false },
  { rule: 'condition UserId StringEquals holds for that user', w: { policies: { P: { statements: [allowStatement('books:1', ['read'], [{ param: 'UserId', operator: 'StringEquals', value: 'alice' }])] } }, policyAssign: [['P', 'GROUP:devs']] }, allowed: true, denied: false },
  { rule: 'condition UserId StringEquals fails for another user', w: { policies: { P: { statements: [allowStatement('books:1', ['read'], [{ param: 'UserId', operator: 'StringEquals', value: 'bob' }])] } }, policyAssign: [['P', 'GROUP:devs']] }, allowed: false, denied: false },
  { rule: 'condition StringNotEquals', w: { policies: { P: { statements: [allowStatement('books:1', ['read'], [{ param: 'UserId', operator: 'StringNotEquals', value: 'bob' }])] } }, policyAssign: [['P', 'USER:alice']] }, allowed: true, denied: false },
  { rule: 'condition StringEqualsIgnoreCase', w: { policies: { P: { statements: [allowStatement('books:1', ['read'], [{ param: 'UserId', operator: 'StringEqualsIgnoreCase', value: 'ALICE' }])] } }, policyAssign: [['P', 'USER:alice']] }, allowed: true, denied: false },
  { rule: 'condition StringNotEqualsIgnoreCase', w: { policies: { P: { statements: [allowStatement('books:1', ['read'], [{ param: 'UserId', operator: 'StringNotEqualsIgnoreCase', value: 'ALICE' }])] } }, policyAssign: [['P', 'USER:alice']] }, allowed: false, denied: false },
  { rule: 'condition StringLike with * and ?', w: { policies: { P: { statements: [allowStatement('books:1', ['read'], [{ param: 'UserId', operator: 'StringLike', value: 'a?i*' }])] } }, policyAssign: [['P', 'USER:alice']] }, allowed: true, denied: false },
  { rule: 'condition StringNotLike', w: { policies: { P: { statements: [allowStatement('books:1', ['read'], [{ param: 'UserId', operator: 'StringNotLike', value: 'a*' }])] } }, policyAssign: [['P', 'USER:alice']] }, allowed: false, denied: false },
  { rule: 'a condition a check cannot answer (AppId) makes the statement inapplicable', w: { policies: { P: { statements: [allowStatement('books:1', ['read'], [{ param: 'AppId', operator: 'StringEquals', value: 'app' }])] } }, policyAssign: [['P', 'USER:alice']] }, allowed: false, denied: false },
  { rule: 'an inapplicable conditional DENY does not block', w: { grants: [allow('USER:alice', 'books:1')], policies: { P: { statements: [denyStatement('books:1', ['read'], [{ param: 'AppId', operator: 'StringEquals', value: 'app' }])] } }, policyAssign: [['P', 'USER:alice']] }, allowed: true, denied: false },
  { rule: 'an unknown operator makes the statement inapplicable', w: { policies: { P: { statements: [allowStatement('books:1', ['read'], [{ param: 'UserId', operator: 'Bogus', value: 'alice' }])] } }, policyAssign: [['P', 'USER:alice']] }, allowed: false, denied: false },
  { rule: 'a matching conditional DENY blocks', w: { grants: [allow('USER:alice', 'books:1')], policies: { P: { statements: [denyStatement('books:*', ['read'], [{ param: 'UserId', operator: 'StringLike', value: 'al*' }])] } }, policyAssign: [['P', 'GROUP:devs']] }, allowed: false, denied: true },
];

const ALICE: CheckQuery = { userId: 'alice', namespaceId: 1, resource: 'books:1', action: 'read' };

interface ListingCase {
  rule: string;
  w: World;
  run: (e: PermissionQueries) => unknown;
  expected: unknown;
}

const LISTINGS: ListingCase[] = [
  {
    rule: 'userResources lists resource grants only, never policy statements',
    w: { grants: [allow('USER:alice', 'books:1')], policies: { P: { statements: [allowStatement('orders:*', ['*'])] } }, policyAssign: [['P', 'USER:alice']] },
    run: (e) => e.userResources('alice', 1).map((r) => r.resource),
    expected: ['books:1'],
  },
  {
    rule: 'authorizedTargets lists grant holders only, never policy assignees',
    w: { policies: { P: { statements: [allowStatement('books:1')] } }, policyAssign: [['P', 'USER:alice']] },
    run: (e) => e.authorizedTargets(1, 'books:1'),
    expected: [],
  },
  {
    rule: 'subjectResources lists a subject’s grants only',
    w: { policies: { P: { statements: [allowStatement('books:1')] } }, policyAssign: [['P', 'GROUP:devs']] },
    run: (e) => e.subjectResources({ targetType: 'GROUP', targetId: 'devs' }, 1),
    expected: [],
  },
  {
    rule: 'userResources merges a code across sources, actions united in first-seen order',
    w: { grants: [allow('USER:alice', 'books:1', ['read']), allow('ROLE:editor', 'books:1', ['write', 'read'])], assign: [['editor', 'USER', 'alice']] },
    run: (e) => e.userResources('alice', 1),
    expected: [{ resource: 'books:1', resourceType: 'DATA', actions: ['read', 'write'] }],
  },
  {
    rule: 'userResources: one contributing grant without actions makes the merged actions null',
    w: { grants: [allow('USER:alice', 'menu:a', ['view'], { type: 'MENU' }), allow('GROUP:devs', 'menu:a', null, { type: 'MENU' })] },
    run: (e) => e.userResources('alice', 1),
    expected: [{ resource: 'menu:a', resourceType: 'MENU', actions: null }],
  },
  {
    rule: 'userResources orders codes by their earliest grant',
    w: { grants: [allow('GROUP:devs', 'orders:1'), allow('USER:alice', 'books:1'), allow('USER:alice', 'orders:1', ['write'])] },
    run: (e) => e.userResources('alice', 1).map((r) => r.resource),
    expected: ['orders:1', 'books:1'],
  },
  {
    rule: 'userResources filters by resource type',
    w: { grants: [allow('USER:alice', 'books:1'), allow('ORG:root', 'menu:a', null, { type: 'MENU' })] },
    run: (e) => e.userResources('alice', 1, 'MENU'),
    expected: [{ resource: 'menu:a', resourceType: 'MENU', actions: null }],
  },
  {
    rule: 'userResources lists ALLOW grants only, and only in the namespace asked',
    w: { grants: [deny('USER:alice', 'books:9'), allow('USER:alice', 'books:2', ['read'], { ns: 2 }), allow('USER:alice', 'books:1')] },
    run: (e) => e.userResources('alice', 1).map((r) => r.resource),
    expected: ['books:1'],
  },
  {
    rule: 'userResources includes roles held via group and node, not roles of another namespace',
    w: {
      grants: [allow('ROLE:editor', 'books:1'), allow('ROLE:auditor', 'audit:1', ['read'], { ns: 1 })],
      assign: [['editor', 'NODE', 'root'], ['auditor', 'GROUP', 'devs']],
    },
    run: (e) => e.userResources('alice', 1).map((r) => r.resource),
    expected: ['books:1'],
  },
  {
    rule: 'subjectResources lists direct grants only (no inheritance)',
    w: { grants: [allow('GROUP:devs', 'books:1'), allow('USER:alice', 'orders:1')] },
    run: (e) => e.subjectResources({ targetType: 'USER', targetId: 'alice' }, 1).map((r) => r.resource),
    expected: ['orders:1'],
  },
  {
    rule: 'subjectResources without a namespace spans every namespace, merged per (namespace, code)',
    w: { grants: [allow('GROUP:devs', 'books:1', ['read'], { ns: 2 }), allow('GROUP:devs', 'books:1'), allow('GROUP:devs', 'books:1', ['write'], { ns: 2 })] },
    run: (e) => e.subjectResources({ targetType: 'GROUP', targetId: 'devs' }),
    expected: [
      { resource: 'books:1', resourceType: 'DATA', actions: ['read', 'write'], namespaceId: 2 },
      { resource: 'books:1', resourceType: 'DATA', actions: ['read'], namespaceId: 1 },
    ],
  },
  {
    rule: 'subjectResources with a namespace and a type filters both',
    w: { grants: [allow('ORG:team', 'menu:a', null, { type: 'MENU', ns: 2 }), allow('ORG:team', 'books:1', ['read'], { ns: 2 }), allow('ORG:team', 'menu:b', null, { type: 'MENU' })] },
    run: (e) => e.subjectResources({ targetType: 'ORG', targetId: 'team' }, 2, 'MENU').map((r) => r.resource),
    expected: ['menu:a'],
  },
  {
    rule: 'authorizedTargets: exact resource string only, merged per subject, in grant order',
    w: { grants: [allow('USER:bob', 'book', ['write']), allow('ROLE:editor', 'book:1'), allow('USER:alice', 'book', ['read']), allow('USER:bob', 'book', ['read'])] },
    run: (e) => e.authorizedTargets(1, 'book'),
    expected: [
      { targetType: 'USER', targetId: 'bob', actions: ['write', 'read'] },
      { targetType: 'USER', targetId: 'alice', actions: ['read'] },
    ],
  },
  {
    rule: 'authorizedTargets OR: holds any listed action',
    w: { grants: [allow('USER:bob', 'book', ['write']), allow('USER:alice', 'book', ['delete'])] },
    run: (e) => e.authorizedTargets(1, 'book', { actions: { op: 'OR', list: ['write', 'read'] } }).map((t) => t.targetId),
    expected: ['bob'],
  },
  {
    rule: 'authorizedTargets AND: holds every listed action (null and * hold all)',
    w: { grants: [allow('USER:bob', 'book', ['write']), allow('USER:alice', 'book', ['write', 'read']), allow('GROUP:devs', 'book', null), allow('ROLE:editor', 'book', ['*'])] },
    run: (e) => e.authorizedTargets(1, 'book', { actions: { op: 'AND', list: ['write', 'read'] } }).map((t) => t.targetId),
    expected: ['alice', 'devs', 'editor'],
  },
  {
    rule: 'authorizedTargets filters by targetType, excludes DENY and other namespaces',
    w: { grants: [allow('ROLE:editor', 'book'), allow('USER:alice', 'book'), deny('USER:bob', 'book'), allow('USER:carol', 'book', ['read'], { ns: 2 })] },
    run: (e) => e.authorizedTargets(1, 'book', { targetType: 'USER' }).map((t) => t.targetId),
    expected: ['alice'],
  },
  {
    rule: 'authorizedTargets with an empty action list does not filter',
    w: { grants: [allow('USER:alice', 'book', [])] },
    run: (e) => e.authorizedTargets(1, 'book', { actions: { op: 'AND', list: [] } }).map((t) => t.targetId),
    expected: ['alice'],
  },
];

const EXPLICIT_ALLOW: AppAccessDecision = { allowed: true, reason: 'EXPLICIT_ALLOW' };
const EXPLICIT_DENY: AppAccessDecision = { allowed: false, reason: 'EXPLICIT_DENY' };
const DEFAULT_ALLOW: AppAccessDecision = { allowed: true, reason: 'DEFAULT_ALLOW' };
const DEFAULT_DENY: AppAccessDecision = { allowed: false, reason: 'DEFAULT_DENY' };

const APP_CASES: Array<{ rule: string; w: World; user?: string; expected: AppAccessDecision }> = [
  { rule: 'no strategy row means ALLOW_ALL', w: {}, expected: DEFAULT_ALLOW },
  { rule: 'DENY_ALL denies by default', w: { strategies: { app: 'DENY_ALL' } }, expected: DEFAULT_DENY },
  { rule: 'an explicit allow beats DENY_ALL', w: { strategies: { app: 'DENY_ALL' }, appAccess: [{ targetType: 'USER', targetId: 'alice', effect: 'ALLOW' }] }, expected: EXPLICIT_ALLOW },
  { rule: 'an explicit deny beats ALLOW_ALL', w: { strategies: { app: 'ALLOW_ALL' }, appAccess: [{ targetType: 'GROUP', targetId: 'devs', effect: 'DENY' }] }, expected: EXPLICIT_DENY },
  {
    rule: 'a deny record beats an allow record (user allowed, role denied)',
    w: { assign: [['editor', 'USER', 'alice']], appAccess: [{ targetType: 'USER', targetId: 'alice', effect: 'ALLOW' }, { targetType: 'ROLE', targetId: 'editor', effect: 'DENY' }] },
    expected: EXPLICIT_DENY,
  },
  { rule: 'a disabled deny is ignored', w: { appAccess: [{ targetType: 'USER', targetId: 'alice', effect: 'DENY', enabled: false }] }, expected: DEFAULT_ALLOW },
  { rule: 'a disabled allow is ignored', w: { strategies: { app: 'DENY_ALL' }, appAccess: [{ targetType: 'USER', targetId: 'alice', effect: 'ALLOW', enabled: false }] }, expected: DEFAULT_DENY },
  { rule: 'records of another app are ignored', w: { strategies: { app: 'DENY_ALL' }, appAccess: [{ appId: 'other', targetType: 'USER', targetId: 'alice', effect: 'ALLOW' }] }, expected: DEFAULT_DENY },
  { rule: 'records of another user are ignored', w: { appAccess: [{ targetType: 'USER', targetId: 'bob', effect: 'DENY' }] }, expected: DEFAULT_ALLOW },
  { rule: 'a role record applies to a role held via a node', w: { strategies: { app: 'DENY_ALL' }, assign: [['auditor', 'NODE', 'root']], appAccess: [{ targetType: 'ROLE', targetId: 'auditor', effect: 'ALLOW' }] }, expected: EXPLICIT_ALLOW },
  { rule: 'a group record applies to members', w: { strategies: { app: 'DENY_ALL' }, appAccess: [{ targetType: 'GROUP', targetId: 'devs', effect: 'ALLOW' }] }, expected: EXPLICIT_ALLOW },
  { rule: 'an ORG record on the user’s own node applies without inheritByChildren', w: { appAccess: [{ targetType: 'ORG', targetId: 'team', effect: 'DENY', inheritByChildren: false }] }, expected: EXPLICIT_DENY },
  { rule: 'an ORG record on an ancestor does not reach child nodes without inheritByChildren', w: { appAccess: [{ targetType: 'ORG', targetId: 'root', effect: 'DENY', inheritByChildren: false }] }, expected: DEFAULT_ALLOW },
  { rule: 'an ORG record on an ancestor reaches child nodes with inheritByChildren', w: { appAccess: [{ targetType: 'ORG', targetId: 'root', effect: 'DENY', inheritByChildren: true }] }, expected: EXPLICIT_DENY },
  { rule: 'an ORG record on a child node never reaches members of the parent', w: { appAccess: [{ targetType: 'ORG', targetId: 'dept', effect: 'DENY', inheritByChildren: true }] }, user: 'bob', expected: DEFAULT_ALLOW },
];

describe.each(IMPLEMENTATIONS)('%s', (_name, make) => {
  it.each(CHECKS)('check: $rule', ({ w, q, allowed, denied }) => {
    const e = make(world(w));
    const query = { ...ALICE, ...q };
    expect({ allowed: e.isAllowed(query), denied: e.isDenied(query) }).toEqual({ allowed, denied });
  });

  it.each(LISTINGS)('listing: $rule', ({ w, run, expected }) => {
    expect(run(make(world(w)))).toEqual(expected);
  });

  it.each(APP_CASES)('app access: $rule', ({ w, user, expected }) => {
    expect(make(world(w)).canAccessApp('app', user ?? 'alice')).toEqual(expected);
  });
});

describe('policy writes reach the next check (incremental index)', () => {
  it('disabling, re-enabling, changing and deleting a policy each take effect at once', async () => {
    const { createPermissionIndex } = await import('../../src/engine/index.js');
    const facts = world({
      grants: [allow('ROLE:editor', 'books:*')],
      assign: [['editor', 'USER', 'alice']],
      policies: { P: { statements: [denyStatement('books:1')] } },
      policyAssign: [['P', 'GROUP:devs']],
    });
    const index = createPermissionIndex(facts);
    const assignment = facts.policyAssignments[0]!;
    const policy = facts.policies[0]!;
    const answer = (): [boolean, boolean] => [index.isAllowed(ALICE), index.isDenied(ALICE)];
    expect(answer()).toEqual([false, true]);
    index.apply([{ table: 'policyAssignments', op: 'put', row: { ...assignment, enabled: false } }]);
    expect(answer()).toEqual([true, false]);
    index.apply([{ table: 'policyAssignments', op: 'put', row: assignment }]);
    expect(answer()).toEqual([false, true]);
    index.apply([{ table: 'policies', op: 'put', row: { ...policy, statements: [{ ...policy.statements[0]!, resource: 'books:2' }] } }]);
    expect(answer()).toEqual([true, false]);
    index.apply([{ table: 'policies', op: 'put', row: policy }]);
    expect(answer()).toEqual([false, true]);
    index.apply([{ table: 'policyAssignments', op: 'delete', row: assignment }, { table: 'policies', op: 'delete', id: policy.id }]);
    expect(answer()).toEqual([true, false]);
    expect(index.snapshot().policies).toEqual([]);
    expect(index.snapshot().policyAssignments).toEqual([]);
  });
});
