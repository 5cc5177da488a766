import { beforeEach, describe, expect, it } from 'vitest';
import {
  allow,
  authorizeResource,
  checkResourcePermissionBatch,
  getAuthorizedResourcesOfResourceKind,
  getAuthorizedTargets,
  isAllowed,
  isDenied,
  listAuthorizedResources,
  revokeResource,
} from '../../src/services/acl.js';
import { addUsersToGroup, createGroup } from '../../src/services/groups.js';
import { createNamespace } from '../../src/services/namespaces.js';
import { addMembers, addNode, createOrg } from '../../src/services/orgs.js';
import { createProgrammaticAccount } from '../../src/services/programmatic.js';
import { createResource } from '../../src/services/resources.js';
import { assignRole, createRole } from '../../src/services/roles.js';
import { createUser } from '../../src/services/users.js';
import { expectCode, expectConsistent, fixture, type Fixture } from './helpers.js';

let f: Fixture;
let u1: string;
let u2: string;
beforeEach(async () => {
  f = await fixture();
  u1 = (await createUser(f.ctx, { username: 'u1' })).id;
  u2 = (await createUser(f.ctx, { username: 'u2' })).id;
});

const userOpt = (id: string, actions: string[]) => ({ targetType: 'USER' as const, targetIdentifier: id, actions });

describe('allow / isAllowed', () => {
  it('accepts only type:id or *, needs a target, and accumulates actions', async () => {
    await expectCode(allow(f.ctx, { resource: 'books', action: 'books:edit', userId: u1 }), 3106);
    await expectCode(allow(f.ctx, { resource: ':1', action: 'x', userId: u1 }), 3106);
    await expectCode(allow(f.ctx, { resource: 'books:1', action: 'x' }), 400);
    await expectCode(allow(f.ctx, { resource: 'books:1', action: 'x', userId: 'f'.repeat(24) }), 2004);
    await expectCode(allow(f.ctx, { resource: 'books:1', action: 'x', roleCode: 'nope' }), 3202);
    await allow(f.ctx, { resource: 'books:123', action: 'books:edit', userId: u1 });
    await allow(f.ctx, { resource: 'books:123', action: 'books:read', userId: u1 });
    await allow(f.ctx, { resource: 'books:123', action: 'books:read', userId: u1 });
    expect(await isAllowed(f.ctx, u1, 'books:123', 'books:edit')).toBe(true);
    expect(await isAllowed(f.ctx, u1, 'books:123', 'books:delete')).toBe(false);
    expect((await listAuthorizedResources(f.ctx, 'USER', u1)).list).toEqual([
      { code: 'books:123', type: 'DATA', actions: ['books:edit', 'books:read'], apiIdentifier: null },
    ]);
    expect(await f.store.db.selectFrom('grants').select('id').execute()).toHaveLength(1);
    await allow(f.ctx, { resource: '*', action: '*', userId: u2 });
    expect(await isAllowed(f.ctx, u2, 'anything:1', 'whatever')).toBe(true);
    await expectConsistent(f.store);
  });

  it('follows the Python SDK cases: action wildcard, resource wildcard, bare verbs, roles', async () => {
    await allow(f.ctx, { resource: 'books:123', action: 'books:*', userId: u1 });
    expect(await isAllowed(f.ctx, u1, 'books:123', 'books:delete')).toBe(true);
    await allow(f.ctx, { resource: 'books:*', action: 'edit', userId: u2 });
    expect(await isAllowed(f.ctx, u2, 'books:123', 'edit')).toBe(true);
    expect(await isAllowed(f.ctx, u2, 'orders:1', 'edit')).toBe(false);
    await createRole(f.ctx, { code: 'editor' });
    const u3 = (await createUser(f.ctx, { username: 'u3' })).id;
    await assignRole(f.ctx, { roleCode: 'editor', userIds: [u3] });
    await allow(f.ctx, { resource: 'books:*', action: 'books:edit', roleCode: 'editor' });
    expect(await isAllowed(f.ctx, u3, 'books:*', 'books:edit')).toBe(true);
    expect(await isDenied(f.ctx, u3, 'books:*', 'books:edit')).toBe(false);
    // Namespaces never leak.
    await createNamespace(f.ctx, { code: 'shop', name: 'Shop' });
    expect(await isAllowed(f.ctx, u3, 'books:1', 'books:edit', 'shop')).toBe(false);
    await expectCode(isAllowed(f.ctx, u3, 'books:1', 'books:edit', 'nope'), 3003);
  });

  it('isDenied is true only for an applicable explicit DENY, which also beats the ALLOW', async () => {
    await allow(f.ctx, { resource: 'books:1', action: 'read', userId: u1 });
    expect(await isDenied(f.ctx, u1, 'books:1', 'read')).toBe(false);
    expect(await isDenied(f.ctx, u1, 'books:2', 'read')).toBe(false);
    const ns = await f.store.db.selectFrom('namespaces').select('id').where('code', '=', 'default').executeTakeFirstOrThrow();
    // No v2 call writes DENY grants yet (policies); store one directly, as a policy would.
    await f.store.write(async (tx, changes) => {
      const row = {
        id: 'd'.repeat(24),
        userpool_id: f.pool.userPoolId,
        namespace_id: ns.id,
        target_type: 'USER' as const,
        target_id: u1,
        resource: 'books:*',
        resource_type: 'DATA',
        actions: JSON.stringify(['read']),
        effect: 'DENY' as const,
        seq: 99,
        created_at: '2020-01-01T00:00:00.000Z',
        updated_at: '2020-01-01T00:00:00.000Z',
      };
      await tx.insertInto('grants').values(row).execute();
      const { grantFactOf } = await import('../../src/storage/fact-rows.js');
      changes.push({ table: 'grants', op: 'put', row: grantFactOf(row) });
    });
    expect(await isDenied(f.ctx, u1, 'books:1', 'read')).toBe(true);
    expect(await isAllowed(f.ctx, u1, 'books:1', 'read')).toBe(false);
    await expectConsistent(f.store);
  });
});

