import { AuthenticationClient, AuthingError } from 'authing-ts';
import { describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();

describe('managementClient.applications', () => {
  it('creates an app with its own namespace; deleting it removes the namespace, its roles, resources and grants', async () => {
    const apps = h.management.applications;
    const app = await apps.create({ name: uid('shop'), identifier: uid('shop-id'), redirectUris: ['https://shop.example.com/cb'] });
    expect(app).toMatchObject({ appType: 'INDIVIDUAL', redirectUris: ['https://shop.example.com/cb'], permissionStrategy: { defaultStrategy: 'ALLOW_ALL' } });
    expect((await apps.findById(app.id)).name).toBe(app.name);
    const listed = await apps.list({ page: 1, limit: 100 });
    expect(listed.list.map((a) => a.id)).toContain(app.id);

    const user = await h.management.users.create({ username: uid('app-user'), password: 'p4ssw0rd!' });
    const role = await apps.createRole(app.id, { code: 'editor' });
    expect(role.namespace).toBe(app.id);
    await apps.addUsersToRole(app.id, 'editor', [user.id]);
    await apps.createResource(app.id, { code: 'book', actions: [{ name: 'book:read', description: 'Read' }] });
    await h.management.acl.allow(user.id, 'book:1', 'book:read', app.id);
    expect(await h.management.acl.isAllowed(user.id, 'book:1', 'book:read', { namespace: app.id })).toBe(true);
    expect((await apps.getRoles(app.id)).list.map((r) => r.code)).toEqual(['editor']);
    expect((await apps.listResources(app.id)).list.map((r) => r.code)).toEqual(['book']);
    await apps.allowAccess(app.id, { targetType: 'USER', targetIdentifiers: [user.id] });
    expect((await apps.getAccessPolicies(app.id)).list).toMatchObject([{ targetIdentifier: user.id, effect: 'ALLOW' }]);

    await apps.disableAccessPolicy(app.id, { targetType: 'USER', targetIdentifiers: [user.id] });
    expect((await apps.getAccessPolicies(app.id)).list).toMatchObject([{ enabled: false }]);
    await apps.enableAccessPolicy(app.id, { targetType: 'USER', targetIdentifiers: [user.id] });
    expect((await apps.getAccessPolicies(app.id)).list).toMatchObject([{ enabled: true }]);
    expect((await apps.updateResource(app.id, { code: 'book', description: 'Books' })).description).toBe('Books');
    await h.management.acl.authorizeResource({ namespace: app.id, resource: 'book:*', opts: [{ targetType: 'ROLE', targetIdentifier: 'editor', actions: ['book:read'] }] });
    expect((await apps.listAuthorizedResourcesByRole(app.id, 'editor')).list).toMatchObject([{ code: 'book:*', actions: ['book:read'] }]);
    expect((await apps.getUsersByRoleCode(app.id, 'editor')).list.map((u) => u.id)).toEqual([user.id]);
    expect((await apps.updateRole(app.id, { code: 'editor', description: 'Edits' })).description).toBe('Edits');
    await apps.createRole(app.id, { code: 'temp' });
    await apps.deleteRoles(app.id, ['temp']);
    expect(await apps.findRole(app.id, 'temp')).toBeNull();

    expect(await apps.delete(app.id)).toBe(true);
    expect((await failure(apps.findById(app.id))).code).toBe(2011);
    const namespaces = await h.management.acl.listNamespaces(1, 100);
    expect(namespaces.list.map((n) => n.code)).not.toContain(app.id);
    expect((await h.management.users.listRoles(user.id)).list).toEqual([]);
    expect((await failure(apps.getRoles(app.id))).code).toEqual(expect.any(Number));
    expect((await apps.list({ page: 1, limit: 100 })).list.map((a) => a.id)).not.toContain(app.id);
  });

  it('refreshes the secret: a new one, and the old one is no longer the app\'s', async () => {
    const app = await h.management.applications.create({ name: uid('secret') });
    const refreshed = await h.management.applications.refreshApplicationSecret(app.id);
    expect(refreshed.secret).toMatch(/^[0-9a-f]{32}$/);
    expect(refreshed.secret).not.toBe(app.secret);
    expect((await h.management.applications.findById(app.id)).secret).toBe(refreshed.secret);
    expect((await failure(h.management.applications.refreshApplicationSecret('no-such-app'))).code).toBe(2011);
  });

  it('changes the application type and refuses unknown types', async () => {
    const app = await h.management.applications.create({ name: uid('type') });
    expect((await h.management.applications.changeApplicationType(app.id, 'BOTH')).appType).toBe('BOTH');
    expect((await h.management.applications.findById(app.id)).appType).toBe('BOTH');
    expect(await failure(h.management.applications.changeApplicationType(app.id, 'WHATEVER' as never))).toBeInstanceOf(AuthingError);
  });

  it('lists the users logged in to the app, and no one else', async () => {
    const app = await h.management.applications.create({ name: uid('active') });
    const username = uid('active-user');
    const user = await h.management.users.create({ username, password: 'p4ssw0rd!' });
    await h.management.users.create({ username: uid('idle'), password: 'p4ssw0rd!' });
    expect(await h.management.applications.activeUsers(app.id)).toEqual({ totalCount: 0, list: [] });
    await new AuthenticationClient({ appId: app.id, appHost: h.server.url }).loginByUsername(username, 'p4ssw0rd!');
    const active = await h.management.applications.activeUsers(app.id, 1, 10);
    expect(active.totalCount).toBe(1);
    expect(active.list.map((u) => u.id)).toEqual([user.id]);
  });

  it('keeps agreements in order through create, sort, modify and delete', async () => {
    const apps = h.management.applications;
    const app = await apps.create({ name: uid('agree') });
    const terms = await apps.createAgreement(app.id, { title: 'Terms' });
    const privacy = await apps.createAgreement(app.id, { title: 'Privacy', required: false, lang: 'en-US' });
    expect(terms).toMatchObject({ appId: app.id, title: 'Terms', required: true, lang: 'zh-CN', order: 0 });
    expect(privacy).toMatchObject({ required: false, lang: 'en-US', order: 1 });
    expect(await apps.sortAgreement(app.id, [privacy.id, terms.id])).toBe(true);
    expect((await apps.listAgreement(app.id)).list.map((a) => [a.title, a.order])).toEqual([['Privacy', 0], ['Terms', 1]]);
    expect(await apps.modifyAgreement(app.id, terms.id, { title: 'Terms v2' })).toMatchObject({ title: 'Terms v2', required: true, order: 1 });
    expect((await failure(apps.sortAgreement(app.id, [terms.id]))).code).toBe(400);
    expect((await failure(apps.modifyAgreement(app.id, 99999, { title: 'x' }))).code).toBe(2012);
    expect(await apps.deleteAgreement(app.id, privacy.id)).toBe(true);
    expect(await apps.listAgreement(app.id)).toMatchObject({ totalCount: 1, list: [{ id: terms.id, title: 'Terms v2', order: 0 }] });
    const error = await failure(apps.createAgreement(app.id, { title: ' ' }));
    expect(error).toBeInstanceOf(AuthingError);
  });
});
