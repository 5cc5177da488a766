import type { Resolvers } from '../../generated/graphql.js';
import * as acl from '../../services/acl.js';
import * as roles from '../../services/roles.js';
import { compact, manage, ok, resourceTypeArg } from './shared.js';

/** Roles, their holders, and their grants. */
export const roleResolvers: Resolvers = {
  Query: {
    async role(_p, { code, namespace }, { rc }) {
      return roles.getRole(await manage(rc), code, namespace);
    },
    async roles(_p, args, { rc }) {
      return roles.listRoles(await manage(rc), args);
    },
  },
  Mutation: {
    async createRole(_p, args, { rc }) {
      return roles.createRole(await manage(rc), args);
    },
    async updateRole(_p, { code, ...input }, { rc }) {
      return roles.updateRole(await manage(rc), code, input);
    },
    async deleteRole(_p, { code, namespace }, { rc }) {
      await roles.deleteRole(await manage(rc), code, namespace);
      return ok(rc, 'Role deleted', '删除成功');
    },
    async deleteRoles(_p, { codeList, namespace }, { rc }) {
      await roles.deleteRoles(await manage(rc), codeList, namespace);
      return ok(rc, 'Roles deleted', '删除成功');
    },
    async assignRole(_p, args, { rc }) {
      await roles.assignRole(await manage(rc), { ...args, roleCodes: compact(args.roleCodes) });
      return ok(rc, 'Role assigned', '授权成功');
    },
    async revokeRole(_p, args, { rc }) {
      await roles.revokeRole(await manage(rc), { ...args, roleCodes: compact(args.roleCodes) });
      return ok(rc, 'Role revoked', '撤销成功');
    },
  },
  Role: {
    async users(role, { page, limit }, { rc }) {
      return roles.listRoleUsers(await manage(rc), role.code, { namespace: role.namespace, page, limit });
    },
    async authorizedResources(role, { resourceType }, { rc }) {
      return acl.listAuthorizedResources(await manage(rc), 'ROLE', role.code, role.namespace, resourceTypeArg(resourceType));
    },
  },
};
