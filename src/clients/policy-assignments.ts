/**
 * Policy assignments, one code path for `management.policies` (`listAssignments`,
 * `addAssignments`, `removeAssignments`, `enableAssignment`, `disableAssignment`) and the calls
 * `users` and `roles` share (`listPolicies`, `addPolicies`, `removePolicies`: one target, by user
 * id or role code), over `policyAssignments`, `addPolicyAssignments`, `removePolicyAssignments`,
 * `enablePolicyAssignment` and `disbalePolicyAssignment`.
 */
import type { RequestOptions } from '../core/options.js';
import {
  AddPolicyAssignmentsDocument,
  DisbalePolicyAssignmentDocument,
  EnablePolicyAssignmentDocument,
  PolicyAssignmentsDocument,
  RemovePolicyAssignmentsDocument,
} from '../generated/graphql.js';
import type { ClientContext } from './context.js';
import type { CommonMessage, Paginated, PolicyAssignment, PolicyAssignmentTargetType } from './types.js';
import { checkTargetType, requireId, requireIds } from './validate.js';

/** Who the policies are assigned to, and the argument name that identifies it in errors. */
export interface PolicyTarget {
  targetType: 'USER' | 'ROLE';
  /** User id or role code. */
  targetIdentifier: string;
  argument: string;
}

/** Which assignments to list: by policy `code` and/or by target. */
export interface AssignmentFilter {
  code?: string;
  targetType?: PolicyAssignmentTargetType;
  targetIdentifier?: string;
  namespace?: string;
}

/** One add / remove call: every policy to (from) every target. */
export interface AssignmentChange {
  policies: string[];
  targetType: PolicyAssignmentTargetType;
  targetIdentifiers: string[];
  inheritByChildren?: boolean;
  namespace?: string;
}

export async function listAssignments(context: ClientContext, filter: AssignmentFilter, page: number, limit: number, requestOptions?: RequestOptions): Promise<Paginated<PolicyAssignment>> {
  return (await context.transport.graphql(PolicyAssignmentsDocument, { ...filter, page, limit }, requestOptions)).policyAssignments;
}

export async function addAssignments(context: ClientContext, change: AssignmentChange, requestOptions?: RequestOptions): Promise<CommonMessage> {
  requireIds('policies', change.policies);
  checkTargetType('targetType', change.targetType, false);
  requireIds('targetIdentifiers', change.targetIdentifiers);
  return (await context.transport.graphql(AddPolicyAssignmentsDocument, change, requestOptions)).addPolicyAssignments;
}

export async function removeAssignments(context: ClientContext, change: AssignmentChange, requestOptions?: RequestOptions): Promise<CommonMessage> {
  requireIds('policies', change.policies);
  checkTargetType('targetType', change.targetType, false);
  requireIds('targetIdentifiers', change.targetIdentifiers);
  const { policies, targetType, targetIdentifiers, namespace } = change;
  return (await context.transport.graphql(RemovePolicyAssignmentsDocument, { policies, targetType, targetIdentifiers, namespace }, requestOptions)).removePolicyAssignments;
}

/** One assignment of `policy` to a target, for enable / disable. */
export interface AssignmentKey {
  policy: string;
  targetType: PolicyAssignmentTargetType;
  targetIdentifier: string;
  namespace?: string;
}

function checkKey(assignment: AssignmentKey): void {
  requireId('policy', assignment.policy);
  checkTargetType('targetType', assignment.targetType, false);
  requireId('targetIdentifier', assignment.targetIdentifier);
}

/** `enablePolicyAssignment` of one assignment. */
export async function enableAssignment(context: ClientContext, assignment: AssignmentKey, requestOptions?: RequestOptions): Promise<CommonMessage> {
  checkKey(assignment);
  return (await context.transport.graphql(EnablePolicyAssignmentDocument, assignment, requestOptions)).enablePolicyAssignment;
}

/** `disbalePolicyAssignment` (sic, Authing's field name) of one assignment. */
export async function disableAssignment(context: ClientContext, assignment: AssignmentKey, requestOptions?: RequestOptions): Promise<CommonMessage> {
  checkKey(assignment);
  return (await context.transport.graphql(DisbalePolicyAssignmentDocument, assignment, requestOptions)).disbalePolicyAssignment;
}

export async function listPolicies(context: ClientContext, target: PolicyTarget, page: number, limit: number, requestOptions?: RequestOptions): Promise<Paginated<PolicyAssignment>> {
  requireId(target.argument, target.targetIdentifier);
  const { targetType, targetIdentifier } = target;
  return listAssignments(context, { targetType, targetIdentifier }, page, limit, requestOptions);
}

export async function addPolicies(context: ClientContext, target: PolicyTarget, policies: string[], requestOptions?: RequestOptions): Promise<CommonMessage> {
  requireId(target.argument, target.targetIdentifier);
  return addAssignments(context, { policies, targetType: target.targetType, targetIdentifiers: [target.targetIdentifier] }, requestOptions);
}

export async function removePolicies(context: ClientContext, target: PolicyTarget, policies: string[], requestOptions?: RequestOptions): Promise<CommonMessage> {
  requireId(target.argument, target.targetIdentifier);
  return removeAssignments(context, { policies, targetType: target.targetType, targetIdentifiers: [target.targetIdentifier] }, requestOptions);
}
