import { beforeEach, describe, expect, it } from 'vitest';
import { authorizeResource, listAuthorizedResources } from '../../src/services/acl.js';
import {
  allowAppAccess,
  canAccessApp,
  denyAppAccess,
  disableAppAccess,
  enableAppAccess,
  listAppAccessRecords,
  revokeAppAccess,
} from '../../src/services/app-access.js';
import { addUsersToGroup, createGroup } from '../../src/services/groups.js';
import { listNamespaces } from '../../src/services/namespaces.js';
import { addMembers, addNode, createOrg } from '../../src/services/orgs.js';
import { createApp, deleteApp, getApp, getPool, getPoolByAppId, listApps, updateApp, verifyPoolSecret } from '../../src/services/pools.js';
import {
  createProgrammaticAccount,
  deleteProgrammaticAccount,
  listProgrammaticAccounts,
  refreshProgrammaticAccountSecret,
  setProgrammaticAccountEnabled,
  updateProgrammaticAccount,
} from '../../src/services/programmatic.js';
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

describe('pools and applications', () => {
  it('reads the pool, checks the secret in constant time and finds the pool of an app', async () => {
    expect((await getPool(f.ctx)).id).toBe(f.pool.userPoolId);
    expect(await verifyPoolSecret(f.store, f.pool.userPoolId, f.pool.secret)).toBe(true);
    expect(await verifyPoolSecret(f.store, f.pool.userPoolId, f.pool.secret.slice(1))).toBe(false);
    expect(await verifyPoolSecret(f.store, 'nope', f.pool.secret)).toBe(false);
    expect(await getPoolByAppId(f.store, f.pool.appId)).toEqual({ poolId: f.pool.userPoolId });
    expect(await getPoolByAppId(f.store, 'nope')).toBeNull();
    await expectCode(getPool({ store: f.store, poolId: 'nope' }), 2224);
  });

  it('updates the default strategy (ALLOW_ALL | DENY_ALL) and the index follows', async () => {
    const app = await getApp(f.ctx, f.pool.appId);
    expect(app).toMatchObject({ id: f.pool.appId, name: 'Default App', secret: f.pool.appSecret, permissionStrategy: { defaultStrategy: 'ALLOW_ALL' } });
    const updated = await updateApp(f.ctx, f.pool.appId, { permissionStrategy: { defaultStrategy: 'DENY_ALL' } });
    expect(updated.permissionStrategy.defaultStrategy).toBe('DENY_ALL');
    expect(await canAccessApp(f.ctx, f.pool.appId, u1)).toEqual({ allowed: false, reason: 'DEFAULT_DENY' });
    await expectCode(updateApp(f.ctx, f.pool.appId, { permissionStrategy: { defaultStrategy: 'MAYBE' as 'DENY_ALL' } }), 400);
    await expectCode(getApp(f.ctx, 'f'.repeat(24)), 2011);
    await expectConsistent(f.store);
  });

  it('creates an app with its namespace and deletes it with everything attached', async () => {
    const app = await createApp(f.ctx, { name: 'Shop', redirectUris: ['http://localhost/cb'] });
    expect(app).toMatchObject({ name: 'Shop', redirectUris: ['http://localhost/cb'], isDefault: false });
    expect((await listApps(f.ctx)).totalCount).toBe(2);
    expect((await listNamespaces(f.ctx)).list.find((n) => n.code === app.id)).toMatchObject({ appId: app.id, appName: 'Shop' });
    await updateApp(f.ctx, app.id, { name: 'Store' });
    expect((await listNamespaces(f.ctx)).list.find((n) => n.code === app.id)?.name).toBe('Store');
    await createRole(f.ctx, { code: 'r', namespace: app.id });
    await assignRole(f.ctx, { namespace: app.id, roleCode: 'r', userIds: [u1] });
    const account = await createProgrammaticAccount(f.ctx, app.id);
    await authorizeResource(f.ctx, { namespace: app.id, resource: 'x:1', opts: [{ targetType: 'AK_SK', targetIdentifier: account.id, actions: ['a'] }] });
    await denyAppAccess(f.ctx, { appId: app.id, targetType: 'USER', targetIdentifiers: [u1] });
    await deleteApp(f.ctx, app.id);
    await expectConsistent(f.store);
    expect((await listNamespaces(f.ctx)).total).toBe(2);
    await expectCode(getApp(f.ctx, app.id), 2011);
  });
});

