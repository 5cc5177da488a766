import { beforeEach, describe, expect, it } from 'vitest';
import { allow, isAllowed } from '../../src/services/acl.js';
import { allowAppAccess } from '../../src/services/app-access.js';
import { createGroup } from '../../src/services/groups.js';
import { createNamespace } from '../../src/services/namespaces.js';
import { addNode, createOrg } from '../../src/services/orgs.js';
import {
  assignRole,
  createRole,
  deleteRole,
  deleteRoles,
  getRole,
  listGroupRoles,
  listNodeRoles,
  listRoleUsers,
  listRoles,
  listUserRoles,
  revokeRole,
  updateRole,
  userHasRole,
} from '../../src/services/roles.js';
import { createUser } from '../../src/services/users.js';
import { expectCode, expectConsistent, fixture, type Fixture } from './helpers.js';

let f: Fixture;
beforeEach(async () => {
  f = await fixture();
});

describe('roles', () => {
  it('creates in `default` unless told, same code in two namespaces, 3201 on a duplicate', async () => {
    const r = await createRole(f.ctx, { code: 'admin', description: 'Admins' });
    expect(r).toMatchObject({
      code: 'admin',
      namespace: 'default',
      description: 'Admins',
      isSystem: false,
      parent: null,
      arn: `arn:cn:authing:${f.pool.userPoolId}:role:${r.id}`,
    });
    await createNamespace(f.ctx, { code: 'shop', name: 'Shop' });
    expect((await createRole(f.ctx, { code: 'admin', namespace: 'shop' })).namespace).toBe('shop');
    await expectCode(createRole(f.ctx, { code: 'admin' }), 3201);
    await expectCode(createRole(f.ctx, { code: 'x', namespace: 'nope' }), 3003);
    await expectCode(createRole(f.ctx, { code: 'child', parent: 'missing' }), 3202);
    const child = await createRole(f.ctx, { code: 'child', parent: 'admin' });
    expect(child.parent).toMatchObject({ code: 'admin', namespace: 'default' });
    expect((await listRoles(f.ctx, { namespace: 'default' })).list.map((x) => x.code)).toEqual(['admin', 'child']);
    expect((await listRoles(f.ctx)).totalCount).toBe(3);
    expect((await listRoles(f.ctx, { namespace: 'default', page: 2, limit: 1 })).list.map((x) => x.code)).toEqual(['child']);
    expect(await getRole(f.ctx, 'missing')).toBeNull();
  });

  it('updates description and code (children follow); grants survive the rename', async () => {
    const u = await createUser(f.ctx, { username: 'u' });
    await createRole(f.ctx, { code: 'a' });
    await createRole(f.ctx, { code: 'b', parent: 'a' });
    await assignRole(f.ctx, { roleCode: 'a', userIds: [u.id] });
    await allow(f.ctx, { resource: 'books:1', action: 'read', roleCode: 'a' });
    const renamed = await updateRole(f.ctx, 'a', { newCode: 'a2', description: 'd' });
    expect(renamed).toMatchObject({ code: 'a2', description: 'd' });
    expect((await getRole(f.ctx, 'b'))?.parent?.code).toBe('a2');
    expect(await isAllowed(f.ctx, u.id, 'books:1', 'read')).toBe(true);
    await expectCode(updateRole(f.ctx, 'a2', { newCode: 'b' }), 3201);
    await expectCode(updateRole(f.ctx, 'missing', { description: 'x' }), 3202);
  });

  it('assigns to users, groups and nodes; revokes; lists direct roles only', async () => {
    const u = await createUser(f.ctx, { username: 'u' });
    await createRole(f.ctx, { code: 'r1' });
    await createRole(f.ctx, { code: 'r2' });
    await createGroup(f.ctx, { code: 'g', name: 'G' });
    const org = await createOrg(f.ctx, { name: 'Org' });
    const child = await addNode(f.ctx, org.id, org.rootNode.id, { name: 'Child', code: 'child' });
    await assignRole(f.ctx, { roleCodes: ['r1', 'r2'], userIds: [u.id] });
    await assignRole(f.ctx, { roleCode: 'r1', userIds: [u.id] });
    await assignRole(f.ctx, { roleCode: 'r1', groupCodes: ['g'], nodeCodes: [org.rootNode.id] });
    await assignRole(f.ctx, { roleCode: 'r2', nodeCodes: ['child'] });
    expect((await listUserRoles(f.ctx, u.id)).list.map((r) => r.code)).toEqual(['r1', 'r2']);
    expect(await userHasRole(f.ctx, u.id, 'r2')).toBe(true);
    expect((await listRoleUsers(f.ctx, 'r1')).list.map((x) => x.id)).toEqual([u.id]);
    expect(await listRoleUsers(f.ctx, 'missing')).toEqual({ totalCount: 0, list: [] });
    expect((await listGroupRoles(f.ctx, 'g')).list.map((r) => r.code)).toEqual(['r1']);
    // Node roles inherit down the tree, listed once.
    expect((await listNodeRoles(f.ctx, child.id)).list.map((r) => r.code)).toEqual(['r1', 'r2']);
    expect((await listNodeRoles(f.ctx, org.rootNode.id)).list.map((r) => r.code)).toEqual(['r1']);
    await revokeRole(f.ctx, { roleCode: 'r2', userIds: [u.id] });
    expect((await listUserRoles(f.ctx, u.id)).list.map((r) => r.code)).toEqual(['r1']);
    await expectCode(assignRole(f.ctx, { roleCode: 'missing', userIds: [u.id] }), 3202);
    await expectCode(assignRole(f.ctx, { roleCode: 'r1', userIds: ['f'.repeat(24)] }), 2004);
    await expectCode(assignRole(f.ctx, { roleCode: 'r1', groupCodes: ['nope'] }), 3302);
    await expectCode(assignRole(f.ctx, { roleCode: 'r1', nodeCodes: ['nope'] }), 3402);
    await expectConsistent(f.store);
  });

  it('deleting roles cascades assignments, grants and app access records; the index agrees', async () => {
    const u = await createUser(f.ctx, { username: 'u' });
    await createRole(f.ctx, { code: 'r' });
    await createRole(f.ctx, { code: 's' });
    await createGroup(f.ctx, { code: 'g', name: 'G' });
    await assignRole(f.ctx, { roleCodes: ['r', 's'], userIds: [u.id], groupCodes: ['g'] });
    await allow(f.ctx, { resource: 'books:1', action: 'read', roleCodes: ['r', 's'] });
    await allowAppAccess(f.ctx, { appId: f.pool.appId, targetType: 'ROLE', targetIdentifiers: ['r'] });
    await deleteRole(f.ctx, 'r');
    await expectConsistent(f.store);
    expect(await isAllowed(f.ctx, u.id, 'books:1', 'read')).toBe(true);
    await expectCode(deleteRoles(f.ctx, ['s', 'missing']), 3202);
    expect(await isAllowed(f.ctx, u.id, 'books:1', 'read')).toBe(true);
    await deleteRoles(f.ctx, ['s']);
    await expectConsistent(f.store);
    expect(await isAllowed(f.ctx, u.id, 'books:1', 'read')).toBe(false);
    expect(await f.store.db.selectFrom('grants').select('id').execute()).toEqual([]);
    expect(await f.store.db.selectFrom('app_access').select('id').execute()).toEqual([]);
    expect(await f.store.db.selectFrom('role_assignments').select('role_id').execute()).toEqual([]);
    await expectCode(deleteRole(f.ctx, 'r'), 3202);
  });
});
