import { beforeEach, describe, expect, it } from 'vitest';
import { authorizeResource, isAllowed, listAuthorizedResources } from '../../src/services/acl.js';
import { allowAppAccess } from '../../src/services/app-access.js';
import {
  addUsersToGroup,
  createGroup,
  deleteGroups,
  getGroup,
  listGroupUsers,
  listGroups,
  listUserGroups,
  removeUsersFromGroup,
  updateGroup,
} from '../../src/services/groups.js';
import {
  addMembers,
  addNode,
  createOrg,
  deleteNode,
  deleteOrg,
  getNode,
  getOrg,
  isRootNode,
  listChildren,
  listMembers,
  listOrgs,
  listUserDepartments,
  moveNode,
  removeMembers,
  setMainDepartment,
  updateNode,
} from '../../src/services/orgs.js';
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

describe('groups', () => {
  it('creates (3301 on a duplicate), updates, lists and manages members', async () => {
    const g = await createGroup(f.ctx, { code: 'dev', name: 'Dev', description: 'd' });
    expect(g).toEqual({ code: 'dev', name: 'Dev', description: 'd', createdAt: expect.any(String), updatedAt: expect.any(String) });
    await expectCode(createGroup(f.ctx, { code: 'dev', name: 'Again' }), 3301);
    await createGroup(f.ctx, { code: 'ops', name: 'Ops' });
    expect((await updateGroup(f.ctx, 'dev', { name: 'Developers', newCode: 'devs' })).code).toBe('devs');
    await expectCode(updateGroup(f.ctx, 'devs', { newCode: 'ops' }), 3301);
    await expectCode(updateGroup(f.ctx, 'dev', { name: 'x' }), 3302);
    expect((await listGroups(f.ctx)).list.map((x) => x.code)).toEqual(['devs', 'ops']);
    expect((await listGroups(f.ctx, { page: 2, limit: 1 })).list.map((x) => x.code)).toEqual(['ops']);
    await addUsersToGroup(f.ctx, 'devs', [u1, u2, u1]);
    await addUsersToGroup(f.ctx, 'devs', [u1]);
    expect((await listGroupUsers(f.ctx, 'devs')).list.map((u) => u.id)).toEqual([u1, u2]);
    await removeUsersFromGroup(f.ctx, 'devs', [u1]);
    expect((await listGroupUsers(f.ctx, 'devs')).totalCount).toBe(1);
    expect((await listUserGroups(f.ctx, u2)).list.map((x) => x.code)).toEqual(['devs']);
    await expectCode(addUsersToGroup(f.ctx, 'nope', [u1]), 3302);
    await expectCode(addUsersToGroup(f.ctx, 'devs', ['f'.repeat(24)]), 2004);
    expect(await getGroup(f.ctx, 'nope')).toBeNull();
    await expectConsistent(f.store);
  });

  it('deleting groups cascades members, role assignments, grants and app access', async () => {
    await createGroup(f.ctx, { code: 'g', name: 'G' });
    await addUsersToGroup(f.ctx, 'g', [u1]);
    await createRole(f.ctx, { code: 'r' });
    await assignRole(f.ctx, { roleCode: 'r', groupCodes: ['g'] });
    await authorizeResource(f.ctx, { resource: 'books:*', opts: [{ targetType: 'GROUP', targetIdentifier: 'g', actions: ['read'] }] });
    await allowAppAccess(f.ctx, { appId: f.pool.appId, targetType: 'GROUP', targetIdentifiers: ['g'] });
    expect(await isAllowed(f.ctx, u1, 'books:1', 'read')).toBe(true);
    await expectCode(deleteGroups(f.ctx, ['g', 'missing']), 3302);
    expect(await isAllowed(f.ctx, u1, 'books:1', 'read')).toBe(true);
    await deleteGroups(f.ctx, ['g']);
    await expectConsistent(f.store);
    expect(await isAllowed(f.ctx, u1, 'books:1', 'read')).toBe(false);
    expect(await f.store.db.selectFrom('group_members').select('user_id').execute()).toEqual([]);
    expect(await f.store.db.selectFrom('role_assignments').select('role_id').execute()).toEqual([]);
  });
});

