/** Access control: grants, namespaces, resources and programmatic access accounts. */
import type { Paginated, PolicyAssignmentTargetType, ResourceType } from './common.js';

/** A resource a target may access, with the granted actions. */
export interface AuthorizedResource {
  /** Resource code, e.g. `books:1` or `books:*`. */
  code: string;
  /** Resource type; DATA when the resource was never defined. */
  type: ResourceType | null;
  /** Granted actions (absent for MENU and BUTTON resources). */
  actions: string[] | null;
  /** URL of an API resource. */
  apiIdentifier: string | null;
}

/** The targets holding a grant on a resource (`acl.getAuthorizedTargets`). */
export interface AuthorizedTargets {
  /** Total number of matches. */
  totalCount: number | null;
  list: (AuthorizedTarget | null)[] | null;
}

/** A target holding a grant on a resource. */
export interface AuthorizedTarget {
  targetType: PolicyAssignmentTargetType | null;
  /** User id, role code, group code, node id or account id, by `targetType`. */
  targetIdentifier: string | null;
  /** Granted actions. */
  actions: string[] | null;
}

/** One target of `acl.authorizeResource`, with the actions to grant it. */
export interface AuthorizeResourceOpt {
  targetType: PolicyAssignmentTargetType;
  /** User id, role code, group code, node id or account id, by `targetType`. */
  targetIdentifier: string;
  /** Actions to grant. */
  actions?: string[] | null;
}

/** A permission namespace (权限分组). Each application has one whose code is the app id. */
export interface Namespace {
  /** Numeric id. */
  id: number;
  name: string;
  code: string;
  description?: string | null;
  /** 1 when active. */
  status?: number;
  /** The application owning the namespace; null for hand-made namespaces. */
  appId?: string | null;
  appName?: string | null;
  userPoolId?: string;
}

/** A page of namespaces; note `total`, not `totalCount`, as Authing answers. */
export interface Namespaces {
  total: number;
  list: Namespace[];
}

/** A resource of a namespace, with its actions. */
export interface Resource {
  id: string;
  userPoolId: string;
  code: string;
  actions: ResourceAction[];
  type: ResourceType;
  description?: string | null;
  namespaceId: number;
  /** Namespace code (present in listings). */
  namespace?: string;
  apiIdentifier?: string | null;
  createdAt?: string;
  updatedAt?: string;
}

/** One action of a resource. */
export interface ResourceAction {
  /** Action name, e.g. `books:read`. */
  name: string;
  description?: string | null;
}

/** An AK/SK pair of an application; the account id is the access key. */
export interface ProgrammaticAccessAccount {
  id: string;
  appId: string;
  secret: string;
  remarks?: string | null;
  /** Access token lifetime in seconds. */
  tokenLifetime: number;
  enabled: boolean;
  userId?: string | null;
  createdAt?: string;
  updatedAt?: string;
}

/** One page of authorized resources per target of `acl.listAuthorizedResourcesBatch`, in request order. */
export interface AuthorizedResourcesBatch {
  list: Paginated<AuthorizedResource>[];
}
