/**
 * The official authing-js-sdk 4.23.55's `management.org` against authing-local: its own documents,
 * REST paths and bodies, and its tree building over our answers.
 */
import { describe, expect, it } from 'vitest';
import { useOfficialSdk } from './harness.js';

const h = useOfficialSdk();

describe('official authing-js-sdk 4.23.55: organizations', () => {
  it('builds a tree, moves nodes and members, reads it back by code and over REST, and round-trips it', async () => {
    const ns = `org_ns_${h.suffix}`;
    await h.management.acl.createNamespace(ns, 'Org permissions');
    const org = await h.management.org.create(`Feifan ${h.suffix}`, 'Feifan Inc', `feifan_${h.suffix}`, `tenant_${h.suffix}`);
    const rootId = org.rootNode.id ?? '';
    const dev = await h.management.org.addNode(org.id ?? '', rootId, { name: 'R&D', code: 'dev', order: 1 });
    const ops = await h.management.org.addNode(org.id ?? '', rootId, { name: 'Operations', code: 'ops', order: 2 });
    const backend = await h.management.org.addNode(org.id ?? '', dev.id, { name: 'Backend', code: 'backend' });

    expect(await h.management.org.isRootNode(org.id ?? '', rootId)).toBe(true);
    expect(await h.management.org.isRootNode(org.id ?? '', dev.id)).toBe(false);
    expect((await h.management.org.rootNode(org.id ?? '')).id).toBe(rootId);
    expect((await h.management.org.listChildren(rootId)).map((n: { id: string }) => n.id)).toEqual([ops.id, dev.id]);
    expect(await h.management.org.getNodeByCode(org.id ?? '', 'backend')).toMatchObject({ id: backend.id, path: [rootId, dev.id, backend.id] });
    expect((await h.management.org.searchNodes('backend')).map((n: { id: string }) => n.id)).toEqual([backend.id]);

    const alice = await h.management.users.create({ username: `org_alice_${h.suffix}`, password: 'pa55word!' });
    const bob = await h.management.users.create({ username: `org_bob_${h.suffix}`, password: 'pa55word!' });
    const added = await h.management.org.addMembers(backend.id, [alice.id, bob.id]);
    expect(added.list.map((u: { id: string }) => u.id)).toEqual([alice.id, bob.id]);
    expect(await h.management.org.moveMembers({ userIds: [bob.id], sourceNodeId: backend.id, targetNodeId: ops.id })).toBe(true);
    expect((await h.management.org.listMembers(ops.id)).list.map((u: { id: string }) => u.id)).toEqual([bob.id]);
    expect(await h.management.org.setMainDepartment(alice.id, backend.id)).toMatchObject({ code: 200, message: '设置主部门成功' });

    await h.management.acl.authorizeResource({
      namespace: ns,
      resource: 'reports:*',
      opts: [{ targetType: 'ORG' as never, targetIdentifier: ops.id, actions: ['reports:read'] }],
    });
    expect(await h.management.acl.isAllowed(alice.id, 'reports:1', 'reports:read', { namespace: ns })).toBe(false);
    const moved = await h.management.org.moveNode(org.id ?? '', dev.id, ops.id);
    // The official SDK builds `tree` from our `nodes` and their `children`.
    const tree = (moved as unknown as { tree: { id: string; children: Array<{ id: string; children: Array<{ id: string }> }> } }).tree;
    expect(tree.id).toBe(rootId);
    expect(tree.children.map((c) => c.id)).toEqual([ops.id]);
    expect(tree.children[0]?.children.map((c) => c.id)).toEqual([dev.id]);
    expect(await h.management.acl.isAllowed(alice.id, 'reports:1', 'reports:read', { namespace: ns })).toBe(true);
    const resources = await h.management.org.listAuthorizedResourcesByNodeCode(org.id ?? '', 'ops', ns);
    expect(resources.list).toEqual([{ code: 'reports:*', type: 'DATA', actions: ['reports:read'] }]);

    const [exported] = (await h.management.org.exportByOrgId(org.id ?? '')) as Array<{ name: string; children: Array<{ code: string; children: Array<{ code: string }> }> }>;
    expect(exported?.name).toBe(`Feifan ${h.suffix}`);
    expect(exported?.children.map((c) => c.code)).toEqual(['ops']);
    expect(exported?.children[0]?.children.map((c) => c.code)).toEqual(['dev']);
    const imported = (await h.management.org.importByJson({ ...exported, name: `Copy ${h.suffix}` })) as Array<{ orgId: string; code: string }>;
    expect(imported.map((n) => n.code)).toEqual([`feifan_${h.suffix}`, 'ops', 'dev', 'backend']);
    const all = (await h.management.org.exportAll()) as Array<{ orgId: string }>;
    expect(all.map((t) => t.orgId)).toEqual([org.id, imported[0]?.orgId]);

    const everything = await h.management.org.getAllOrgs(1, 10);
    expect(everything.totalCount).toBe(2);
    expect((everything.list as Array<{ id: string }>).map((o) => o.id)).toEqual([org.id, imported[0]?.orgId]);
    expect(((await h.management.org.getOrgByTenantId(`tenant_${h.suffix}`)) as Array<{ id: string }>).map((o) => o.id)).toEqual([org.id]);

    const sync = await h.management.org.startSync({ providerType: 'dingtalk' }).catch((e: unknown) => e);
    expect(sync).toMatchObject({ code: 3406, message: '你还没有配置钉钉通讯录' });

    expect(await h.management.org.deleteNode(org.id ?? '', dev.id)).toMatchObject({ code: 200 });
    expect(await h.management.org.getNodeByCode(org.id ?? '', 'backend')).toBeNull();
  });
});
