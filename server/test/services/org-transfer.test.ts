import { describe, expect, it } from 'vitest';
import { createUser } from '../../src/services/users.js';
import {
  IMPORT_MAX_DEPTH,
  IMPORT_MAX_NODES,
  countOrgs,
  createOrg,
  exportOrgs,
  importOrg,
  listOrgsByTenant,
  startAdSync,
  startEnterpriseSync,
} from '../../src/services/orgs.js';
import { expectCode, fixture } from './helpers.js';

/** A chain `depth` nodes deep (the root counts), built as an object literal would be. */
function chain(depth: number): Record<string, unknown> {
  let node: Record<string, unknown> = { name: `n${depth - 1}` };
  for (let i = depth - 2; i >= 0; i--) node = { name: `n${i}`, children: [node] };
  return node;
}

describe('org import / export service', () => {
  it('takes a tree as an object or as JSON text, and exports it back with member ids', async () => {
    const f = await fixture();
    const user = await createUser(f.ctx, { username: 'member' });
    const nodes = await importOrg(f.ctx, 'json', JSON.stringify({ name: 'Top', code: 'top', members: [user.id], children: [{ name: 'A', code: 'a' }] }));
    expect(nodes.map((n) => [n.name, n.depth, n.path.length])).toEqual([
      ['Top', 0, 1],
      ['A', 1, 2],
    ]);
    const [tree] = await exportOrgs(f.ctx, nodes[0]?.orgId);
    expect(tree).toMatchObject({ name: 'Top', code: 'top', members: [user.id], children: [{ name: 'A', code: 'a', members: [], children: [] }] });
    expect(await countOrgs(f.ctx)).toBe(1);
  });

  it('bounds the tree: deeper than the limit or with more nodes is a 400, and nothing is written', async () => {
    const f = await fixture();
    await expect(importOrg(f.ctx, 'json', chain(IMPORT_MAX_DEPTH))).resolves.toHaveLength(IMPORT_MAX_DEPTH);
    const deep = await expectCode(importOrg(f.ctx, 'json', chain(IMPORT_MAX_DEPTH + 1)), 400);
    expect(deep.en).toBe(`The tree is deeper than ${IMPORT_MAX_DEPTH} levels`);
    const wide = { name: 'Top', children: Array.from({ length: IMPORT_MAX_NODES }, (_, i) => ({ name: `c${i}` })) };
    expect((await expectCode(importOrg(f.ctx, 'json', wide), 400)).en).toBe(`The tree has more than ${IMPORT_MAX_NODES} nodes`);
    // A 100,000-level chain is refused by the checker, not by a stack overflow.
    const text = `${'{"name":"n","children":['.repeat(100_000)}{"name":"leaf"}${']}'.repeat(100_000)}`;
    await expectCode(importOrg(f.ctx, 'json', text), 400);
    await expectCode(importOrg(f.ctx, 'csv', { name: 'Top' }), 400);
    await expectCode(importOrg(f.ctx, 'json', { name: 'Top', order: -1 }), 400);
    expect(await countOrgs(f.ctx)).toBe(1);
  });

  it('keeps the tenant an organization was created for', async () => {
    const f = await fixture();
    const mine = await createOrg(f.ctx, { name: 'T', tenantId: 'tenant-1' });
    await createOrg(f.ctx, { name: 'Plain' });
    expect((await listOrgsByTenant(f.ctx, 'tenant-1')).map((o) => [o.id, o.tenantId])).toEqual([[mine.id, 'tenant-1']]);
    expect(await listOrgsByTenant(f.ctx, 'tenant-2')).toEqual([]);
  });

  it('refuses directory sync: no enterprise connection exists', async () => {
    const f = await fixture();
    expect((await expectCode(startEnterpriseSync(f.ctx, 'dingtalk'), 3406)).zh).toBe('你还没有配置钉钉通讯录');
    expect((await expectCode(startEnterpriseSync(f.ctx, 'wechatwork'), 3406)).zh).toBe('你还没有配置企业微信通讯录');
    await expectCode(startAdSync(f.ctx, 'any'), 3407);
  });
});
