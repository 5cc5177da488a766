/** Policy assignments (the policies themselves are managed by `management.policies`, to come). */
import type { PolicyAssignmentTargetType } from './common.js';

/** A policy assigned to a user, role, group or organization node. */
export interface PolicyAssignment {
  /** Code of the policy. */
  code: string;
  targetType: PolicyAssignmentTargetType;
  /** User id, role code, group code or node id, by `targetType`. */
  targetIdentifier: string;
}
