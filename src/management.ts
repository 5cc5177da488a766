/**
 * `authing-ts/management`: the {@link ManagementClient} and the types of what it sends and
 * returns, without the AuthenticationClient. The area classes (`UsersClient`, ...) are exported
 * for `instanceof` and type annotations; they are obtained from a ManagementClient, never built.
 * @example
 * import { ManagementClient } from 'authing-ts/management';
 * const management = new ManagementClient({ userPoolId: 'POOL_ID', secret: 'POOL_SECRET' });
 */
export { ManagementClient } from './clients/management.js';
export type { ManagementClientBaseOptions, ManagementClientCredentials, ManagementClientOptions } from './clients/management.js';
export { UsersClient } from './clients/users/client.js';
export type {
  BatchUsersOptions,
  CreateUserOptions,
  FilterUsersOptions,
  FindUserOptions,
  IterateSearchOptions,
  IterateUsersOptions,
  ListUsersOptions,
  SearchUsersOptions,
  UserIdentifiers,
} from './clients/users/types.js';
export { RolesClient } from './clients/roles/client.js';
export type { RoleFindUsersOptions, RoleIterateUsersOptions, RoleListOptions, RoleListUsersOptions, RoleUpdates } from './clients/roles/types.js';
export { GroupsClient } from './clients/groups.js';
export type { GroupIterateUsersOptions, GroupListUsersOptions, GroupUpdates } from './clients/groups.js';
export { OrgClient } from './clients/org/client.js';
export type {
  IterateMembersOptions,
  ListMembersOptions,
  MoveMembersOptions,
  NewNode,
  NewNodeOptions,
  NodeUpdates,
  StartSyncOptions,
} from './clients/org/types.js';
export { AclClient } from './clients/acl/client.js';
export { UdfClient } from './clients/udf.js';
export { UserpoolClient } from './clients/userpool.js';
export { WhitelistClient } from './clients/whitelist.js';
export { ApplicationsClient } from './clients/applications/client.js';
export { TenantClient } from './clients/tenant/client.js';
export type { ApplicationTenantDetails, Tenant, TenantInput, TenantMember, TenantSsoPageSettings } from './clients/tenant/types.js';
export { EventClient } from './clients/event.js';
export type {
  BulkResource,
  ExtIdp,
  ExtIdpConnection,
  ExtIdpConnectionInput,
  ExtIdpConnectionState,
  ExtIdpConnectionUpdates,
  NewExtIdp,
} from './clients/tenant/ext-idp-types.js';
export { PoliciesClient } from './clients/policies.js';
export type { NewPolicy, PolicyAssignmentListOptions, PolicyListOptions, PolicyUpdates } from './clients/policies.js';
export type { AppAccessTargets } from './clients/applications/client.js';
export type { Agreement, AgreementInput, AgreementUpdates, ApplicationType, NewApplication } from './clients/applications/types.js';
export { MfaManagementClient } from './clients/mfa.js';
export type { ImportedTotp, UserMfaType } from './clients/mfa.js';
export { PrincipalManagementClient } from './clients/principal.js';
export type { PrincipalDetail, PrincipalInput } from './clients/authentication/principal.js';
export type { EnvVariable } from './clients/userpool.js';
export type { LoginSubject, PasswordCheck } from './clients/management.js';
export { StatisticsClient } from './clients/statistics.js';
export type { AdminLogsInfo, ListAuditLogsOptions, ListUserActionsOptions, UserLogsInfo } from './clients/statistics.js';
export { UserActionClient } from './clients/user-action.js';
export type { UserActionListOptions, UserActionRecord } from './clients/user-action.js';
export type * from './clients/acl/types.js';
export type * from './clients/types.js';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type IterateOptions, type PageFetcher, type PageOf } from './core/paginate.js';
export * from './errors.js';
export * from './options.js';
