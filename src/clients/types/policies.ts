/** Policies (PBAC) and their assignments (`management.policies`, `users` / `roles` `listPolicies`). */
import type { PolicyAssignmentTargetType } from './common.js';
import type { PolicyEffect } from './applications.js';

/** A policy assigned to a user, role, group or organization node. */
export interface PolicyAssignment {
  /** Code of the policy. */
  code: string;
  targetType: PolicyAssignmentTargetType;
  /** User id, role code, group code or node id, by `targetType`. */
  targetIdentifier: string;
}

/** A condition a statement needs to apply (IAM style: `{ param: 'UserId', operator: 'StringEquals', value }`). */
export interface PolicyStatementCondition {
  param: string;
  operator: string;
  value: unknown;
}

/** One statement of a policy, as returned (`condition` is `[]` when none was given). */
export interface PermissionPolicyStatement {
  /** `<resourceType>:<resourceId>`, `<resourceType>:*` or `*`. */
  resource: string;
  actions: string[];
  effect: PolicyEffect | null;
  condition: PolicyStatementCondition[] | null;
}

/** One statement of a policy, as given to `create` / `update`. */
export interface PermissionPolicyStatementInput {
  resource: string;
  actions: string[];
  /** Default `'ALLOW'`. */
  effect?: PolicyEffect | null;
  condition?: PolicyStatementCondition[] | null;
}

/** A policy of `management.policies` (PBAC): statements of ALLOW / DENY on resources and actions, in one namespace. */
export interface PermissionPolicy {
  /** Code of the namespace. */
  namespace: string;
  code: string;
  /** Built-in (system) policy: cannot be updated or deleted. */
  isDefault: boolean;
  description: string | null;
  statements: PermissionPolicyStatement[];
  createdAt: string | null;
  updatedAt: string | null;
  /** Number of assignments. */
  assignmentsCount: number;
}
