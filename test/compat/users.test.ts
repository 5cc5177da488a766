/**
 * The official authing-js-sdk (4.23.55, from npm) against authing-local: the users methods of the
 * management issue, as that SDK sends them (REST batch, filter, kick, /logout, login-status,
 * identity link/unlink, has-role via listRoles, the v3 resign-user; GraphQL findUser, searchUser,
 * archivedUsers, refreshToken, getUserDepartments, sendFirstLoginVerifyEmail).
 */
import { ManagementClient as OurManagementClient } from 'authing-ts';
import { describe, expect, it } from 'vitest';
import { useOfficialSdk } from './harness.js';

const h = useOfficialSdk();

/** Whether a user token still opens its session. */
async function works(token: string): Promise<boolean> {
  const res = await fetch(`${h.server.url}/graphql/v2`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ user { id } }' }),
  });
  return !((await res.json()) as { errors?: unknown[] }).errors;
}

describe('official authing-js-sdk 4.23.55: users', () => {
  it('looks users up, manages their sessions and identities, resigns and archives them', async () => {
    const ada = await h.management.users.create({ username: `ada_${h.suffix}`, email: `ada_${h.suffix}@example.com`, password: 'pa55word!', nickname: 'Ada' });
    const bob = await h.management.users.create({ username: `bob_${h.suffix}`, password: 'pa55word!', nickname: 'Bob' });

    expect((await h.management.users.batch([bob.id, ada.id])).map((u) => u.id)).toEqual([bob.id, ada.id]);
    expect((await h.management.users.batch([`ada_${h.suffix}`], { queryField: 'username' })).map((u) => u.id)).toEqual([ada.id]);
    expect((await h.management.users.find({ email: `ADA_${h.suffix}@example.com` })).id).toBe(ada.id);
    const search = await h.management.users.search(h.suffix, { fields: ['username'] });
    expect(search.list.map((u) => u.id)).toEqual([bob.id, ada.id]);
    const filtered = await h.management.users.filter({ filter: [[{ type: 'basic', value: 'nickname' }, 'EQ', 'Ada']] });
    expect(filtered.list.map((u) => u.id)).toEqual([ada.id]);

    const org = await h.management.org.create(`org_${h.suffix}`);
    await h.management.org.addMembers(org.rootNode.id, [ada.id]);
    expect((await h.management.users.listDepartment(ada.id)).list.map((d) => d.department.id)).toEqual([org.rootNode.id]);
    const chains = (await h.management.users.listOrgs(ada.id)) as Array<Array<{ id: string }>>;
    expect(chains.map((chain) => chain.map((n) => n.id))).toEqual([[org.rootNode.id]]);
    await h.management.roles.create(`role_${h.suffix}`);
    await h.management.users.addRoles(ada.id, [`role_${h.suffix}`]);
    expect(await h.management.users.hasRole(ada.id, `role_${h.suffix}`)).toBe(true);
    expect(await h.management.users.hasRole(bob.id, `role_${h.suffix}`)).toBe(false);

    // Sessions: refreshToken, the JS-local checkLoginStatus, the REST login status, kick and logout.
    const { token } = await h.management.users.refreshToken(ada.id);
    expect(await works(token ?? '')).toBe(true);
    expect(((await h.management.checkLoginStatus(token ?? '', { fetchUserDetail: true })) as { id: string }).id).toBe(ada.id);
    expect(await h.management.users.checkLoginStatus(ada.id)).toMatchObject({ isLogin: true, user: { id: ada.id } });
    expect(await h.management.users.kick([ada.id])).toEqual({ code: 200, message: '强制下线成功' });
    expect(await works(token ?? '')).toBe(false);
    expect(await h.management.users.checkLoginStatus(ada.id)).toEqual({ isLogin: false });
    const second = (await h.management.users.refreshToken(ada.id)).token ?? '';
    await h.management.users.logout({ userId: ada.id });
    expect(await works(second)).toBe(false);

    const link = await h.management.users.linkIdentity({ userId: ada.id, userIdInIdp: `gh_${h.suffix}`, isSocial: true, type: 'openid', identifier: 'github', extIdpId: 'idp1' });
    expect(link).toMatchObject({ code: 200, data: true });
    expect((await h.management.users.find({ identity: { provider: 'github', userIdInIdp: `gh_${h.suffix}` } })).id).toBe(ada.id);
    expect(await h.management.users.unlinkIdentity({ userId: ada.id, isSocial: true, identifier: 'github', extIdpId: 'idp1' })).toMatchObject({ code: 200 });

    await expect(h.management.users.sendFirstLoginVerifyEmail({ userId: ada.id, appId: h.server.appId })).resolves.toBe(true);

    expect(await h.management.users.resignUser(bob.id)).toEqual({ success: true });
    expect((await h.management.users.detail(bob.id)).status).toBe('Resigned');

    await h.management.users.delete(ada.id);
    expect(await h.management.users.detail(ada.id)).toBeNull();
    const archived = await h.management.users.listArchivedUsers(1, 10);
    expect(archived.list.map((u) => u.id)).toContain(ada.id);
    const refused = await h.management.users.kick(['no-such-user']).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 2004, message: '用户不存在' });
  });

  it('reads users with their custom data (withCustomData: the twin documents, REST flags) as authing-ts does', async () => {
    const ours = new OurManagementClient({ userPoolId: h.server.userPoolId, secret: h.server.secret, host: h.server.url });
    await h.management.udf.set('USER' as never, `rank_${h.suffix}`, 'NUMBER' as never, 'Rank');
    await h.management.udf.set('USER' as never, `since_${h.suffix}`, 'DATETIME' as never, 'Since');
    const username = `cd_${h.suffix}`;
    const user = await h.management.users.create({ username });
    const since = new Date('2021-05-06T07:08:09.010Z');
    await h.management.users.setUdfValue(user.id, { [`rank_${h.suffix}`]: 3, [`since_${h.suffix}`]: since });
    const expected = { [`rank_${h.suffix}`]: 3, [`since_${h.suffix}`]: since };

    expect((await h.management.users.detail(user.id, { withCustomData: true })).customData).toEqual(expected);
    expect((await ours.users.detail(user.id, { withCustomData: true }))?.customData).toEqual(expected);
    expect((await h.management.users.batch([user.id], { queryField: 'id', withCustomData: true })).map((u) => u.customData)).toEqual([expected]);
    expect((await ours.users.batch([user.id], { withCustomData: true })).map((u) => u.customData)).toEqual([expected]);
    expect((await h.management.users.find({ username, withCustomData: true })).customData).toEqual(expected);
    expect((await ours.users.find({ username, withCustomData: true }))?.customData).toEqual(expected);
    expect((await h.management.users.search(username, { withCustomData: true })).list.map((u) => u.customData)).toEqual([expected]);
    expect((await ours.users.search(username, { withCustomData: true })).list.map((u) => u.customData)).toEqual([expected]);
    const official = (await h.management.users.list(1, 200, { withCustomData: true })).list.find((u) => u.id === user.id);
    expect(official?.customData).toEqual(expected);
    expect((await ours.users.list(1, 200, { withCustomData: true })).list.find((u) => u.id === user.id)?.customData).toEqual(expected);
  });
});
