/**
 * The permission rules of /work/shared/reference/authing-v2-permissions.md, pinned over HTTP with
 * the public SDK. Each row gets a fresh namespace, two users, a role, a group and an org with a
 * child node; `given` grants, `checks` are isAllowed triples, `then` changes something and
 * `after` checks again; `verify` covers listings.
 */
import type { Org, OrgNode } from 'authing-ts';
import { describe, expect, it } from 'vitest';
import { uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();

interface World {
  ns: string;
  user: string;
  other: string;
  role: string;
  group: string;
  org: Org;
  child: OrgNode;
}
type Who = 'user' | 'other';
type Check = [who: Who, resource: string, action: string, allowed: boolean];
interface Row {
  rule: string;
  given: (w: World) => Promise<unknown>;
  checks?: Check[];
  then?: (w: World) => Promise<unknown>;
  after?: Check[];
  verify?: (w: World) => Promise<void>;
}

async function world(): Promise<World> {
  const ns = uid('ns');
  await h.management.acl.createNamespace(ns, ns);
  const [user, other] = await Promise.all([h.management.users.create({ username: uid('u') }), h.management.users.create({ username: uid('o') })]);
  const role = uid('role');
  await h.management.roles.create(role, undefined, undefined, ns);
  const group = uid('group');
  await h.management.groups.create(group, 'G');
  const org = await h.management.org.create(uid('org'));
  const child = await h.management.org.addNode(org.id, org.rootNode.id, { name: 'child' });
  return { ns, user: user.id, other: other.id, role, group, org, child };
}

const acl = () => h.management.acl;
const grant = (w: World, targetType: 'USER' | 'ROLE' | 'GROUP' | 'ORG', targetIdentifier: string, resource: string, actions?: string[]) =>
  acl().authorizeResource({ namespace: w.ns, resource, opts: [{ targetType, targetIdentifier, actions }] });
const revoke = (w: World, targetType: 'USER' | 'ROLE' | 'GROUP' | 'ORG', targetIdentifier: string, resource: string) =>
  acl().revokeResource({ namespace: w.ns, resource, opts: [{ targetType, targetIdentifier }] });

const rows: Row[] = [
  // Resource matching
  {
    rule: 'an instance grant covers that instance only, and never a kind-level request',
    given: (w) => acl().allow(w.user, 'books:1', 'read', w.ns),
    checks: [['user', 'books:1', 'read', true], ['user', 'books:2', 'read', false], ['user', 'books:*', 'read', false], ['user', 'books:1', 'edit', false], ['other', 'books:1', 'read', false]],
  },
  {
    rule: 'a kind wildcard grant covers every instance of the kind and the kind request',
    given: (w) => acl().allow(w.user, 'books:*', 'read', w.ns),
    checks: [['user', 'books:1', 'read', true], ['user', 'books:*', 'read', true], ['user', 'films:1', 'read', false]],
  },
  {
    rule: 'a bare kind grant covers every instance of the kind',
    given: (w) => grant(w, 'USER', w.user, 'books', ['read']),
    checks: [['user', 'books:9', 'read', true], ['user', 'books:*', 'read', true], ['user', 'films:9', 'read', false]],
  },
  {
    rule: '`*` covers every resource, for the granted action only',
    given: (w) => acl().allow(w.user, '*', 'read', w.ns),
    checks: [['user', 'books:1', 'read', true], ['user', 'films:2', 'read', true], ['user', 'books:1', 'edit', false]],
  },
  {
    rule: '`_` is not a wildcard',
    given: (w) => grant(w, 'USER', w.user, '_', ['read']),
    checks: [['user', 'books:1', 'read', false]],
  },
  // Action matching
  {
    rule: 'action `*` covers every action',
    given: (w) => acl().allow(w.user, 'books:1', '*', w.ns),
    checks: [['user', 'books:1', 'read', true], ['user', 'books:1', 'books:delete', true], ['user', 'books:2', 'read', false]],
  },
  {
    rule: 'action `K:*` covers the actions of kind K only',
    given: (w) => acl().allow(w.user, 'books:*', 'books:*', w.ns),
    checks: [['user', 'books:3', 'books:read', true], ['user', 'books:3', 'books:edit', true], ['user', 'books:3', 'films:read', false]],
  },
  {
    rule: 'repeated allow calls accumulate actions',
    given: async (w) => {
      await acl().allow(w.user, 'books:1', 'read', w.ns);
      await acl().allow(w.user, 'books:1', 'edit', w.ns);
    },
    checks: [['user', 'books:1', 'read', true], ['user', 'books:1', 'edit', true]],
    verify: async (w) => {
      const { list } = await acl().listAuthorizedResources('USER', w.user, w.ns);
      expect(list).toEqual([expect.objectContaining({ code: 'books:1', actions: ['read', 'edit'] })]);
    },
  },
  {
    rule: 'a MENU grant without actions grants every action',
    given: async (w) => {
      await acl().createResource({ namespace: w.ns, code: 'nav', type: 'MENU' });
      await acl().authorizeResource({ namespace: w.ns, resource: 'nav', resourceType: 'MENU', opts: [{ targetType: 'USER', targetIdentifier: w.user }] });
    },
    checks: [['user', 'nav:home', 'view', true]],
  },
  {
    rule: 'namespaces never leak',
    given: (w) => acl().allow(w.user, 'books:1', 'read', w.ns),
    checks: [['user', 'books:1', 'read', true]],
    verify: async (w) => {
      await expect(acl().isAllowed(w.user, 'books:1', 'read')).resolves.toBe(false);
      await expect(acl().isAllowed(w.user, 'books:1', 'read', { namespace: 'default' })).resolves.toBe(false);
    },
  },
  // Inheritance
  {
    rule: 'a user inherits the grants of a role it holds, until the role is taken away',
    given: async (w) => {
      await grant(w, 'ROLE', w.role, 'books:*', ['read']);
      await h.management.roles.addUsers(w.role, [w.user], w.ns);
    },
    checks: [['user', 'books:5', 'read', true], ['other', 'books:5', 'read', false]],
    then: (w) => h.management.users.removeRoles(w.user, [w.role], w.ns),
    after: [['user', 'books:5', 'read', false]],
  },
  {
    rule: 'a user inherits the grants of its groups',
    given: async (w) => {
      await grant(w, 'GROUP', w.group, 'books:*', ['read']);
      await h.management.groups.addUsers(w.group, [w.user]);
    },
    checks: [['user', 'books:5', 'read', true], ['other', 'books:5', 'read', false]],
    then: (w) => h.management.users.removeGroup(w.user, w.group),
    after: [['user', 'books:5', 'read', false]],
  },
  {
    rule: 'a user inherits the grants of its org node and of every ancestor node',
    given: async (w) => {
      await grant(w, 'ORG', w.org.rootNode.id, 'books:*', ['read']);
      await grant(w, 'ORG', w.child.id, 'films:*', ['watch']);
      await h.management.org.addMembers(w.child.id, [w.user]);
      await h.management.org.addMembers(w.org.rootNode.id, [w.other]);
    },
    checks: [['user', 'books:1', 'read', true], ['user', 'films:1', 'watch', true], ['other', 'books:1', 'read', true], ['other', 'films:1', 'watch', false]],
    then: (w) => h.management.org.removeMembers(w.child.id, [w.user]),
    after: [['user', 'books:1', 'read', false]],
  },
  {
    rule: 'user listings are effective (inherited grants included); role listings are direct',
    given: async (w) => {
      await acl().allow(w.user, 'books:1', 'read', w.ns);
      await grant(w, 'ROLE', w.role, 'films:*', ['watch']);
      await h.management.users.addRoles(w.user, [w.role], w.ns);
    },
    verify: async (w) => {
      const effective = await h.management.users.listAuthorizedResources(w.user, w.ns);
      expect(effective.list.map((r) => r.code).sort()).toEqual(['books:1', 'films:*']);
      const viaAcl = await acl().listAuthorizedResources('USER', w.user, w.ns);
      expect(viaAcl.list.map((r) => r.code).sort()).toEqual(['books:1', 'films:*']);
      const role = await acl().listAuthorizedResources('ROLE', w.role, w.ns);
      expect(role.list.map((r) => r.code)).toEqual(['films:*']);
    },
  },
  // Revocation
  {
    rule: 'revoking a kind removes that target’s instance grants',
    given: async (w) => {
      await grant(w, 'USER', w.user, 'docs', ['read']);
      await grant(w, 'USER', w.user, 'docs:1', ['edit']);
    },
    checks: [['user', 'docs:1', 'edit', true]],
    then: (w) => revoke(w, 'USER', w.user, 'docs'),
    after: [['user', 'docs:1', 'edit', false], ['user', 'docs:2', 'read', false]],
  },
  {
    rule: 'revoking an instance leaves a kind grant alone',
    given: async (w) => {
      await grant(w, 'USER', w.user, 'docs', ['read']);
      await grant(w, 'USER', w.user, 'docs:1', ['read']);
    },
    then: (w) => revoke(w, 'USER', w.user, 'docs:1'),
    after: [['user', 'docs:1', 'read', true], ['user', 'docs:2', 'read', true]],
  },
  {
    rule: 'revoking one target leaves other targets alone',
    given: (w) =>
      acl().authorizeResource({
        namespace: w.ns,
        resource: 'docs:1',
        opts: [
          { targetType: 'USER', targetIdentifier: w.user, actions: ['read'] },
          { targetType: 'USER', targetIdentifier: w.other, actions: ['read'] },
        ],
      }),
    then: (w) => revoke(w, 'USER', w.user, 'docs:1'),
    after: [['user', 'docs:1', 'read', false], ['other', 'docs:1', 'read', true]],
  },
  // Cascades
  {
    rule: 'deleting a resource removes the grants on it (kind, wildcard and instances)',
    given: async (w) => {
      await acl().createResource({ namespace: w.ns, code: 'docs', actions: [{ name: 'read', description: 'r' }] });
      await grant(w, 'USER', w.user, 'docs:1', ['read']);
      await grant(w, 'USER', w.other, 'docs:*', ['read']);
      await grant(w, 'USER', w.other, 'films:1', ['read']);
    },
    then: (w) => acl().deleteResource('docs', w.ns),
    after: [['user', 'docs:1', 'read', false], ['other', 'docs:2', 'read', false], ['other', 'films:1', 'read', true]],
  },
  {
    rule: 'deleting a role removes its grants and assignments; a new role with the same code starts empty',
    given: async (w) => {
      await grant(w, 'ROLE', w.role, 'books:*', ['read']);
      await h.management.roles.addUsers(w.role, [w.user], w.ns);
    },
    then: async (w) => {
      await h.management.roles.delete(w.role, w.ns);
      await h.management.roles.create(w.role, undefined, undefined, w.ns);
      await h.management.roles.addUsers(w.role, [w.user], w.ns);
    },
    after: [['user', 'books:1', 'read', false]],
  },
  {
    rule: 'deleting a group removes its grants; a new group with the same code starts empty',
    given: async (w) => {
      await grant(w, 'GROUP', w.group, 'books:*', ['read']);
      await h.management.groups.addUsers(w.group, [w.user]);
    },
    then: async (w) => {
      await h.management.groups.delete(w.group);
      await h.management.groups.create(w.group, 'again');
      await h.management.groups.addUsers(w.group, [w.user]);
    },
    after: [['user', 'books:1', 'read', false]],
  },
  {
    rule: 'deleting a node removes its grants and memberships',
    given: async (w) => {
      await grant(w, 'ORG', w.child.id, 'books:*', ['read']);
      await h.management.org.addMembers(w.child.id, [w.user]);
    },
    checks: [['user', 'books:1', 'read', true]],
    then: (w) => h.management.org.deleteNode(w.org.id, w.child.id),
    after: [['user', 'books:1', 'read', false]],
    verify: async (w) => {
      const targets = await acl().getAuthorizedTargets({ namespace: w.ns, resource: 'books:*', resourceType: 'DATA', targetType: 'ORG' });
      expect(targets.totalCount).toBe(0);
    },
  },
  {
    rule: 'deleting a user removes its grants',
    given: (w) => acl().allow(w.user, 'books:1', 'read', w.ns),
    then: (w) => h.management.users.delete(w.user),
    verify: async (w) => {
      const targets = await acl().getAuthorizedTargets({ namespace: w.ns, resource: 'books:1', resourceType: 'DATA' });
      expect(targets.totalCount).toBe(0);
    },
  },
  {
    rule: 'deleting a namespace removes its grants; a new namespace with the same code starts empty',
    given: (w) => acl().allow(w.user, 'books:1', 'read', w.ns),
    then: async (w) => {
      await acl().deleteNamespace(w.ns);
      await acl().createNamespace(w.ns, 'again');
    },
    after: [['user', 'books:1', 'read', false]],
  },
  // Listings
  {
    rule: 'without a namespace, user listings cover `default` only; group and node listings cover every namespace',
    given: async (w) => {
      await acl().allow(w.user, 'books:1', 'read');
      await acl().allow(w.user, 'books:2', 'read', w.ns);
      await grant(w, 'GROUP', w.group, 'films:1', ['watch']);
      await acl().authorizeResource({ resource: 'films:2', opts: [{ targetType: 'GROUP', targetIdentifier: w.group, actions: ['watch'] }] });
      await grant(w, 'ORG', w.child.id, 'rooms:1', ['enter']);
      await acl().authorizeResource({ resource: 'rooms:2', opts: [{ targetType: 'ORG', targetIdentifier: w.child.id, actions: ['enter'] }] });
    },
    verify: async (w) => {
      expect((await h.management.users.listAuthorizedResources(w.user)).list.map((r) => r.code)).toEqual(['books:1']);
      expect((await h.management.groups.listAuthorizedResources(w.group)).totalCount).toBe(2);
      expect((await h.management.org.listAuthorizedResourcesByNodeId(w.child.id)).totalCount).toBe(2);
    },
  },
  {
    rule: 'getAuthorizedTargets: AND needs every listed action, OR any; targetType filters',
    given: (w) =>
      acl().authorizeResource({
        namespace: w.ns,
        resource: 'book',
        opts: [
          { targetType: 'USER', targetIdentifier: w.user, actions: ['write'] },
          { targetType: 'USER', targetIdentifier: w.other, actions: ['read', 'write'] },
          { targetType: 'GROUP', targetIdentifier: w.group, actions: ['read'] },
        ],
      }),
    verify: async (w) => {
      const ids = async (op: 'AND' | 'OR', list: string[], targetType?: 'USER' | 'GROUP') =>
        ((await acl().getAuthorizedTargets({ namespace: w.ns, resource: 'book', resourceType: 'DATA', actions: { op, list }, targetType })).list ?? [])
          .map((t) => t?.targetIdentifier)
          .sort();
      expect(await ids('OR', ['write', 'read'], 'USER')).toEqual([w.user, w.other].sort());
      expect(await ids('AND', ['write', 'read'], 'USER')).toEqual([w.other]);
      expect(await ids('OR', ['read'])).toEqual([w.other, w.group].sort());
      expect(await ids('AND', ['read'], 'GROUP')).toEqual([w.group]);
    },
  },
];

async function expectChecks(w: World, checks: Check[] | undefined): Promise<void> {
  for (const [who, resource, action, allowed] of checks ?? []) {
    const decision = await acl().isAllowed(w[who], resource, action, { namespace: w.ns });
    expect({ who, resource, action, allowed: decision }).toEqual({ who, resource, action, allowed });
  }
}

describe('permission semantics', () => {
  it.each(rows)('$rule', async (row) => {
    const w = await world();
    await row.given(w);
    await expectChecks(w, row.checks);
    if (row.then) await row.then(w);
    await expectChecks(w, row.after);
    await row.verify?.(w);
  });
});
