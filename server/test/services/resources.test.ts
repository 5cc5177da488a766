import { beforeEach, describe, expect, it } from 'vitest';
import { authorizeResource, listAuthorizedResources } from '../../src/services/acl.js';
import { createNamespace } from '../../src/services/namespaces.js';
import {
  RESERVED_RESOURCE_CODES,
  createResource,
  deleteResource,
  getResourceByCode,
  getResourceById,
  listResources,
  updateResource,
} from '../../src/services/resources.js';
import { createUser } from '../../src/services/users.js';
import { expectCode, expectConsistent, fixture, type Fixture } from './helpers.js';

let f: Fixture;
beforeEach(async () => {
  f = await fixture();
});

describe('resources', () => {
  it('creates a resource with the wire shape and finds it by id and by code', async () => {
    await createNamespace(f.ctx, { code: 'shop', name: 'Shop' });
    const r = await createResource(f.ctx, {
      code: 'books',
      type: 'API',
      description: 'Books',
      actions: [{ name: 'books:read', description: 'Read' }],
      namespace: 'shop',
      apiIdentifier: 'https://api/books',
    });
    expect(r).toMatchObject({
      code: 'books',
      type: 'API',
      description: 'Books',
      actions: [{ name: 'books:read', description: 'Read' }],
      namespace: 'shop',
      apiIdentifier: 'https://api/books',
      userPoolId: f.pool.userPoolId,
    });
    expect(typeof r.namespaceId).toBe('number');
    expect(await getResourceById(f.ctx, r.id)).toEqual(r);
    expect(await getResourceByCode(f.ctx, 'shop', 'books')).toEqual(r);
    expect(await getResourceById(f.ctx, 'xxx')).toBeNull();
    expect(await getResourceByCode(f.ctx, 'shop', 'missing')).toBeNull();
    expect(await getResourceByCode(f.ctx, 'no-such-ns', 'books')).toBeNull();
  });

  it('rejects reserved codes, unknown types, missing actions, unknown namespaces and duplicates', async () => {
    expect(RESERVED_RESOURCE_CODES).toHaveLength(10);
    for (const code of RESERVED_RESOURCE_CODES) {
      await expectCode(createResource(f.ctx, { code, actions: [{ name: 'read' }] }), 3102);
    }
    await expectCode(createResource(f.ctx, { code: 'x', type: 'FILE' as 'DATA', actions: [{ name: 'read' }] }), 3103);
    await expectCode(createResource(f.ctx, { code: 'x', type: 'DATA', actions: [] }), 3104);
    await expectCode(createResource(f.ctx, { code: 'x', type: 'API' }), 3104);
    await expectCode(createResource(f.ctx, { code: 'x', actions: [{ name: 'read' }], namespace: 'nope' }), 3003);
    expect((await createResource(f.ctx, { code: 'menu', type: 'MENU' })).actions).toEqual([]);
    expect((await createResource(f.ctx, { code: 'btn', type: 'BUTTON', actions: [] })).type).toBe('BUTTON');
    await createResource(f.ctx, { code: 'x', actions: [{ name: 'read' }] });
    await expectCode(createResource(f.ctx, { code: 'x', actions: [{ name: 'write' }] }), 3101);
    await createNamespace(f.ctx, { code: 'other', name: 'Other' });
    expect((await createResource(f.ctx, { code: 'x', actions: [{ name: 'read' }], namespace: 'other' })).namespace).toBe('other');
  });

  it('lists per namespace and type in creation order (Python test: 1 DATA, 0 MENU)', async () => {
    await createNamespace(f.ctx, { code: 'shop', name: 'Shop' });
    await createResource(f.ctx, { code: 'b', actions: [{ name: 'r' }], namespace: 'shop' });
    await createResource(f.ctx, { code: 'a', actions: [{ name: 'r' }], namespace: 'shop' });
    await createResource(f.ctx, { code: 'c', actions: [{ name: 'r' }] });
    const shop = await listResources(f.ctx, { namespace: 'shop' });
    expect(shop.totalCount).toBe(2);
    expect(shop.list.map((r) => r.code)).toEqual(['b', 'a']);
    expect((await listResources(f.ctx, { namespace: 'shop', type: 'MENU' })).totalCount).toBe(0);
    expect((await listResources(f.ctx, { namespace: 'shop', page: 2, limit: 1 })).list.map((r) => r.code)).toEqual(['a']);
    expect((await listResources(f.ctx)).totalCount).toBe(3);
  });

  it('update replaces the whole actions array and changes type, description and apiIdentifier', async () => {
    await createResource(f.ctx, { code: 'books', actions: [{ name: 'a' }, { name: 'b' }] });
    const r = await updateResource(f.ctx, 'books', {
      type: 'API',
      description: 'new',
      apiIdentifier: '/books',
      actions: [{ name: 'name', description: 'description' }],
    });
    expect(r).toMatchObject({ type: 'API', description: 'new', apiIdentifier: '/books', actions: [{ name: 'name', description: 'description' }] });
    expect((await updateResource(f.ctx, 'books', { description: 'kept actions' })).actions).toEqual([{ name: 'name', description: 'description' }]);
    await expectCode(updateResource(f.ctx, 'missing', { description: 'x' }), 3105);
    await expectCode(updateResource(f.ctx, 'books', { actions: [] }), 3104);
  });

  it('delete removes the definition and every grant of the kind in that namespace only', async () => {
    const u = await createUser(f.ctx, { username: 'u' });
    await createNamespace(f.ctx, { code: 'shop', name: 'Shop' });
    await createResource(f.ctx, { code: 'books', actions: [{ name: 'read' }] });
    for (const resource of ['books', 'books:*', 'books:1', 'bookshelf:1', 'orders:1']) {
      await authorizeResource(f.ctx, { resource, opts: [{ targetType: 'USER', targetIdentifier: u.id, actions: ['read'] }] });
    }
    await authorizeResource(f.ctx, { namespace: 'shop', resource: 'books:1', opts: [{ targetType: 'USER', targetIdentifier: u.id, actions: ['read'] }] });
    await deleteResource(f.ctx, 'books', 'default');
    await expectConsistent(f.store);
    expect(await getResourceByCode(f.ctx, 'default', 'books')).toBeNull();
    expect((await listAuthorizedResources(f.ctx, 'USER', u.id)).list.map((r) => r.code)).toEqual(['bookshelf:1', 'orders:1']);
    expect((await listAuthorizedResources(f.ctx, 'USER', u.id, 'shop')).list.map((r) => r.code)).toEqual(['books:1']);
    await expectCode(deleteResource(f.ctx, 'books', 'default'), 3105);
  });
});
