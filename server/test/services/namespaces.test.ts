import { beforeEach, describe, expect, it } from 'vitest';
import { allow, authorizeResource, isAllowed } from '../../src/services/acl.js';
import {
  createNamespace,
  deleteNamespaceByCode,
  deleteNamespaceById,
  listNamespaces,
  resolveNamespace,
  updateNamespaceByCode,
  updateNamespaceById,
} from '../../src/services/namespaces.js';
import { createResource, listResources } from '../../src/services/resources.js';
import { assignRole, createRole, getRole, listUserRoles } from '../../src/services/roles.js';
import { createUser } from '../../src/services/users.js';
import { expectCode, expectConsistent, fixture, type Fixture } from './helpers.js';

let f: Fixture;
beforeEach(async () => {
  f = await fixture();
});

describe('namespaces', () => {
  it('lists the default and the app namespace of a fresh pool as {total, list}', async () => {
    const page = await listNamespaces(f.ctx);
    expect(page.total).toBe(2);
    expect(page.list[0]).toEqual({
      id: expect.any(Number),
      name: '默认权限分组',
      code: 'default',
      description: null,
      status: 1,
      appId: null,
      appName: null,
      userPoolId: f.pool.userPoolId,
    });
    expect(page.list[1]).toMatchObject({ code: f.pool.appId, name: 'Default App', appId: f.pool.appId, appName: 'Default App' });
  });

  it('creates (3001 on a taken code), pages, resolves (default when omitted) and updates by code or id', async () => {
    const ns = await createNamespace(f.ctx, { code: 'shop', name: 'Shop', description: 'd' });
    expect(ns).toMatchObject({ code: 'shop', name: 'Shop', description: 'd', status: 1, appId: null });
    expect(typeof ns.id).toBe('number');
    await expectCode(createNamespace(f.ctx, { code: 'shop', name: 'Again' }), 3001);
    expect((await listNamespaces(f.ctx, 2, 2)).list.map((n) => n.code)).toEqual(['shop']);
    expect((await resolveNamespace(f.ctx)).code).toBe('default');
    expect((await updateNamespaceByCode(f.ctx, 'shop', { name: 'Store' })).name).toBe('Store');
    expect((await updateNamespaceById(f.ctx, ns.id, { code: 'store', description: 'x' })).code).toBe('store');
    await expectCode(resolveNamespace(f.ctx, 'shop'), 3003);
    await expectCode(updateNamespaceByCode(f.ctx, 'store', { code: 'default' }), 3001);
  });

  it('answers 3005 to updating and 3003 to deleting a missing namespace', async () => {
    await expectCode(updateNamespaceById(f.ctx, 0, { name: 'x' }), 3005);
    await expectCode(updateNamespaceByCode(f.ctx, 'missing', { name: 'x' }), 3005);
    await expectCode(deleteNamespaceById(f.ctx, 0), 3003);
    await expectCode(deleteNamespaceByCode(f.ctx, 'missing'), 3003);
  });

  it('protects the default and app namespaces (3006)', async () => {
    await expectCode(deleteNamespaceByCode(f.ctx, 'default'), 3006);
    await expectCode(deleteNamespaceByCode(f.ctx, f.pool.appId), 3006);
    await expectCode(updateNamespaceByCode(f.ctx, 'default', { code: 'other' }), 3006);
    await expectCode(updateNamespaceByCode(f.ctx, f.pool.appId, { name: 'Renamed' }), 3006);
    expect((await updateNamespaceByCode(f.ctx, 'default', { description: 'mine' })).description).toBe('mine');
  });

  it('deleting a namespace removes its resources, roles (assignments, grants) and grants; others untouched', async () => {
    const user = await createUser(f.ctx, { username: 'u' });
    const ns = await createNamespace(f.ctx, { code: 'shop', name: 'Shop' });
    await createResource(f.ctx, { code: 'books', namespace: 'shop', actions: [{ name: 'read' }] });
    await createRole(f.ctx, { code: 'admin', namespace: 'shop' });
    await createRole(f.ctx, { code: 'admin' });
    await assignRole(f.ctx, { namespace: 'shop', roleCode: 'admin', userIds: [user.id] });
    await assignRole(f.ctx, { roleCode: 'admin', userIds: [user.id] });
    await allow(f.ctx, { namespace: 'shop', resource: 'books:*', action: 'read', roleCode: 'admin' });
    await authorizeResource(f.ctx, { namespace: 'shop', resource: 'orders', opts: [{ targetType: 'USER', targetIdentifier: user.id, actions: ['read'] }] });
    await allow(f.ctx, { resource: 'books:*', action: 'read', userId: user.id });
    expect(await isAllowed(f.ctx, user.id, 'books:1', 'read', 'shop')).toBe(true);

    await deleteNamespaceById(f.ctx, ns.id);
    await expectConsistent(f.store);
    await expectCode(listResources(f.ctx, { namespace: 'shop' }), 3003);
    expect(await f.store.db.selectFrom('resources').select('id').execute()).toEqual([]);
    expect(await getRole(f.ctx, 'admin', 'shop')).toBeNull();
    expect((await getRole(f.ctx, 'admin'))?.namespace).toBe('default');
    expect((await listUserRoles(f.ctx, user.id)).list.map((r) => r.namespace)).toEqual(['default']);
    const grants = await f.store.db.selectFrom('grants').select(['resource', 'namespace_id']).execute();
    expect(grants).toHaveLength(1);
    expect(await isAllowed(f.ctx, user.id, 'books:1', 'read')).toBe(true);
  });
});
