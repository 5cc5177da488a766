import type { Resolvers } from '../../generated/graphql.js';
import * as assignments from '../../services/policy-assignments.js';
import * as policies from '../../services/policies.js';
import { manage, ok } from './shared.js';

/** Policies (PBAC) and their assignments: management token only. */
export const policyResolvers: Resolvers = {
  Query: {
    async policy(_p, args, { rc }) {
      return policies.getPolicy(await manage(rc), args);
    },
    async policies(_p, args, { rc }) {
      return policies.listPolicies(await manage(rc), args);
    },
    async policyAssignments(_p, args, { rc }) {
      return assignments.listPolicyAssignments(await manage(rc), args);
    },
  },
  Mutation: {
    async createPolicy(_p, args, { rc }) {
      return policies.createPolicy(await manage(rc), args);
    },
    async updatePolicy(_p, args, { rc }) {
      return policies.updatePolicy(await manage(rc), args);
    },
    async deletePolicy(_p, args, { rc }) {
      await policies.deletePolicies(await manage(rc), { codeList: [args.code], namespace: args.namespace });
      return ok(rc, 'Policy deleted', '删除成功');
    },
    async deletePolicies(_p, args, { rc }) {
      await policies.deletePolicies(await manage(rc), args);
      return ok(rc, 'Policies deleted', '删除成功');
    },
    async addPolicyAssignments(_p, args, { rc }) {
      await assignments.addPolicyAssignments(await manage(rc), args);
      return ok(rc, 'Policies assigned', '授权成功');
    },
    async removePolicyAssignments(_p, args, { rc }) {
      await assignments.removePolicyAssignments(await manage(rc), args);
      return ok(rc, 'Policy assignments removed', '撤销授权成功');
    },
    async enablePolicyAssignment(_p, args, { rc }) {
      await assignments.setPolicyAssignmentEnabled(await manage(rc), args, true);
      return ok(rc, 'Policy assignment enabled', '启用成功');
    },
    async disbalePolicyAssignment(_p, args, { rc }) {
      await assignments.setPolicyAssignmentEnabled(await manage(rc), args, false);
      return ok(rc, 'Policy assignment disabled', '禁用成功');
    },
  },
};
