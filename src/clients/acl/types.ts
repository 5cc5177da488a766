/** Arguments of the {@link AclClient} methods that take an object. */
import type { ApplicationAccessTargetType, AuthorizeResourceOpt, Operator, PolicyAssignmentTargetType, ResourceAction, ResourceType } from '../types.js';

/** Changes for {@link AclClient.updateNamespace}. */
export interface NamespaceUpdates {
  name?: string;
  /** A new code. */
  code?: string;
  description?: string;
}

/** Filters and paging of {@link AclClient.listResources}. */
export interface ResourceListOptions {
  /** Namespace code. */
  namespace?: string;
  /** The official SDK's other name for `namespace` (used when `namespace` is absent). */
  namespaceCode?: string;
  type?: ResourceType;
  page?: number;
  limit?: number;
}

/** A resource to create ({@link AclClient.createResource}). */
export interface NewResource {
  code: string;
  /** Default DATA. */
  type?: ResourceType;
  description?: string;
  /** At least one, unless the type is MENU or BUTTON. */
  actions?: ResourceAction[];
  /** Namespace code. */
  namespace: string;
  /** URL of an API resource. */
  apiIdentifier?: string;
}

/** Changes for {@link AclClient.updateResource}; `actions` replaces the whole list. */
export interface ResourceUpdates {
  /** Namespace code of the resource. */
  namespace: string;
  type?: ResourceType;
  description?: string;
  actions?: ResourceAction[];
  apiIdentifier?: string;
}

/** Settings of a new account ({@link AclClient.createProgrammaticAccessAccount}). */
export interface NewProgrammaticAccessAccount {
  /** Access token lifetime in seconds. Default 600. */
  tokenLifetime?: number;
  remarks?: string;
}

/** Targets whose access records of an application are added, removed, enabled or disabled. */
export interface ApplicationAccessPolicy {
  appId: string;
  targetType: ApplicationAccessTargetType;
  /** User ids, role codes, group codes or node ids, by `targetType`. */
  targetIdentifiers: string[];
  /** Namespace of role targets (default `default`). */
  namespace?: string;
  /** For ORG targets: whether members of child nodes are covered too. */
  inheritByChildren?: boolean;
}

/** Arguments of {@link AclClient.authorizeResource}. */
export interface AuthorizeResourceParams {
  /** Namespace code (default `default`). */
  namespace?: string;
  /** A kind (`books`), an instance (`books:1`), a kind wildcard (`books:*`) or `*`. */
  resource: string;
  resourceType?: ResourceType;
  /** One entry per target, each with its own actions. */
  opts: AuthorizeResourceOpt[];
}

/** Arguments of {@link AclClient.revokeResource}. */
export interface RevokeResourceParams {
  /** Namespace code (default `default`). */
  namespace?: string;
  resource: string;
  opts: { targetType: PolicyAssignmentTargetType; targetIdentifier: string }[];
}

/** Arguments of {@link AclClient.getAuthorizedTargets}. */
export interface AuthorizedTargetsParams {
  namespace: string;
  resource: string;
  resourceType: ResourceType;
  /** Keep targets holding every (`AND`) or any (`OR`) of the listed actions. */
  actions?: { op: Operator; list: string[] };
  targetType?: PolicyAssignmentTargetType;
}

/** One resource of a {@link ResourceGrantBatch}. */
export interface ResourceGrant {
  /** A kind (`books`), an instance (`books:1`), a kind wildcard (`books:*`) or `*`. */
  code: string;
  /** Actions to grant or revoke; none grants a MENU/BUTTON without actions, or revokes the whole grant. */
  actions?: string[];
  resourceType?: ResourceType;
}

/** Several targets of one type, each given (or relieved of) the same resources. */
export interface ResourceGrantBatch {
  targetType: PolicyAssignmentTargetType;
  /** User ids, role codes, group codes, node ids or account ids, by `targetType`. */
  targetIdentifiers: string[];
  resources: ResourceGrant[];
}

/** Arguments of {@link AclClient.authorizeResources}. */
export interface AuthorizeResourcesParams {
  /** Namespace code (default `default`). */
  namespace?: string;
  /** Tenant id, sent as the `x-authing-app-tenant-id` header. */
  tenantId?: string;
  opts: ResourceGrantBatch[];
}

/** Arguments of {@link AclClient.revokeResources}. */
export type RevokeResourcesParams = AuthorizeResourcesParams;

/** Arguments of {@link AclClient.listAuthorizedResourcesBatch}. */
export interface ListAuthorizedResourcesBatchParams {
  /** Namespace code (default `default`). */
  namespace?: string;
  /** Tenant id, sent as the `x-authing-app-tenant-id` header. */
  tenantId?: string;
  targets: { targetType: PolicyAssignmentTargetType; targetIdentifier: string }[];
  /** Only resources of this type. */
  resourceType?: ResourceType;
}
