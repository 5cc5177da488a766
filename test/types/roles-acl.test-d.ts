import { describe, expectTypeOf, it } from 'vitest';
import {
  ManagementClient,
  type AuthorizedResourcesBatch,
  type CustomData,
  type Group,
  type Paginated,
  type PolicyAssignment,
  type Role,
  type User,
  type UserDetail,
  type UserWithCustomData,
} from '../../src/management.js';

const management = new ManagementClient({ userPoolId: 'p', secret: 's' });

describe('roles, groups and batch grants', () => {
  it('types both orders of roles.create', () => {
    expectTypeOf(management.roles.create('c', 'd', 'ns')).resolves.toEqualTypeOf<Role>();
    expectTypeOf(management.roles.create('c', 'd', 'ns', { timeout: 1000 })).resolves.toEqualTypeOf<Role>();
    expectTypeOf(management.roles.create('c', 'd', 'parent', undefined)).resolves.toEqualTypeOf<Role>();
    expectTypeOf(management.roles.create('c', 'd', 'parent', 'ns', { timeout: 1000 })).resolves.toEqualTypeOf<Role>();
    // @ts-expect-error the fourth argument is a namespace code or the per-call options
    management.roles.create('c', 'd', 'p', 42);
  });

  it('types the new listings and iterators', () => {
    expectTypeOf(management.roles.findByCode('r')).resolves.toEqualTypeOf<Role | null>();
    expectTypeOf(management.roles.findUsers('r', { search: 'a' })).resolves.toEqualTypeOf<Paginated<UserDetail>>();
    expectTypeOf(management.roles.listPolicies('r')).resolves.toEqualTypeOf<Paginated<PolicyAssignment>>();
    expectTypeOf(management.users.listPolicies('u', 1, 10)).resolves.toEqualTypeOf<Paginated<PolicyAssignment>>();
    expectTypeOf(management.roles.iterate({ namespace: 'ns' })).toEqualTypeOf<AsyncGenerator<Role, void, undefined>>();
    expectTypeOf(management.roles.iterateUsers('r')).toEqualTypeOf<AsyncGenerator<User, void, undefined>>();
    expectTypeOf(management.groups.iterate()).toEqualTypeOf<AsyncGenerator<Group, void, undefined>>();
    expectTypeOf(management.groups.iterateUsers('g', { pageSize: 10 })).toEqualTypeOf<AsyncGenerator<User, void, undefined>>();
  });

  it('types the withCustomData member listings by the flag', () => {
    expectTypeOf(management.roles.listUsers('r')).resolves.toEqualTypeOf<Paginated<User>>();
    expectTypeOf(management.roles.listUsers('r', { namespace: 'ns', withCustomData: false })).resolves.toEqualTypeOf<Paginated<User>>();
    expectTypeOf(management.roles.listUsers('r', { namespace: 'ns', withCustomData: true })).resolves.toEqualTypeOf<Paginated<UserWithCustomData>>();
    expectTypeOf(management.groups.listUsers('g')).resolves.toEqualTypeOf<Paginated<User>>();
    expectTypeOf(management.groups.listUsers('g', { withCustomData: true }, { timeout: 1000 })).resolves.toEqualTypeOf<Paginated<UserWithCustomData>>();
    expectTypeOf(management.roles.iterateUsers('r', { withCustomData: true, pageSize: 10 })).toEqualTypeOf<AsyncGenerator<UserWithCustomData, void, undefined>>();
    expectTypeOf(management.groups.iterateUsers('g', { withCustomData: true })).toEqualTypeOf<AsyncGenerator<UserWithCustomData, void, undefined>>();
    expectTypeOf<UserWithCustomData['customData']>().toEqualTypeOf<CustomData>();
    // A flag known only at run time still compiles, typed as the plain users.
    const flag = Math.random() > 0.5;
    expectTypeOf(management.groups.listUsers('g', { withCustomData: flag })).resolves.toEqualTypeOf<Paginated<User>>();
    // @ts-expect-error withCustomData is a boolean
    management.roles.listUsers('r', { withCustomData: 'yes' });
  });

  it('types the batch grant calls', () => {
    const granted = management.acl.authorizeResources({
      namespace: 'ns',
      tenantId: 't',
      opts: [{ targetType: 'USER', targetIdentifiers: ['u'], resources: [{ code: 'b:1', actions: ['r'], resourceType: 'DATA' }] }],
    });
    expectTypeOf(granted).resolves.toEqualTypeOf<boolean>();
    expectTypeOf(management.acl.revokeResources({ opts: [{ targetType: 'ROLE', targetIdentifiers: ['r'], resources: [{ code: 'b' }] }] })).resolves.toEqualTypeOf<boolean>();
    expectTypeOf(management.acl.listAuthorizedResourcesBatch({ targets: [{ targetType: 'GROUP', targetIdentifier: 'g' }] })).resolves.toEqualTypeOf<AuthorizedResourcesBatch>();
    // @ts-expect-error targetIdentifiers is a list
    management.acl.authorizeResources({ opts: [{ targetType: 'USER', targetIdentifiers: 'u', resources: [] }] });
    // @ts-expect-error resourceType is a ResourceType
    management.acl.revokeResources({ opts: [{ targetType: 'USER', targetIdentifiers: ['u'], resources: [{ code: 'b', resourceType: 'BOOK' }] }] });
  });
});
