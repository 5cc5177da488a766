/** Applications and who may log in to them (application access records). */
import type { ResourceType } from './common.js';

/** Who an application access record targets. */
export type ApplicationAccessTargetType = 'USER' | 'ROLE' | 'GROUP' | 'ORG';

/** What happens to users no application access record matches. */
export type DefaultStrategy = 'ALLOW_ALL' | 'DENY_ALL';

/** Whether a policy statement or an access record allows or denies. */
export type PolicyEffect = 'ALLOW' | 'DENY';

/** An application of the user pool. */
export interface Application {
  id: string;
  userPoolId: string;
  name: string;
  /** Subdomain identifier of the application. */
  identifier?: string | null;
  description?: string | null;
  logo?: string | null;
  /** oidc, oauth, saml or cas. */
  protocol?: string | null;
  appType?: string | null;
  secret?: string | null;
  redirectUris?: string[];
  logoutRedirectUris?: string[] | null;
  loginTabs?: string[] | null;
  defaultLoginTab?: string | null;
  registerTabs?: string[] | null;
  defaultRegisterTab?: string | null;
  oidcConfig?: Record<string, unknown> | null;
  oauthConfig?: Record<string, unknown> | null;
  samlConfig?: Record<string, unknown> | null;
  casConfig?: Record<string, unknown> | null;
  oidcProviderEnabled?: boolean;
  oauthProviderEnabled?: boolean;
  samlProviderEnabled?: boolean;
  casProviderEnabled?: boolean;
  registerDisabled?: boolean;
  showAuthorizationPage?: boolean;
  enableSubAccount?: boolean;
  loginRequireEmailVerified?: boolean;
  agreementEnabled?: boolean;
  skipMfa?: boolean;
  isOfficial?: boolean;
  isDeleted?: boolean;
  isDefault?: boolean;
  /** Who may log in: the default strategy and the policies behind the access records. */
  permissionStrategy: PermissionStrategy;
  createdAt?: string;
  updatedAt?: string;
}

/** An application's access strategy. */
export interface PermissionStrategy {
  enabled: boolean;
  /** What happens to users no record matches; records always take precedence. */
  defaultStrategy: DefaultStrategy;
  allowPolicyId?: string | null;
  denyPolicyId?: string | null;
}

/**
 * One allow or deny record of an application's access policy. The real API expresses the effect
 * through the policy (`policyId` is the application's `allowPolicyId` or `denyPolicyId`);
 * `effect`, `appId` and `createdAt` are authing-local conveniences.
 */
export interface ApplicationAccessRecord {
  targetType: ApplicationAccessTargetType;
  /** User id, role code, group code or node id, by `targetType`. */
  targetIdentifier: string;
  /** Disabled records are kept but not applied. */
  enabled: boolean;
  /** For ORG targets, whether members of child nodes are covered too. */
  inheritByChildren?: boolean | null;
  /** Namespace code (of role targets). */
  namespace: string;
  assignedAt?: string;
  policyId?: string;
  /** Code of the policy assignment. */
  code?: string;
  policy?: Policy | null;
  /** The target object (user, role, group or node); the schema declares no fields for it. */
  target?: Record<string, never> | null;
  effect?: PolicyEffect;
  appId?: string;
  createdAt?: string;
}

/** The auto-generated policy behind application access records. */
export interface Policy {
  id?: string;
  userPoolId?: string;
  code?: string;
  description?: string | null;
  isDefault?: boolean;
  isAuto?: boolean;
  hidden?: boolean;
  statements?: PolicyStatement[];
  namespaceId?: number;
  createdAt?: string;
  updatedAt?: string;
}

/** One statement of a {@link Policy}. */
export interface PolicyStatement {
  resource: string;
  actions: string[];
  effect?: PolicyEffect;
  condition?: PolicyCondition[];
  resourceType?: ResourceType | null;
}

/** A condition of a {@link PolicyStatement}. */
export interface PolicyCondition {
  param?: string;
  operator?: string;
  value?: unknown;
}
