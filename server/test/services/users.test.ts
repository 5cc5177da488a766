import { beforeEach, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/auth/password.js';
import { allow } from '../../src/services/acl.js';
import { allowAppAccess } from '../../src/services/app-access.js';
import { addUsersToGroup, createGroup, listGroupUsers } from '../../src/services/groups.js';
import { addMembers, createOrg, listMembers } from '../../src/services/orgs.js';
import { assignRole, createRole, listRoleUsers } from '../../src/services/roles.js';
import {
  batchUsers,
  createUser,
  deleteUser,
  deleteUsers,
  findUserBy,
  findUserById,
  getUser,
  isUserExists,
  listUsers,
  updateUser,
} from '../../src/services/users.js';
import { expectCode, expectConsistent, fixture, type Fixture } from './helpers.js';

let f: Fixture;
beforeEach(async () => {
  f = await fixture();
});

describe('password hashing', () => {
  it('hashes with a random salt and verifies only the right password', async () => {
    const a = await hashPassword('p@ss');
    const b = await hashPassword('p@ss');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('p@ss', a)).toBe(true);
    expect(await verifyPassword('p@sS', a)).toBe(false);
    expect(await verifyPassword('p@ss', 'plain')).toBe(false);
    expect(await verifyPassword('p@ss', 'scrypt$3$8$1$AA==$AA==')).toBe(false);
  });
});

