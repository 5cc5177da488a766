/**
 * authing-ts: a schema-first, typed SDK for the Authing identity service (v2 API).
 * @example
 * import { ManagementClient, AuthenticationClient, AuthingError } from 'authing-ts';
 */
export { ManagementClient } from './clients/management.js';
export type { ManagementClientBaseOptions, ManagementClientCredentials, ManagementClientOptions } from './clients/management.js';
export { AuthenticationClient } from './clients/authentication.js';
export type {
  AuthenticationClientOptions,
  CurrentUser,
  LoggedInUser,
  LoginOptions,
  ProfileUpdates,
  RegisterOptions,
  SignInOptions,
} from './clients/authentication-types.js';

export type { UsersClient, CreateUserOptions, PaginatedUsers, UserIdentifiers } from './clients/users.js';
export type { RolesClient, RoleListOptions, RoleUpdates } from './clients/roles.js';
export type { GroupsClient, GroupUpdates } from './clients/groups.js';
export type { OrgClient, ListMembersOptions, NewNode, NodeUpdates, NodeWithMembers } from './clients/org.js';
export type { AclClient, AuthorizeResourceParams, AuthorizedTargetsParams, RevokeResourceParams } from './clients/acl.js';
export type { NamespaceUpdates, NewResource, ResourceListOptions, ResourceUpdates } from './clients/acl-namespaces.js';
export type { NewProgrammaticAccessAccount } from './clients/acl-programmatic.js';
export type { ApplicationAccessPolicy } from './clients/acl-app-access.js';
export type * from './clients/types.js';

export {
  AuthingAbortError,
  AuthingApiError,
  AuthingAuthenticationError,
  AuthingConnectionError,
  AuthingError,
  AuthingPermissionError,
  AuthingRateLimitError,
  AuthingTimeoutError,
  AuthingValidationError,
  SDK_ERROR_CODE,
  type AuthingErrorInit,
  type AuthingGraphQLError,
  type RequestSummary,
} from './core/index.js';
export {
  DEFAULT_HOST,
  DEFAULT_LANG,
  DEFAULT_MAX_RETRIES,
  DEFAULT_REQUEST_FROM,
  DEFAULT_RETRY_WHEN,
  DEFAULT_TIMEOUT,
  MAX_RETRIES_CEILING,
  SDK_VERSION,
  type FetchLike,
  type Lang,
  type RequestOptions,
  type RetryOptions,
} from './core/index.js';
