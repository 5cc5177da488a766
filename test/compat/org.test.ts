/**
 * The official authing-js-sdk 4.23.55's `management.org` against authing-local: its own documents,
 * REST paths and bodies, and its tree building over our answers.
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

describe('official authing-js-sdk 4.23.55: organizations', () => {
  it('builds a tree, moves nodes and members, reads it back by code and over REST, and round-trips it', async () => {
    const ns = `org_ns_${suffix}`;
    await management.acl.createNamespace(ns, 'Org permissions');
    const org = await management.org.create(`Feifan ${suffix}`, 'Feifan Inc', `feifan_${suffix}`, `tenant_${suffix}`);
    const rootId = org.rootNode.id ?? '';
    const dev = await management.org.addNode(org.id ?? '', rootId, { name: 'R&D', code: 'dev', order: 1 });
    const ops = await management.org.addNode(org.id ?? '', rootId, { name: 'Operations', code: 'ops', order: 2 });
    const backend = await management.org.addNode(org.id ?? '', dev.id, { name: 'Backend', code: 'backend' });

    expect(await management.org.isRootNode(org.id ?? '', rootId)).toBe(true);
    expect(await management.org.isRootNode(org.id ?? '', dev.id)).toBe(false);
    expect((await management.org.rootNode(org.id ?? '')).id).toBe(rootId);
    expect((await management.org.listChildren(rootId)).map((n: { id: string }) => n.id)).toEqual([ops.id, dev.id]);
    expect(await management.org.getNodeByCode(org.id ?? '', 'backend')).toMatchObject({ id: backend.id, path: [rootId, dev.id, backend.id] });
    expect((await management.org.searchNodes('backend')).map((n: { id: string }) => n.id)).toEqual([backend.id]);

    const alice = await management.users.create({ username: `org_alice_${suffix}`, password: 'pa55word!' });
    const bob = await management.users.create({ username: `org_bob_${suffix}`, password: 'pa55word!' });
    const added = await management.org.addMembers(backend.id, [alice.id, bob.id]);
    expect(added.list.map((u: { id: string }) => u.id)).toEqual([alice.id, bob.id]);
    expect(await management.org.moveMembers({ userIds: [bob.id], sourceNodeId: backend.id, targetNodeId: ops.id })).toBe(true);
    expect((await management.org.listMembers(ops.id)).list.map((u: { id: string }) => u.id)).toEqual([bob.id]);
    expect(await management.org.setMainDepartment(alice.id, backend.id)).toMatchObject({ code: 200, message: '设置主部门成功' });

    await management.acl.authorizeResource({
      namespace: ns,
      resource: 'reports:*',
      opts: [{ targetType: 'ORG' as never, targetIdentifier: ops.id, actions: ['reports:read'] }],
    });
    expect(await management.acl.isAllowed(alice.id, 'reports:1', 'reports:read', { namespace: ns })).toBe(false);
    const moved = await management.org.moveNode(org.id ?? '', dev.id, ops.id);
    // The official SDK builds `tree` from our `nodes` and their `children`.
    const tree = (moved as unknown as { tree: { id: string; children: Array<{ id: string; children: Array<{ id: string }> }> } }).tree;
    expect(tree.id).toBe(rootId);
    expect(tree.children.map((c) => c.id)).toEqual([ops.id]);
    expect(tree.children[0]?.children.map((c) => c.id)).toEqual([dev.id]);
    expect(await management.acl.isAllowed(alice.id, 'reports:1', 'reports:read', { namespace: ns })).toBe(true);
    const resources = await management.org.listAuthorizedResourcesByNodeCode(org.id ?? '', 'ops', ns);
    expect(resources.list).toEqual([{ code: 'reports:*', type: 'DATA', actions: ['reports:read'] }]);

    const [exported] = (await management.org.exportByOrgId(org.id ?? '')) as Array<{ name: string; children: Array<{ code: string; children: Array<{ code: string }> }> }>;
    expect(exported?.name).toBe(`Feifan ${suffix}`);
    expect(exported?.children.map((c) => c.code)).toEqual(['ops']);
    expect(exported?.children[0]?.children.map((c) => c.code)).toEqual(['dev']);
    const imported = (await management.org.importByJson({ ...exported, name: `Copy ${suffix}` })) as Array<{ orgId: string; code: string }>;
    expect(imported.map((n) => n.code)).toEqual([`feifan_${suffix}`, 'ops', 'dev', 'backend']);
    const all = (await management.org.exportAll()) as Array<{ orgId: string }>;
    expect(all.map((t) => t.orgId)).toEqual([org.id, imported[0]?.orgId]);

    const everything = await management.org.getAllOrgs(1, 10);
    expect(everything.totalCount).toBe(2);
    expect((everything.list as Array<{ id: string }>).map((o) => o.id)).toEqual([org.id, imported[0]?.orgId]);
    expect(((await management.org.getOrgByTenantId(`tenant_${suffix}`)) as Array<{ id: string }>).map((o) => o.id)).toEqual([org.id]);

    const sync = await management.org.startSync({ providerType: 'dingtalk' }).catch((e: unknown) => e);
    expect(sync).toMatchObject({ code: 3406, message: '你还没有配置钉钉通讯录' });

    expect(await management.org.deleteNode(org.id ?? '', dev.id)).toMatchObject({ code: 200 });
    expect(await management.org.getNodeByCode(org.id ?? '', 'backend')).toBeNull();
  });
});
