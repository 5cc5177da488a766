/**
 * The official authing-js-sdk (4.23.55, from npm) pointed at authing-local: the server must be
 * wire-compatible with clients nobody here wrote.
 */
import { AuthenticationClient } from 'authing-js-sdk';
import { describe, expect, it } from 'vitest';
import { useOfficialSdk } from './harness.js';

const h = useOfficialSdk();

describe('official authing-js-sdk 4.23.55 against authing-local', () => {
  it('creates, lists, reads and deletes users (RSA-encrypted password, accessToken query)', async () => {
    const created = await h.management.users.create({ username: `official_${h.suffix}`, password: 'pa55word!', nickname: 'Off' });
    expect(created.username).toBe(`official_${h.suffix}`);
    expect(created.password).toBeNull();
    const page = await h.management.users.list(1, 50);
    expect(page.list.map((u) => u.id)).toContain(created.id);
    const detail = await h.management.users.detail(created.id);
    expect(detail.nickname).toBe('Off');
    await h.management.users.delete(created.id);
    const after = await h.management.users.list(1, 50);
    expect(after.list.map((u) => u.id)).not.toContain(created.id);
  });

  it('logs in with the AuthenticationClient and updates the profile with the user token', async () => {
    await h.management.users.create({ username: `login_${h.suffix}`, password: 'pa55word!' });
    const auth = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url });
    const user = await auth.loginByUsername(`login_${h.suffix}`, 'pa55word!');
    expect(user.token).toMatch(/^ey/);
    const updated = await auth.updateProfile({ nickname: 'Updated by the official SDK' });
    expect(updated.nickname).toBe('Updated by the official SDK');
  });

  it('reports a login with an unknown username as Authing does (2004)', async () => {
    const auth = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url });
    const error = await auth.loginByUsername(`ghost_${h.suffix}`, 'whatever').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 2004, message: '用户不存在' });
  });

  it('runs the permission flow: namespace, resource, allow, isAllowed (REST is-allowed)', async () => {
    const user = await h.management.users.create({ username: `acl_${h.suffix}`, password: 'pa55word!' });
    const ns = `official_ns_${h.suffix}`;
    const namespace = await h.management.acl.createNamespace(ns, 'Official', 'made by authing-js-sdk');
    expect(namespace.code).toBe(ns);
    await h.management.acl.createResource({
      code: 'books',
      type: 'DATA' as never,
      namespace: ns,
      actions: [{ name: 'books:read', description: 'read' }],
    });
    await h.management.acl.allow(user.id, 'books:1', 'books:read', ns);
    expect(await h.management.acl.isAllowed(user.id, 'books:1', 'books:read', { namespace: ns })).toBe(true);
    expect(await h.management.acl.isAllowed(user.id, 'books:2', 'books:read', { namespace: ns })).toBe(false);
    const resources = await h.management.acl.listResources({ namespaceCode: ns, page: 1, limit: 10 } as never);
    expect(resources.list.map((r: { code: string }) => r.code)).toEqual(['books']);
  });
});

