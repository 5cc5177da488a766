import { describe, expectTypeOf, it } from 'vitest';
import { ManagementClient, type Org, type OrgImportNode, type OrgNode, type OrgTreeNode, type Paginated, type Role, type User } from 'authing-ts';

declare const management: ManagementClient;

describe('management.org types', () => {
  it('picks the addNode and listChildren form from the arguments', () => {
    expectTypeOf(management.org.addNode('o', 'p', { name: 'n' })).resolves.toEqualTypeOf<OrgNode>();
    expectTypeOf(management.org.addNode('o', 'name', 'p')).resolves.toEqualTypeOf<Org>();
    expectTypeOf(management.org.addNode('o', 'name', 'p', { code: 'c' })).resolves.toEqualTypeOf<Org>();
    expectTypeOf(management.org.listChildren('n')).resolves.toEqualTypeOf<OrgNode[]>();
    expectTypeOf(management.org.listChildren('o', 'n', { timeout: 1 })).resolves.toEqualTypeOf<OrgNode[]>();
    // @ts-expect-error: the Python form takes no name in its options
    void management.org.addNode('o', 'name', 'p', { name: 'x' });
  });

  it('types trees, pages and iterators', () => {
    expectTypeOf(management.org.exportByOrgId('o')).resolves.toEqualTypeOf<OrgTreeNode[]>();
    expectTypeOf(management.org.importByJson).parameter(0).toEqualTypeOf<OrgImportNode | string>();
    expectTypeOf(management.org.getAllOrgs()).resolves.toEqualTypeOf<Paginated<Org>>();
    expectTypeOf(management.org.listRoles('n')).resolves.toEqualTypeOf<Paginated<Role>>();
    expectTypeOf(management.org.moveMembers({ userIds: ['u'], sourceNodeId: 's', targetNodeId: 't' })).resolves.toEqualTypeOf<true>();
    expectTypeOf(management.org.iterateMembers('n')).toEqualTypeOf<AsyncGenerator<User, void, undefined>>();
    expectTypeOf(management.org.iterate()).toEqualTypeOf<AsyncGenerator<Org, void, undefined>>();
    // An exported tree imports as a copy.
    expectTypeOf<OrgTreeNode>().toMatchTypeOf<OrgImportNode>();
    // @ts-expect-error: startSync knows three providers
    void management.org.startSync({ providerType: 'ldap' });
  });
});
