import { AuthingValidationError } from 'authing-ts';
import { describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();


const read = (name: string) => ({ name, description: `may ${name}` });

describe('namespaces', () => {
  it('creates, lists, updates and deletes namespaces by code', async () => {
    const code = uid('ns');
    const created = await h.management.acl.createNamespace(code, 'Library', 'Books');
    expect(created).toMatchObject({ code, name: 'Library', description: 'Books' });
    expect(created.id).toEqual(expect.any(Number));

    const all = await h.management.acl.listNamespaces(1, 100);
    const codes = all.list.map((n) => n.code);
    expect(codes).toEqual(expect.arrayContaining(['default', h.server.appId, code]));
    expect(all.total).toBe(all.list.length);
    const appNamespace = all.list.find((n) => n.code === h.server.appId);
    expect(appNamespace?.appId).toBe(h.server.appId);
    expect((await h.management.acl.listNamespaces(1, 1)).list).toHaveLength(1);
    expect((await h.management.acl.listNamespaces()).list.length).toBeLessThanOrEqual(10);

    const newCode = uid('ns2');
    const updated = await h.management.acl.updateNamespace(code, { name: 'Library 2', code: newCode, description: 'More books' });
    expect(updated).toMatchObject({ id: created.id, code: newCode, name: 'Library 2', description: 'More books' });
    await expect(h.management.acl.deleteNamespace(newCode)).resolves.toBe(true);
    expect((await h.management.acl.listNamespaces(1, 100)).list.map((n) => n.code)).not.toContain(newCode);
  });

  it('answers 3005 / 3003 for a missing namespace, 3001 for a duplicate code, in both languages', async () => {
    const update = await failure(h.management.acl.updateNamespace(uid('missing'), { name: 'x' }));
    expect(update).toMatchObject({ name: 'AuthingApiError', code: 3005, message: '权限分组不存在' });
    const remove = await failure(h.management.acl.deleteNamespace(uid('missing')));
    expect(remove).toMatchObject({ code: 3003, message: '权限分组不存在' });
    const code = uid('ns');
    await h.management.acl.createNamespace(code, 'one');
    expect((await failure(h.management.acl.createNamespace(code, 'two'))).code).toBe(3001);
    const english = await failure(h.management.acl.deleteNamespace(uid('missing'), { headers: { 'x-authing-lang': 'en-US' } }));
    expect(english).toMatchObject({ code: 3003, message: 'Namespace does not exist' });
  });

  it('refuses to delete the default namespace', async () => {
    expect((await failure(h.management.acl.deleteNamespace('default'))).code).toBe(3006);
  });
});

describe('resources', () => {
  it('creates, reads, lists, updates and deletes resources', async () => {
    const ns = uid('ns');
    await h.management.acl.createNamespace(ns, 'NS');
    const created = await h.management.acl.createResource({
      namespace: ns,
      code: 'books',
      type: 'DATA',
      description: 'Every book',
      actions: [read('books:read'), read('books:edit')],
    });
    expect(created).toMatchObject({ code: 'books', type: 'DATA', description: 'Every book', userPoolId: h.server.userPoolId });
    expect(created.actions).toEqual([read('books:read'), read('books:edit')]);
    expect(created.namespaceId).toEqual(expect.any(Number));

    const api = await h.management.acl.createResource({ namespace: ns, code: 'orders', type: 'API', actions: [read('orders:list')], apiIdentifier: 'https://api.example/orders' });
    expect(api.apiIdentifier).toBe('https://api.example/orders');
    const menu = await h.management.acl.createResource({ namespace: ns, code: 'nav', type: 'MENU' });
    expect(menu.actions).toEqual([]);

    await expect(h.management.acl.getResourceById(created.id)).resolves.toMatchObject({ id: created.id, code: 'books' });
    await expect(h.management.acl.getResourceByCode({ namespace: ns, code: 'orders' })).resolves.toMatchObject({ id: api.id });
    await expect(h.management.acl.getResourceById('no-such-resource')).resolves.toBeNull();
    await expect(h.management.acl.getResourceByCode({ namespace: ns, code: 'nothing' })).resolves.toBeNull();

    const all = await h.management.acl.listResources({ namespace: ns });
    expect(all.totalCount).toBe(3);
    expect(all.list.map((r) => r.code)).toEqual(['books', 'orders', 'nav']);
    expect((await h.management.acl.listResources({ namespace: ns, type: 'API' })).list.map((r) => r.code)).toEqual(['orders']);
    expect((await h.management.acl.listResources({ namespace: ns, type: 'BUTTON' })).totalCount).toBe(0);
    const page = await h.management.acl.listResources({ namespace: ns, page: 2, limit: 2 });
    expect(page).toMatchObject({ totalCount: 3, list: [{ code: 'nav' }] });

    const updated = await h.management.acl.updateResource('books', {
      namespace: ns,
      type: 'API',
      description: 'Books API',
      actions: [read('books:delete'), read('books:read')],
      apiIdentifier: 'https://api.example/books',
    });
    expect(updated).toMatchObject({ code: 'books', type: 'API', description: 'Books API', apiIdentifier: 'https://api.example/books' });
    expect(updated.actions.map((a) => a.name)).toEqual(['books:delete', 'books:read']);

    await expect(h.management.acl.deleteResource('books', ns)).resolves.toBe(true);
    await expect(h.management.acl.getResourceById(created.id)).resolves.toBeNull();
  });

  it('keeps namespaces apart: the same code in two namespaces', async () => {
    const [a, b] = [uid('ns'), uid('ns')];
    await h.management.acl.createNamespace(a, 'A');
    await h.management.acl.createNamespace(b, 'B');
    await h.management.acl.createResource({ namespace: a, code: 'doc', actions: [read('read')] });
    await h.management.acl.createResource({ namespace: b, code: 'doc', actions: [read('write')] });
    expect((await h.management.acl.getResourceByCode({ namespace: a, code: 'doc' }))?.actions.map((x) => x.name)).toEqual(['read']);
    expect((await h.management.acl.getResourceByCode({ namespace: b, code: 'doc' }))?.actions.map((x) => x.name)).toEqual(['write']);
    expect((await failure(h.management.acl.createResource({ namespace: a, code: 'doc', actions: [read('x')] }))).code).toBe(3101);
  });

  it('rejects unknown namespaces, reserved codes and bad arguments', async () => {
    const unknown = uid('missing');
    expect((await failure(h.management.acl.createResource({ namespace: unknown, code: 'books', actions: [read('r')] }))).code).toBe(3003);
    expect((await failure(h.management.acl.listResources({ namespace: unknown }))).code).toBe(3003);
    expect((await failure(h.management.roles.create(uid('role'), undefined, undefined, unknown))).code).toBe(3003);
    expect((await failure(h.management.acl.createResource({ namespace: 'default', code: 'user', actions: [read('r')] }))).code).toBe(3102);
    expect((await failure(h.management.acl.updateResource('never-created', { namespace: 'default', description: 'x' }))).code).toBe(3105);

    const before = h.requests.length;
    const bad = await failure(h.management.acl.createResource({ namespace: 'default', code: 'books', actions: [] }));
    expect(bad).toBeInstanceOf(AuthingValidationError);
    expect(bad).toMatchObject({ code: 400, argument: 'actions' });
    expect(h.requests.length).toBe(before);
  });
});
