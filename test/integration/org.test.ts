/**
 * `management.org` over HTTP against authing-local: the tree queries, moving nodes and members
 * (with the permission checks that follow at once), the main department, import/export round
 * trips, deleting subtrees, the Python forms, REST listings, directory sync and iteration.
 */
import { AuthingValidationError, type OrgImportNode, type OrgTreeNode } from 'authing-ts';
import { describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();
const org = () => h.management.org;
const en = { headers: { 'x-authing-lang': 'en-US' } };

const newUser = async () => (await h.management.users.create({ username: uid('u') })).id;
const namespace = async () => {
  const ns = uid('ns');
  await h.management.acl.createNamespace(ns, ns);
  return ns;
};
const grantNode = (ns: string, nodeId: string, resource: string, actions: string[]) =>
  h.management.acl.authorizeResource({ namespace: ns, resource, opts: [{ targetType: 'ORG', targetIdentifier: nodeId, actions }] });
const allowed = (userId: string, ns: string, resource: string, action: string) => h.management.acl.isAllowed(userId, resource, action, { namespace: ns });

/** An exported tree without what an import cannot keep (ids, times, the pool), for comparisons. */
type Shape = { name: string; code: string | null; description: string | null; order: number | null; members: string[]; children: Shape[] };
const shape = (n: OrgTreeNode): Shape => ({
  name: n.name,
  code: n.code,
  description: n.description,
  order: n.order,
  members: n.members,
  children: n.children.map(shape),
});
const inputShape = (n: OrgImportNode): Shape => ({
  name: n.name,
  code: n.code ?? null,
  description: n.description ?? null,
  order: n.order ?? null,
  members: n.members ?? [],
  children: (n.children ?? []).map(inputShape),
});

describe('org: tree queries', () => {
  it('answers the root, children (both argument forms), codes and searches, and null or 3401/3402 for unknown ones', async () => {
    const o = await org().create(uid('Acme'), 'Acme Inc', uid('acme'));
    const rd = await org().addNode(o.id, o.rootNode.id, { name: 'Research', code: 'rd', order: 1 });
    const ops = await org().addNode(o.id, o.rootNode.id, { name: 'Operations', code: 'ops', order: 5 });
    const lab = await org().addNode(o.id, rd.id, { name: 'Lab', code: 'lab' });

    expect(await org().isRootNode(o.id, o.rootNode.id)).toBe(true);
    expect(await org().isRootNode(o.id, lab.id)).toBe(false);
    expect((await org().rootNode(o.id)).id).toBe(o.rootNode.id);
    // Siblings: larger order first.
    expect((await org().listChildren(o.rootNode.id)).map((n) => n.id)).toEqual([ops.id, rd.id]);
    expect((await org().listChildren(o.id, rd.id)).map((n) => n.name)).toEqual(['Lab']);
    const sent = h.requests.at(-1)?.body ?? '';
    expect(JSON.parse(sent)).toMatchObject({ variables: { orgId: o.id, nodeId: rd.id } });
    expect(await org().getNodeByCode(o.id, 'lab')).toMatchObject({ id: lab.id, path: [o.rootNode.id, rd.id, lab.id], codePath: [o.rootNode.code, 'rd', 'lab'] });
    expect(await org().getNodeByCode(o.id, 'nope')).toBeNull();
    const found = await org().searchNodes('LAB');
    expect(found.map((n) => n.id)).toContain(lab.id);
    expect(found.every((n) => n.name.toLowerCase().includes('lab'))).toBe(true);

    expect((await failure(org().rootNode('no-such-org'))).code).toBe(3401);
    expect((await failure(org().isRootNode(o.id, 'no-such-node'))).code).toBe(3402);
    expect((await failure(org().listChildren('no-such-node'))).code).toBe(3402);
    const other = await org().create(uid('Other'));
    expect((await failure(org().listChildren(other.id, rd.id))).code).toBe(3402);
  });

  it('refuses a node code the organization already has (3404), in the chosen language', async () => {
    const o = await org().create(uid('Codes'));
    const a = await org().addNode(o.id, o.rootNode.id, { name: 'A', code: 'same' });
    const error = await failure(org().addNode(o.id, o.rootNode.id, { name: 'B', code: 'same' }, en));
    expect(error.code).toBe(3404);
    expect(error.message).toBe('The organization already has a node with code "same"');
    expect((await failure(org().addNode(o.id, o.rootNode.id, { name: 'B', code: 'same' }))).message).toBe('该组织机构中已有 code 为 same 的节点');
    expect((await failure(org().updateNode(o.rootNode.id, { code: 'same' }))).code).toBe(3404);
    // Another organization may use it.
    const other = await org().create(uid('Other'));
    await expect(org().addNode(other.id, other.rootNode.id, { name: 'A', code: 'same' })).resolves.toMatchObject({ code: 'same' });
    expect((await org().findById(o.id)).nodes.map((n) => n.id)).toEqual([o.rootNode.id, a.id]);
  });
});

describe('org: moveNode', () => {
  it('moves a subtree and its members inherit from the new ancestors on the very next check', async () => {
    const ns = await namespace();
    const o = await org().create(uid('Move'));
    const granted = await org().addNode(o.id, o.rootNode.id, { name: 'Granted' });
    const plain = await org().addNode(o.id, o.rootNode.id, { name: 'Plain' });
    const team = await org().addNode(o.id, plain.id, { name: 'Team' });
    const user = await newUser();
    await org().addMembers(team.id, [user]);
    await grantNode(ns, granted.id, 'vault:1', ['open']);
    expect(await allowed(user, ns, 'vault:1', 'open')).toBe(false);

    const moved = await org().moveNode(o.id, plain.id, granted.id);
    expect(moved.nodes.find((n) => n.id === team.id)?.path).toEqual([o.rootNode.id, granted.id, plain.id, team.id]);
    expect(moved.nodes.find((n) => n.id === granted.id)?.children).toEqual([plain.id]);
    expect(await allowed(user, ns, 'vault:1', 'open')).toBe(true);

    await org().moveNode(o.id, plain.id, o.rootNode.id);
    expect(await allowed(user, ns, 'vault:1', 'open')).toBe(false);
  });

  it('refuses a move below the node itself or its descendants, and of the root, writing nothing', async () => {
    const o = await org().create(uid('Cycle'));
    const a = await org().addNode(o.id, o.rootNode.id, { name: 'A' });
    const a1 = await org().addNode(o.id, a.id, { name: 'A1' });
    const before = await org().findById(o.id);
    const error = await failure(org().moveNode(o.id, a.id, a1.id, en));
    expect(error.code).toBe(400);
    expect(error.message).toBe('A node cannot move below itself or one of its descendants');
    expect((await failure(org().moveNode(o.id, a.id, a.id))).message).toBe('节点不能移动到自身或其子节点下');
    expect((await failure(org().moveNode(o.id, o.rootNode.id, a.id, en))).message).toBe('The root node cannot be moved');
    expect((await failure(org().moveNode(o.id, a.id, 'no-such-node'))).code).toBe(3402);
    expect(await org().findById(o.id)).toEqual(before);
  });
});

describe('org: members', () => {
  it('moveMembers changes inheritance at once and keeps the main department; a non-member moves nobody (3405)', async () => {
    const ns = await namespace();
    const o = await org().create(uid('Members'));
    const from = await org().addNode(o.id, o.rootNode.id, { name: 'From' });
    const to = await org().addNode(o.id, o.rootNode.id, { name: 'To' });
    const [u1, u2, outsider] = [await newUser(), await newUser(), await newUser()];
    await org().addMembers(from.id, [u1, u2]);
    await org().setMainDepartment(u1, from.id);
    await grantNode(ns, to.id, 'room:9', ['enter']);
    expect(await allowed(u1, ns, 'room:9', 'enter')).toBe(false);

    expect((await failure(org().moveMembers({ userIds: [u2, outsider], sourceNodeId: from.id, targetNodeId: to.id }, en))).message).toBe(
      'The user is not a member of that node',
    );
    expect((await org().listMembers(from.id)).users.list.map((u) => u.id)).toEqual([u1, u2]);
    expect((await org().listMembers(to.id)).users.totalCount).toBe(0);

    await expect(org().moveMembers({ userIds: [u1], sourceNodeId: from.id, targetNodeId: to.id })).resolves.toBe(true);
    expect(await allowed(u1, ns, 'room:9', 'enter')).toBe(true);
    expect(await allowed(u2, ns, 'room:9', 'enter')).toBe(false);
    expect((await org().listMembers(from.id)).users.list.map((u) => u.id)).toEqual([u2]);
    const departments = await h.management.users.listDepartment(u1);
    expect(departments.list.map((d) => [d.department.id, d.isMainDepartment])).toEqual([[to.id, true]]);

    expect((await failure(org().moveMembers({ userIds: ['no-such-user'], sourceNodeId: from.id, targetNodeId: to.id }))).code).toBe(2004);
    expect((await failure(org().moveMembers({ userIds: [u2], sourceNodeId: from.id, targetNodeId: 'no-such-node' }))).code).toBe(3402);
  });

  it('setMainDepartment marks exactly one department, clears with none, and refuses other nodes', async () => {
    const o = await org().create(uid('Main'));
    const a = await org().addNode(o.id, o.rootNode.id, { name: 'A' });
    const b = await org().addNode(o.id, o.rootNode.id, { name: 'B' });
    const user = await newUser();
    await org().addMembers(a.id, [user]);
    await org().addMembers(b.id, [user]);
    const main = async () => (await h.management.users.listDepartment(user)).list.filter((d) => d.isMainDepartment).map((d) => d.department.id);

    // The user's own mainDepartmentId / mainDepartmentCode follow the mark.
    const profile = async () => {
      const u = await h.management.users.detail(user);
      return [u?.mainDepartmentId ?? null, u?.mainDepartmentCode ?? null];
    };
    await org().updateNode(b.id, { code: uid('b') });
    const bCode = (await org().getNodeById(b.id))?.code ?? null;

    await expect(org().setMainDepartment(user, a.id, en)).resolves.toEqual({ code: 200, message: 'Main department set' });
    expect(await main()).toEqual([a.id]);
    expect(await profile()).toEqual([a.id, null]);
    await org().setMainDepartment(user, b.id);
    expect(await main()).toEqual([b.id]);
    expect(await profile()).toEqual([b.id, bCode]);
    await org().setMainDepartment(user);
    expect(await main()).toEqual([]);
    expect(await profile()).toEqual([null, null]);

    expect((await failure(org().setMainDepartment(user, o.rootNode.id))).code).toBe(3405);
    expect((await failure(org().setMainDepartment(user, 'no-such-node'))).code).toBe(3402);
    expect((await failure(org().setMainDepartment('no-such-user', a.id))).code).toBe(2004);
    expect(await main()).toEqual([]);

    // Leaving the main department (removed, or its node deleted) clears them too.
    await org().setMainDepartment(user, a.id);
    await org().removeMembers(a.id, [user]);
    expect(await profile()).toEqual([null, null]);
    await org().setMainDepartment(user, b.id);
    await org().deleteNode(o.id, b.id);
    expect(await profile()).toEqual([null, null]);
  });

  it('iterateMembers and iterate walk every page, in order', async () => {
    const o = await org().create(uid('Iterate'));
    const child = await org().addNode(o.id, o.rootNode.id, { name: 'Child' });
    const direct = [await newUser(), await newUser(), await newUser(), await newUser()];
    const below = [await newUser(), await newUser(), await newUser()];
    await org().addMembers(o.rootNode.id, direct);
    await org().addMembers(child.id, below);
    const ids: string[] = [];
    const before = h.requests.length;
    for await (const user of org().iterateMembers(o.rootNode.id, { pageSize: 3 })) ids.push(user.id);
    expect(ids).toEqual(direct);
    expect(h.requests.length - before).toBe(2);
    const all: string[] = [];
    for await (const user of org().iterateMembers(o.rootNode.id, { pageSize: 2, includeChildrenNodes: true })) all.push(user.id);
    expect(all).toEqual([...direct, ...below]);
    await expect(org().iterateMembers('no-such-node').next()).rejects.toMatchObject({ code: 3402 });

    const listed = await org().list(1, 200);
    const iterated: string[] = [];
    for await (const each of org().iterate({ pageSize: 2 })) iterated.push(each.id);
    expect(iterated).toEqual(listed.list.map((x) => x.id));
    expect(iterated).toContain(o.id);
  });
});

describe('org: export and import', () => {
  it('importByJson then exportByOrgId round-trips the tree, members and order included; re-importing the export copies it', async () => {
    const [u1, u2] = [await newUser(), await newUser()];
    const suffix = uid('t');
    const tree: OrgImportNode = {
      name: `Feifan ${suffix}`,
      code: 'feifan',
      description: 'Beijing Feifan',
      members: [u1],
      children: [
        { name: 'Operations', code: 'operation', description: 'Commercial', order: 2 },
        {
          name: 'R&D',
          code: 'dev',
          order: 1,
          members: [u1, u2],
          children: [
            { name: 'Backend', code: 'backend', description: 'Back end' },
            { name: 'Frontend', code: 'frontend' },
          ],
        },
      ],
    };
    const created = await org().importByJson(tree);
    expect(created.map((n) => n.name)).toEqual([tree.name, 'Operations', 'R&D', 'Backend', 'Frontend']);
    const orgId = created[0]?.orgId ?? '';
    expect(created.every((n) => n.orgId === orgId)).toBe(true);

    const exported = await org().exportByOrgId(orgId);
    expect(exported).toHaveLength(1);
    const [root] = exported as [OrgTreeNode];
    expect(shape(root)).toEqual(inputShape(tree));
    expect(root).toMatchObject({ id: created[0]?.id, orgId, userPoolId: h.server.userPoolId });
    expect(h.requests.at(-1)?.url).toBe(`${h.server.url}/api/v2/orgs/export?org_id=${orgId}`);

    // The export imports as a copy (its ids ignored), given as JSON text as the Python SDK sends it.
    const copy = await org().importByJson(JSON.stringify({ ...root, name: `${root.name} copy` }));
    const [copied] = (await org().exportByOrgId(copy[0]?.orgId ?? '')) as [OrgTreeNode];
    expect(shape(copied)).toEqual({ ...shape(root), name: `${root.name} copy` });
    expect(copied.id).not.toBe(root.id);

    const all = await org().exportAll();
    expect(all.map((t) => t.orgId)).toEqual(expect.arrayContaining([orgId, copied.orgId]));
    expect(all.find((t) => t.orgId === orgId)).toEqual(root);
  });

  it('imports nothing from a bad tree: a nameless node (400), a code used twice (3404), an unknown member (2004)', async () => {
    const count = async () => (await org().list(1, 1)).totalCount;
    const before = await count();
    const nameless = await failure(org().importByJson({ name: 'Top', children: [{ name: '  ' }] }, en));
    expect([nameless.code, nameless.message]).toEqual([400, 'file.children[0].name is required']);
    const twice = await failure(org().importByJson({ name: 'Top', code: 'x', children: [{ name: 'Child', code: 'x' }] }));
    expect(twice.code).toBe(3404);
    expect((await failure(org().importByJson({ name: 'Top', children: [{ name: 'Child', members: ['no-such-user'] }] }))).code).toBe(2004);
    expect((await failure(org().importByJson('{not json'))).code).toBe(400);
    expect(await count()).toBe(before);
    expect((await failure(org().exportByOrgId('no-such-org'))).code).toBe(3401);
  });
});

describe('org: deleting nodes', () => {
  it('deletes the subtree with its memberships and grants; the members stay in the pool; the root is refused (3403)', async () => {
    const ns = await namespace();
    const o = await org().create(uid('Delete'));
    const dept = await org().addNode(o.id, o.rootNode.id, { name: 'Dept' });
    const team = await org().addNode(o.id, dept.id, { name: 'Team', code: 'team' });
    const user = await newUser();
    await org().addMembers(team.id, [user]);
    await grantNode(ns, dept.id, 'doc:1', ['read']);
    expect(await allowed(user, ns, 'doc:1', 'read')).toBe(true);

    await org().deleteNode(o.id, dept.id);
    expect(await allowed(user, ns, 'doc:1', 'read')).toBe(false);
    expect(await org().getNodeByCode(o.id, 'team')).toBeNull();
    expect((await h.management.users.listDepartment(user)).totalCount).toBe(0);
    expect((await h.management.users.detail(user))?.id).toBe(user);
    expect((await org().findById(o.id)).nodes.map((n) => n.id)).toEqual([o.rootNode.id]);

    const root = await failure(org().deleteNode(o.id, o.rootNode.id, en));
    expect([root.code, root.message]).toEqual([3403, 'The root node cannot be deleted; delete the organization instead']);
  });
});

describe('org: node access and the Python forms', () => {
  it('lists a node’s resources by code, and gives and takes roles that its subtree inherits', async () => {
    const ns = await namespace();
    const o = await org().createOrg(uid('Py'), uid('py'), 'made by create_org');
    expect(o.rootNode).toMatchObject({ description: 'made by create_org', root: true });
    const withChild = await org().addNode(o.id, 'Archive', o.rootNode.id, { code: 'archive', order: 2 });
    expect(JSON.parse(h.requests.at(-1)?.body ?? '{}').query).toMatch(/mutation addNode\(/);
    const archive = withChild.nodes.find((n) => n.code === 'archive');
    expect(archive).toMatchObject({ name: 'Archive', order: 2, path: [o.rootNode.id, archive?.id] });
    const shelf = await org().addNode(o.id, archive?.id ?? '', { name: 'Shelf' });

    await grantNode(ns, archive?.id ?? '', 'box:1', ['open']);
    const byCode = await org().listAuthorizedResourcesByNodeCode(o.id, 'archive', ns);
    expect(byCode.list).toEqual([expect.objectContaining({ code: 'box:1', actions: ['open'] })]);
    expect((await failure(org().listAuthorizedResourcesByNodeCode(o.id, 'nope', ns))).code).toBe(3402);

    const role = uid('keeper');
    await h.management.roles.create(role, undefined, undefined, ns);
    await h.management.acl.authorizeResource({ namespace: ns, resource: 'key:1', opts: [{ targetType: 'ROLE', targetIdentifier: role, actions: ['use'] }] });
    const user = await newUser();
    await org().addMembers(shelf.id, [user]);
    expect(await allowed(user, ns, 'key:1', 'use')).toBe(false);

    await expect(org().addRoles(archive?.id ?? '', [role], ns)).resolves.toMatchObject({ code: 200 });
    expect((await org().listRoles(archive?.id ?? '', ns)).list.map((r) => r.code)).toEqual([role]);
    expect((await org().listRoles(shelf.id, ns)).list.map((r) => r.code)).toEqual([role]);
    expect((await org().listRoles(o.rootNode.id, ns)).totalCount).toBe(0);
    expect(await allowed(user, ns, 'key:1', 'use')).toBe(true);

    await org().removeRoles(archive?.id ?? '', [role], ns);
    expect((await org().listRoles(shelf.id, ns)).totalCount).toBe(0);
    expect(await allowed(user, ns, 'key:1', 'use')).toBe(false);
    expect((await failure(org().addRoles(archive?.id ?? '', ['no-such-role'], ns))).code).toBe(3202);
    expect((await failure(org().listRoles('no-such-node'))).code).toBe(3402);
  });
});

describe('org: REST listings and directory sync', () => {
  it('getAllOrgs pages with the pool total; getOrgByTenantId finds the orgs created for a tenant', async () => {
    const tenant = uid('tenant');
    const mine = await org().create(uid('Tenant org'), undefined, undefined, tenant);
    expect(mine.tenantId).toBe(tenant);
    const listed = await org().list(1, 200);
    const all = await org().getAllOrgs(1, 200);
    expect(all.totalCount).toBe(listed.totalCount);
    expect(all.list).toEqual(listed.list);
    const page2 = await org().getAllOrgs(2, 1);
    expect(page2.list.map((x) => x.id)).toEqual([listed.list[1]?.id]);

    expect(await org().getOrgByTenantId(tenant)).toEqual([mine]);
    expect(await org().getOrgByTenantId(uid('no-such-tenant'))).toEqual([]);
  });

  it('answers Authing’s envelopes on the wire: export/import messages, a non-json filetype, an unknown provider', async () => {
    await org().list(1, 1);
    const authorization = h.requests.at(-1)?.headers.get('authorization') ?? '';
    const call = async (method: string, path: string, body?: unknown, lang = 'zh-CN') => {
      const res = await fetch(`${h.server.url}${path}`, {
        method,
        headers: { authorization, 'content-type': 'application/json', 'x-authing-lang': lang },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, json: (await res.json()) as { code: number; message: string; data: unknown } };
    };
    const imported = await call('POST', '/api/v2/orgs/import', { filetype: 'json', file: { name: uid('Wire') } });
    expect(imported.json).toMatchObject({ code: 200, message: '导入数据成功', data: [expect.objectContaining({ root: true, depth: 0 })] });
    const orgId = (imported.json.data as Array<{ orgId: string }>)[0]?.orgId;
    const exported = await call('GET', `/api/v2/orgs/export?org_id=${orgId}`, undefined, 'en-US');
    expect(exported.json).toMatchObject({ code: 200, message: 'Export data success', data: [expect.objectContaining({ orgId, members: [], children: [] })] });
    expect((await call('GET', '/api/v2/orgs/count')).json).toEqual({ code: 200, message: '成功', data: { count: (await org().list(1, 1)).totalCount } });
    const csv = await call('POST', '/api/v2/orgs/import', { filetype: 'csv', file: 'name\nA' }, 'en-US');
    expect([csv.status, csv.json.code, csv.json.message]).toEqual([400, 400, 'filetype must be json']);
    const ldap = await call('POST', '/connections/enterprise/ldap/start-sync', {});
    expect([ldap.status, ldap.json.code]).toEqual([400, 400]);
    const unauthenticated = await fetch(`${h.server.url}/connections/enterprise/dingtalk/start-sync`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(((await unauthenticated.json()) as { code: number }).code).toBe(2020);
  });

  it('startSync answers as Authing does for a pool with no enterprise directory', async () => {
    const ding = await failure(org().startSync({ providerType: 'dingtalk' }));
    expect([ding.code, ding.message]).toEqual([3406, '你还没有配置钉钉通讯录']);
    expect(h.requests.at(-1)).toMatchObject({ method: 'POST', url: `${h.server.url}/connections/enterprise/dingtalk/start-sync` });
    const wecom = await failure(org().startSync({ providerType: 'wechatwork' }, en));
    expect([wecom.code, wecom.message]).toEqual([3406, 'No WeCom (WeChat Work) directory is configured for this user pool']);
    const ad = await failure(org().startSync({ providerType: 'ad', adConnectorId: 'no-such-connector' }));
    expect(ad.code).toBe(3407);
    expect(JSON.parse(h.requests.at(-1)?.body ?? '{}')).toEqual({ connectionId: 'no-such-connector' });
    await expect(org().startSync({ providerType: 'ad' })).rejects.toBeInstanceOf(AuthingValidationError);
  });
});
