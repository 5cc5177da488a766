/**
 * The official authing-js-sdk 4.23.55's `managementClient.policies` against authing-local: the
 * flows of its own spec (create, update statements / newCode / description, detail, delete,
 * deleteMany, assignments), with the statement echo adding `condition: []` (permissions §7), and
 * a DENY policy overriding a role's ALLOW in `acl.isAllowed`.
 */
import { describe, expect, it } from 'vitest';
import { useOfficialSdk } from './harness.js';

const h = useOfficialSdk();
const statements = [{ resource: 'books:123', effect: 'ALLOW' as never, actions: ['books:edit'] }];

describe('official SDK: policies', () => {
  it('creates, updates, details and deletes policies', async () => {
    const policies = h.management.policies;
    const code = `p1${h.suffix}`;
    const created = await policies.create({ code, statements });
    expect(created).toMatchObject({ code, namespace: 'default', isDefault: false, assignmentsCount: 0 });
    expect(created.statements).toEqual([{ resource: 'books:123', effect: 'ALLOW', actions: ['books:edit'], condition: [] }]);

    const edited = await policies.update(code, { statements: [{ resource: 'books:123', effect: 'ALLOW' as never, actions: ['books:*'] }] });
    expect(edited.statements?.[0]?.actions).toEqual(['books:*']);
    expect((await policies.update(code, { description: 'Edit books' })).description).toBe('Edit books');
    const newCode = `p1n${h.suffix}`;
    expect((await policies.update(code, { newCode })).code).toBe(newCode);
    await expect(policies.update('AdministratorAccess', { description: 'x' })).rejects.toMatchObject({ code: 3603 });

    expect((await policies.detail(newCode))?.description).toBe('Edit books');
    expect((await policies.list({ page: 1, limit: 100 })).list?.map((p) => p?.code)).toContain(newCode);
    await policies.delete(newCode);
    expect(await policies.detail(newCode)).toBeNull();

    const other = `p2${h.suffix}`;
    await policies.create({ code: other, statements });
    await policies.deleteMany([other]);
    expect(await policies.detail(other)).toBeNull();
  });

  it('assigns, lists, disables and removes assignments', async () => {
    const policies = h.management.policies;
    const code = `p3${h.suffix}`;
    await policies.create({ code, statements });
    const user = await h.management.users.create({ username: `policy_user_${h.suffix}`, password: '123456!' });
    await policies.addAssignments([code], 'USER' as never, [user.id]);
    const { totalCount, list } = await policies.listAssignments({ code });
    expect(totalCount).toBe(1);
    expect(list[0]).toMatchObject({ code, targetType: 'USER', targetIdentifier: user.id });
    const byTarget = (await h.management.acl.getPoliciesAssignmentsCondition('default', code, 'USER')) as unknown;
    expect(byTarget).toEqual({ totalCount: 1, list: [{ code, targetType: 'USER', targetIdentifier: user.id }] });
    expect(await policies.disableAssignment(code, 'USER' as never, user.id)).toMatchObject({ code: 200 });
    expect(await policies.enableAssignment(code, 'USER' as never, user.id)).toMatchObject({ code: 200 });
    await expect(policies.addAssignments([code], 'USER' as never, ['no-such-user'])).rejects.toBeTruthy();
    await policies.removeAssignments([code], 'USER' as never, [user.id]);
    expect((await policies.listAssignments({ code })).totalCount).toBe(0);
  });

  it('a DENY policy overrides a role ALLOW in isAllowed until its assignment is disabled', async () => {
    const role = `reader${h.suffix}`;
    const user = await h.management.users.create({ username: `policy_reader_${h.suffix}`, password: '123456!' });
    await h.management.roles.create(role);
    await h.management.roles.addUsers(role, [user.id]);
    await h.management.acl.authorizeResource({
      namespace: 'default',
      resource: 'books:1',
      opts: [{ targetType: 'ROLE' as never, targetIdentifier: role, actions: ['books:read'] }],
    });
    expect(await h.management.acl.isAllowed(user.id, 'books:1', 'books:read')).toBe(true);
    const deny = `deny${h.suffix}`;
    await h.management.policies.create({ code: deny, statements: [{ resource: 'books:*', effect: 'DENY' as never, actions: ['books:read'] }] });
    await h.management.policies.addAssignments([deny], 'USER' as never, [user.id]);
    expect(await h.management.acl.isAllowed(user.id, 'books:1', 'books:read')).toBe(false);
    await h.management.policies.disableAssignment(deny, 'USER' as never, user.id);
    expect(await h.management.acl.isAllowed(user.id, 'books:1', 'books:read')).toBe(true);
  });
});
