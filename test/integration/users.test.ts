import { AuthingApiError, AuthingError, type User } from 'authing-ts';
import { describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();

/** A management token, for raw requests. */
async function adminToken(): Promise<string> {
  const res = await fetch(`${h.server.url}/graphql/v2`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'query($u: String!, $s: String!) { accessToken(userPoolId: $u, secret: $s) { accessToken } }', variables: { u: h.server.userPoolId, s: h.server.secret } }),
  });
  return ((await res.json()) as { data: { accessToken: { accessToken: string } } }).data.accessToken.accessToken;
}

async function newUser(extra: { password?: string; email?: string; nickname?: string } = {}): Promise<User> {
  return h.management.users.create({ username: uid('user'), ...extra });
}


describe('users', () => {
  it('creates a user with an encrypted password and reads it back', async () => {
    const username = uid('alice');
    const created = await h.management.users.create({ username, password: 'pa55word!', nickname: 'Alice', email: `${username}@example.com` });
    expect(created).toMatchObject({ username, nickname: 'Alice', email: `${username}@example.com`, password: null, userPoolId: h.server.userPoolId });
    expect(created.id).toEqual(expect.any(String));
    expect(created.arn).toContain(created.id);
    const create = h.requests.find((r) => r.body?.includes('createUser') && r.body.includes(username));
    expect(create?.body).not.toContain('pa55word!');
    expect(h.requests.filter((r) => r.url.endsWith('/api/v2/.well-known'))).toHaveLength(1);

    const detail = await h.management.users.detail(created.id);
    expect(detail).toMatchObject({ id: created.id, username, nickname: 'Alice' });
    const withCustomData = await h.management.users.detail(created.id, { withCustomData: true });
    expect(withCustomData?.id).toBe(created.id);
    // Decoded to `{ key: value }` (users-custom-data.test.ts has the values); this user holds none.
    expect(withCustomData?.customData).toEqual({});

    const session = await h.authentication().loginByUsername(username, 'pa55word!');
    expect(session.id).toBe(created.id);
  });

  it('creates with keepPassword / resetPasswordOnFirstLogin options', async () => {
    const user = await h.management.users.create({ username: uid('opts'), password: 'x1y2z3!' }, { resetPasswordOnFirstLogin: false, keepPassword: false });
    expect(user.password).toBeNull();
  });

  it('lists users with paging and excludeUsersInOrg', async () => {
    const a = await newUser();
    const b = await newUser();
    const all = await h.management.users.list(1, 100);
    expect(all.totalCount).toBeGreaterThanOrEqual(2);
    expect(all.list.map((u) => u.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    const page = await h.management.users.list(1, 1);
    expect(page.list).toHaveLength(1);
    expect(page.totalCount).toBe(all.totalCount);
    expect(Array.isArray(page.list[0]?.identities)).toBe(true);

    const org = await h.management.org.create(uid('org'));
    await h.management.org.addMembers(org.rootNode.id, [a.id]);
    const outside = await h.management.users.list(1, 100, { excludeUsersInOrg: true });
    expect(outside.list.map((u) => u.id)).toContain(b.id);
    expect(outside.list.map((u) => u.id)).not.toContain(a.id);
  });

  it('updates a user; a new password is encrypted and works for login', async () => {
    const user = await newUser({ password: 'old-pass-1' });
    const updates = { nickname: 'Renamed', password: 'new-pass-2' };
    const updated = await h.management.users.update(user.id, updates);
    expect(updated).toMatchObject({ id: user.id, nickname: 'Renamed', password: null });
    expect(updates).toEqual({ nickname: 'Renamed', password: 'new-pass-2' });
    expect(h.requests.every((r) => !r.body?.includes('new-pass-2'))).toBe(true);
    await expect(h.authentication().loginByUsername(user.username ?? '', 'new-pass-2')).resolves.toMatchObject({ id: user.id });
    const error = await failure(h.authentication().loginByUsername(user.username ?? '', 'old-pass-1'));
    expect(error.code).toBe(2333);
  });

  it('tells whether a user exists', async () => {
    const email = `${uid('e')}@example.com`;
    const user = await newUser({ email });
    await expect(h.management.users.exists({ username: user.username ?? '' })).resolves.toBe(true);
    await expect(h.management.users.exists({ email })).resolves.toBe(true);
    await expect(h.management.users.exists({ username: uid('nobody') })).resolves.toBe(false);
  });

  it('deletes one and many users', async () => {
    const one = await newUser();
    const [two, three] = await Promise.all([newUser(), newUser()]);
    const deleted = await h.management.users.delete(one.id);
    expect(deleted).toMatchObject({ code: 200 });
    const many = await h.management.users.deleteMany([two?.id ?? '', three?.id ?? '']);
    expect(many).toMatchObject({ code: 200 });
    // As Authing answers: code 200 with `data: null` for a user that is gone.
    for (const id of [one.id, two?.id ?? '', three?.id ?? '']) await expect(h.management.users.detail(id)).resolves.toBeNull();
    const raw = await fetch(`${h.server.url}/api/v2/users/${one.id}`, { headers: { authorization: `Bearer ${await adminToken()}` } });
    expect(await raw.json()).toEqual({ code: 200, message: '成功', data: null });
  });

  it('assigns, lists and removes roles', async () => {
    const user = await newUser();
    const [r1, r2] = [uid('role'), uid('role')];
    await h.management.roles.create(r1);
    await h.management.roles.create(r2);
    expect(await h.management.users.listRoles(user.id)).toEqual({ totalCount: 0, list: [] });
    expect(await h.management.users.addRoles(user.id, [r1, r2])).toMatchObject({ code: 200 });
    const roles = await h.management.users.listRoles(user.id);
    expect(roles.totalCount).toBe(2);
    expect(roles.list.map((r) => r.code).sort()).toEqual([r1, r2].sort());
    expect(roles.list[0]?.namespace).toBe('default');
    await h.management.users.removeRoles(user.id, [r1]);
    expect((await h.management.users.listRoles(user.id)).list.map((r) => r.code)).toEqual([r2]);

    const ns = uid('ns');
    await h.management.acl.createNamespace(ns, 'NS');
    await h.management.roles.create(r1, undefined, undefined, ns);
    await h.management.users.addRoles(user.id, [r1], ns);
    expect((await h.management.users.listRoles(user.id, ns)).list.map((r) => [r.code, r.namespace])).toEqual([[r1, ns]]);
  });

  it('adds, lists and removes groups', async () => {
    const user = await newUser();
    const code = uid('group');
    await h.management.groups.create(code, 'A group');
    expect(await h.management.users.addGroup(user.id, code)).toMatchObject({ code: 200 });
    const groups = await h.management.users.listGroups(user.id);
    expect(groups).toMatchObject({ totalCount: 1, list: [{ code, name: 'A group' }] });
    expect(await h.management.users.removeGroup(user.id, code)).toMatchObject({ code: 200 });
    expect((await h.management.users.listGroups(user.id)).totalCount).toBe(0);
  });

  it('lists effective authorized resources', async () => {
    const user = await newUser();
    const ns = uid('ns');
    await h.management.acl.createNamespace(ns, 'NS');
    await h.management.acl.allow(user.id, 'books:1', 'books:read', ns);
    await h.management.acl.createResource({ namespace: ns, code: 'menu', type: 'MENU' });
    await h.management.acl.authorizeResource({ namespace: ns, resource: 'menu', resourceType: 'MENU', opts: [{ targetType: 'USER', targetIdentifier: user.id }] });
    const all = await h.management.users.listAuthorizedResources(user.id, ns);
    expect(all.totalCount).toBe(2);
    expect(all.list).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'books:1', type: 'DATA', actions: ['books:read'] })]));
    const menus = await h.management.users.listAuthorizedResources(user.id, ns, { resourceType: 'MENU' });
    expect(menus.list.map((r) => r.code)).toEqual(['menu']);
    expect((await h.management.users.listAuthorizedResources(user.id)).totalCount).toBe(0);
  });

  it('reports an unknown user with code 2004', async () => {
    for (const call of [
      () => h.management.users.listRoles('no-such-user'),
      () => h.management.users.listGroups('no-such-user'),
      () => h.management.users.listAuthorizedResources('no-such-user'),
    ]) {
      const error = await failure(call());
      expect(error).toBeInstanceOf(AuthingApiError);
      expect(error.code).toBe(2004);
    }
    expect((await failure(h.management.users.update('no-such-user', { nickname: 'x' }))).code).toBe(2004);
    await expect(h.management.users.detail('no-such-user')).resolves.toBeNull();
  });
});
