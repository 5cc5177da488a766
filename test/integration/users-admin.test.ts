import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalAuthing } from 'authing-local';
import { AuthingError, AuthingValidationError, ManagementClient, type User } from 'authing-ts';
import Libsql from 'libsql';
import { describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();

const newUser = (extra: { password?: string; email?: string; nickname?: string; phone?: string; externalId?: string; company?: string } = {}): Promise<User> =>
  h.management.users.create({ username: uid('user'), ...extra });

/** A GraphQL call with the end user's own token (to see whether it still works). */
async function asUser(token: string): Promise<{ id?: string; code?: number }> {
  const res = await fetch(`${h.server.url}/graphql/v2`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-authing-app-id': h.server.appId },
    body: JSON.stringify({ query: '{ user { id } }' }),
  });
  const body = (await res.json()) as { data: { user: { id: string } | null } | null; errors?: Array<{ message: { code: number } }> };
  return body.errors ? { code: body.errors[0]?.message.code } : { id: body.data?.user?.id };
}

/** Logs in to the server's app over GraphQL (selecting only the token) and returns it. */
async function login(username: string, password: string): Promise<string> {
  const res = await fetch(`${h.server.url}/graphql/v2`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-authing-app-id': h.server.appId },
    body: JSON.stringify({ query: 'mutation($i: LoginByUsernameInput!) { loginByUsername(input: $i) { token } }', variables: { i: { username, password } } }),
  });
  const body = (await res.json()) as { data: { loginByUsername: { token: string } | null } | null; errors?: Array<{ message: { code: number } }> };
  if (!body.data?.loginByUsername) throw new Error(`login failed: ${JSON.stringify(body.errors)}`);
  return body.data.loginByUsername.token;
}

describe('users: regressions found on main', () => {
  it('refuses createUser without any identifier, and an unreadable lastLogin', async () => {
    const none = await failure(h.management.users.create({ nickname: 'nobody', password: 'pw-123456' }));
    expect(none).toBeInstanceOf(AuthingError);
    expect(none).toMatchObject({ code: 400, message: '用户名、邮箱、手机号和 externalId 不能同时为空' });
    const blank = await failure(h.management.users.create({ username: '  ', email: '' }));
    expect(blank.code).toBe(400);
    const badDate = await failure(h.management.users.create({ username: uid('d'), lastLogin: 'not a date' }));
    expect(badDate).toMatchObject({ code: 400, message: 'lastLogin 不是合法的日期' });
    expect(await h.management.users.exists({ username: 'd' })).toBe(false);
    // An externalId alone is an identifier; a readable date is kept.
    const external = await h.management.users.create({ externalId: uid('ext'), lastLogin: '2024-05-01T10:00:00.000Z' });
    expect(external.lastLogin).toBe('2024-05-01T10:00:00.000Z');
    const update = await failure(h.management.users.update(external.id, { lastLogin: '31/31/2024' }));
    expect(update.code).toBe(400);
  });
});

