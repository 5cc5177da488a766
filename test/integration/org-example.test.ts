import { describe, expect, it } from 'vitest';
import { orgExample } from '../../examples/org.js';
import { useLocalAuthing } from './harness.js';

const h = useLocalAuthing();

describe('examples/org.ts', () => {
  it('runs against authing-local with the outcome its comments state', async () => {
    const lines: string[] = [];
    const { org, before, after, tree, copy, adaId } = await orgExample({ userPoolId: h.server.userPoolId, secret: h.server.secret, host: h.server.url }, (l) =>
      lines.push(l),
    );
    expect([before, after]).toEqual([false, true]);
    expect(tree.orgId).toBe(org.id);
    expect(tree.children.map((c) => c.code)).toEqual(['research', 'sales']);
    expect(tree.children[1]?.children).toMatchObject([{ code: 'lab', members: [adaId] }]);
    expect(copy.map((n) => n.code)).toEqual([`${tree.code}-copy`, 'research', 'sales', 'lab']);
    expect(copy[0]?.orgId).not.toBe(org.id);
    expect(lines.join('\n')).toContain(`Moved Lab to ${org.rootNode.name} / Sales / Lab; Ada may read forecasts: true`);
    // The original Lab is Ada's main department; the copy's Lab took her in as a plain member.
    const departments = await h.management.users.listDepartment(adaId);
    expect(departments.list.map((d) => [d.department.orgId, d.isMainDepartment])).toEqual([
      [org.id, true],
      [copy[0]?.orgId, false],
    ]);
  });
});