describe('application access', () => {
  it('records: allow and deny are separate, new records are enabled, listed with wire identifiers', async () => {
    await createRole(f.ctx, { code: 'r' });
    await createGroup(f.ctx, { code: 'g', name: 'G' });
    const org = await createOrg(f.ctx, { name: 'Org' });
    const app = f.pool.appId;
    await allowAppAccess(f.ctx, { appId: app, targetType: 'USER', targetIdentifiers: [u1] });
    await denyAppAccess(f.ctx, { appId: app, targetType: 'USER', targetIdentifiers: [u1] });
    await allowAppAccess(f.ctx, { appId: app, targetType: 'ROLE', targetIdentifiers: ['r'] });
    await allowAppAccess(f.ctx, { appId: app, targetType: 'GROUP', targetIdentifiers: ['g'] });
    await allowAppAccess(f.ctx, { appId: app, targetType: 'ORG', targetIdentifiers: [org.rootNode.id], inheritByChildren: true });
    const records = await listAppAccessRecords(f.ctx, app);
    expect(records.totalCount).toBe(5);
    expect(records.list.map((r) => [r.targetType, r.targetIdentifier, r.effect, r.enabled])).toEqual([
      ['USER', u1, 'ALLOW', true],
      ['USER', u1, 'DENY', true],
      ['ROLE', 'r', 'ALLOW', true],
      ['GROUP', 'g', 'ALLOW', true],
      ['ORG', org.rootNode.id, 'ALLOW', true],
    ]);
    expect(records.list[4]).toMatchObject({ inheritByChildren: true, namespace: 'default', appId: app, userPoolId: f.pool.userPoolId });
    expect((await listAppAccessRecords(f.ctx, app, 2, 2)).list.map((r) => r.targetType)).toEqual(['ROLE', 'GROUP']);
    await expectCode(allowAppAccess(f.ctx, { appId: app, targetType: 'AK_SK', targetIdentifiers: ['x'] }), 3502);
    await expectCode(allowAppAccess(f.ctx, { appId: app, targetType: 'ROLE', targetIdentifiers: ['missing'] }), 3202);
    await expectCode(allowAppAccess(f.ctx, { appId: 'f'.repeat(24), targetType: 'USER', targetIdentifiers: [u1] }), 2011);
    await revokeAppAccess(f.ctx, { appId: app, targetType: 'USER', targetIdentifiers: [u1] });
    expect((await listAppAccessRecords(f.ctx, app)).totalCount).toBe(3);
    await expectConsistent(f.store);
  });

  it('decisions: records beat the default, deny beats allow, disabled records do not apply, ORG inheritance is opt-in', async () => {
    const app = f.pool.appId;
    await updateApp(f.ctx, app, { permissionStrategy: { defaultStrategy: 'DENY_ALL' } });
    const decide = async (user: string) => (await canAccessApp(f.ctx, app, user)).reason;
    expect(await decide(u1)).toBe('DEFAULT_DENY');
    await createRole(f.ctx, { code: 'r' });
    await assignRole(f.ctx, { roleCode: 'r', userIds: [u1] });
    await allowAppAccess(f.ctx, { appId: app, targetType: 'ROLE', targetIdentifiers: ['r'] });
    expect(await decide(u1)).toBe('EXPLICIT_ALLOW');
    await createGroup(f.ctx, { code: 'g', name: 'G' });
    await addUsersToGroup(f.ctx, 'g', [u1]);
    await denyAppAccess(f.ctx, { appId: app, targetType: 'GROUP', targetIdentifiers: ['g'] });
    expect(await decide(u1)).toBe('EXPLICIT_DENY');
    await disableAppAccess(f.ctx, { appId: app, targetType: 'GROUP', targetIdentifiers: ['g'] });
    expect(await decide(u1)).toBe('EXPLICIT_ALLOW');
    expect((await listAppAccessRecords(f.ctx, app)).list.find((r) => r.targetType === 'GROUP')?.enabled).toBe(false);
    await enableAppAccess(f.ctx, { appId: app, targetType: 'GROUP', targetIdentifiers: ['g'] });
    expect(await decide(u1)).toBe('EXPLICIT_DENY');

    const org = await createOrg(f.ctx, { name: 'Org' });
    const child = await addNode(f.ctx, org.id, org.rootNode.id, { name: 'Child' });
    await addMembers(f.ctx, child.id, [u2]);
    await allowAppAccess(f.ctx, { appId: app, targetType: 'ORG', targetIdentifiers: [org.rootNode.id] });
    expect(await decide(u2)).toBe('DEFAULT_DENY');
    await allowAppAccess(f.ctx, { appId: app, targetType: 'ORG', targetIdentifiers: [org.rootNode.id], inheritByChildren: true });
    expect(await decide(u2)).toBe('EXPLICIT_ALLOW');
    await expectConsistent(f.store);
  });
});

