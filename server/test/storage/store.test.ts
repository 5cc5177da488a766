import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allow, isAllowed } from '../../src/services/acl.js';
import { allowAppAccess } from '../../src/services/app-access.js';
import { addUsersToGroup, createGroup } from '../../src/services/groups.js';
import { addMembers, addNode, createOrg } from '../../src/services/orgs.js';
import { updateApp } from '../../src/services/pools.js';
import { assignRole, createRole } from '../../src/services/roles.js';
import { createUser, getUser } from '../../src/services/users.js';
import { createUserPool, ensureDefaultPool } from '../../src/storage/bootstrap.js';
import { Store } from '../../src/storage/store.js';
import { expectConsistent, normalized } from '../services/helpers.js';
import { testDatabase } from '../support/databases.js';

const dir = mkdtempSync(join(tmpdir(), 'authing-local-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Store', () => {
  it('bootstraps one pool with an app, the default namespace and the app namespace, once', async () => {
    const store = await Store.open(testDatabase());
    const first = await ensureDefaultPool(store);
    const again = await ensureDefaultPool(store);
    expect(again).toEqual(first);
    expect(first.userPoolId).toMatch(/^[0-9a-f]{24}$/);
    expect(first.appId).toMatch(/^[0-9a-f]{24}$/);
    expect(first.secret).toMatch(/^[0-9a-f]{32}$/);
    expect(first.publicKey).toContain('BEGIN PUBLIC KEY');
    const namespaces = await store.db.selectFrom('namespaces').select(['code', 'name', 'app_id']).orderBy('id').execute();
    expect(namespaces).toEqual([
      { code: 'default', name: '默认权限分组', app_id: null },
      { code: first.appId, name: 'Default App', app_id: first.appId },
    ]);
    expect(store.index.canAccessApp(first.appId, 'nobody')).toEqual({ allowed: true, reason: 'DEFAULT_ALLOW' });
    const other = await createUserPool(store, 'Second');
    expect(other.userPoolId).not.toBe(first.userPoolId);
    expect(await store.db.selectFrom('userpools').select('id').execute()).toHaveLength(2);
    await expectConsistent(store);
    await store.close();
  });

  it('applies changes only after a successful commit; a failed write changes nothing', async () => {
    const store = await Store.open(testDatabase());
    const pool = await ensureDefaultPool(store);
    const ctx = { store, poolId: pool.userPoolId };
    const user = await createUser(ctx, { username: 'alice' });
    const before = normalized(store.index.snapshot());
    await expect(
      store.write(async (tx, changes) => {
        await tx.deleteFrom('users').where('id', '=', user.id).execute();
        changes.push({ table: 'roles', op: 'put', row: { id: 'ghost', namespaceId: 1 } });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(normalized(store.index.snapshot())).toEqual(before);
    expect((await getUser(ctx, user.id)).username).toBe('alice');
    await store.close();
  });

  it('serializes concurrent writes and every one is visible when it resolves', async () => {
    const store = await Store.open(testDatabase());
    const pool = await ensureDefaultPool(store);
    const ctx = { store, poolId: pool.userPoolId };
    const user = await createUser(ctx, { username: 'bob' });
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        await allow(ctx, { resource: `doc:${i}`, action: 'read', userId: user.id });
        expect(await isAllowed(ctx, user.id, `doc:${i}`, 'read')).toBe(true);
      }),
    );
    await expectConsistent(store);
    await store.close();
  });

  it('persists data and permission answers across a restart (file database)', async () => {
    const path = join(dir, 'nested', 'folder', 'db.sqlite');
    const store = await Store.open(path);
    const pool = await ensureDefaultPool(store);
    const ctx = { store, poolId: pool.userPoolId };
    const alice = await createUser(ctx, { username: 'alice', password: 'secret-1' });
    const bob = await createUser(ctx, { username: 'bob' });
    await createRole(ctx, { code: 'reader' });
    await assignRole(ctx, { roleCode: 'reader', userIds: [alice.id] });
    await allow(ctx, { resource: 'books:*', action: 'read', roleCode: 'reader' });
    await createGroup(ctx, { code: 'ops', name: 'Ops' });
    await addUsersToGroup(ctx, 'ops', [bob.id]);
    const org = await createOrg(ctx, { name: 'Org' });
    const child = await addNode(ctx, org.id, org.rootNode.id, { name: 'Child' });
    await addMembers(ctx, child.id, [bob.id]);
    await updateApp(ctx, pool.appId, { permissionStrategy: { defaultStrategy: 'DENY_ALL' } });
    await allowAppAccess(ctx, { appId: pool.appId, targetType: 'USER', targetIdentifiers: [alice.id] });
    const facts = normalized(store.index.snapshot());
    await store.close();

    const reopened = await Store.open(path);
    expect(await ensureDefaultPool(reopened)).toEqual(pool);
    const ctx2 = { store: reopened, poolId: pool.userPoolId };
    expect(normalized(reopened.index.snapshot())).toEqual(facts);
    expect(await isAllowed(ctx2, alice.id, 'books:1', 'read')).toBe(true);
    expect(await isAllowed(ctx2, bob.id, 'books:1', 'read')).toBe(false);
    expect(reopened.index.canAccessApp(pool.appId, alice.id).allowed).toBe(true);
    expect(reopened.index.canAccessApp(pool.appId, bob.id).allowed).toBe(false);
    expect((await getUser(ctx2, alice.id)).username).toBe('alice');
    await expectConsistent(reopened);
    await reopened.close();
  });
});
