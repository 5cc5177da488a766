import { AuthingError, type ApplicationAccessPolicy } from 'authing-ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();


const PASSWORD = 'open-sesame-1';
async function newUser() {
  const username = uid('u');
  const user = await h.management.users.create({ username, password: PASSWORD });
  return { ...user, username };
}
const login = (username: string) => h.authentication().loginByUsername(username, PASSWORD);
const canLogIn = (username: string) =>
  login(username).then(
    () => true,
    (error: unknown) => {
      if (error instanceof AuthingError && error.code === 1576) return false;
      throw error;
    },
  );

beforeEach(async () => {
  // Each test starts from the default strategy; records are per target, so tests use fresh users.
  await h.management.acl.updateDefaultApplicationAccessPolicy({ appId: h.server.appId, defaultStrategy: 'ALLOW_ALL' });
});

describe('application access policies', () => {
  it('sets the default strategy and returns the application', async () => {
    const app = await h.management.acl.updateDefaultApplicationAccessPolicy({ appId: h.server.appId, defaultStrategy: 'DENY_ALL' });
    expect(app).toMatchObject({ id: h.server.appId, permissionStrategy: { defaultStrategy: 'DENY_ALL' } });
    const user = await newUser();
    const refused = await failure(login(user.username));
    expect(refused).toMatchObject({ code: 1576, message: '无应用登录权限' });
    const back = await h.management.acl.updateDefaultApplicationAccessPolicy({ appId: h.server.appId, defaultStrategy: 'ALLOW_ALL' });
    expect(back.permissionStrategy.defaultStrategy).toBe('ALLOW_ALL');
    await expect(canLogIn(user.username)).resolves.toBe(true);
  });

  it('allow records beat DENY_ALL; deny records beat ALLOW_ALL; disabled and deleted records do not apply', async () => {
    const appId = h.server.appId;
    const allowed = await newUser();
    const denied = await newUser();
    const allowPolicy: ApplicationAccessPolicy = { appId, targetType: 'USER', targetIdentifiers: [allowed.id] };
    const denyPolicy: ApplicationAccessPolicy = { appId, targetType: 'USER', targetIdentifiers: [denied.id] };
    await expect(h.management.acl.allowAccessApplication(allowPolicy)).resolves.toBe(true);
    await expect(h.management.acl.denyAccessApplication(denyPolicy)).resolves.toBe(true);

    const records = await h.management.acl.getApplicationAccessPolicies({ appId, page: 1, limit: 100 });
    const mine = records.list.filter((r) => [allowed.id, denied.id].includes(r.targetIdentifier));
    expect(mine.map((r) => [r.targetIdentifier, r.enabled, r.targetType]).sort()).toEqual(
      [[allowed.id, true, 'USER'], [denied.id, true, 'USER']].sort(),
    );
    expect(records.totalCount).toBeGreaterThanOrEqual(2);

    await expect(canLogIn(denied.username)).resolves.toBe(false);
    await h.management.acl.updateDefaultApplicationAccessPolicy({ appId, defaultStrategy: 'DENY_ALL' });
    await expect(canLogIn(allowed.username)).resolves.toBe(true);

    await expect(h.management.acl.disableApplicationAccessPolicy(allowPolicy)).resolves.toBe(true);
    await expect(canLogIn(allowed.username)).resolves.toBe(false);
    await expect(h.management.acl.enableApplicationAccessPolicy(allowPolicy)).resolves.toBe(true);
    await expect(canLogIn(allowed.username)).resolves.toBe(true);
    await expect(h.management.acl.deleteApplicationAccessPolicy(allowPolicy)).resolves.toBe(true);
    await expect(canLogIn(allowed.username)).resolves.toBe(false);

    await h.management.acl.updateDefaultApplicationAccessPolicy({ appId, defaultStrategy: 'ALLOW_ALL' });
    await h.management.acl.disableApplicationAccessPolicy(denyPolicy);
    await expect(canLogIn(denied.username)).resolves.toBe(true);
    const after = await h.management.acl.getApplicationAccessPolicies({ appId, limit: 100 });
    expect(after.list.find((r) => r.targetIdentifier === denied.id)?.enabled).toBe(false);
    expect(after.list.find((r) => r.targetIdentifier === allowed.id)).toBeUndefined();
  });

  it('applies role, group and org records (org children only with inheritByChildren)', async () => {
    const appId = h.server.appId;
    const [viaRole, viaGroup, inRoot, inChild, other] = await Promise.all([newUser(), newUser(), newUser(), newUser(), newUser()]);
    const role = uid('role');
    const group = uid('group');
    await h.management.roles.create(role);
    await h.management.roles.addUsers(role, [viaRole.id]);
    await h.management.groups.create(group, 'G');
    await h.management.groups.addUsers(group, [viaGroup.id]);
    const org = await h.management.org.create(uid('org'));
    const child = await h.management.org.addNode(org.id, org.rootNode.id, { name: 'child' });
    await h.management.org.addMembers(org.rootNode.id, [inRoot.id]);
    await h.management.org.addMembers(child.id, [inChild.id]);

    await h.management.acl.updateDefaultApplicationAccessPolicy({ appId, defaultStrategy: 'DENY_ALL' });
    await h.management.acl.allowAccessApplication({ appId, targetType: 'ROLE', targetIdentifiers: [role], namespace: 'default' });
    await h.management.acl.allowAccessApplication({ appId, targetType: 'GROUP', targetIdentifiers: [group] });
    await h.management.acl.allowAccessApplication({ appId, targetType: 'ORG', targetIdentifiers: [org.rootNode.id], inheritByChildren: false });
    await expect(canLogIn(viaRole.username)).resolves.toBe(true);
    await expect(canLogIn(viaGroup.username)).resolves.toBe(true);
    await expect(canLogIn(inRoot.username)).resolves.toBe(true);
    await expect(canLogIn(inChild.username)).resolves.toBe(false);
    await expect(canLogIn(other.username)).resolves.toBe(false);
    await h.management.acl.allowAccessApplication({ appId, targetType: 'ORG', targetIdentifiers: [org.rootNode.id], inheritByChildren: true });
    await expect(canLogIn(inChild.username)).resolves.toBe(true);

    // A deny on the role beats the allow on the group.
    await h.management.groups.addUsers(group, [viaRole.id]);
    await h.management.acl.denyAccessApplication({ appId, targetType: 'ROLE', targetIdentifiers: [role] });
    await expect(canLogIn(viaRole.username)).resolves.toBe(false);
  });

  it('reports an unknown application', async () => {
    expect((await failure(h.management.acl.getApplicationAccessPolicies({ appId: 'no-such-app' }))).code).toBe(2011);
    expect((await failure(h.management.acl.updateDefaultApplicationAccessPolicy({ appId: 'no-such-app', defaultStrategy: 'DENY_ALL' }))).code).toBe(2011);
  });
});
