/**
 * Organizations with authing-ts: create an organization, add departments and members, move a
 * department (its members' permissions follow at once), export the tree and import a copy.
 * Run by test/integration/org-example.test.ts; run it yourself with
 * `npx tsx examples/org.ts` (it starts its own authing-local).
 */
import { ManagementClient, type OrgTreeNode } from 'authing-ts';

export interface OrgExampleConfig {
  userPoolId: string;
  secret: string;
  host: string;
}

export async function orgExample({ userPoolId, secret, host }: OrgExampleConfig, print: (line: string) => void = console.log) {
  const management = new ManagementClient({ userPoolId, secret, host });
  const suffix = Date.now().toString(36);

  // An organization is a tree of nodes (departments); creating it creates its root node.
  const org = await management.org.create(`Acme ${suffix}`, 'Acme Inc', `acme-${suffix}`);
  const research = await management.org.addNode(org.id, org.rootNode.id, { name: 'Research', code: 'research' });
  const sales = await management.org.addNode(org.id, org.rootNode.id, { name: 'Sales', code: 'sales' });
  const lab = await management.org.addNode(org.id, research.id, { name: 'Lab', code: 'lab' });
  print(`Created ${org.rootNode.name} with Research, Sales and Research/Lab`);

  // Members, and a resource granted to a department: its members and those of every node below it hold it.
  const ada = await management.users.create({ username: `ada_${suffix}` });
  await management.org.addMembers(lab.id, [ada.id]);
  await management.org.setMainDepartment(ada.id, lab.id);
  await management.acl.authorizeResource({
    namespace: 'default',
    resource: 'forecasts:*',
    opts: [{ targetType: 'ORG', targetIdentifier: sales.id, actions: ['forecasts:read'] }],
  });
  const before = await management.acl.isAllowed(ada.id, 'forecasts:q3', 'forecasts:read', { namespace: 'default' }); // false
  print(`Ada (Research/Lab) may read forecasts: ${before}`);

  // Moving Lab below Sales: Ada now inherits Sales' grant, on the very next check.
  const moved = await management.org.moveNode(org.id, lab.id, sales.id);
  const after = await management.acl.isAllowed(ada.id, 'forecasts:q3', 'forecasts:read', { namespace: 'default' }); // true
  const labPath = moved.nodes.find((n) => n.id === lab.id)?.namePath.join(' / ');
  print(`Moved Lab to ${labPath}; Ada may read forecasts: ${after}`);

  // Export the tree (members as user ids), then import it as a new organization.
  const [tree] = (await management.org.exportByOrgId(org.id)) as [OrgTreeNode];
  const outline = (n: OrgTreeNode, depth = 0): string[] => [`${'  '.repeat(depth)}${n.name}`, ...n.children.flatMap((c) => outline(c, depth + 1))];
  print(outline(tree).join('\n'));
  const copy = await management.org.importByJson({ ...tree, name: `${tree.name} (copy)`, code: `${tree.code ?? 'acme'}-copy` });
  print(`Imported a copy: ${copy.length} nodes in organization ${copy[0]?.orgId}`);

  return { org, before, after, tree, copy, adaId: ada.id };
}

/** `npx tsx examples/org.ts`: against a fresh in-memory authing-local. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const { startLocalAuthing } = await import('authing-local');
  const server = await startLocalAuthing({ port: 0, db: ':memory:', log: () => undefined });
  try {
    await orgExample({ userPoolId: server.userPoolId, secret: server.secret, host: server.url });
  } finally {
    await server.close();
  }
}
