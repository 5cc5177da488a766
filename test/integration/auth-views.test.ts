import { AuthingAuthenticationError } from 'authing-ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

/**
 * The session user's own views (roles, resources, orgs, departments, applications): each answer
 * equals what the management client answers for that user, and another user's id is refused.
 */
const h = useLocalAuthing();

const PASSWORD = 'views-pass-1';
const ns = uid('ns');
const role = uid('editor');
const me = { id: '', username: uid('me') };
const other = { id: '', username: uid('other') };
let orgId = '';
let childId = '';

beforeAll(async () => {
  me.id = (await h.management.users.create({ username: me.username, password: PASSWORD })).id;
  other.id = (await h.management.users.create({ username: other.username, password: PASSWORD })).id;
  await h.management.acl.createNamespace(ns, 'Views');
  await h.management.acl.createResource({ namespace: ns, code: 'books', type: 'DATA', actions: [{ name: 'books:read' }, { name: 'books:write' }] });
  await h.management.roles.create(role, 'Editors', ns);
  await h.management.roles.addUsers(role, [me.id], ns);
  await h.management.acl.allow(me.id, 'books:1', 'books:read', ns);
  const org = await h.management.org.create(uid('org'));
  orgId = org.id;
  childId = (await h.management.org.addNode(org.id, org.rootNode.id, { name: 'Press', code: uid('press') })).id;
  await h.management.org.addMembers(childId, [me.id]);
});

const loggedIn = async () => {
  const auth = h.authentication();
  await auth.loginByUsername(me.username, PASSWORD);
  return auth;
};

describe('the current user views', () => {
  it('listRoles and hasRole answer what management answers for the user', async () => {
    const auth = await loggedIn();
    const mine = await auth.listRoles(ns);
    expect(mine).toEqual(await h.management.users.listRoles(me.id, ns));
    expect(mine.totalCount).toBe(1);
    expect(mine.list[0]).toMatchObject({ code: role, namespace: ns, description: 'Editors' });
    expect(await auth.listRoles()).toEqual(await h.management.users.listRoles(me.id));
    await expect(auth.hasRole(role, ns)).resolves.toBe(true);
    await expect(auth.hasRole('nobody-has-this', ns)).resolves.toBe(false);
    const sent = h.requests.findLast((r) => r.body?.includes('getUserRoles'));
    expect(sent?.headers.get('authorization')).toBe(`Bearer ${auth.getToken()}`);
    expect(JSON.parse(sent?.body ?? '{}').variables).toEqual({ id: me.id, namespace: ns });
  });

  it('listAuthorizedResources answers what management answers for the user', async () => {
    const auth = await loggedIn();
    const mine = await auth.listAuthorizedResources(ns, { resourceType: 'DATA' });
    expect(mine).toEqual(await h.management.users.listAuthorizedResources(me.id, ns, { resourceType: 'DATA' }));
    expect(mine.list).toEqual([expect.objectContaining({ code: 'books:1', type: 'DATA', actions: ['books:read'] })]);
    expect((await auth.listAuthorizedResources(ns, { resourceType: 'API' })).totalCount).toBe(0);
  });

  it('listOrgs and listDepartments answer what management answers for the user', async () => {
    const auth = await loggedIn();
    const chains = await auth.listOrgs();
    expect(chains).toEqual(await h.management.users.listOrgs(me.id));
    expect(chains).toHaveLength(1);
    expect(chains[0]?.map((n) => n.orgId)).toEqual([orgId, orgId]);
    expect(chains[0]?.at(-1)?.id).toBe(childId);
    const departments = await auth.listDepartments();
    expect(departments).toEqual(await h.management.users.listDepartment(me.id));
    expect(departments.list.map((d) => d.department?.id)).toEqual([childId]);
    expect(h.requests.findLast((r) => r.url.includes('/users/me/orgs'))?.url).toBe(`${h.server.url}/api/v2/users/me/orgs`);
  });

  it('listApplications lists the apps the access policies let the user log in to, without secrets', async () => {
    const auth = await loggedIn();
    const app = await h.management.acl.updateDefaultApplicationAccessPolicy({ appId: h.server.appId, defaultStrategy: 'ALLOW_ALL' });
    const page = await auth.listApplications();
    expect(page).toEqual({
      totalCount: 1,
      list: [{ id: app.id, name: app.name, logo: app.logo, domain: app.identifier, description: app.description, protocol: app.protocol, createdAt: app.createdAt, updatedAt: app.updatedAt }],
    });
    expect(JSON.stringify(page)).not.toContain(String(app.secret));
    expect(h.requests.findLast((r) => r.url.includes('applications/allowed'))?.url).toBe(`${h.server.url}/api/v2/users/me/applications/allowed?page=1&limit=10`);
    expect(await auth.listApplications({ page: 2, limit: 1 })).toEqual({ totalCount: 1, list: [] });

    // A deny record for the user: its session outlives it, but lists no application.
    const policy = { appId: h.server.appId, targetType: 'USER' as const, targetIdentifiers: [me.id] };
    await h.management.acl.denyAccessApplication(policy);
    try {
      expect(await auth.listApplications()).toEqual({ totalCount: 0, list: [] });
    } finally {
      await h.management.acl.deleteApplicationAccessPolicy(policy);
    }
    expect((await auth.listApplications()).totalCount).toBe(1);
    expect((await failure(auth.listApplications({ limit: 201 }))).code).toBe(400);
  });

  it("refuses another user's id (403) and a call without a session", async () => {
    const auth = await loggedIn();
    const token = auth.getToken() ?? '';
    const ask = (query: string, variables: Record<string, unknown>) =>
      fetch(`${h.server.url}/graphql/v2`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-authing-app-id': h.server.appId },
        body: JSON.stringify({ query, variables }),
      }).then((r) => r.json() as Promise<{ data: { user: unknown } | null; errors?: Array<{ message: { code: number } }> }>);
    for (const query of [
      'query($id: String!) { user(id: $id) { roles { totalCount } } }',
      'query($id: String!) { user(id: $id) { departments { totalCount } } }',
      'query($id: String!) { user(id: $id) { authorizedResources(namespace: "default") { totalCount } } }',
    ]) {
      const answer = await ask(query, { id: other.id });
      expect(answer.errors?.[0]?.message.code, query).toBe(403);
      expect(JSON.stringify(answer)).not.toContain(other.username);
    }
    const rest = await fetch(`${h.server.url}/api/v2/users/${other.id}/orgs`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await rest.json()) as { code: number }).code).toBe(403);

    const anonymous = h.authentication();
    for (const call of [anonymous.listRoles(), anonymous.listOrgs(), anonymous.listDepartments(), anonymous.listApplications(), anonymous.listAuthorizedResources(ns)]) {
      expect(await failure(call)).toBeInstanceOf(AuthingAuthenticationError);
    }
  });
});
