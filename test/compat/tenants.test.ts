/**
 * The official authing-js-sdk 4.23.55's `managementClient.tenant` (tenants, members, admins),
 * `users.getUserTenants` and `applications.applicationTenants` against authing-local.
 */
import { describe, expect, it } from 'vitest';
import { useOfficialSdk } from './harness.js';

const h = useOfficialSdk();

describe('official SDK: tenants', () => {
  it('creates, reads, lists, updates, configures and deletes a tenant', async () => {
    const t = h.management.tenant;
    const app = await h.management.applications.create({ name: `tenant-app-${h.suffix}`, identifier: `tenant-app-${h.suffix}`, redirectUris: [] });
    const created = await t.create({ name: '搜索', appIds: app.id, description: 'compat' });
    expect(created).toMatchObject({ name: '搜索', description: 'compat', appIds: [app.id] });
    expect(await t.details(created.id)).toMatchObject({ id: created.id, name: '搜索' });
    const listed = await t.list({ page: 1, limit: 10 });
    expect(listed.list.map((x: { id: string }) => x.id)).toContain(created.id);

    expect(await t.update(created.id, { name: '聚合搜索' })).toMatchObject({ name: '聚合搜索', appIds: [app.id] });
    const configured = await t.config(created.id, { css: '.btnId {\n text-color: #FF00EE}', ssoPageCustomizationSettings: { hideForgetPassword: true } });
    expect(configured).toMatchObject({ css: '.btnId {\n text-color: #FF00EE}', ssoPageCustomizationSettings: { hideForgetPassword: true } });

    const ofApp = await h.management.applications.applicationTenants(app.id);
    expect(ofApp.id).toBe(app.id);
    expect(ofApp.tenants.map((x) => x.id)).toEqual([created.id]);

    await expect(t.create({ name: '', appIds: app.id })).rejects.toMatchObject({ code: 3822 });
    await expect(t.create({ name: 'x', appIds: 'no-such-app' })).rejects.toMatchObject({ code: 2011 });

    expect(await t.delete(created.id)).toBe(true);
    await expect(t.details(created.id)).rejects.toMatchObject({ code: 3814 });
    expect((await h.management.applications.applicationTenants(app.id)).tenants).toEqual([]);
  });

  it('adds, promotes, disables and removes members', async () => {
    const t = h.management.tenant;
    const tenant = await t.create({ name: `members-${h.suffix}`, appIds: '' });
    const user = await h.management.users.create({ username: `tenant_member_${h.suffix}`, password: 'pa55word!' });
    const added = await t.addMembers(tenant.id, [user.id]);
    expect(added).toMatchObject([{ userId: user.id, isAdmin: false, isEnabled: true }]);
    const page = await t.members(tenant.id, { page: 1, limit: 10 });
    expect(page.totalCount).toBe(1);
    expect(page.list[0]).toMatchObject({ userId: user.id, user: { username: user.username } });

    expect(await t.setTanentAdmin(tenant.id, { userIds: [user.id] })).toBe(true);
    expect((await t.members(tenant.id, { page: 1, limit: 10 })).list[0]).toMatchObject({ isAdmin: true });
    expect(await t.deleteTanentAdmin(tenant.id, user.id)).toBe(true);
    expect(await t.updateTenantMember(tenant.id, user.id, false)).toBe(true);
    expect((await t.members(tenant.id, { page: 1, limit: 10 })).list[0]).toMatchObject({ isAdmin: false, isEnabled: false });
    // The official SDK turns the error of a non-member into false.
    expect(await t.updateTenantMember(tenant.id, 'no-such-user', true)).toBe(false);

    const tenants = await h.management.users.getUserTenants(user.id);
    expect(tenants.map((x: { id: string }) => x.id)).toEqual([tenant.id]);

    await t.removeMembers(tenant.id, user.id);
    expect((await t.members(tenant.id, { page: 1, limit: 10 })).totalCount).toBe(0);
    await expect(t.removeMembers(tenant.id, user.id)).rejects.toMatchObject({ code: 3823 });
  });
});
