import { describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();

const newUser = () => h.management.users.create({ username: uid('tenant-user'), password: 'p4ssw0rd!' });
const newApp = () => h.management.applications.create({ name: uid('tenant-app'), identifier: uid('tenant-app-id') });

describe('managementClient.tenant: tenants', () => {
  it('creates, reads, pages, updates, configures and deletes tenants', async () => {
    const t = h.management.tenant;
    const [app1, app2] = [await newApp(), await newApp()];
    const code = uid('acme');
    const created = await t.create({ name: 'Acme', code, appIds: `${app1.id},${app2.id}`, description: 'first', logo: 'https://example.com/logo.png' });
    expect(created).toMatchObject({ name: 'Acme', code, description: 'first', logo: 'https://example.com/logo.png', appIds: [app1.id, app2.id], userPoolId: h.server.userPoolId, css: null });
    expect(await t.details(created.id)).toEqual(created);

    const second = await t.create({ name: 'Beta', appIds: [app2.id] });
    const third = await t.create({ name: 'Gamma' });
    const page1 = await t.list({ page: 1, limit: 2 });
    const page2 = await t.list({ page: 2, limit: 2 });
    expect(page1.totalCount).toBe(page2.totalCount);
    const all = [...page1.list, ...page2.list].map((x) => x.id);
    expect(all.slice(-3)).toEqual([created.id, second.id, third.id]);
    expect(page1.list).toHaveLength(2);

    const updated = await t.update(created.id, { name: 'Acme Corp', appIds: [app2.id] });
    expect(updated).toMatchObject({ name: 'Acme Corp', description: 'first', code, appIds: [app2.id] });
    const configured = await t.config(created.id, { css: '.btn { color: #f0e }', ssoPageCustomizationSettings: { hideSocialLogin: true, hideIdp: false } });
    expect(configured).toMatchObject({ name: 'Acme Corp', css: '.btn { color: #f0e }', ssoPageCustomizationSettings: { hideSocialLogin: true, hideIdp: false } });

    const ofApp2 = await h.management.applications.applicationTenants(app2.id);
    expect(ofApp2).toMatchObject({ id: app2.id, name: app2.name, isIntegrate: false });
    expect(ofApp2.tenants.map((x) => x.id)).toEqual([created.id, second.id]);
    expect((await h.management.applications.applicationTenants(app1.id)).tenants).toEqual([]);

    // Deleting an app removes it from its tenants.
    await h.management.applications.delete(app2.id);
    expect((await t.details(second.id)).appIds).toEqual([]);

    expect(await t.delete(third.id)).toBe(true);
    expect((await failure(t.details(third.id))).code).toBe(3814);
    expect((await t.list({ page: 1, limit: 100 })).list.map((x) => x.id)).not.toContain(third.id);
  });

  it('records its writes in the audit log as tenant operations', async () => {
    const tenant = await h.management.tenant.create({ name: uid('audited') });
    await h.management.tenant.update(tenant.id, { description: 'audited' });
    await h.management.tenant.delete(tenant.id);
    const logs = await h.management.statistics.listAuditLogs({ operationNames: ['createTenant', 'updateTenant', 'deleteTenant'], limit: 50 });
    const ofTenant = logs.list.filter((l) => l.resourceDesc === tenant.id);
    expect(ofTenant.map((l) => [l.operationName, l.resourceType])).toEqual([
      ['deleteTenant', 'tenant'],
      ['updateTenant', 'tenant'],
      ['createTenant', 'tenant'],
    ]);
  });

  it('refuses bad input with typed errors and writes nothing', async () => {
    const t = h.management.tenant;
    const code = uid('dup');
    const first = await t.create({ name: 'Dup', code });
    const before = (await t.list({ page: 1, limit: 100 })).totalCount;
    const taken = await failure(t.create({ name: 'Other', code }));
    expect(taken.code).toBe(3821);
    expect((await failure(t.create({ name: 'Bad app', appIds: 'no-such-app' }))).code).toBe(2011);
    expect((await t.list({ page: 1, limit: 100 })).totalCount).toBe(before);

    const other = await t.create({ name: 'Other' });
    expect((await failure(t.update(other.id, { code }))).code).toBe(3821);
    expect((await failure(t.update(other.id, { name: '' }))).code).toBe(3822);
    expect((await failure(t.update(other.id, { name: 'Renamed', appIds: ['no-such-app'] }))).code).toBe(2011);
    expect((await t.details(other.id)).name).toBe('Other');
    expect((await t.update(first.id, { code })).code).toBe(code);
    expect((await failure(t.update('no-such-tenant', { name: 'x' }))).code).toBe(3814);
    expect((await failure(t.delete('no-such-tenant'))).code).toBe(3814);
    expect((await failure(t.members('no-such-tenant'))).code).toBe(3814);
    expect((await failure(h.management.users.getUserTenants('no-such-user'))).code).toBe(2004);
    expect((await failure(h.management.applications.applicationTenants('no-such-app'))).code).toBe(2011);
  });
});

describe('managementClient.tenant: members and admins', () => {
  it('adds, lists, promotes, disables and removes members; cascades on user and tenant deletion', async () => {
    const t = h.management.tenant;
    const tenant = await t.create({ name: uid('members') });
    const other = await t.create({ name: uid('other') });
    const [u1, u2, u3] = [await newUser(), await newUser(), await newUser()];

    const added = await t.addMembers(tenant.id, [u1.id, u2.id, u1.id]);
    expect(added.map((m) => [m.userId, m.isAdmin, m.isEnabled])).toEqual([
      [u1.id, false, true],
      [u2.id, false, true],
    ]);
    expect(added[0]?.user.username).toBe(u1.username);
    await t.addMembers(tenant.id, [u3.id, u1.id]);
    await t.addMembers(other.id, [u1.id]);

    const page = await t.members(tenant.id, { page: 1, limit: 2 });
    expect(page.totalCount).toBe(3);
    expect(page.list.map((m) => m.userId)).toEqual([u1.id, u2.id]);
    expect((await t.members(tenant.id, { page: 2, limit: 2 })).list.map((m) => m.userId)).toEqual([u3.id]);
    expect((await failure(t.addMembers(tenant.id, [u1.id, 'no-such-user']))).code).toBe(2004);

    const admins = await t.setTanentAdmin(tenant.id, { userIds: [u1.id, u2.id] });
    expect(admins.map((m) => [m.userId, m.isAdmin])).toEqual([
      [u1.id, true],
      [u2.id, true],
    ]);
    expect((await t.deleteTanentAdmin(tenant.id, u2.id)).isAdmin).toBe(false);
    const outsider = await newUser();
    const notMember = await failure(t.setTanentAdmin(tenant.id, { userIds: [u3.id, outsider.id] }));
    expect(notMember.code).toBe(3823);
    expect((await t.members(tenant.id, { page: 1, limit: 10 })).list.find((m) => m.userId === u3.id)?.isAdmin).toBe(false);
    expect((await failure(t.deleteTanentAdmin(tenant.id, outsider.id))).code).toBe(3823);

    expect((await t.updateTenantMember(tenant.id, u3.id, false)).isEnabled).toBe(false);
    expect((await t.updateTenantMember(tenant.id, u3.id, true)).isEnabled).toBe(true);
    expect((await failure(t.updateTenantMember(tenant.id, outsider.id, false))).code).toBe(3823);

    expect((await h.management.users.getUserTenants(u1.id)).map((x) => x.id)).toEqual([tenant.id, other.id]);
    expect(await h.management.users.getUserTenants(outsider.id)).toEqual([]);

    expect(await t.removeMembers(tenant.id, u2.id)).toBe(true);
    expect((await failure(t.removeMembers(tenant.id, u2.id))).code).toBe(3823);
    expect((await t.members(tenant.id)).list.map((m) => m.userId)).toEqual([u1.id, u3.id]);

    // Deleting a user ends its memberships.
    await h.management.users.delete(u3.id);
    expect((await t.members(tenant.id)).list.map((m) => m.userId)).toEqual([u1.id]);

    // Deleting a tenant ends its memberships; the users stay.
    await t.delete(tenant.id);
    expect((await h.management.users.getUserTenants(u1.id)).map((x) => x.id)).toEqual([other.id]);
    expect((await h.management.users.detail(u1.id))?.id).toBe(u1.id);
  });

  it('validates arguments before sending anything', async () => {
    const t = h.management.tenant;
    const sent = h.requests.length;
    await expect(t.addMembers('tenant', [])).rejects.toMatchObject({ name: 'AuthingValidationError' });
    await expect(t.create({ name: '' })).rejects.toMatchObject({ name: 'AuthingValidationError' });
    await expect(t.create({ name: '   ' })).rejects.toMatchObject({ name: 'AuthingValidationError' });
    expect(h.requests.length).toBe(sent);
  });
});