describe('users', () => {
  it('creates a user with every User field, password always null and the hash stored', async () => {
    const u = await createUser(f.ctx, { username: 'alice', email: 'Alice@Example.com', password: 'pw-123', nickname: 'Al', city: 'Paris' });
    expect(u).toMatchObject({
      username: 'alice',
      email: 'alice@example.com',
      nickname: 'Al',
      city: 'Paris',
      password: null,
      status: 'Activated',
      userPoolId: f.pool.userPoolId,
      arn: `arn:cn:authing:${f.pool.userPoolId}:user:${u.id}`,
      loginsCount: 0,
      registerSource: ['import:manual'],
      blocked: false,
    });
    expect(u.id).toMatch(/^[0-9a-f]{24}$/);
    for (const field of ['phone', 'unionid', 'company', 'externalId', 'lastLogin', 'lastIP', 'tokenExpiredAt', 'mainDepartmentId']) {
      expect(u, field).toHaveProperty(field, null);
    }
    const row = await f.store.db.selectFrom('users').select('password_hash').where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(row.password_hash).not.toContain('pw-123');
    expect(await verifyPassword('pw-123', row.password_hash ?? '')).toBe(true);
    expect(JSON.stringify(await getUser(f.ctx, u.id))).not.toContain('scrypt');
  });

  it('refuses duplicate username, email (any case) and phone with 2026', async () => {
    await createUser(f.ctx, { username: 'alice', email: 'a@x.io', phone: '13800000000' });
    await expectCode(createUser(f.ctx, { username: 'alice' }), 2026);
    await expectCode(createUser(f.ctx, { email: 'A@X.IO' }), 2026);
    await expectCode(createUser(f.ctx, { phone: '13800000000' }), 2026);
    await expectCode(createUser(f.ctx, { email: 'not-an-email' }), 2003);
    // Other pools are independent.
    const { createUserPool } = await import('../../src/storage/bootstrap.js');
    const other = await createUserPool(f.store, 'other');
    await createUser({ store: f.store, poolId: other.userPoolId }, { username: 'alice' });
    expect(await isUserExists(f.ctx, { username: 'alice' })).toBe(true);
    expect(await isUserExists(f.ctx, { email: 'A@x.io' })).toBe(true);
    expect(await isUserExists(f.ctx, { username: 'nobody' })).toBe(false);
  });

  it('updates fields, re-hashes the password and re-checks unique keys with the real codes', async () => {
    const a = await createUser(f.ctx, { username: 'a', password: 'old' });
    await createUser(f.ctx, { username: 'b', email: 'b@x.io', phone: '1' });
    const updated = await updateUser(f.ctx, a.id, { nickname: 'Ann', password: 'new', company: 'ACME' });
    expect(updated).toMatchObject({ nickname: 'Ann', company: 'ACME', username: 'a', password: null });
    const row = await f.store.db.selectFrom('users').select('password_hash').where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(await verifyPassword('new', row.password_hash ?? '')).toBe(true);
    expect(await verifyPassword('old', row.password_hash ?? '')).toBe(false);
    await expectCode(updateUser(f.ctx, a.id, { username: 'b' }), 2034);
    await expectCode(updateUser(f.ctx, a.id, { email: 'B@x.io' }), 2200);
    await expectCode(updateUser(f.ctx, a.id, { phone: '1' }), 2035);
    expect((await updateUser(f.ctx, a.id, { username: 'a' })).username).toBe('a');
    await expectCode(updateUser(f.ctx, 'f'.repeat(24), { nickname: 'x' }), 2004);
  });

  it('lists newest first (as Authing does) with pagination, and sortBy', async () => {
    for (const name of ['u1', 'u2', 'u3', 'u4', 'u5']) await createUser(f.ctx, { username: name });
    const page2 = await listUsers(f.ctx, { page: 2, limit: 2 });
    expect(page2.totalCount).toBe(5);
    expect(page2.list.map((u) => u.username)).toEqual(['u3', 'u2']);
    expect((await listUsers(f.ctx, { sortBy: 'CREATEDAT_ASC', limit: 2 })).list.map((u) => u.username)).toEqual(['u1', 'u2']);
    expect((await listUsers(f.ctx)).list).toHaveLength(5);
    expect((await listUsers(f.ctx, { page: 0 })).list[0]?.username).toBe('u5');
  });

  it('finds users by id, keys and batch; detail of a missing user is 2004', async () => {
    const a = await createUser(f.ctx, { username: 'a', email: 'a@x.io', externalId: 'ext-1' });
    expect((await findUserBy(f.ctx, { email: 'A@X.io' }))?.id).toBe(a.id);
    expect((await findUserBy(f.ctx, { externalId: 'ext-1' }))?.id).toBe(a.id);
    expect(await findUserBy(f.ctx, { username: 'zzz' })).toBeNull();
    expect(await findUserById(f.ctx, 'f'.repeat(24))).toBeNull();
    expect((await batchUsers(f.ctx, ['missing', a.id])).map((u) => u.id)).toEqual([a.id]);
    expect((await batchUsers(f.ctx, ['a'], 'username')).map((u) => u.id)).toEqual([a.id]);
    await expectCode(getUser(f.ctx, 'f'.repeat(24)), 2004);
  });

  it('deleting users cascades memberships, role assignments, grants and app access; the index agrees', async () => {
    const a = await createUser(f.ctx, { username: 'a' });
    const b = await createUser(f.ctx, { username: 'b' });
    await createGroup(f.ctx, { code: 'g', name: 'G' });
    await addUsersToGroup(f.ctx, 'g', [a.id, b.id]);
    const org = await createOrg(f.ctx, { name: 'Org' });
    await addMembers(f.ctx, org.rootNode.id, [a.id, b.id]);
    await createRole(f.ctx, { code: 'r' });
    await assignRole(f.ctx, { roleCode: 'r', userIds: [a.id, b.id] });
    await allow(f.ctx, { resource: 'books:1', action: 'read', userIds: [a.id, b.id] });
    await allowAppAccess(f.ctx, { appId: f.pool.appId, targetType: 'USER', targetIdentifiers: [a.id, b.id] });
    await expectConsistent(f.store);

    await deleteUser(f.ctx, a.id);
    await expectConsistent(f.store);
    expect((await listGroupUsers(f.ctx, 'g')).list.map((u) => u.id)).toEqual([b.id]);
    expect((await listMembers(f.ctx, org.rootNode.id)).list.map((u) => u.id)).toEqual([b.id]);
    expect((await listRoleUsers(f.ctx, 'r')).list.map((u) => u.id)).toEqual([b.id]);
    const grants = await f.store.db.selectFrom('grants').select('target_id').execute();
    expect(grants.map((g) => g.target_id)).toEqual([b.id]);
    await expectCode(deleteUser(f.ctx, a.id), 2004);

    await deleteUsers(f.ctx, [b.id, 'unknown']);
    await expectConsistent(f.store);
    expect(await f.store.db.selectFrom('grants').select('id').execute()).toEqual([]);
    expect(await f.store.db.selectFrom('app_access').select('id').execute()).toEqual([]);
    expect(f.store.index.snapshot().roleAssignments).toEqual([]);
  });
});
