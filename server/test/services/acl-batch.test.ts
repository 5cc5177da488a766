import { beforeEach, describe, expect, it } from 'vitest';
import { authorizeResources, listAuthorizedResourcesBatch, revokeResources } from '../../src/services/acl-batch.js';
import { isAllowed } from '../../src/services/acl.js';
import { addUsersToGroup, createGroup } from '../../src/services/groups.js';
import { assignRole, createRole } from '../../src/services/roles.js';
import { createUser } from '../../src/services/users.js';
import { expectCode, expectConsistent, fixture, type Fixture } from './helpers.js';

let f: Fixture;
let u1: string;
beforeEach(async () => {
  f = await fixture();
  u1 = (await createUser(f.ctx, { username: 'u1' })).id;
  await createRole(f.ctx, { code: 'r' });
  await createGroup(f.ctx, { code: 'g', name: 'G' });
});

describe('batch grants keep the index equal to the tables', () => {
  it('authorize-resources then revoke-resources, through roles and groups', async () => {
    await assignRole(f.ctx, { roleCode: 'r', userIds: [u1] });
    await authorizeResources(f.ctx, {
      opts: [
        { targetType: 'ROLE', targetIdentifiers: ['r'], resources: [{ code: 'books:*', actions: ['read', 'edit'] }, { code: 'm', resourceType: 'MENU' }] },
        { targetType: 'GROUP', targetIdentifiers: ['g'], resources: [{ code: 'films', actions: ['watch'] }] },
      ],
    });
    await expectConsistent(f.store);
    expect(await isAllowed(f.ctx, u1, 'books:3', 'edit')).toBe(true);
    expect(await isAllowed(f.ctx, u1, 'films:3', 'watch')).toBe(false);
    await addUsersToGroup(f.ctx, 'g', [u1]);
    expect(await isAllowed(f.ctx, u1, 'films:3', 'watch')).toBe(true);

    await revokeResources(f.ctx, {
      opts: [
        { targetType: 'ROLE', targetIdentifiers: ['r'], resources: [{ code: 'books:*', actions: ['edit'] }, { code: 'm', actions: ['anything'] }] },
        { targetType: 'GROUP', targetIdentifiers: ['g'], resources: [{ code: 'films' }] },
      ],
    });
    await expectConsistent(f.store);
    expect(await isAllowed(f.ctx, u1, 'books:3', 'edit')).toBe(false);
    expect(await isAllowed(f.ctx, u1, 'books:3', 'read')).toBe(true);
    expect(await isAllowed(f.ctx, u1, 'films:3', 'watch')).toBe(false);
    const { list } = await listAuthorizedResourcesBatch(f.ctx, { targets: [{ targetType: 'ROLE', targetIdentifier: 'r' }, { targetType: 'GROUP', targetIdentifier: 'g' }] });
    expect(list.map((p) => p.list.map((r) => [r.code, r.actions]))).toEqual([[['books:*', ['read']]], []]);
  });

  it('refuses malformed batches before writing, and rolls back on an unknown target', async () => {
    await expectCode(authorizeResources(f.ctx, { opts: [] }), 400);
    await expectCode(authorizeResources(f.ctx, { opts: [{ targetType: 'USER', targetIdentifiers: [], resources: [{ code: 'a:1' }] }] }), 400);
    await expectCode(authorizeResources(f.ctx, { opts: [{ targetType: 'USER', targetIdentifiers: [u1], resources: [{ code: 'a:1', resourceType: 'BOOK' as never }] }] }), 3103);
    await expectCode(authorizeResources(f.ctx, { opts: [{ targetType: 'TEAM', targetIdentifiers: [u1], resources: [{ code: 'a:1' }] }] }), 3502);
    await expectCode(
      authorizeResources(f.ctx, {
        opts: [
          { targetType: 'USER', targetIdentifiers: [u1], resources: [{ code: 'a:1', actions: ['x'] }] },
          { targetType: 'GROUP', targetIdentifiers: ['nope'], resources: [{ code: 'a:1', actions: ['x'] }] },
        ],
      }),
      3302,
    );
    expect(await f.store.db.selectFrom('grants').select('id').execute()).toEqual([]);
    await expectConsistent(f.store);
    expect(await isAllowed(f.ctx, u1, 'a:1', 'x')).toBe(false);
    await expectCode(listAuthorizedResourcesBatch(f.ctx, { targets: [] }), 400);
  });
});
