/**
 * The public domain interfaces are what the methods take and return. `.branded` compares deeply
 * and structurally (an intersection equals the interface with the same fields); the names a hover
 * shows are pinned by hover-names.test.ts, and each interface's equality with its generated
 * counterpart by src/clients/types/checks.ts.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type {
  AclClient,
  Application,
  ApplicationAccessRecord,
  AuthenticationClient,
  AuthorizedResource,
  AuthorizedTarget,
  AuthorizedTargets,
  CommonMessage,
  CreateUserIdentityInput,
  CreateUserInput,
  CurrentUser,
  Group,
  Identity,
  LoggedInUser,
  LoginStatus,
  LoginStatusData,
  ManagementClient,
  Namespaces,
  NodeWithMemberCount,
  NodeWithMembers,
  Org,
  OrgNode,
  Paginated,
  PermissionStrategy,
  ProfileUpdates,
  ProgrammaticAccessAccount,
  RegisterProfile,
  Resource,
  Role,
  RoleBase,
  UpdateUserInput,
  User,
  UserDetail,
  UserWithIdentities,
  UsersClient,
} from 'authing-ts';

type Result<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

describe('users', () => {
  it('returns User, UserWithIdentities and UserDetail', () => {
    expectTypeOf<Result<UsersClient['list']>>().branded.toEqualTypeOf<Paginated<UserWithIdentities>>();
    expectTypeOf<Result<UsersClient['create']>>().branded.toEqualTypeOf<User>();
    expectTypeOf<Result<UsersClient['update']>>().branded.toEqualTypeOf<User>();
    expectTypeOf<Result<UsersClient['detail']>>().branded.toEqualTypeOf<UserDetail | null>();
    expectTypeOf<Result<UsersClient['listRoles']>>().branded.toEqualTypeOf<Paginated<Role>>();
    expectTypeOf<Result<UsersClient['listGroups']>>().branded.toEqualTypeOf<Paginated<Group>>();
    expectTypeOf<Result<UsersClient['listAuthorizedResources']>>().branded.toEqualTypeOf<Paginated<AuthorizedResource>>();
    expectTypeOf<Result<UsersClient['deleteMany']>>().branded.toEqualTypeOf<CommonMessage | null>();
  });

  it('takes the input interfaces', () => {
    expectTypeOf<Parameters<UsersClient['create']>[0]>().branded.toEqualTypeOf<CreateUserInput>();
    expectTypeOf<NonNullable<Parameters<UsersClient['create']>[1]>['identity']>().branded.toEqualTypeOf<CreateUserIdentityInput | undefined>();
    expectTypeOf<Parameters<UsersClient['update']>[1]>().branded.toEqualTypeOf<UpdateUserInput>();
  });

  it('keeps identities off User and on UserWithIdentities only', () => {
    expectTypeOf<User>().not.toHaveProperty('identities');
    expectTypeOf<UserWithIdentities>().toExtend<User>();
    expectTypeOf<UserWithIdentities['identities']>().branded.toEqualTypeOf<(Identity | null)[] | null>();
  });
});

describe('roles, groups, org', () => {
  it('returns the named interfaces', () => {
    expectTypeOf<Result<ManagementClient['roles']['list']>>().branded.toEqualTypeOf<Paginated<Role>>();
    expectTypeOf<Role['parent']>().branded.toEqualTypeOf<RoleBase | null>();
    expectTypeOf<Result<ManagementClient['roles']['listUsers']>>().branded.toEqualTypeOf<Paginated<User>>();
    expectTypeOf<Result<ManagementClient['groups']['list']>>().branded.toEqualTypeOf<Paginated<Group>>();
    expectTypeOf<Result<ManagementClient['groups']['listUsers']>>().branded.toEqualTypeOf<Paginated<User>>();
    expectTypeOf<Result<ManagementClient['org']['findById']>>().branded.toEqualTypeOf<Org>();
    expectTypeOf<Org['nodes']>().branded.toEqualTypeOf<OrgNode[]>();
    expectTypeOf<Result<ManagementClient['org']['listMembers']>>().branded.toEqualTypeOf<NodeWithMembers>();
    expectTypeOf<Result<ManagementClient['org']['addMembers']>>().branded.toEqualTypeOf<NodeWithMembers>();
    expectTypeOf<Result<ManagementClient['org']['removeMembers']>>().branded.toEqualTypeOf<NodeWithMembers>();
    expectTypeOf<Result<ManagementClient['org']['updateNode']>>().branded.toEqualTypeOf<NodeWithMemberCount>();
  });
});

describe('acl', () => {
  it('returns the named interfaces', () => {
    expectTypeOf<Result<AclClient['listNamespaces']>>().branded.toEqualTypeOf<Namespaces>();
    expectTypeOf<Result<AclClient['getAuthorizedTargets']>>().branded.toEqualTypeOf<AuthorizedTargets>();
    expectTypeOf<AuthorizedTargets['list']>().branded.toEqualTypeOf<(AuthorizedTarget | null)[] | null>();
    expectTypeOf<Result<AclClient['listResources']>>().branded.toEqualTypeOf<Paginated<Resource>>();
    expectTypeOf<Result<AclClient['programmaticAccessAccountList']>>().branded.toEqualTypeOf<Paginated<ProgrammaticAccessAccount>>();
    expectTypeOf<Result<AclClient['getApplicationAccessPolicies']>>().branded.toEqualTypeOf<Paginated<ApplicationAccessRecord>>();
    expectTypeOf<Result<AclClient['updateDefaultApplicationAccessPolicy']>>().branded.toEqualTypeOf<Application>();
    expectTypeOf<Application['permissionStrategy']>().branded.toEqualTypeOf<PermissionStrategy>();
  });
});

describe('authentication', () => {
  it('returns LoggedInUser, CurrentUser and LoginStatus', () => {
    expectTypeOf<Result<AuthenticationClient['loginByUsername']>>().branded.toEqualTypeOf<LoggedInUser>();
    expectTypeOf<Result<AuthenticationClient['loginByEmail']>>().branded.toEqualTypeOf<LoggedInUser>();
    expectTypeOf<Result<AuthenticationClient['registerByUsername']>>().branded.toEqualTypeOf<User>();
    expectTypeOf<Result<AuthenticationClient['getCurrentUser']>>().branded.toEqualTypeOf<CurrentUser | null>();
    expectTypeOf<Result<AuthenticationClient['checkLoginStatus']>>().branded.toEqualTypeOf<LoginStatus | null>();
    expectTypeOf<LoginStatus['data']>().branded.toEqualTypeOf<LoginStatusData | null>();
    expectTypeOf<LoggedInUser>().toExtend<User>();
    expectTypeOf<CurrentUser>().toExtend<UserWithIdentities>();
  });

  it('takes ProfileUpdates (no password) and RegisterProfile', () => {
    expectTypeOf<Parameters<AuthenticationClient['updateProfile']>[0]>().branded.toEqualTypeOf<ProfileUpdates>();
    expectTypeOf<ProfileUpdates>().not.toHaveProperty('password');
    expectTypeOf<Parameters<AuthenticationClient['registerByEmail']>[2]>().branded.toEqualTypeOf<RegisterProfile | undefined>();
  });
});
