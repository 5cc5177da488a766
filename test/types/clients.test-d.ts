import { describe, expectTypeOf, it } from 'vitest';
import {
  AuthenticationClient,
  AuthingError,
  AuthingValidationError,
  ManagementClient,
  type AclClient,
  type Application,
  type ApplicationAccessRecord,
  type AuthorizedResource,
  type AuthorizedTargets,
  type CommonMessage,
  type CurrentUser,
  type Group,
  type LoggedInUser,
  type LoginStatus,
  type Namespace,
  type Namespaces,
  type NodeWithMembers,
  type Org,
  type OrgNode,
  type Paginated,
  type UserWithIdentities,
  type ProgrammaticAccessAccount,
  type RequestOptions,
  type Resource,
  type Role,
  type User,
  type UserDetail,
  type UsersClient,
} from 'authing-ts';

declare const management: ManagementClient;
declare const auth: AuthenticationClient;
const options: RequestOptions = { signal: AbortSignal.timeout(100), timeout: 50, headers: { 'x-trace': '1' } };

describe('ManagementClient options', () => {
  it('requires userPoolId and exactly one of secret / accessToken', () => {
    new ManagementClient({ userPoolId: 'p', secret: 's' });
    new ManagementClient({ userPoolId: 'p', accessToken: 't', host: 'https://h', lang: 'en-US', retry: false, timeout: 1 });
    // @ts-expect-error neither secret nor accessToken
    new ManagementClient({ userPoolId: 'p' });
    // @ts-expect-error both secret and accessToken
    new ManagementClient({ userPoolId: 'p', secret: 's', accessToken: 't' });
    // @ts-expect-error userPoolId is required
    new ManagementClient({ secret: 's' });
    // @ts-expect-error lang is zh-CN or en-US
    new ManagementClient({ userPoolId: 'p', secret: 's', lang: 'fr' });
    new ManagementClient({ userPoolId: 'p', secret: 's', onError: (e) => expectTypeOf(e).toEqualTypeOf<AuthingError>() });
  });

  it('exposes typed sub-clients', () => {
    expectTypeOf(management.users).toEqualTypeOf<UsersClient>();
    expectTypeOf(management.acl).toEqualTypeOf<AclClient>();
    expectTypeOf(management.userPoolId).toEqualTypeOf<string>();
  });
});

describe('users, roles, groups, org', () => {
  it('returns the domain types', () => {
    expectTypeOf(management.users.create({ username: 'a', password: 'p' }, { keepPassword: true }, options)).resolves.toEqualTypeOf<User>();
    expectTypeOf(management.users.detail('u')).resolves.toEqualTypeOf<UserDetail | null>();
    expectTypeOf(management.users.list(1, 10, { excludeUsersInOrg: true }, options)).resolves.toEqualTypeOf<Paginated<UserWithIdentities>>();
    expectTypeOf(management.users.exists({ email: 'a@b.c' })).resolves.toEqualTypeOf<boolean | null>();
    expectTypeOf(management.users.listRoles('u', 'ns')).resolves.toEqualTypeOf<Paginated<Role>>();
    expectTypeOf(management.users.listGroups('u')).resolves.toEqualTypeOf<Paginated<Group>>();
    expectTypeOf(management.users.listAuthorizedResources('u', 'ns', { resourceType: 'DATA' })).resolves.toEqualTypeOf<Paginated<AuthorizedResource>>();
    expectTypeOf(management.users.delete('u')).resolves.toEqualTypeOf<CommonMessage | null>();
    expectTypeOf(management.roles.detail('r')).resolves.toEqualTypeOf<Role | null>();
    expectTypeOf(management.roles.listUsers('r', { namespace: 'ns' })).resolves.toEqualTypeOf<Paginated<User>>();
    expectTypeOf(management.groups.create('g', 'G')).resolves.toEqualTypeOf<Group>();
    expectTypeOf(management.groups.detail('g')).resolves.toEqualTypeOf<Group | null>();
    expectTypeOf(management.org.create('Org')).resolves.toEqualTypeOf<Org>();
    expectTypeOf(management.org.addNode('o', 'p', { name: 'n' })).resolves.toEqualTypeOf<OrgNode>();
    expectTypeOf(management.org.getNodeById('n')).resolves.toEqualTypeOf<OrgNode | null>();
    expectTypeOf(management.org.listMembers('n', { includeChildrenNodes: true })).resolves.toEqualTypeOf<NodeWithMembers>();
    expectTypeOf<NodeWithMembers['users']['totalCount']>().toEqualTypeOf<number>();
  });

  it('rejects wrong arguments at compile time', () => {
    // @ts-expect-error userInfo is an object
    management.users.create('alice');
    // @ts-expect-error resourceType is a ResourceType
    management.users.listAuthorizedResources('u', 'ns', { resourceType: 'BOOK' });
    // @ts-expect-error roleCodes is an array
    management.users.addRoles('u', 'r');
    // @ts-expect-error addNode needs a name
    management.org.addNode('o', 'p', { code: 'c' });
    // @ts-expect-error unknown request option
    management.users.list(1, 10, {}, { retries: 3 });
  });
});