describe('programmatic access accounts', () => {
  it('creates (600 s default), lists, toggles, refreshes the secret server-side and deletes with its grants', async () => {
    const app = f.pool.appId;
    const a = await createProgrammaticAccount(f.ctx, app, { remarks: 'ci' });
    expect(a).toMatchObject({ appId: app, remarks: 'ci', tokenLifetime: 600, enabled: true, userId: null });
    expect(a.secret).toMatch(/^[0-9a-f]{32}$/);
    const b = await createProgrammaticAccount(f.ctx, app, { tokenLifetime: 60 });
    expect(b.secret).not.toBe(a.secret);
    expect((await listProgrammaticAccounts(f.ctx, app)).list.map((x) => x.id)).toEqual([a.id, b.id]);
    expect((await listProgrammaticAccounts(f.ctx, app, 2, 1)).list.map((x) => x.id)).toEqual([b.id]);
    expect((await setProgrammaticAccountEnabled(f.ctx, a.id, false)).enabled).toBe(false);
    const enabled = await updateProgrammaticAccount(f.ctx, a.id, { enabled: true });
    expect(enabled).toMatchObject({ enabled: true, secret: a.secret });
    const refreshed = await refreshProgrammaticAccountSecret(f.ctx, a.id);
    expect(refreshed.secret).toMatch(/^[0-9a-f]{32}$/);
    expect(refreshed.secret).not.toBe(a.secret);
    expect((await refreshProgrammaticAccountSecret(f.ctx, a.id, 'client-chosen-secret')).secret).toBe('client-chosen-secret');
    await expectCode(createProgrammaticAccount(f.ctx, 'f'.repeat(24)), 2011);
    await expectCode(createProgrammaticAccount(f.ctx, app, { tokenLifetime: -1 }), 400);
    await expectCode(updateProgrammaticAccount(f.ctx, 'missing', { enabled: true }), 3701);

    await authorizeResource(f.ctx, { resource: 'books:*', opts: [{ targetType: 'AK_SK', targetIdentifier: a.id, actions: ['read'] }] });
    expect((await listAuthorizedResources(f.ctx, 'AK_SK', a.id)).totalCount).toBe(1);
    await deleteProgrammaticAccount(f.ctx, a.id);
    await expectConsistent(f.store);
    expect(await f.store.db.selectFrom('grants').select('id').execute()).toEqual([]);
    await expectCode(deleteProgrammaticAccount(f.ctx, a.id), 3701);
  });
});
