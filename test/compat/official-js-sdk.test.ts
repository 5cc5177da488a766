/**
 * The official authing-js-sdk (4.23.55, from npm) pointed at authing-local: the server must be
 * wire-compatible with clients nobody here wrote.
 */
import { AuthenticationClient, ManagementClient } from 'authing-js-sdk';
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

describe('official authing-js-sdk 4.23.55 against authing-local', () => {
  it('creates, lists, reads and deletes users (RSA-encrypted password, accessToken query)', async () => {
    const created = await management.users.create({ username: `official_${suffix}`, password: 'pa55word!', nickname: 'Off' });
    expect(created.username).toBe(`official_${suffix}`);
    expect(created.password).toBeNull();
    const page = await management.users.list(1, 50);
    expect(page.list.map((u) => u.id)).toContain(created.id);
    const detail = await management.users.detail(created.id);
    expect(detail.nickname).toBe('Off');
    await management.users.delete(created.id);
    const after = await management.users.list(1, 50);
    expect(after.list.map((u) => u.id)).not.toContain(created.id);
  });

  it('logs in with the AuthenticationClient and updates the profile with the user token', async () => {
    await management.users.create({ username: `login_${suffix}`, password: 'pa55word!' });
    const auth = new AuthenticationClient({ appId: server.appId, appHost: server.url });
    const user = await auth.loginByUsername(`login_${suffix}`, 'pa55word!');
    expect(user.token).toMatch(/^ey/);
    const updated = await auth.updateProfile({ nickname: 'Updated by the official SDK' });
    expect(updated.nickname).toBe('Updated by the official SDK');
  });

  it('reports a login with an unknown username as Authing does (2004)', async () => {
    const auth = new AuthenticationClient({ appId: server.appId, appHost: server.url });
    const error = await auth.loginByUsername(`ghost_${suffix}`, 'whatever').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 2004, message: '用户不存在' });
  });

  it('runs the permission flow: namespace, resource, allow, isAllowed (REST is-allowed)', async () => {
    const user = await management.users.create({ username: `acl_${suffix}`, password: 'pa55word!' });
    const ns = `official_ns_${suffix}`;
    const namespace = await management.acl.createNamespace(ns, 'Official', 'made by authing-js-sdk');
    expect(namespace.code).toBe(ns);
    await management.acl.createResource({
      code: 'books',
      type: 'DATA' as never,
      namespace: ns,
      actions: [{ name: 'books:read', description: 'read' }],
    });
    await management.acl.allow(user.id, 'books:1', 'books:read', ns);
    expect(await management.acl.isAllowed(user.id, 'books:1', 'books:read', { namespace: ns })).toBe(true);
    expect(await management.acl.isAllowed(user.id, 'books:2', 'books:read', { namespace: ns })).toBe(false);
    const resources = await management.acl.listResources({ namespaceCode: ns, page: 1, limit: 10 } as never);
    expect(resources.list.map((r: { code: string }) => r.code)).toEqual(['books']);
  });
});
