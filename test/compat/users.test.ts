/**
 * The official authing-js-sdk (4.23.55, from npm) against authing-local: the users methods of the
 * management issue, as that SDK sends them (REST batch, filter, kick, /logout, login-status,
 * identity link/unlink, has-role via listRoles, the v3 resign-user; GraphQL findUser, searchUser,
 * archivedUsers, refreshToken, getUserDepartments, sendFirstLoginVerifyEmail).
 */
import { ManagementClient } from 'authing-js-sdk';
import { startLocalAuthing, type LocalAuthing } from 'authing-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let server: LocalAuthing;
let management: ManagementClient;
const suffix = Date.now().toString(36);

beforeAll(async () => {
  server = await startLocalAuthing({ port: 0, db: ':memory:', log: () => undefined });
  management = new ManagementClient({ userPoolId: server.userPoolId, secret: server.secret, host: server.url });
});
afterAll(async () => {
  await server?.close();
});

/** Whether a user token still opens its session. */
async function works(token: string): Promise<boolean> {
  const res = await fetch(`${server.url}/graphql/v2`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ user { id } }' }),
  });
  return !((await res.json()) as { errors?: unknown[] }).errors;
}

describe('official authing-js-sdk 4.23.55: users', () => {
  it('looks users up, manages their sessions and identities, resigns and archives them', async () => {
    const ada = await management.users.create({ username: `ada_${suffix}`, email: `ada_${suffix}@example.com`, password: 'pa55word!', nickname: 'Ada' });
    const bob = await management.users.create({ username: `bob_${suffix}`, password: 'pa55word!', nickname: 'Bob' });

    expect((await management.users.batch([bob.id, ada.id])).map((u) => u.id)).toEqual([bob.id, ada.id]);
    expect((await management.users.batch([`ada_${suffix}`], { queryField: 'username' })).map((u) => u.id)).toEqual([ada.id]);
    expect((await management.users.find({ email: `ADA_${suffix}@example.com` })).id).toBe(ada.id);
    const search = await management.users.search(suffix, { fields: ['username'] });
    expect(search.list.map((u) => u.id)).toEqual([bob.id, ada.id]);
    const filtered = await management.users.filter({ filter: [[{ type: 'basic', value: 'nickname' }, 'EQ', 'Ada']] });
    expect(filtered.list.map((u) => u.id)).toEqual([ada.id]);

    const org = await management.org.create(`org_${suffix}`);
    await management.org.addMembers(org.rootNode.id, [ada.id]);
    expect((await management.users.listDepartment(ada.id)).list.map((d) => d.department.id)).toEqual([org.rootNode.id]);
    const chains = (await management.users.listOrgs(ada.id)) as Array<Array<{ id: string }>>;
    expect(chains.map((chain) => chain.map((n) => n.id))).toEqual([[org.rootNode.id]]);
    await management.roles.create(`role_${suffix}`);
    await management.users.addRoles(ada.id, [`role_${suffix}`]);
    expect(await management.users.hasRole(ada.id, `role_${suffix}`)).toBe(true);
    expect(await management.users.hasRole(bob.id, `role_${suffix}`)).toBe(false);

    // Sessions: refreshToken, the JS-local checkLoginStatus, the REST login status, kick and logout.
    const { token } = await management.users.refreshToken(ada.id);
    expect(await works(token ?? '')).toBe(true);
    expect(((await management.checkLoginStatus(token ?? '', { fetchUserDetail: true })) as { id: string }).id).toBe(ada.id);
    expect(await management.users.checkLoginStatus(ada.id)).toMatchObject({ isLogin: true, user: { id: ada.id } });
    expect(await management.users.kick([ada.id])).toEqual({ code: 200, message: '强制下线成功' });
    expect(await works(token ?? '')).toBe(false);
    expect(await management.users.checkLoginStatus(ada.id)).toEqual({ isLogin: false });
    const second = (await management.users.refreshToken(ada.id)).token ?? '';
    await management.users.logout({ userId: ada.id });
    expect(await works(second)).toBe(false);

    const link = await management.users.linkIdentity({ userId: ada.id, userIdInIdp: `gh_${suffix}`, isSocial: true, type: 'openid', identifier: 'github', extIdpId: 'idp1' });
    expect(link).toMatchObject({ code: 200, data: true });
    expect((await management.users.find({ identity: { provider: 'github', userIdInIdp: `gh_${suffix}` } })).id).toBe(ada.id);
    expect(await management.users.unlinkIdentity({ userId: ada.id, isSocial: true, identifier: 'github', extIdpId: 'idp1' })).toMatchObject({ code: 200 });

    await expect(management.users.sendFirstLoginVerifyEmail({ userId: ada.id, appId: server.appId })).resolves.toBe(true);

    expect(await management.users.resignUser(bob.id)).toEqual({ success: true });
    expect((await management.users.detail(bob.id)).status).toBe('Resigned');

    await management.users.delete(ada.id);
    expect(await management.users.detail(ada.id)).toBeNull();
    const archived = await management.users.listArchivedUsers(1, 10);
    expect(archived.list.map((u) => u.id)).toContain(ada.id);
    const refused = await management.users.kick(['no-such-user']).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 2004, message: '用户不存在' });
  });
});
