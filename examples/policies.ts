/**
 * Policies with authing-ts: a role may read a book; a DENY policy assigned to one member overrides
 * that ALLOW (explicit DENY wins), and disabling the assignment gives the ALLOW back.
 * Compiled by examples/tsconfig.json and run against authing-local by
 * test/integration/policies-example.test.ts.
 */
import { ManagementClient } from 'authing-ts';

export interface PoliciesExampleConfig {
  userPoolId: string;
  secret: string;
  host: string;
  /** Prefix of the example's codes and usernames, so that a shared pool keeps its own apart. */
  prefix?: string;
}

export async function policiesExample({ userPoolId, secret, host, prefix = 'lib' }: PoliciesExampleConfig) {
  const management = new ManagementClient({ userPoolId, secret, host });

  // A reader role allowed to read book 1, and a user in it.
  const reader = await management.users.create({ username: `${prefix}_reader` });
  await management.roles.create(`${prefix}_readers`);
  await management.roles.addUsers(`${prefix}_readers`, [reader.id]);
  await management.acl.authorizeResource({
    resource: 'books:1',
    resourceType: 'DATA',
    opts: [{ targetType: 'ROLE', targetIdentifier: `${prefix}_readers`, actions: ['books:read'] }],
  });
  const mayRead = () => management.acl.isAllowed(reader.id, 'books:1', 'books:read');
  const before = await mayRead();
  console.log('role ALLOW, no policy:', before); // true

  // A DENY policy on every book, assigned to that user: the explicit DENY overrides the role's ALLOW.
  const policy = await management.policies.create({
    code: `${prefix}_no_reading`,
    description: 'No reading',
    statements: [{ resource: 'books:*', actions: ['books:read'], effect: 'DENY' }],
  });
  await management.policies.addAssignments([policy.code], 'USER', [reader.id]);
  const denied = await mayRead();
  console.log('DENY policy assigned:', denied); // false

  // Disabling the assignment (it stays listed) restores the ALLOW.
  await management.policies.disableAssignment(policy.code, 'USER', reader.id);
  const restored = await mayRead();
  console.log('assignment disabled:', restored); // true
  const assignments = await management.policies.listAssignments({ code: policy.code });

  return { before, denied, restored, statements: policy.statements, assigned: assignments.list.map((a) => a.targetIdentifier), readerId: reader.id };
}
