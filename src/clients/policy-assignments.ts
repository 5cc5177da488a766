/**
 * The policy-assignment calls that `users` and `roles` share (`listPolicies`, `addPolicies`,
 * `removePolicies`): one target, by user id or role code, over `policyAssignments`,
 * `addPolicyAssignments` and `removePolicyAssignments`.
 */
import type { RequestOptions } from '../core/options.js';
import { AddPolicyAssignmentsDocument, PolicyAssignmentsDocument, RemovePolicyAssignmentsDocument } from '../generated/graphql.js';
import type { ClientContext } from './context.js';
import type { CommonMessage, Paginated, PolicyAssignment } from './types.js';
import { requireId, requireIds } from './validate.js';

/** Who the policies are assigned to, and the argument name that identifies it in errors. */
export interface PolicyTarget {
  targetType: 'USER' | 'ROLE';
  /** User id or role code. */
  targetIdentifier: string;
  argument: string;
}

export async function listPolicies(context: ClientContext, target: PolicyTarget, page: number, limit: number, requestOptions?: RequestOptions): Promise<Paginated<PolicyAssignment>> {
  requireId(target.argument, target.targetIdentifier);
  const { targetType, targetIdentifier } = target;
  return (await context.transport.graphql(PolicyAssignmentsDocument, { targetType, targetIdentifier, page, limit }, requestOptions)).policyAssignments;
}

export async function addPolicies(context: ClientContext, target: PolicyTarget, policies: string[], requestOptions?: RequestOptions): Promise<CommonMessage> {
  requireId(target.argument, target.targetIdentifier);
  requireIds('policies', policies);
  const variables = { policies, targetType: target.targetType, targetIdentifiers: [target.targetIdentifier] };
  return (await context.transport.graphql(AddPolicyAssignmentsDocument, variables, requestOptions)).addPolicyAssignments;
}

export async function removePolicies(context: ClientContext, target: PolicyTarget, policies: string[], requestOptions?: RequestOptions): Promise<CommonMessage> {
  requireId(target.argument, target.targetIdentifier);
  requireIds('policies', policies);
  const variables = { policies, targetType: target.targetType, targetIdentifiers: [target.targetIdentifier] };
  return (await context.transport.graphql(RemovePolicyAssignmentsDocument, variables, requestOptions)).removePolicyAssignments;
}
