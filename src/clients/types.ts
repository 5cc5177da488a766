/**
 * Domain types of the public API, named once here and derived from the generated GraphQL
 * operation types and the OpenAPI components, so that they follow the schema.
 */
import type {
  AuthorizedResourceFieldsFragment,
  AuthorizedTargetsQuery,
  CheckLoginStatusQuery,
  CustomDataFieldsFragment,
  GroupFieldsFragment,
  IdentityFieldsFragment,
  NodeFieldsFragment,
  OrgFieldsFragment,
  RoleFieldsFragment,
  UserFieldsFragment,
} from '../generated/graphql.js';
import type { components } from '../generated/openapi.js';

type Schemas = components['schemas'];

export type {
  AuthorizeResourceOpt,
  CreateUserIdentityInput,
  CreateUserInput,
  Operator,
  PolicyAssignmentTargetType,
  RegisterProfile,
  ResourceType,
  SortByEnum,
  UpdateUserInput,
  UserStatus,
} from '../generated/graphql.js';

/** A user, with every scalar field the SDK selects. */
export type User = UserFieldsFragment;
/** A user as the REST endpoint `GET /api/v2/users/{userId}` returns it. */
export type UserDetail = Schemas['User'];
/** An external identity linked to a user. */
export type Identity = IdentityFieldsFragment;
/** One user-defined field value of a user. */
export type UserCustomData = CustomDataFieldsFragment;
/** A role (identified by its code within a namespace). */
export type Role = RoleFieldsFragment;
/** A user group (identified by its code). */
export type Group = GroupFieldsFragment;
/** A node (department) of an organization. */
export type OrgNode = NodeFieldsFragment;
/** An organization: its root node and every node. */
export type Org = OrgFieldsFragment;
/** A resource a target may access, with the granted actions. */
export type AuthorizedResource = AuthorizedResourceFieldsFragment;
/** The result of a GraphQL write that has no object to return. */
export interface CommonMessage {
  code: number | null;
  message: string | null;
}
/** A page of items and the total across pages. */
export interface Paginated<T> {
  totalCount: number;
  list: T[];
}
/** Targets holding a grant on a resource (`acl.getAuthorizedTargets`). */
export type AuthorizedTargets = NonNullable<AuthorizedTargetsQuery['authorizedTargets']>;
/** The status of a login token (`checkLoginStatus`). */
export type LoginStatus = NonNullable<CheckLoginStatusQuery['checkLoginStatus']>;

/** A permission namespace (权限分组); `id` is numeric. */
export type Namespace = Schemas['Namespace'];
/** A page of namespaces; note `total`, not `totalCount`, as Authing answers. */
export interface Namespaces {
  total: number;
  list: Namespace[];
}
/** A resource of a namespace, with its actions. */
export type Resource = Schemas['Resource'];
/** One action of a resource. */
export type ResourceAction = Schemas['ResourceAction'];
/** A programmatic access account (AK/SK) of an application; the id is the access key. */
export type ProgrammaticAccessAccount = Schemas['ProgrammaticAccessAccount'];
/** An application, including its access `permissionStrategy`. */
export type Application = Schemas['Application'];
/** One allow or deny record of an application's access policy. */
export type ApplicationAccessRecord = Schemas['ApplicationAccessRecord'];
/** Who an application access record targets. */
export type ApplicationAccessTargetType = Schemas['ApplicationAccessTargetType'];
/** What happens to users no application access record matches. */
export type DefaultStrategy = Schemas['PermissionStrategy']['defaultStrategy'];