describe('official authing-js-sdk 4.23.55: the permission module end to end', () => {
  it('grants through roles, groups and org nodes, lists, targets and revokes', async () => {
    const ns = `perm_${h.suffix}`;
    await h.management.acl.createNamespace(ns, 'Permissions');
    const alice = await h.management.users.create({ username: `perm_alice_${h.suffix}`, password: 'pa55word!' });
    const bob = await h.management.users.create({ username: `perm_bob_${h.suffix}`, password: 'pa55word!' });

    await h.management.roles.create('editors', 'Editors', ns);
    await h.management.roles.addUsers('editors', [alice.id], ns);
    await h.management.acl.authorizeResource({
      namespace: ns,
      resource: 'books:*',
      opts: [{ targetType: 'ROLE' as never, targetIdentifier: 'editors', actions: ['books:edit'] }],
    });
    expect(await h.management.acl.isAllowed(alice.id, 'books:9', 'books:edit', { namespace: ns })).toBe(true);
    expect(await h.management.acl.isAllowed(bob.id, 'books:9', 'books:edit', { namespace: ns })).toBe(false);

    await h.management.groups.create(`readers_${h.suffix}`, 'Readers');
    await h.management.groups.addUsers(`readers_${h.suffix}`, [bob.id]);
    await h.management.acl.authorizeResource({
      namespace: ns,
      resource: 'books:1',
      opts: [{ targetType: 'GROUP' as never, targetIdentifier: `readers_${h.suffix}`, actions: ['books:read'] }],
    });
    expect(await h.management.acl.isAllowed(bob.id, 'books:1', 'books:read', { namespace: ns })).toBe(true);

    const org = await h.management.org.create(`Org ${h.suffix}`, 'org', `org_${h.suffix}`);
    const child = await h.management.org.addNode(org.id, org.rootNode.id!, { name: 'Team' });
    await h.management.org.addMembers(child.id, [bob.id]);
    await h.management.acl.authorizeResource({
      namespace: ns,
      resource: 'shelves:*',
      opts: [{ targetType: 'ORG' as never, targetIdentifier: org.rootNode.id!, actions: ['*'] }],
    });
    expect(await h.management.acl.isAllowed(bob.id, 'shelves:3', 'shelves:move', { namespace: ns })).toBe(true);

    const aliceResources = await h.management.acl.listAuthorizedResources('USER' as never, alice.id, ns);
    expect(aliceResources.list.map((r) => r.code)).toEqual(['books:*']);
    const roleResources = await h.management.roles.listAuthorizedResources('editors', ns);
    expect(roleResources.list[0]).toMatchObject({ code: 'books:*', actions: ['books:edit'] });

    const targets = await h.management.acl.getAuthorizedTargets({
      namespace: ns,
      resource: 'books:*',
      resourceType: 'DATA' as never,
      actions: { op: 'OR' as never, list: ['books:edit'] },
    });
    expect(targets.list).toEqual([expect.objectContaining({ targetType: 'ROLE', targetIdentifier: 'editors' })]);

    await h.management.acl.revokeResource({
      namespace: ns,
      resource: 'books',
      opts: [{ targetType: 'GROUP' as never, targetIdentifier: `readers_${h.suffix}` }],
    });
    expect(await h.management.acl.isAllowed(bob.id, 'books:1', 'books:read', { namespace: ns })).toBe(false);
  });

  it('updates and deletes namespaces and resources by code', async () => {
    const ns = `ns_edit_${h.suffix}`;
    await h.management.acl.createNamespace(ns, 'Before');
    const updated = await h.management.acl.updateNamespace(ns, { name: 'After', description: 'renamed' });
    expect(updated).toMatchObject({ code: ns, name: 'After' });
    await h.management.acl.createResource({ code: 'docs', type: 'DATA' as never, namespace: ns, actions: [{ name: 'docs:read', description: 'r' }] });
    const changed = await h.management.acl.updateResource('docs', { namespace: ns, actions: [{ name: 'docs:write', description: 'w' }] } as never);
    expect(changed.actions).toEqual([{ name: 'docs:write', description: 'w' }]);
    expect((await h.management.acl.getResourceByCode({ namespace: ns, code: 'docs' }))?.code).toBe('docs');
    expect(await h.management.acl.deleteResource('docs', ns)).toBe(true);
    expect(await h.management.acl.getResourceByCode({ namespace: ns, code: 'docs' })).toBeFalsy();
    expect(await h.management.acl.deleteNamespace(ns)).toBe(true);
  });

  it('manages programmatic access accounts and application access', async () => {
    const account = await h.management.acl.createProgrammaticAccessAccount(h.server.appId, { remarks: 'ci', tokenLifetime: 300 });
    expect(account).toMatchObject({ appId: h.server.appId, remarks: 'ci', tokenLifetime: 300, enabled: true });
    expect((await h.management.acl.disableProgrammaticAccessAccount(account.id)).enabled).toBe(false);
    const refreshed = await h.management.acl.refreshProgrammaticAccessAccountSecret(account.id);
    expect(refreshed.secret).not.toBe(account.secret);
    const listed = await h.management.acl.programmaticAccessAccountList(h.server.appId);
    expect(listed.list.map((a) => a.id)).toContain(account.id);
    expect(await h.management.acl.deleteProgrammaticAccessAccount(account.id)).toBe(true);

    const user = await h.management.users.create({ username: `gate_${h.suffix}`, password: 'pa55word!' });
    const app = await h.management.acl.updateDefaultApplicationAccessPolicy({ appId: h.server.appId, defaultStrategy: 'DENY_ALL' as never });
    expect(app.permissionStrategy?.defaultStrategy).toBe('DENY_ALL');
    const auth = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url });
    await expect(auth.loginByUsername(`gate_${h.suffix}`, 'pa55word!')).rejects.toMatchObject({ code: 1576 });
    await h.management.acl.allowAccessApplication({ appId: h.server.appId, targetType: 'USER' as never, targetIdentifiers: [user.id], namespace: h.server.appId });
    const policies = await h.management.acl.getApplicationAccessPolicies({ appId: h.server.appId });
    expect(policies.list.map((p) => p.targetIdentifier)).toContain(user.id);
    expect((await auth.loginByUsername(`gate_${h.suffix}`, 'pa55word!')).id).toBe(user.id);
    await h.management.acl.updateDefaultApplicationAccessPolicy({ appId: h.server.appId, defaultStrategy: 'ALLOW_ALL' as never });
  });
});

describe('official authing-js-sdk 4.23.55: the authentication session', () => {
  it('registers by email, reads the current user, checks the login status and logs out', async () => {
    const auth = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url });
    const email = `session_${h.suffix}@example.com`;
    const registered = await auth.registerByEmail(email, 'pa55word!', { nickname: 'Sess' });
    expect(registered).toMatchObject({ email, nickname: 'Sess', password: null });

    const loggedIn = await auth.loginByEmail(email, 'pa55word!');
    expect(loggedIn.token).toMatch(/^ey/);
    const current = await auth.getCurrentUser();
    expect(current?.id).toBe(registered.id);

    const status = await auth.checkLoginStatus(loggedIn.token!);
    expect(status).toMatchObject({ code: 200, status: true, data: { id: registered.id, userPoolId: h.server.userPoolId } });

    await auth.logout();
    const after = await new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url }).checkLoginStatus(loggedIn.token!);
    expect(after).toMatchObject({ status: false });
  });

  it('reports a wrong password as Authing does (2333)', async () => {
    await h.management.users.create({ username: `wrongpw_${h.suffix}`, password: 'pa55word!' });
    const auth = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url });
    await expect(auth.loginByUsername(`wrongpw_${h.suffix}`, 'not-it')).rejects.toMatchObject({ code: 2333 });
  });
});
