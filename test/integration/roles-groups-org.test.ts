import { describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();


const newUserId = async () => (await h.management.users.create({ username: uid('u') })).id;

describe('roles', () => {
  it('creates, reads, updates and deletes roles, in the default namespace and in others', async () => {
    const parent = uid('parent');
    const code = uid('role');
    await h.management.roles.create(parent);
    // A parent needs the fourth argument: with three, the third is the namespace (4.23.55).
    const role = await h.management.roles.create(code, 'Editors', parent, undefined);
    expect(role).toMatchObject({ code, description: 'Editors', namespace: 'default', parent: { code: parent } });
    expect(role.arn).toMatch(/^arn:cn:authing:.+:role:/);
    await expect(h.management.roles.detail(code)).resolves.toMatchObject({ code, description: 'Editors' });
    await expect(h.management.roles.detail(uid('missing'))).resolves.toBeNull();

    const renamed = uid('renamed');
    const updated = await h.management.roles.update(code, { description: 'Writers', newCode: renamed });
    expect(updated).toMatchObject({ code: renamed, description: 'Writers' });
    await expect(h.management.roles.detail(code)).resolves.toBeNull();

    const ns = uid('ns');
    await h.management.acl.createNamespace(ns, 'NS');
    const twin = await h.management.roles.create(renamed, 'Same code, other namespace', undefined, ns);
    expect(twin.namespace).toBe(ns);
    await expect(h.management.roles.update(renamed, { namespace: ns, description: 'ns role' })).resolves.toMatchObject({ namespace: ns, description: 'ns role' });
    const inNs = await h.management.roles.list({ namespace: ns });
    expect(inNs).toMatchObject({ totalCount: 1, list: [{ code: renamed, namespace: ns }] });
    await expect(h.management.roles.delete(renamed, ns)).resolves.toMatchObject({ code: 200 });
    await expect(h.management.roles.detail(renamed, ns)).resolves.toBeNull();
    await expect(h.management.roles.detail(renamed)).resolves.toMatchObject({ code: renamed });

    const [a, b] = [uid('a'), uid('b')];
    await h.management.roles.create(a);
    await h.management.roles.create(b);
    const page = await h.management.roles.list({ page: 1, limit: 2 });
    expect(page.list).toHaveLength(2);
    expect(page.totalCount).toBeGreaterThanOrEqual(4);
    await expect(h.management.roles.deleteMany([a, b])).resolves.toMatchObject({ code: 200 });
    await expect(h.management.roles.detail(a)).resolves.toBeNull();
  });

  it('adds, lists and removes role users', async () => {
    const code = uid('role');
    await h.management.roles.create(code);
    const [u1, u2] = [await newUserId(), await newUserId()];
    await expect(h.management.roles.addUsers(code, [u1, u2])).resolves.toMatchObject({ code: 200 });
    const users = await h.management.roles.listUsers(code);
    expect(users.totalCount).toBe(2);
    expect(users.list.map((u) => u.id).sort()).toEqual([u1, u2].sort());
    expect((await h.management.roles.listUsers(code, { page: 1, limit: 1 })).list).toHaveLength(1);
    await h.management.roles.removeUsers(code, [u1]);
    expect((await h.management.roles.listUsers(code)).list.map((u) => u.id)).toEqual([u2]);
    const error = await failure(h.management.roles.listUsers(uid('missing')));
    expect(error.code).toBe(3202);
  });

  it('lists the resources granted to a role', async () => {
    const ns = uid('ns');
    const code = uid('role');
    await h.management.acl.createNamespace(ns, 'NS');
    await h.management.roles.create(code, undefined, undefined, ns);
    await h.management.acl.authorizeResource({ namespace: ns, resource: 'books:*', opts: [{ targetType: 'ROLE', targetIdentifier: code, actions: ['books:read'] }] });
    const resources = await h.management.roles.listAuthorizedResources(code, ns);
    expect(resources).toMatchObject({ totalCount: 1, list: [{ code: 'books:*', actions: ['books:read'] }] });
    expect((await h.management.roles.listAuthorizedResources(code, ns, { resourceType: 'API' })).totalCount).toBe(0);
    expect((await failure(h.management.roles.listAuthorizedResources(code))).code).toBe(3202);
  });
});

describe('groups', () => {
  it('creates, reads, updates, lists and deletes groups', async () => {
    const code = uid('group');
    await expect(h.management.groups.create(code, 'Staff', 'Library staff')).resolves.toMatchObject({ code, name: 'Staff', description: 'Library staff' });
    await expect(h.management.groups.detail(code)).resolves.toMatchObject({ code, name: 'Staff' });
    await expect(h.management.groups.detail(uid('missing'))).resolves.toBeNull();
    const renamed = uid('renamed');
    await expect(h.management.groups.update(code, { name: 'Crew', description: 'd', newCode: renamed })).resolves.toMatchObject({ code: renamed, name: 'Crew', description: 'd' });
    const list = await h.management.groups.list(1, 100);
    expect(list.list.map((g) => g.code)).toContain(renamed);
    expect((await h.management.groups.list(1, 1)).list).toHaveLength(1);
    await expect(h.management.groups.delete(renamed)).resolves.toMatchObject({ code: 200 });
    await expect(h.management.groups.detail(renamed)).resolves.toBeNull();
    const [a, b] = [uid('g'), uid('g')];
    await h.management.groups.create(a, 'A');
    await h.management.groups.create(b, 'B');
    await expect(h.management.groups.deleteMany([a, b])).resolves.toMatchObject({ code: 200 });
    expect(await h.management.groups.detail(b)).toBeNull();
  });

  it('adds, lists and removes members, and lists group resources', async () => {
    const code = uid('group');
    await h.management.groups.create(code, 'G');
    const [u1, u2] = [await newUserId(), await newUserId()];
    await expect(h.management.groups.addUsers(code, [u1, u2])).resolves.toMatchObject({ code: 200 });
    const users = await h.management.groups.listUsers(code);
    expect(users.totalCount).toBe(2);
    expect((await h.management.groups.listUsers(code, { page: 2, limit: 1 })).list).toHaveLength(1);
    await expect(h.management.groups.removeUsers(code, [u1])).resolves.toMatchObject({ code: 200 });
    expect((await h.management.groups.listUsers(code)).list.map((u) => u.id)).toEqual([u2]);
    expect((await failure(h.management.groups.listUsers(uid('missing')))).code).toBe(3302);

    const [ns1, ns2] = [uid('ns'), uid('ns')];
    await h.management.acl.createNamespace(ns1, 'one');
    await h.management.acl.createNamespace(ns2, 'two');
    await h.management.acl.authorizeResource({ namespace: ns1, resource: 'books', opts: [{ targetType: 'GROUP', targetIdentifier: code, actions: ['read'] }] });
    await h.management.acl.authorizeResource({ namespace: ns2, resource: 'films', opts: [{ targetType: 'GROUP', targetIdentifier: code, actions: ['watch'] }] });
    expect(await h.management.groups.listAuthorizedResources(code, ns1)).toMatchObject({ totalCount: 1, list: [{ code: 'books', actions: ['read'] }] });
    // Without a namespace a group lists its grants of every namespace (as Authing does).
    expect((await h.management.groups.listAuthorizedResources(code)).totalCount).toBe(2);
    expect((await h.management.groups.listAuthorizedResources(code, ns1, { resourceType: 'DATA' })).totalCount).toBe(1);
  });
});

describe('organizations', () => {
  it('creates an organization, adds, reads, updates and deletes nodes', async () => {
    const org = await h.management.org.create('Library', 'The city library', uid('lib'));
    expect(org.rootNode).toMatchObject({ name: 'Library', root: true, description: 'The city library' });
    expect(org.nodes.map((n) => n.id)).toEqual([org.rootNode.id]);
    const child = await h.management.org.addNode(org.id, org.rootNode.id, { name: 'Archive', code: 'archive', description: 'Old books', order: 3 });
    expect(child).toMatchObject({ name: 'Archive', code: 'archive', description: 'Old books', order: 3, orgId: org.id, root: false });
    expect(child.path).toEqual([org.rootNode.id, child.id]);
    const grandchild = await h.management.org.addNode(org.id, child.id, { name: 'Vault' });
    expect(grandchild.depth).toBe(2);

    const found = await h.management.org.findById(org.id);
    expect(found.nodes.map((n) => n.id).sort()).toEqual([org.rootNode.id, child.id, grandchild.id].sort());
    const listed = await h.management.org.list(1, 100);
    expect(listed.list.map((o) => o.id)).toContain(org.id);

    const updated = await h.management.org.updateNode(child.id, { name: 'Stacks', description: 'Shelves' });
    expect(updated).toMatchObject({ id: child.id, name: 'Stacks', description: 'Shelves', code: 'archive' });
    await expect(h.management.org.getNodeById(child.id)).resolves.toMatchObject({ name: 'Stacks' });
    await expect(h.management.org.getNodeById('no-such-node')).resolves.toBeNull();

    await expect(h.management.org.deleteNode(org.id, child.id)).resolves.toMatchObject({ code: 200 });
    await expect(h.management.org.getNodeById(child.id)).resolves.toBeNull();
    await expect(h.management.org.getNodeById(grandchild.id)).resolves.toBeNull();

    await expect(h.management.org.deleteById(org.id)).resolves.toMatchObject({ code: 200 });
    await expect(h.management.org.getNodeById(org.rootNode.id)).resolves.toBeNull();
    expect((await failure(h.management.org.findById(org.id))).code).toBe(3401);
  });

  it('adds, lists and removes members, with children nodes', async () => {
    const org = await h.management.org.create(uid('org'));
    const child = await h.management.org.addNode(org.id, org.rootNode.id, { name: 'Child' });
    const [u1, u2] = [await newUserId(), await newUserId()];
    const afterAdd = await h.management.org.addMembers(org.rootNode.id, [u1]);
    expect(afterAdd.users.list.map((u) => u.id)).toEqual([u1]);
    await h.management.org.addMembers(child.id, [u2]);
    const direct = await h.management.org.listMembers(org.rootNode.id);
    expect(direct.users).toMatchObject({ totalCount: 1 });
    const withChildren = await h.management.org.listMembers(org.rootNode.id, { includeChildrenNodes: true });
    expect(withChildren.users.list.map((u) => u.id).sort()).toEqual([u1, u2].sort());
    expect((await h.management.org.listMembers(org.rootNode.id, { includeChildrenNodes: true, page: 1, limit: 1 })).users.list).toHaveLength(1);
    const afterRemove = await h.management.org.removeMembers(child.id, [u2]);
    expect(afterRemove.users.totalCount).toBe(0);
    expect((await failure(h.management.org.listMembers('no-such-node'))).code).toBe(3402);
  });

  it('lists the resources granted to a node', async () => {
    const org = await h.management.org.create(uid('org'));
    const ns = uid('ns');
    await h.management.acl.createNamespace(ns, 'NS');
    await h.management.acl.authorizeResource({ namespace: ns, resource: 'rooms:1', opts: [{ targetType: 'ORG', targetIdentifier: org.rootNode.id, actions: ['enter'] }] });
    const resources = await h.management.org.listAuthorizedResourcesByNodeId(org.rootNode.id, ns);
    expect(resources).toMatchObject({ totalCount: 1, list: [{ code: 'rooms:1', actions: ['enter'] }] });
    expect((await h.management.org.listAuthorizedResourcesByNodeId(org.rootNode.id, ns, { resourceType: 'UI' })).totalCount).toBe(0);
    expect((await failure(h.management.org.listAuthorizedResourcesByNodeId('no-such-node', ns))).code).toBe(3402);
  });
});
