/**
 * The official authing-js-sdk 4.23.55's AuthenticationClient against authing-local for the
 * session user's own views, custom data, tokens and principal authentication.
 */
import { AuthenticationClient } from 'authing-js-sdk';
import { describe, expect, it } from 'vitest';
import { useOfficialSdk } from './harness.js';

const h = useOfficialSdk();
const USER = 'USER' as never;
const PASSWORD = 'pa55word!';

const login = async (username: string) => {
  const auth = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url });
  await auth.loginByUsername(username, PASSWORD);
  return auth;
};

describe('official authing-js-sdk 4.23.55: the current user', () => {
  it('hasRole, listAuthorizedResources, listOrgs, listDepartments and listApplications answer for the session user', async () => {
    const username = `views_${h.suffix}`;
    const user = await h.management.users.create({ username, password: PASSWORD });
    const ns = `views_ns_${h.suffix}`;
    await h.management.acl.createNamespace(ns, 'Views');
    await h.management.roles.create('viewers', 'Viewers', ns);
    await h.management.roles.addUsers('viewers', [user.id], ns);
    await h.management.acl.allow(user.id, 'books:1', 'books:read', ns);
    const org = await h.management.org.create(`Views ${h.suffix}`, 'org', `views_${h.suffix}`);
    const team = await h.management.org.addNode(org.id, org.rootNode.id!, { name: 'Team' });
    await h.management.org.addMembers(team.id, [user.id]);

    const auth = await login(username);
    expect(await auth.hasRole('viewers', ns)).toBe(true);
    expect(await auth.hasRole('nobody', ns)).toBe(false);
    const resources = await auth.listAuthorizedResources(ns);
    expect(resources.list).toEqual([expect.objectContaining({ code: 'books:1', actions: ['books:read'] })]);
    const chains = (await auth.listOrgs()) as Array<Array<{ id: string }>>;
    expect(chains.map((chain) => chain.map((node) => node.id))).toEqual([[org.rootNode.id, team.id]]);
    const departments = await auth.listDepartments();
    expect(departments.list.map((d: { department: { id: string } }) => d.department.id)).toEqual([team.id]);
    const apps = await auth.listApplications();
    expect(apps).toMatchObject({ totalCount: 1, list: [{ id: h.server.appId }] });
  });

  it('listUdv / setUdv / setUdfValue / getUdfValue / removeUdfValue over the session user', async () => {
    await h.management.udf.set(USER, 'school', 'STRING' as never, 'School');
    await h.management.udf.set(USER, 'age', 'NUMBER' as never, 'Age');
    const username = `udv_${h.suffix}`;
    const user = await h.management.users.create({ username, password: PASSWORD });
    const auth = await login(username);
    expect(await auth.listUdv()).toEqual([]);
    const set = await auth.setUdv('school', '清华大学');
    expect(set).toEqual([expect.objectContaining({ key: 'school', dataType: 'STRING', value: '清华大学' })]);
    await auth.setUdfValue({ age: 20 });
    expect(await auth.getUdfValue()).toEqual({ school: '清华大学', age: 20 });
    expect(await h.management.users.getUdfValue(user.id)).toEqual({ school: '清华大学', age: 20 });
    await auth.removeUdfValue('school');
    expect((await auth.listUdv()).map((i: { key: string }) => i.key)).toEqual(['age']);
    await auth.removeUdv('age');
    expect(await h.management.users.getUdfValue(user.id)).toEqual({});
  });

  it('refreshToken stores the new token; logout and logoutCurrent end the token at once', async () => {
    const username = `tokens_${h.suffix}`;
    await h.management.users.create({ username, password: PASSWORD });
    const auth = await login(username);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const refreshed = await auth.refreshToken();
    expect(refreshed.token).toMatch(/^ey/);
    const checker = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url });
    expect((await checker.checkLoginStatus(refreshed.token ?? undefined)).status).toBe(true);
    expect((await auth.getCurrentUser())?.username).toBe(username);
    await auth.logout();
    expect((await checker.checkLoginStatus(refreshed.token ?? undefined)).status).toBe(false);

    const device = await login(username);
    const token = (await device.getCurrentUser())!.token!;
    await device.logoutCurrent();
    expect((await checker.checkLoginStatus(token)).status).toBe(false);
  });

  it('principal.detail and principal.authenticate', async () => {
    const username = `principal_${h.suffix}`;
    const user = await h.management.users.create({ username, password: PASSWORD });
    const auth = await login(username);
    expect(await auth.principal.detail()).toBeNull();
    expect(await auth.principal.authenticate({ type: 'P', name: '张三', idCard: '11010519491231002X', bankCard: '6222020200001234567' })).toBe(true);
    expect(await auth.principal.detail()).toMatchObject({ userId: user.id, principalType: 'P', principalName: '张三', principalCode: '11010519491231002X' });
    await expect(
      auth.principal.authenticate({ type: 'E', enterpriseName: 'Example Ltd.', enterpriseCode: '91350100M000100Y43', legalPersonName: '李四' }),
    ).rejects.toMatchObject({ code: 3854 });
  });
});
