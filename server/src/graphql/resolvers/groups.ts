import type { Resolvers } from '../../generated/graphql.js';
import * as acl from '../../services/acl.js';
import * as groups from '../../services/groups.js';
import { Errors } from '../../errors.js';
import { manage, ok, resourceTypeArg } from './shared.js';

const requireCode = (code: string | null | undefined): string => {
  if (!code) throw Errors.invalidInput('code is required', '分组 code 不能为空');
  return code;
};

/** Groups, their members, and their grants. */
export const groupResolvers: Resolvers = {
  Query: {
    async group(_p, { code }, { rc }) {
      return groups.getGroup(await manage(rc), code);
    },
    async groups(_p, args, { rc }) {
      return groups.listGroups(await manage(rc), args);
    },
  },
  Mutation: {
    async createGroup(_p, args, { rc }) {
      return groups.createGroup(await manage(rc), args);
    },
    async updateGroup(_p, { code, ...input }, { rc }) {
      return groups.updateGroup(await manage(rc), code, input);
    },
    async deleteGroups(_p, { codeList }, { rc }) {
      await groups.deleteGroups(await manage(rc), codeList);
      return ok(rc, 'Groups deleted', '删除成功');
    },
    async addUserToGroup(_p, { userIds, code }, { rc }) {
      await groups.addUsersToGroup(await manage(rc), requireCode(code), userIds);
      return ok(rc, 'Users added to the group', '添加成功');
    },
    async removeUserFromGroup(_p, { userIds, code }, { rc }) {
      await groups.removeUsersFromGroup(await manage(rc), requireCode(code), userIds);
      return ok(rc, 'Users removed from the group', '移除成功');
    },
  },
  Group: {
    async users(group, { page, limit }, { rc }) {
      return groups.listGroupUsers(await manage(rc), group.code, { page, limit });
    },
    async authorizedResources(group, { namespace, resourceType }, { rc }) {
      return acl.listAuthorizedResources(await manage(rc), 'GROUP', group.code, namespace, resourceTypeArg(resourceType));
    },
  },
};