describe('acl', () => {
  it('returns server answers', () => {
    expectTypeOf(management.acl.createNamespace('ns', 'Ns')).resolves.toEqualTypeOf<Namespace>();
    expectTypeOf(management.acl.listNamespaces()).resolves.toEqualTypeOf<Namespaces>();
    expectTypeOf(management.acl.deleteNamespace('ns')).resolves.toEqualTypeOf<boolean>();
    expectTypeOf(management.acl.createResource({ code: 'b', namespace: 'ns', actions: [{ name: 'r', description: 'R' }] })).resolves.toEqualTypeOf<Resource>();
    expectTypeOf(management.acl.getResourceById('id')).resolves.toEqualTypeOf<Resource | null>();
    expectTypeOf(management.acl.listResources({ namespace: 'ns', type: 'API' })).resolves.toEqualTypeOf<Paginated<Resource>>();
    expectTypeOf(management.acl.allow('u', 'books:1', 'read', 'ns')).resolves.toEqualTypeOf<CommonMessage>();
    expectTypeOf(management.acl.isAllowed('u', 'books:1', 'read', { namespace: 'ns' }, options)).resolves.toEqualTypeOf<boolean>();
    expectTypeOf(management.acl.revokeResource({ namespace: 'ns', resource: 'b', opts: [{ targetType: 'USER', targetIdentifier: 'u' }] })).resolves.toEqualTypeOf<boolean>();
    expectTypeOf(management.acl.getAuthorizedTargets({ namespace: 'ns', resource: 'b', resourceType: 'DATA', actions: { op: 'OR', list: ['r'] } })).resolves.toEqualTypeOf<AuthorizedTargets>();
    expectTypeOf(management.acl.createProgrammaticAccessAccount('app', { remarks: 'ci' })).resolves.toEqualTypeOf<ProgrammaticAccessAccount>();
    expectTypeOf(management.acl.programmaticAccessAccountList('app')).resolves.toEqualTypeOf<Paginated<ProgrammaticAccessAccount>>();
    expectTypeOf(management.acl.getApplicationAccessPolicies({ appId: 'app' })).resolves.toEqualTypeOf<Paginated<ApplicationAccessRecord>>();
    expectTypeOf(management.acl.allowAccessApplication({ appId: 'a', targetType: 'ROLE', targetIdentifiers: ['r'], namespace: 'ns' })).resolves.toEqualTypeOf<boolean>();
    expectTypeOf(management.acl.updateDefaultApplicationAccessPolicy({ appId: 'a', defaultStrategy: 'DENY_ALL' })).resolves.toEqualTypeOf<Application>();
  });

  it('types the enumerations', () => {
    // @ts-expect-error AK_SK is not an application access target
    management.acl.denyAccessApplication({ appId: 'a', targetType: 'AK_SK', targetIdentifiers: ['x'] });
    management.acl.authorizeResource({ resource: 'b', opts: [{ targetType: 'AK_SK', targetIdentifier: 'ak', actions: ['r'] }] });
    // @ts-expect-error defaultStrategy is ALLOW_ALL or DENY_ALL
    management.acl.updateDefaultApplicationAccessPolicy({ appId: 'a', defaultStrategy: 'ALLOW' });
    // @ts-expect-error op is AND or OR
    management.acl.getAuthorizedTargets({ namespace: 'ns', resource: 'b', resourceType: 'DATA', actions: { op: 'XOR', list: [] } });
    // @ts-expect-error resourceType is required
    management.acl.getAuthorizedTargets({ namespace: 'ns', resource: 'b' });
    // @ts-expect-error updateResource needs the namespace
    management.acl.updateResource('b', { description: 'd' });
  });
});

describe('AuthenticationClient', () => {
  it('has typed options and results', () => {
    new AuthenticationClient({ appId: 'a', appHost: 'https://h', token: 't', lang: 'en-US' });
    // @ts-expect-error appHost is required
    new AuthenticationClient({ appId: 'a' });
    // @ts-expect-error retries cannot be turned on for logins
    new AuthenticationClient({ appId: 'a', appHost: 'https://h', retry: { maxRetries: 2 } });
    expectTypeOf(auth.loginByUsername('a', 'p', { autoRegister: false }, options)).resolves.toEqualTypeOf<LoggedInUser>();
    expectTypeOf(auth.loginByEmail('a@b.c', 'p')).resolves.toEqualTypeOf<LoggedInUser>();
    expectTypeOf(auth.registerByEmail('a@b.c', 'p', { nickname: 'A' }, { forceLogin: true })).resolves.toEqualTypeOf<User>();
    expectTypeOf(auth.getCurrentUser()).resolves.toEqualTypeOf<CurrentUser | null>();
    expectTypeOf(auth.updateProfile({ nickname: 'A' })).resolves.toEqualTypeOf<User>();
    expectTypeOf(auth.checkLoginStatus()).resolves.toEqualTypeOf<LoginStatus | null>();
    expectTypeOf(auth.logout()).resolves.toEqualTypeOf<void>();
    expectTypeOf(auth.getToken()).toEqualTypeOf<string | null>();
    expectTypeOf<LoggedInUser['token']>().toEqualTypeOf<string | null>();
  });

  it('exports the error hierarchy', () => {
    expectTypeOf<AuthingValidationError>().toMatchTypeOf<AuthingError>();
    expectTypeOf<AuthingValidationError['argument']>().toEqualTypeOf<string | undefined>();
  });
});