describe('authorizeResource / revokeResource', () => {
  it('grants kinds and instances per target, replacing the target actions; unknown targets fail clearly', async () => {
    await authorizeResource(f.ctx, { resource: 'random-kind', opts: [userOpt(u1, ['a', 'b'])] });
    expect((await listAuthorizedResources(f.ctx, 'USER', u1)).totalCount).toBe(1);
    await authorizeResource(f.ctx, { resource: 'random-kind', opts: [userOpt(u1, ['c'])] });
    expect((await listAuthorizedResources(f.ctx, 'USER', u1)).list[0]?.actions).toEqual(['c']);
    expect(await isAllowed(f.ctx, u1, 'random-kind:7', 'c')).toBe(true);
    expect(await isAllowed(f.ctx, u1, 'random-kind:7', 'a')).toBe(false);
    await expectCode(authorizeResource(f.ctx, { resource: 'x', opts: [{ targetType: 'ROLE', targetIdentifier: 'nope', actions: [] }] }), 3202);
    await expectCode(authorizeResource(f.ctx, { resource: 'x', opts: [{ targetType: 'GROUP', targetIdentifier: 'nope', actions: [] }] }), 3302);
    await expectCode(authorizeResource(f.ctx, { resource: 'x', opts: [{ targetType: 'ORG', targetIdentifier: 'nope', actions: [] }] }), 3402);
    await expectCode(authorizeResource(f.ctx, { resource: 'x', opts: [{ targetType: 'AK_SK', targetIdentifier: 'nope', actions: [] }] }), 3701);
    await expectCode(authorizeResource(f.ctx, { resource: 'x', opts: [{ targetType: 'ROBOT', targetIdentifier: u1, actions: [] }] }), 3502);
    await expectCode(authorizeResource(f.ctx, { resource: 'x', resourceType: 'FILE' as 'DATA', opts: [] }), 3103);
    // A failed call writes nothing, not even its valid opts.
    await expectCode(authorizeResource(f.ctx, { resource: 'y', opts: [userOpt(u2, ['r']), { targetType: 'GROUP', targetIdentifier: 'nope' }] }), 3302);
    expect((await listAuthorizedResources(f.ctx, 'USER', u2)).totalCount).toBe(0);
    await expectConsistent(f.store);
  });

  it('MENU/BUTTON grants without actions list with actions null and allow every action', async () => {
    await authorizeResource(f.ctx, { resource: 'menu:home', resourceType: 'MENU', opts: [{ targetType: 'USER', targetIdentifier: u1 }] });
    expect((await listAuthorizedResources(f.ctx, 'USER', u1)).list).toEqual([{ code: 'menu:home', type: 'MENU', actions: null, apiIdentifier: null }]);
    expect(await isAllowed(f.ctx, u1, 'menu:home', 'view')).toBe(true);
  });

  it('revoke removes only that target (Python test_revoke_resource, _2)', async () => {
    for (const resource of ['res', 'res2:1']) {
      await authorizeResource(f.ctx, { resource, opts: [userOpt(u1, ['a']), userOpt(u2, ['b'])] });
      await revokeResource(f.ctx, { resource, opts: [{ targetType: 'USER', targetIdentifier: u1 }] });
    }
    expect((await listAuthorizedResources(f.ctx, 'USER', u1)).totalCount).toBe(0);
    expect((await listAuthorizedResources(f.ctx, 'USER', u2)).totalCount).toBe(2);
    await expectConsistent(f.store);
  });

  it('revoking kind T removes T:x; revoking T:1 keeps kind T (test_revoke_resource_3, _4)', async () => {
    await authorizeResource(f.ctx, { resource: 'T:1', opts: [userOpt(u1, ['a']), userOpt(u2, ['a'])] });
    await authorizeResource(f.ctx, { resource: 'T:*', opts: [userOpt(u1, ['a'])] });
    await authorizeResource(f.ctx, { resource: 'Tx:1', opts: [userOpt(u1, ['a'])] });
    await revokeResource(f.ctx, { resource: 'T', opts: [{ targetType: 'USER', targetIdentifier: u1 }] });
    expect((await listAuthorizedResources(f.ctx, 'USER', u1)).list.map((r) => r.code)).toEqual(['Tx:1']);
    expect((await listAuthorizedResources(f.ctx, 'USER', u2)).list.map((r) => r.code)).toEqual(['T:1']);

    await authorizeResource(f.ctx, { resource: 'K', opts: [userOpt(u1, ['a'])] });
    await revokeResource(f.ctx, { resource: 'K:1', opts: [{ targetType: 'USER', targetIdentifier: u1 }] });
    expect((await listAuthorizedResources(f.ctx, 'USER', u1)).list.map((r) => r.code)).toEqual(['Tx:1', 'K']);
    expect(await isAllowed(f.ctx, u1, 'K:1', 'a')).toBe(true);
    await expectConsistent(f.store);
  });
});

