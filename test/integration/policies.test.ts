/**
 * `management.policies` over HTTP against authing-local: CRUD, the statement echo, assignments
 * (list / enable / disable / cascades) and what policies do to `acl.isAllowed` (explicit DENY
 * overrides any ALLOW; a disabled assignment does not apply).
 */
import { describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();

const readBooks = [{ resource: 'books:*', actions: ['books:read'], effect: 'ALLOW' as const }];
const denyBooks = [{ resource: 'books:*', actions: ['books:read'], effect: 'DENY' as const }];
const newUserId = async () => (await h.management.users.create({ username: uid('u') })).id;

/** A role in `default` allowed `books:read` on `books:1` (a plain resource grant), with `user` in it. */
async function readerRole(user: string): Promise<string> {
  const role = uid('role');
  await h.management.roles.create(role);
  await h.management.acl.authorizeResource({
    resource: 'books:1',
    resourceType: 'DATA',
    opts: [{ targetType: 'ROLE', targetIdentifier: role, actions: ['books:read'] }],
  });
  await h.management.roles.addUsers(role, [user]);
  return role;
}

const mayRead = (user: string) => h.management.acl.isAllowed(user, 'books:1', 'books:read');

describe('policy CRUD', () => {
  it('creates, reads, lists, updates and deletes, echoing statements with condition: []', async () => {
    const code = uid('pol');
    const created = await h.management.policies.create({ code, statements: readBooks, description: 'Read books' });
    expect(created).toMatchObject({ namespace: 'default', code, isDefault: false, description: 'Read books', assignmentsCount: 0 });
    expect(created.statements).toEqual([{ resource: 'books:*', actions: ['books:read'], effect: 'ALLOW', condition: [] }]);
    expect(Date.parse(created.createdAt ?? '')).not.toBeNaN();

    const detail = await h.management.policies.detail(code);
    expect(detail).toEqual(created);

    const condition = [{ param: 'UserId', operator: 'StringEquals', value: 'u1' }];
    const updated = await h.management.policies.update(code, { statements: [{ resource: 'books:1', actions: ['books:*'], condition }] });
    expect(updated.statements).toEqual([{ resource: 'books:1', actions: ['books:*'], effect: 'ALLOW', condition }]);
    expect(updated.description).toBe('Read books');

    const newCode = uid('renamed');
    const renamed = await h.management.policies.update(code, { newCode, description: 'Renamed' });
    expect(renamed).toMatchObject({ code: newCode, description: 'Renamed' });
    expect(await h.management.policies.detail(code)).toBeNull();

    const { totalCount, list } = await h.management.policies.list({ limit: 100 });
    expect(list.map((p) => p.code)).toContain(newCode);
    expect(totalCount).toBe(list.length);

    expect(await h.management.policies.delete(newCode)).toMatchObject({ code: 200 });
    expect(await h.management.policies.detail(newCode)).toBeNull();
    expect((await failure(h.management.policies.delete(newCode))).code).toBe(3601);
  });

  it('refuses a duplicate code, a taken newCode and bad statements, writing nothing', async () => {
    const [a, b] = [uid('pa'), uid('pb')];
    await h.management.policies.create({ code: a, statements: readBooks });
    await h.management.policies.create({ code: b, statements: readBooks });
    expect((await failure(h.management.policies.create({ code: a, statements: denyBooks }))).code).toBe(3602);
    expect((await failure(h.management.policies.update(b, { newCode: a }))).code).toBe(3602);
    expect((await h.management.policies.detail(a))?.statements[0]?.effect).toBe('ALLOW');

    const empty = await failure(h.management.policies.create({ code: uid('pc'), statements: [{ resource: '', actions: ['x'] }] }));
    expect(empty.code).toBe(400);
    const noActions = await failure(h.management.policies.update(a, { statements: [{ resource: 'books:1', actions: [] }] }));
    expect(noActions.code).toBe(400);
    const badCondition = await failure(
      h.management.policies.update(a, { statements: [{ resource: 'books:1', actions: ['x'], condition: [{ param: '', operator: 'StringEquals', value: 'v' }] }] }),
    );
    expect(badCondition.code).toBe(400);
    expect((await h.management.policies.detail(a))?.statements).toEqual([{ ...readBooks[0], condition: [] }]);
    expect((await failure(h.management.policies.update(uid('missing'), { description: 'x' }))).code).toBe(3601);
  });

  it('deleteMany is atomic: an unknown code deletes nothing', async () => {
    const [a, b] = [uid('pa'), uid('pb')];
    await h.management.policies.create({ code: a, statements: readBooks });
    await h.management.policies.create({ code: b, statements: readBooks });
    expect((await failure(h.management.policies.deleteMany([a, uid('missing'), b]))).code).toBe(3601);
    expect(await h.management.policies.detail(a)).not.toBeNull();
    expect(await h.management.policies.detail(b)).not.toBeNull();
    expect(await h.management.policies.deleteMany([a, b])).toMatchObject({ code: 200 });
    expect(await h.management.policies.detail(a)).toBeNull();
    expect(await h.management.policies.detail(b)).toBeNull();
  });

  it('keeps namespaces apart', async () => {
    const ns = uid('ns');
    await h.management.acl.createNamespace(ns, ns);
    const code = uid('pol');
    const inNs = await h.management.policies.create({ code, statements: readBooks, namespace: ns });
    expect(inNs.namespace).toBe(ns);
    expect(await h.management.policies.detail(code)).toBeNull();
    expect((await h.management.policies.list({ namespace: ns })).list.map((p) => p.code)).toEqual([code]);
  });
});

describe('policy assignments', () => {
  it('lists, counts, enables / disables, and goes with the policy and the target', async () => {
    const code = uid('pol');
    await h.management.policies.create({ code, statements: readBooks });
    const [u1, u2] = [await newUserId(), await newUserId()];
    const role = uid('role');
    await h.management.roles.create(role);
    await h.management.policies.addAssignments([code], 'USER', [u1, u2]);
    await h.management.policies.addAssignments([code], 'ROLE', [role]);
    const listed = await h.management.policies.listAssignments({ code });
    expect(listed.totalCount).toBe(3);
    expect(listed.list).toEqual([
      { code, targetType: 'USER', targetIdentifier: u1 },
      { code, targetType: 'USER', targetIdentifier: u2 },
      { code, targetType: 'ROLE', targetIdentifier: role },
    ]);
    expect((await h.management.policies.detail(code))?.assignmentsCount).toBe(3);

    expect(await h.management.acl.getPoliciesAssignmentsCondition(undefined, code, 'ROLE')).toEqual({
      totalCount: 1,
      list: [{ code, targetType: 'ROLE', targetIdentifier: role }],
    });
    expect((await h.management.acl.getPoliciesAssignmentsCondition('default', code, 'USER')).list.map((a) => a.targetIdentifier)).toEqual([u1, u2]);
    expect((await failure(h.management.acl.getPoliciesAssignmentsCondition('default', uid('missing'), 'USER'))).code).toBe(3601);
    expect(await h.management.policies.disableAssignment(code, 'USER', u1)).toMatchObject({ code: 200 });
    expect(await h.management.policies.enableAssignment(code, 'USER', u1)).toMatchObject({ code: 200 });
    const stranger = await newUserId();
    expect((await failure(h.management.policies.disableAssignment(code, 'USER', stranger))).code).toBe(3604);
    expect((await failure(h.management.policies.enableAssignment(uid('missing'), 'USER', u1))).code).toBe(3601);

    await h.management.users.delete(u2);
    await h.management.roles.delete(role);
    expect((await h.management.policies.listAssignments({ code })).list).toEqual([{ code, targetType: 'USER', targetIdentifier: u1 }]);

    await h.management.policies.removeAssignments([code], 'USER', [u1]);
    expect((await h.management.policies.listAssignments({ code })).totalCount).toBe(0);

    await h.management.policies.addAssignments([code], 'USER', [u1]);
    await h.management.policies.delete(code);
    expect((await h.management.users.listPolicies(u1)).totalCount).toBe(0);
  });
});

describe('policies in permission checks', () => {
  it('a DENY assigned to the user overrides the role ALLOW; disabling it restores the ALLOW', async () => {
    const user = await newUserId();
    await readerRole(user);
    expect(await mayRead(user)).toBe(true);
    const deny = uid('deny');
    await h.management.policies.create({ code: deny, statements: denyBooks });
    await h.management.policies.addAssignments([deny], 'USER', [user]);
    expect(await mayRead(user)).toBe(false);
    await h.management.policies.disableAssignment(deny, 'USER', user);
    expect(await mayRead(user)).toBe(true);
    await h.management.policies.enableAssignment(deny, 'USER', user);
    expect(await mayRead(user)).toBe(false);
    await h.management.policies.delete(deny);
    expect(await mayRead(user)).toBe(true);
  });

  it('a DENY via a group overrides the role ALLOW', async () => {
    const user = await newUserId();
    await readerRole(user);
    const group = uid('group');
    await h.management.groups.create(group, 'G');
    await h.management.groups.addUsers(group, [user]);
    const deny = uid('deny');
    await h.management.policies.create({ code: deny, statements: denyBooks });
    await h.management.policies.addAssignments([deny], 'GROUP', [group]);
    expect(await mayRead(user)).toBe(false);
    await h.management.policies.removeAssignments([deny], 'GROUP', [group]);
    expect(await mayRead(user)).toBe(true);
  });

  it('an ALLOW policy alone grants, and only its actions', async () => {
    const user = await newUserId();
    expect(await mayRead(user)).toBe(false);
    const allow = uid('allow');
    await h.management.policies.create({ code: allow, statements: readBooks });
    await h.management.policies.addAssignments([allow], 'USER', [user]);
    expect(await mayRead(user)).toBe(true);
    expect(await h.management.acl.isAllowed(user, 'books:1', 'books:edit')).toBe(false);
    await h.management.users.delete(user);
  });
});

describe('policies and the listings', () => {
  it('listings answer from resource grants only: a policy neither adds to nor removes from them', async () => {
    const user = await newUserId();
    const allow = uid('allow');
    await h.management.policies.create({ code: allow, statements: [{ resource: 'orders:*', actions: ['orders:read'], effect: 'ALLOW' }] });
    await h.management.policies.addAssignments([allow], 'USER', [user]);
    expect(await h.management.acl.isAllowed(user, 'orders:7', 'orders:read')).toBe(true);
    expect(await h.management.users.listAuthorizedResources(user, 'default')).toMatchObject({ totalCount: 0, list: [] });
    const targets = await h.management.acl.getAuthorizedTargets({ namespace: 'default', resource: 'orders:*', resourceType: 'DATA' });
    expect(targets.list?.map((t) => t?.targetIdentifier)).not.toContain(user);

    // A DENY policy blocks the check but leaves the role's grant listed.
    const role = await readerRole(user);
    const deny = uid('deny');
    await h.management.policies.create({ code: deny, statements: denyBooks });
    await h.management.policies.addAssignments([deny], 'ROLE', [role]);
    expect(await mayRead(user)).toBe(false);
    const listed = await h.management.acl.listAuthorizedResources('ROLE', role, 'default');
    expect(listed.list.map((r) => r.code)).toEqual(['books:1']);
  });

  it('an ORG assignment reaches child-node members only with inheritByChildren', async () => {
    const user = await newUserId();
    const org = await h.management.org.create(uid('org'));
    const child = await h.management.org.addNode(org.id, org.rootNode?.id ?? '', { name: uid('child') });
    await h.management.org.addMembers(child.id, [user]);
    const allow = uid('allow');
    await h.management.policies.create({ code: allow, statements: readBooks });
    const root = org.rootNode?.id ?? '';
    await h.management.policies.addAssignments([allow], 'ORG', [root]);
    expect(await mayRead(user)).toBe(false);
    await h.management.policies.addAssignments([allow], 'ORG', [root], { inheritByChildren: true });
    expect(await mayRead(user)).toBe(true);
    await h.management.policies.addAssignments([allow], 'ORG', [child.id]);
    await h.management.policies.removeAssignments([allow], 'ORG', [root]);
    expect(await mayRead(user)).toBe(true);
  });
});

describe('the built-in AdministratorAccess policy', () => {
  it('is listed only with excludeDefault: false, cannot be updated or deleted, and grants everything once assigned', async () => {
    const listed = await h.management.policies.list({ excludeDefault: false, limit: 100 });
    const admin = listed.list?.find((p) => p?.code === 'AdministratorAccess');
    expect(admin).toMatchObject({ isDefault: true, statements: [{ resource: '*', actions: ['*'], effect: 'ALLOW', condition: [] }] });
    expect((await h.management.policies.list({ limit: 100 })).list?.map((p) => p?.code)).not.toContain('AdministratorAccess');
    expect((await failure(h.management.policies.update('AdministratorAccess', { description: 'mine now' }))).code).toBe(3603);
    expect((await failure(h.management.policies.delete('AdministratorAccess'))).code).toBe(3603);
    expect(await h.management.policies.detail('AdministratorAccess')).toMatchObject({ isDefault: true, description: admin?.description });

    const user = await newUserId();
    expect(await h.management.acl.isAllowed(user, 'orders:9', 'orders:delete')).toBe(false);
    await h.management.policies.addAssignments(['AdministratorAccess'], 'USER', [user]);
    expect(await h.management.acl.isAllowed(user, 'orders:9', 'orders:delete')).toBe(true);
    await h.management.policies.removeAssignments(['AdministratorAccess'], 'USER', [user]);
    expect(await h.management.acl.isAllowed(user, 'orders:9', 'orders:delete')).toBe(false);
  });
});