describe('users: look-ups', () => {
  it('batch by id, username, email, phone and externalId (REST), and the GraphQL userBatch', async () => {
    const tag = uid('b');
    const a = await newUser({ email: `${tag}-a@example.com`, phone: `+86-1${Date.now() % 1e9}1`, externalId: `${tag}-xa` });
    const b = await newUser({ email: `${tag}-b@example.com`, phone: `+86-1${Date.now() % 1e9}2`, externalId: `${tag}-xb` });
    const ids = (users: Array<{ id: string }>) => users.map((u) => u.id);
    expect(ids(await h.management.users.batch([b.id, 'nobody', a.id]))).toEqual([b.id, a.id]);
    expect(ids(await h.management.users.batch([a.username ?? ''], { queryField: 'username' }))).toEqual([a.id]);
    expect(ids(await h.management.users.batch([`${tag}-B@EXAMPLE.com`, `${tag}-a@example.com`], { queryField: 'email' }))).toEqual([b.id, a.id]);
    expect(ids(await h.management.users.batch([a.phone ?? ''], { queryField: 'phone' }))).toEqual([a.id]);
    expect(ids(await h.management.users.batch([`${tag}-xb`], { queryField: 'externalId' }))).toEqual([b.id]);
    const wire = h.requests.filter((r) => r.url.endsWith('/api/v2/users/batch')).at(-1);
    expect(JSON.parse(wire?.body ?? '{}')).toEqual({ ids: [`${tag}-xb`], type: 'externalId', withCustomData: false });

    const token = await adminToken();
    const py = await gql('query($ids: [String!]!, $t: String) { userBatch(ids: $ids, type: $t) { id username } }', { ids: [a.username, b.username], t: 'username' }, token);
    expect(py.data?.userBatch).toEqual([
      { id: a.id, username: a.username },
      { id: b.id, username: b.username },
    ]);
    const bad = await gql('query { userBatch(ids: ["x"], type: "nickname") { id } }', {}, token);
    expect(bad.errors?.[0]?.message.code).toBe(2015);
    // REST: the OpenAPI enum refuses it before the handler.
    const rest = await failure(h.management.users.batch(['x'], { queryField: 'nickname' as 'id' }));
    expect(rest.code).toBe(400);
  });

  it('find by identifiers and by a linked identity; link and unlink identities', async () => {
    const email = `${uid('f')}@example.com`;
    const user = await newUser({ email });
    expect((await h.management.users.find({ email: email.toUpperCase() }))?.id).toBe(user.id);
    expect((await h.management.users.find({ username: user.username ?? '' }))?.id).toBe(user.id);
    expect(await h.management.users.find({ username: uid('none') })).toBeNull();

    const idp = uid('gh');
    await expect(h.management.users.linkIdentity({ userId: user.id, identifier: 'github', userIdInIdp: idp, isSocial: true, type: 'openid' })).resolves.toBe(true);
    expect((await h.management.users.find({ identity: { provider: 'github', userIdInIdp: idp } }))?.id).toBe(user.id);
    expect((await h.management.users.find({ identity: { identifier: 'github', userIdInIdp: idp } }))?.id).toBe(user.id);
    const listed = (await h.management.users.list(1, 200)).list.find((u) => u.id === user.id);
    expect(listed?.identities).toEqual([expect.objectContaining({ provider: 'github', userIdInIdp: idp, isSocial: true, type: 'openid', userId: user.id })]);
    expect((await h.management.users.detail(user.id))?.identities).toEqual([expect.objectContaining({ provider: 'github', userIdInIdp: idp })]);

    const other = await newUser();
    const taken = await failure(h.management.users.linkIdentity({ userId: other.id, identifier: 'github', userIdInIdp: idp }));
    expect(taken).toMatchObject({ code: 3901, message: '该身份已绑定其他用户' });
    expect((await failure(h.management.users.linkIdentity({ userId: 'no-such-user', identifier: 'github', userIdInIdp: 'z' }))).code).toBe(2004);

    await expect(h.management.users.unlinkIdentity({ userId: user.id, identifier: 'github' })).resolves.toBe(true);
    expect(await h.management.users.find({ identity: { provider: 'github', userIdInIdp: idp } })).toBeNull();
    expect((await failure(h.management.users.unlinkIdentity({ userId: user.id, identifier: 'github' }))).code).toBe(3902);
    const error = await failure(h.management.users.linkIdentity({ userId: user.id, identifier: '', userIdInIdp: idp }));
    expect(error).toBeInstanceOf(AuthingValidationError);
  });

  it('search: by text and fields, with department, group and role filters, newest first; paging', async () => {
    const tag = uid('srch');
    const [a, b, c] = [await newUser({ nickname: `${tag} Ann` }), await newUser({ email: `${tag}@example.com` }), await newUser({ nickname: `${tag} Cid` })];
    const all = await h.management.users.search(tag);
    expect(all.totalCount).toBe(3);
    expect(all.list.map((u) => u.id)).toEqual([c.id, b.id, a.id]);
    expect((await h.management.users.search(tag.toUpperCase(), { fields: ['nickname'] })).list.map((u) => u.id)).toEqual([c.id, a.id]);
    const page2 = await h.management.users.search(tag, { page: 2, limit: 2 });
    expect(page2).toMatchObject({ totalCount: 3, list: [{ id: a.id }] });
    expect((await h.management.users.search('%', { fields: ['nickname'] })).list.every((u) => u.nickname?.includes('%'))).toBe(true);

    const group = uid('g');
    await h.management.groups.create(group, 'G');
    await h.management.users.addGroup(a.id, group);
    expect((await h.management.users.search(tag, { groupOpts: [{ code: group }] })).list.map((u) => u.id)).toEqual([a.id]);

    const role = uid('r');
    await h.management.roles.create(role);
    await h.management.users.addRoles(c.id, [role]);
    expect((await h.management.users.search(tag, { roleOpts: [{ code: role }] })).list.map((u) => u.id)).toEqual([c.id]);
    expect((await h.management.users.search(tag, { roleOpts: [{ code: role }], groupOpts: [{ code: group }] })).totalCount).toBe(0);

    const org = await h.management.org.create(uid('org'));
    const child = await h.management.org.addNode(org.id, org.rootNode.id, { name: 'Child' });
    await h.management.org.addMembers(child.id, [b.id]);
    const inRoot = await h.management.users.search(tag, { departmentOpts: [{ departmentId: org.rootNode.id }] });
    expect(inRoot.totalCount).toBe(0);
    const withChildren = await h.management.users.search(tag, { departmentOpts: [{ departmentId: org.rootNode.id, includeChildrenDepartments: true }] });
    expect(withChildren.list.map((u) => u.id)).toEqual([b.id]);

    const seen: string[] = [];
    for await (const user of h.management.users.iterateSearch(tag, { pageSize: 1 })) seen.push(user.id);
    expect(seen).toEqual([c.id, b.id, a.id]);

    expect((await failure(h.management.users.search(tag, { fields: ['password'] }))).code).toBe(2015);
    expect((await failure(h.management.users.search(tag, { groupOpts: [{ code: uid('nogroup') }] }))).code).toBe(3302);
    expect((await failure(h.management.users.search(tag, { roleOpts: [{ code: uid('norole') }] }))).code).toBe(3202);
    expect((await failure(h.management.users.search(tag, { departmentOpts: [{ departmentId: 'no-node' }] }))).code).toBe(3402);
    const english = await failure(h.management.users.search(tag, { fields: ['password'] }, { headers: { 'x-authing-lang': 'en-US' } }));
    expect(english.message).toBe('Illegal search type when searching for users: field password');
  });

  it('filter: every condition must hold, EQ / NEQ on user fields', async () => {
    const city = uid('company');
    const [a, b] = [await newUser({ company: city, nickname: 'alpha' }), await newUser({ company: city, nickname: 'beta' })];
    await newUser({ nickname: 'alpha' });
    const inCity = await h.management.users.filter({ filter: [[{ type: 'basic', value: 'company' }, 'EQ', city]] });
    expect(inCity).toMatchObject({ totalCount: 2, list: [{ id: b.id }, { id: a.id }] });
    const notAlpha = await h.management.users.filter({
      filter: [
        [{ type: 'basic', value: 'company' }, 'EQ', city],
        [{ type: 'basic', value: 'nickname' }, 'NEQ', 'alpha'],
      ],
    });
    expect(notAlpha.list.map((u) => u.id)).toEqual([b.id]);
    expect((await h.management.users.filter({ page: 2, limit: 1, filter: [[{ type: 'basic', value: 'company' }, 'EQ', city]] })).list.map((u) => u.id)).toEqual([a.id]);
    expect((await failure(h.management.users.filter({ filter: [[{ type: 'basic', value: 'password_hash' }, 'EQ', 'x']] }))).code).toBe(2015);

    // userDefinedFields: the custom-data value of the key (stored decoded: a STRING as itself, a NUMBER as JSON).
    const school = uid('school');
    const floor = uid('floor');
    await h.management.udf.set('USER', school, 'STRING', 'School');
    await h.management.udf.set('USER', floor, 'NUMBER', 'Floor');
    await h.management.users.setUdfValue(a.id, { [school]: 'Oxford', [floor]: 3 });
    await h.management.users.setUdfValue(b.id, { [school]: 'Cambridge', [floor]: 4 });
    const byUdf = (filter: Array<[{ type: string; value: string }, 'EQ' | 'NEQ', unknown]>) => h.management.users.filter({ filter });
    expect((await byUdf([[{ type: 'userDefinedFields', value: school }, 'EQ', 'Oxford']])).list.map((u) => u.id)).toEqual([a.id]);
    expect((await byUdf([[{ type: 'userDefinedFields', value: floor }, 'EQ', 4]])).list.map((u) => u.id)).toEqual([b.id]);
    const notOxford = await byUdf([
      [{ type: 'basic', value: 'company' }, 'EQ', city],
      [{ type: 'userDefinedFields', value: school }, 'NEQ', 'Oxford'],
    ]);
    expect(notOxford.list.map((u) => u.id)).toEqual([b.id]);
  });

  it('listOrgs, listDepartment and hasRole (JS over listRoles; PY GET has-role)', async () => {
    const user = await newUser();
    const org = await h.management.org.create(uid('org'));
    const child = await h.management.org.addNode(org.id, org.rootNode.id, { name: 'Team' });
    await h.management.org.addMembers(child.id, [user.id]);
    const chains = await h.management.users.listOrgs(user.id);
    expect(chains.map((chain) => chain.map((n) => n.id))).toEqual([[org.rootNode.id, child.id]]);
    const departments = await h.management.users.listDepartment(user.id);
    expect(departments).toMatchObject({ totalCount: 1, list: [{ department: { id: child.id, name: 'Team' }, isMainDepartment: expect.any(Boolean) }] });
    expect((await failure(h.management.users.listOrgs('no-such-user'))).code).toBe(2004);
    expect((await failure(h.management.users.listDepartment('no-such-user'))).code).toBe(2004);

    const role = uid('role');
    await h.management.roles.create(role);
    expect(await h.management.users.hasRole(user.id, role)).toBe(false);
    await h.management.users.addRoles(user.id, [role]);
    expect(await h.management.users.hasRole(user.id, role)).toBe(true);
    const res = await fetch(`${h.server.url}/api/v2/users/${user.id}/has-role?code=${role}`, { headers: { authorization: `Bearer ${await adminToken()}` } });
    expect(await res.json()).toEqual({ code: 200, message: '成功', data: true });
    const other = await fetch(`${h.server.url}/api/v2/users/${user.id}/has-role?code=${uid('x')}&namespace=default`, { headers: { authorization: `Bearer ${await adminToken()}` } });
    expect(((await other.json()) as { data: boolean }).data).toBe(false);
  });

  it('checkResourcePermissionBatch and listAuthorizedResourcesOfResourceKind delegate to the acl endpoints', async () => {
    const user = await newUser();
    const ns = uid('ns');
    await h.management.acl.createNamespace(ns, 'NS');
    await h.management.acl.allow(user.id, 'books:1', 'books:read', ns);
    await h.management.acl.allow(user.id, 'books:2', 'books:edit', ns);
    const held = await h.management.users.checkResourcePermissionBatch(user.id, ns, ['books:2', 'books:9', 'books:1']);
    expect(held.map((r) => [r.code, r.actions])).toEqual([
      ['books:2', ['books:edit']],
      ['books:1', ['books:read']],
    ]);
    const kind = await h.management.users.listAuthorizedResourcesOfResourceKind(user.id, ns, 'books');
    expect(kind.map((r) => r.code).sort()).toEqual(['books:1', 'books:2']);
  });
});