describe('listings', () => {
  it('USER: effective set incl. roles, groups and org ancestors; default namespace when none is named', async () => {
    await createNamespace(f.ctx, { code: 'other', name: 'Other' });
    await authorizeResource(f.ctx, { resource: 'books:*', opts: [userOpt(u1, ['books:edit'])] });
    await authorizeResource(f.ctx, { namespace: 'other', resource: 'orders:*', opts: [userOpt(u1, ['orders:edit'])] });
    expect((await listAuthorizedResources(f.ctx, 'USER', u1)).totalCount).toBe(1);
    expect((await listAuthorizedResources(f.ctx, 'USER', u1, 'other')).list.map((r) => r.code)).toEqual(['orders:*']);

    await createRole(f.ctx, { code: 'r' });
    await assignRole(f.ctx, { roleCode: 'r', userIds: [u1] });
    await allow(f.ctx, { resource: 'role:1', action: 'x', roleCode: 'r' });
    await createGroup(f.ctx, { code: 'g', name: 'G' });
    await addUsersToGroup(f.ctx, 'g', [u1]);
    await authorizeResource(f.ctx, { resource: 'group:1', opts: [{ targetType: 'GROUP', targetIdentifier: 'g', actions: ['x'] }] });
    const org = await createOrg(f.ctx, { name: 'Org' });
    const child = await addNode(f.ctx, org.id, org.rootNode.id, { name: 'Child' });
    await addMembers(f.ctx, child.id, [u1]);
    await authorizeResource(f.ctx, { resource: 'org:1', opts: [{ targetType: 'ORG', targetIdentifier: org.rootNode.id, actions: ['x'] }] });
    expect((await listAuthorizedResources(f.ctx, 'USER', u1)).list.map((r) => r.code)).toEqual(['books:*', 'role:1', 'group:1', 'org:1']);
    expect(await isAllowed(f.ctx, u1, 'org:1', 'x')).toBe(true);
    expect((await listAuthorizedResources(f.ctx, 'USER', u2)).totalCount).toBe(0);
  });

  it('GROUP / ORG: direct grants, every namespace when none is named; ROLE: its namespace', async () => {
    await createNamespace(f.ctx, { code: 'other', name: 'Other' });
    await createGroup(f.ctx, { code: 'g', name: 'G' });
    const org = await createOrg(f.ctx, { name: 'Org' });
    for (const [targetType, targetIdentifier] of [
      ['GROUP', 'g'],
      ['ORG', org.rootNode.id],
    ] as const) {
      await authorizeResource(f.ctx, { resource: 'books:*', opts: [{ targetType, targetIdentifier, actions: ['books:edit'] }] });
      await authorizeResource(f.ctx, { namespace: 'other', resource: 'orders:*', opts: [{ targetType, targetIdentifier, actions: ['orders:edit'] }] });
      expect((await listAuthorizedResources(f.ctx, targetType, targetIdentifier)).totalCount).toBe(2);
      expect((await listAuthorizedResources(f.ctx, targetType, targetIdentifier, 'other')).list.map((r) => r.code)).toEqual(['orders:*']);
    }
    await createRole(f.ctx, { code: 'r', namespace: 'other' });
    await createRole(f.ctx, { code: 'r' });
    await allow(f.ctx, { namespace: 'other', resource: 'x:1', action: 'a', roleCode: 'r' });
    await allow(f.ctx, { resource: 'y:1', action: 'a', roleCode: 'r' });
    expect((await listAuthorizedResources(f.ctx, 'ROLE', 'r', 'other')).list.map((r) => r.code)).toEqual(['x:1']);
    expect((await listAuthorizedResources(f.ctx, 'ROLE', 'r')).list.map((r) => r.code)).toEqual(['y:1']);
    expect((await listAuthorizedResources(f.ctx, 'GROUP', 'g', undefined, 'MENU')).totalCount).toBe(0);
  });

  it('type and apiIdentifier come from the resource definition of the kind, else the grant (DATA)', async () => {
    await createResource(f.ctx, { code: 'endpoint', type: 'API', apiIdentifier: 'https://x/e', actions: [{ name: 'call' }] });
    await authorizeResource(f.ctx, { resource: 'endpoint:1', opts: [userOpt(u1, ['call'])] });
    await allow(f.ctx, { resource: 'undefined:1', action: 'x', userId: u1 });
    expect((await listAuthorizedResources(f.ctx, 'USER', u1)).list).toEqual([
      { code: 'endpoint:1', type: 'API', actions: ['call'], apiIdentifier: 'https://x/e' },
      { code: 'undefined:1', type: 'DATA', actions: ['x'], apiIdentifier: null },
    ]);
  });

  it('authorizedTargets maps internal ids back to wire identifiers and filters by type and actions', async () => {
    await createRole(f.ctx, { code: 'r' });
    await createGroup(f.ctx, { code: 'g', name: 'G' });
    const org = await createOrg(f.ctx, { name: 'Org' });
    const account = await createProgrammaticAccount(f.ctx, f.pool.appId);
    await authorizeResource(f.ctx, {
      resource: 'book',
      opts: [
        userOpt(u1, ['write']),
        userOpt(u2, ['read', 'write']),
        { targetType: 'ROLE', targetIdentifier: 'r', actions: ['read'] },
        { targetType: 'GROUP', targetIdentifier: 'g', actions: ['read'] },
        { targetType: 'ORG', targetIdentifier: org.rootNode.id, actions: ['read'] },
        { targetType: 'AK_SK', targetIdentifier: account.id, actions: ['read'] },
      ],
    });
    const all = await getAuthorizedTargets(f.ctx, { namespace: 'default', resource: 'book', resourceType: 'DATA' });
    expect(all.list).toEqual([
      { targetType: 'USER', targetIdentifier: u1, actions: ['write'] },
      { targetType: 'USER', targetIdentifier: u2, actions: ['read', 'write'] },
      { targetType: 'ROLE', targetIdentifier: 'r', actions: ['read'] },
      { targetType: 'GROUP', targetIdentifier: 'g', actions: ['read'] },
      { targetType: 'ORG', targetIdentifier: org.rootNode.id, actions: ['read'] },
      { targetType: 'AK_SK', targetIdentifier: account.id, actions: ['read'] },
    ]);
    const or = await getAuthorizedTargets(f.ctx, { namespace: 'default', resource: 'book', targetType: 'USER', actions: { op: 'OR', list: ['write', 'read'] } });
    expect(or.totalCount).toBe(2);
    const and = await getAuthorizedTargets(f.ctx, { namespace: 'default', resource: 'book', targetType: 'USER', actions: { op: 'AND', list: ['write', 'read'] } });
    expect(and.list.map((t) => t.targetIdentifier)).toEqual([u2]);
    expect((await getAuthorizedTargets(f.ctx, { namespace: 'default', resource: 'book:1' })).totalCount).toBe(0);
  });

  it('checkResourcePermissionBatch follows the Python cases 1-5', async () => {
    const check = (resources: string[]) => checkResourcePermissionBatch(f.ctx, { userId: u1, namespace: 'default', resources });
    await authorizeResource(f.ctx, { resource: 'books:*', opts: [userOpt(u1, ['books:edit'])] });
    await authorizeResource(f.ctx, { resource: 'orders:2', opts: [userOpt(u1, ['orders:edit'])] });
    expect(await check(['books:1', 'orders:2'])).toEqual([
      { code: 'books:1', actions: ['books:edit'] },
      { code: 'orders:2', actions: ['orders:edit'] },
    ]);
    expect(await check(['orders:1'])).toEqual([]);
    expect(await check(['orders:*'])).toEqual([]);
    expect(await check(['orders:*', 'books:*'])).toEqual([{ code: 'books:*', actions: ['books:edit'] }]);
  });

  it('getAuthorizedResourcesOfResourceKind lists the instance grants of one kind', async () => {
    for (const resource of ['books:1', 'books:2', 'orders:2', 'books:*', 'bookshelf:1']) {
      await authorizeResource(f.ctx, { resource, opts: [userOpt(u1, ['books:edit'])] });
    }
    expect(await getAuthorizedResourcesOfResourceKind(f.ctx, { userId: u1, namespace: 'default', resource: 'books' })).toEqual([
      { code: 'books:1', actions: ['books:edit'] },
      { code: 'books:2', actions: ['books:edit'] },
    ]);
  });
});