describe('organizations', () => {
  it('creates an org with its root node and builds paths, depth and children', async () => {
    const org = await createOrg(f.ctx, { name: 'ACME', code: 'acme', description: 'd' });
    expect(org.rootNode).toMatchObject({ name: 'ACME', code: 'acme', root: true, depth: 0, path: [org.rootNode.id], namePath: ['ACME'], children: [] });
    const a = await addNode(f.ctx, org.id, org.rootNode.id, { name: 'A', code: 'a', order: 1 });
    const b = await addNode(f.ctx, org.id, null, { name: 'B', code: 'b', order: 5 });
    const a1 = await addNode(f.ctx, org.id, a.id, { name: 'A1', code: 'a1' });
    expect(a1).toMatchObject({ orgId: org.id, root: false, depth: 2, path: [org.rootNode.id, a.id, a1.id], codePath: ['acme', 'a', 'a1'], namePath: ['ACME', 'A', 'A1'] });
    expect((await getNode(f.ctx, org.rootNode.id)).children).toEqual([b.id, a.id]);
    expect((await listChildren(f.ctx, org.rootNode.id)).map((n) => n.name)).toEqual(['B', 'A']);
    const full = await getOrg(f.ctx, org.id);
    expect(full.nodes.map((n) => n.name)).toEqual(['ACME', 'B', 'A', 'A1']);
    expect(await isRootNode(f.ctx, org.id, org.rootNode.id)).toBe(true);
    expect(await isRootNode(f.ctx, org.id, a.id)).toBe(false);
    expect((await updateNode(f.ctx, a.id, { name: 'Alpha', order: 9 })).name).toBe('Alpha');
    expect((await getNode(f.ctx, a1.id)).namePath).toEqual(['ACME', 'Alpha', 'A1']);
    expect((await listOrgs(f.ctx)).totalCount).toBe(1);
    await expectCode(addNode(f.ctx, 'missing', null, { name: 'x' }), 3401);
    await expectCode(addNode(f.ctx, org.id, 'missing', { name: 'x' }), 3402);
    await expectCode(getOrg(f.ctx, 'missing'), 3401);
    await expectConsistent(f.store);
  });

  it('members: add, remove, include children, main department', async () => {
    const org = await createOrg(f.ctx, { name: 'ACME' });
    const a = await addNode(f.ctx, org.id, org.rootNode.id, { name: 'A' });
    await addMembers(f.ctx, org.rootNode.id, [u1]);
    await addMembers(f.ctx, a.id, [u2, u1]);
    expect((await listMembers(f.ctx, org.rootNode.id)).list.map((u) => u.id)).toEqual([u1]);
    expect((await listMembers(f.ctx, org.rootNode.id, { includeChildrenNodes: true })).list.map((u) => u.id)).toEqual([u1, u2]);
    await setMainDepartment(f.ctx, u1, a.id);
    const deps = await listUserDepartments(f.ctx, u1);
    expect(deps.list.map((d) => [d.department.name, d.isMainDepartment])).toEqual([
      ['ACME', false],
      ['A', true],
    ]);
    await removeMembers(f.ctx, a.id, [u1]);
    expect((await listMembers(f.ctx, a.id)).list.map((u) => u.id)).toEqual([u2]);
    await expectCode(addMembers(f.ctx, a.id, ['f'.repeat(24)]), 2004);
    await expectConsistent(f.store);
  });

  it('grants and roles on a node reach members of descendant nodes; moving re-parents', async () => {
    const org = await createOrg(f.ctx, { name: 'ACME' });
    const a = await addNode(f.ctx, org.id, org.rootNode.id, { name: 'A' });
    const b = await addNode(f.ctx, org.id, org.rootNode.id, { name: 'B' });
    const a1 = await addNode(f.ctx, org.id, a.id, { name: 'A1' });
    await addMembers(f.ctx, a1.id, [u1]);
    await authorizeResource(f.ctx, { resource: 'books:*', opts: [{ targetType: 'ORG', targetIdentifier: a.id, actions: ['read'] }] });
    expect(await isAllowed(f.ctx, u1, 'books:1', 'read')).toBe(true);
    await moveNode(f.ctx, org.id, a1.id, b.id);
    expect(await isAllowed(f.ctx, u1, 'books:1', 'read')).toBe(false);
    expect((await getNode(f.ctx, a1.id)).path).toEqual([org.rootNode.id, b.id, a1.id]);
    await expectCode(moveNode(f.ctx, org.id, b.id, a1.id), 400);
    await expectConsistent(f.store);
  });

  it('deleting a node removes its subtree with memberships, role assignments, grants and app access; root → 3403', async () => {
    const org = await createOrg(f.ctx, { name: 'ACME' });
    const a = await addNode(f.ctx, org.id, org.rootNode.id, { name: 'A' });
    const a1 = await addNode(f.ctx, org.id, a.id, { name: 'A1' });
    const a11 = await addNode(f.ctx, org.id, a1.id, { name: 'A11' });
    const b = await addNode(f.ctx, org.id, org.rootNode.id, { name: 'B' });
    await addMembers(f.ctx, a11.id, [u1]);
    await addMembers(f.ctx, b.id, [u2]);
    await createRole(f.ctx, { code: 'r' });
    await assignRole(f.ctx, { roleCode: 'r', nodeCodes: [a1.id, b.id] });
    for (const node of [a1.id, b.id]) {
      await authorizeResource(f.ctx, { resource: 'books:*', opts: [{ targetType: 'ORG', targetIdentifier: node, actions: ['read'] }] });
    }
    await allowAppAccess(f.ctx, { appId: f.pool.appId, targetType: 'ORG', targetIdentifiers: [a11.id, b.id], inheritByChildren: true });
    await expectCode(deleteNode(f.ctx, org.id, org.rootNode.id), 3403);
    await deleteNode(f.ctx, org.id, a.id);
    await expectConsistent(f.store);
    expect((await getOrg(f.ctx, org.id)).nodes.map((n) => n.name)).toEqual(['ACME', 'B']);
    expect(await isAllowed(f.ctx, u1, 'books:1', 'read')).toBe(false);
    expect(await isAllowed(f.ctx, u2, 'books:1', 'read')).toBe(true);
    expect((await listAuthorizedResources(f.ctx, 'ORG', b.id)).totalCount).toBe(1);
    await expectCode(getNode(f.ctx, a11.id), 3402);

    await deleteOrg(f.ctx, org.id);
    await expectConsistent(f.store);
    expect(await f.store.db.selectFrom('nodes').select('id').execute()).toEqual([]);
    expect(await f.store.db.selectFrom('grants').select('id').execute()).toEqual([]);
    expect(await f.store.db.selectFrom('app_access').select('id').execute()).toEqual([]);
    await expectCode(deleteOrg(f.ctx, org.id), 3401);
  });
});
