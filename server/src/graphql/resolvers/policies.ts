import type { Resolvers } from '../../generated/graphql.js';
import * as policies from '../../services/policies.js';
import { manage, ok } from './shared.js';

/** Policy assignments (the policies themselves come with the policies issue). */
export const policyResolvers: Resolvers = {
  Query: {
    async policyAssignments(_p, args, { rc }) {
      return policies.listPolicyAssignments(await manage(rc), args);
    },
  },
  Mutation: {
    async addPolicyAssignments(_p, args, { rc }) {
      await policies.addPolicyAssignments(await manage(rc), args);
      return ok(rc, 'Policies assigned', '授权成功');
    },
    async removePolicyAssignments(_p, args, { rc }) {
      await policies.removePolicyAssignments(await manage(rc), args);
      return ok(rc, 'Policy assignments removed', '撤销授权成功');
    },
  },
};
