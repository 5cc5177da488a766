import { beforeEach, describe, expect, it } from 'vitest';
import { createExtIdp } from '../../src/services/ext-idp.js';
import { createApp, deleteApp } from '../../src/services/pools.js';
import { addTenantMembers, listTenantMembers, setTenantAdmins } from '../../src/services/tenant-members.js';
import { createTenant, deleteTenant, getTenant, listTenants, updateTenant } from '../../src/services/tenants.js';
import { createUser, deleteUser } from '../../src/services/users.js';
import { expectCode, fixture, type Fixture } from './helpers.js';

let f: Fixture;
beforeEach(async () => {
  f = await fixture();
});

const count = async (table: 'tenants' | 'tenant_apps' | 'tenant_members' | 'ext_idps') =>
  Number((await f.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('services/tenants', () => {
  it('writes nothing when one app id of a create is unknown, and keeps the old apps when an update fails', async () => {
    const app = await createApp(f.ctx, { name: 'one' });
    await expectCode(createTenant(f.ctx, { name: 'T', code: 't', appIds: [app.id, 'missing'] }), 2011);
    expect([await count('tenants'), await count('tenant_apps')]).toEqual([0, 0]);
    const tenant = await createTenant(f.ctx, { name: 'T', code: 't', appIds: app.id });
    await expectCode(updateTenant(f.ctx, tenant.id, { name: 'New', appIds: ['missing'] }), 2011);
    expect(await getTenant(f.ctx, tenant.id)).toMatchObject({ name: 'T', appIds: [app.id] });
    await expectCode(createTenant(f.ctx, {}), 3822);
    await expectCode(createTenant(f.ctx, { name: 'U', code: 't' }), 3821);
  });

  it('a tenant of another pool is unknown', async () => {
    const tenant = await createTenant(f.ctx, { name: 'T' });
    const other = { ...f.ctx, poolId: 'another-pool' };
    await expectCode(getTenant(other, tenant.id), 3814);
    await expectCode(deleteTenant(other, tenant.id), 3814);
    expect((await listTenants(other)).totalCount).toBe(0);
  });

  it('setting admins is all or nothing', async () => {
    const tenant = await createTenant(f.ctx, { name: 'T' });
    const a = await createUser(f.ctx, { username: 'a', password: 'p4ssw0rd!' });
    const b = await createUser(f.ctx, { username: 'b', password: 'p4ssw0rd!' });
    await addTenantMembers(f.ctx, tenant.id, [a.id]);
    await expectCode(setTenantAdmins(f.ctx, tenant.id, [a.id, b.id]), 3823);
    expect((await listTenantMembers(f.ctx, tenant.id)).list.map((m) => m.isAdmin)).toEqual([false]);
  });

  it('deleting a tenant, a user or an app leaves no link behind', async () => {
    const app = await createApp(f.ctx, { name: 'one' });
    const keep = await createTenant(f.ctx, { name: 'Keep', appIds: [app.id] });
    const gone = await createTenant(f.ctx, { name: 'Gone', appIds: [app.id] });
    const a = await createUser(f.ctx, { username: 'a', password: 'p4ssw0rd!' });
    const b = await createUser(f.ctx, { username: 'b', password: 'p4ssw0rd!' });
    await addTenantMembers(f.ctx, keep.id, [a.id, b.id]);
    await addTenantMembers(f.ctx, gone.id, [a.id]);
    await createExtIdp(f.ctx, { tenantId: gone.id, name: 'WeChat', type: 'wechat', connections: [] });
    expect(await count('ext_idps')).toBe(1);

    await deleteTenant(f.ctx, gone.id);
    expect([await count('tenant_members'), await count('tenant_apps'), await count('ext_idps')]).toEqual([2, 1, 0]);
    await deleteUser(f.ctx, b.id);
    expect(await count('tenant_members')).toBe(1);
    await deleteApp(f.ctx, app.id);
    expect(await count('tenant_apps')).toBe(0);
    expect((await getTenant(f.ctx, keep.id)).appIds).toEqual([]);
  });
});