describe('users: sessions', () => {
  it('refreshToken gives a working token; kick ends every session at once', async () => {
    const user = await newUser({ password: 'pw-kick-1' });
    const { token, exp, iat } = await h.management.users.refreshToken(user.id);
    expect(exp).toBeGreaterThan(iat ?? 0);
    expect(await asUser(token ?? '')).toEqual({ id: user.id });
    const session = await login(user.username ?? '', 'pw-kick-1');
    expect(await asUser(session)).toEqual({ id: user.id });
    expect((await h.management.users.checkLoginStatus(user.id)).isLogin).toBe(true);
    // The Python SDK's management check_login_status(token): Q checkLoginStatus.
    const pyStatus = async (t: string) => ((await gql('query($t: String) { checkLoginStatus(token: $t) { code status data { id } } }', { t }, await adminToken())).data?.checkLoginStatus);
    expect(await pyStatus(session)).toEqual({ code: 200, status: true, data: { id: user.id } });

    await expect(h.management.users.kick([user.id])).resolves.toBe(true);
    expect(await pyStatus(session)).toEqual({ code: 2020, status: false, data: null });
    expect(await asUser(session)).toEqual({ code: 2020 });
    expect(await asUser(token ?? '')).toEqual({ code: 2020 });
    expect(await h.management.users.checkLoginStatus(user.id)).toEqual({ isLogin: false });
    // A new login works again; a kick naming an unknown user ends nobody's session.
    const fresh = await login(user.username ?? '', 'pw-kick-1');
    expect(await asUser(fresh)).toEqual({ id: user.id });
    expect((await failure(h.management.users.kick([user.id, 'no-such-user']))).code).toBe(2004);
    expect(await asUser(fresh)).toEqual({ id: user.id });
    expect(await failure(h.management.users.kick([]))).toBeInstanceOf(AuthingValidationError);
  });

  it('checkLoginStatus lists the applications; logout ends the sessions of one application (GET /logout)', async () => {
    const user = await newUser({ password: 'pw-out-1' });
    expect(await h.management.users.checkLoginStatus(user.id)).toEqual({ isLogin: false });
    const session = await login(user.username ?? '', 'pw-out-1');
    const status = await h.management.users.checkLoginStatus(user.id, h.server.appId);
    expect(status).toMatchObject({ isLogin: true, user: { id: user.id, username: user.username }, application: [{ id: h.server.appId }] });
    expect(await h.management.users.checkLoginStatus(user.id, 'another-app')).toEqual({ isLogin: false });

    await expect(h.management.users.logout({ userId: user.id, appId: h.server.appId })).resolves.toBe(true);
    const sent = h.requests.filter((r) => new URL(r.url).pathname === '/logout').at(-1);
    expect(new URL(sent?.url ?? 'http://x').searchParams.get('userId')).toBe(user.id);
    expect(await asUser(session)).toEqual({ code: 2020 });
    expect((await h.management.users.checkLoginStatus(user.id)).isLogin).toBe(false);

    const again = await login(user.username ?? '', 'pw-out-1');
    await h.management.users.logout({ userId: user.id });
    expect(await asUser(again)).toEqual({ code: 2020 });
    expect((await failure(h.management.users.logout({ userId: 'no-such-user' }))).code).toBe(2004);
    expect((await failure(h.management.users.checkLoginStatus('no-such-user'))).code).toBe(2004);
  });

  it('sendFirstLoginVerifyEmail stores the message in the outbox and logs it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'authing-local-outbox-'));
    const logged: string[] = [];
    const failures: unknown[] = [];
    const server = await startLocalAuthing({ port: 0, db: join(dir, 'outbox.db'), log: (e) => failures.push(e), info: (line) => logged.push(line) });
    try {
      const management = new ManagementClient({ userPoolId: server.userPoolId, secret: server.secret, host: server.url });
      const email = `${uid('v')}@example.com`;
      const user = await management.users.create({ username: uid('v'), email });
      await expect(management.users.sendFirstLoginVerifyEmail({ userId: user.id, appId: server.appId })).resolves.toMatchObject({ code: 200 });
      const db = new Libsql(join(dir, 'outbox.db'), { readonly: true });
      const rows = db.prepare('SELECT kind, recipient, data FROM outbox').all() as Array<{ kind: string; recipient: string; data: string }>;
      db.close();
      expect(rows.map((r) => ({ ...r, data: JSON.parse(r.data) as unknown }))).toEqual([
        { kind: 'FIRST_LOGIN_VERIFY_EMAIL', recipient: email, data: { userId: user.id, appId: server.appId, email } },
      ]);
      expect(logged).toEqual([expect.stringContaining(`[outbox] FIRST_LOGIN_VERIFY_EMAIL to ${email}`)]);
      expect(failures).toEqual([]);

      expect((await failure(management.users.sendFirstLoginVerifyEmail({ userId: user.id, appId: 'no-such-app' }))).code).toBe(2011);
      const noEmail = await management.users.create({ username: uid('ne') });
      expect((await failure(management.users.sendFirstLoginVerifyEmail({ userId: noEmail.id, appId: server.appId }))).code).toBe(2003);
      expect((await failure(management.users.sendFirstLoginVerifyEmail({ userId: 'no-such-user', appId: server.appId }))).code).toBe(2004);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('users: deletion archives, resignation keeps', () => {
  it('deleting archives the user and removes memberships, grants, identities and sessions', async () => {
    const user = await newUser({ password: 'pw-del-1', nickname: 'Leaving' });
    const group = uid('g');
    await h.management.groups.create(group, 'G');
    await h.management.users.addGroup(user.id, group);
    const role = uid('r');
    await h.management.roles.create(role);
    await h.management.users.addRoles(user.id, [role]);
    const ns = uid('ns');
    await h.management.acl.createNamespace(ns, 'NS');
    await h.management.acl.allow(user.id, 'books:1', 'books:read', ns);
    const identity = uid('gh');
    await h.management.users.linkIdentity({ userId: user.id, identifier: 'github', userIdInIdp: identity });
    const session = await login(user.username ?? '', 'pw-del-1');

    await h.management.users.delete(user.id);
    const archived = await h.management.users.listArchivedUsers(1, 200);
    expect(archived.list[0]).toMatchObject({ id: user.id, username: user.username, nickname: 'Leaving', status: 'Archived', isDeleted: true });
    expect(await asUser(session)).toEqual({ code: 2020 });
    expect((await h.management.groups.listUsers(group)).list.map((u) => u.id)).not.toContain(user.id);
    expect((await h.management.roles.listUsers(role)).list.map((u) => u.id)).not.toContain(user.id);
    expect(await h.management.acl.isAllowed(user.id, 'books:1', 'books:read', { namespace: ns })).toBe(false);
    expect(await h.management.users.detail(user.id)).toBeNull();
    // The username and the identity are free again.
    const reborn = await h.management.users.create({ username: user.username ?? '' });
    expect(reborn.id).not.toBe(user.id);
    await expect(h.management.users.linkIdentity({ userId: reborn.id, identifier: 'github', userIdInIdp: identity })).resolves.toBe(true);

    const [x, y] = [await newUser(), await newUser()];
    await h.management.users.deleteMany([x.id, y.id]);
    const seen: string[] = [];
    for await (const u of h.management.users.iterateArchived({ pageSize: 1 })) seen.push(u.id);
    expect(seen.slice(0, 3).sort()).toEqual([x.id, y.id, user.id].sort());
    expect(seen).toHaveLength((await h.management.users.listArchivedUsers(1, 1)).totalCount);
  });

  it('resignUser / resignUserBatch (v3): status Resigned, memberships gone, sessions ended, login refused', async () => {
    const user = await newUser({ password: 'pw-res-1' });
    const group = uid('g');
    await h.management.groups.create(group, 'G');
    await h.management.users.addGroup(user.id, group);
    const session = await login(user.username ?? '', 'pw-res-1');
    await expect(h.management.users.resignUser(user.id)).resolves.toEqual({ success: true });
    const wire = h.requests.filter((r) => r.url.endsWith('/api/v3/resign-user')).at(-1);
    expect(JSON.parse(wire?.body ?? '{}')).toEqual({ userId: user.id });
    expect((await h.management.users.detail(user.id))?.status).toBe('Resigned');
    expect((await h.management.users.listGroups(user.id)).totalCount).toBe(0);
    expect(await asUser(session)).toEqual({ code: 2020 });
    await expect(login(user.username ?? '', 'pw-res-1')).rejects.toThrow('"code":2005');

    const [a, b] = [await newUser(), await newUser()];
    const refused = await failure(h.management.users.resignUserBatch([a.id, 'no-such-user']));
    expect(refused.code).toBe(2004);
    expect((await h.management.users.detail(a.id))?.status).toBe('Activated');
    await expect(h.management.users.resignUserBatch([a.id, b.id])).resolves.toEqual({ success: true });
    expect((await h.management.users.batch([a.id, b.id])).map((u) => u.status)).toEqual(['Resigned', 'Resigned']);
    const raw = await fetch(`${h.server.url}/api/v3/resign-user`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await adminToken()}` },
      body: JSON.stringify({ userId: 'no-such-user' }),
    });
    expect(await raw.json()).toEqual({ statusCode: 400, apiCode: 2004, message: '用户不存在' });
  });
});

describe('users: listing order and bounds', () => {
  it('list answers newest first without sortBy; sortBy takes effect', async () => {
    const first = await newUser();
    const second = await newUser();
    const token = await adminToken();
    const ids = async (sortBy?: string) => {
      const res = await gql('query($s: SortByEnum) { users(page: 1, limit: 200, sortBy: $s) { list { id } } }', { s: sortBy }, token);
      return (res.data?.users as { list: Array<{ id: string }> }).list.map((u) => u.id).filter((id) => id === first.id || id === second.id);
    };
    expect((await h.management.users.list(1, 2)).list.map((u) => u.id)).toEqual([second.id, first.id]);
    const sdkAsc = (await h.management.users.list(1, 200, { sortBy: 'CREATEDAT_ASC' })).list.map((u) => u.id);
    expect(sdkAsc.indexOf(first.id)).toBeLessThan(sdkAsc.indexOf(second.id));
    expect(await ids()).toEqual([second.id, first.id]);
    expect(await ids('CREATEDAT_ASC')).toEqual([first.id, second.id]);
    await h.management.users.update(first.id, { nickname: 'touched' });
    expect(await ids('UPDATEDAT_DESC')).toEqual([first.id, second.id]);
  });

  it('page and limit out of range are typed errors', async () => {
    for (const [page, limit] of [
      [0, 10],
      [1, 0],
      [1, 201],
      [1, -1],
    ] as const) {
      const error = await failure(h.management.users.list(page, limit));
      expect(error.code).toBe(400);
    }
    expect((await failure(h.management.users.listArchivedUsers(1, 500))).code).toBe(400);
    expect((await failure(h.management.users.search('x', { limit: 500 }))).code).toBe(400);
    expect((await failure(h.management.users.filter({ limit: 500 }))).code).toBe(400);
  });
});

/** A management token, for raw requests. */
async function adminToken(): Promise<string> {
  const res = await gql('query($u: String!, $s: String!) { accessToken(userPoolId: $u, secret: $s) { accessToken } }', { u: h.server.userPoolId, s: h.server.secret });
  return (res.data?.accessToken as { accessToken: string }).accessToken;
}

async function gql(query: string, variables: Record<string, unknown>, token?: string) {
  const res = await fetch(`${h.server.url}/graphql/v2`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data: Record<string, unknown> | null; errors?: Array<{ message: { code: number; message: string } }> };
}
