import type { RequestContext } from '../../context.js';
import { Errors } from '../../errors.js';
import type { Resolvers } from '../../generated/graphql.js';
import * as acl from '../../services/acl.js';
import * as orgs from '../../services/orgs.js';
import * as roles from '../../services/roles.js';
import type { ServiceContext } from '../../services/context.js';
import { manage, ok, resourceTypeArg } from './shared.js';

/** `addMember`/`removeMember` name the node by id, or by org id plus node code. */
async function nodeIdOf(service: ServiceContext, args: { nodeId?: string | null; orgId?: string | null; nodeCode?: string | null }): Promise<string> {
  if (args.nodeId) return args.nodeId;
  if (args.orgId && args.nodeCode) return (await orgs.getNodeByCode(service, args.orgId, args.nodeCode)).id;
  throw Errors.invalidInput('nodeId, or orgId with nodeCode, is required', '请提供 nodeId，或 orgId 与 nodeCode');
}

const service = (rc: RequestContext) => manage(rc);

/** Organizations, nodes and members. */
export const orgResolvers: Resolvers = {
  Query: {
    async org(_p, { id }, { rc }) {
      return orgs.getOrg(await service(rc), id);
    },
    async orgs(_p, { page, limit }, { rc }) {
      return orgs.listOrgs(await service(rc), page, limit);
    },
    async nodeById(_p, { id }, { rc }) {
      return orgs.findNodeById(await service(rc), id);
    },
    async nodeByCode(_p, { orgId, code }, { rc }) {
      return orgs.findNodeByCode(await service(rc), orgId, code);
    },
    async childrenNodes(_p, { orgId, nodeId }, { rc }) {
      return orgs.listChildren(await service(rc), nodeId, orgId);
    },
    async rootNode(_p, { orgId }, { rc }) {
      return orgs.getRootNode(await service(rc), orgId);
    },
    async isRootNode(_p, { orgId, nodeId }, { rc }) {
      return orgs.isRootNode(await service(rc), orgId, nodeId);
    },
    async searchNodes(_p, { keyword }, { rc }) {
      return orgs.searchNodes(await service(rc), keyword);
    },
  },
  Mutation: {
    async createOrg(_p, args, { rc }) {
      return orgs.createOrg(await service(rc), args);
    },
    async deleteOrg(_p, { id }, { rc }) {
      await orgs.deleteOrg(await service(rc), id);
      return ok(rc, 'Organization deleted', '删除成功');
    },
    async addNodeV2(_p, { orgId, parentNodeId, ...input }, { rc }) {
      return orgs.addNode(await service(rc), orgId, parentNodeId, input);
    },
    async addNode(_p, { orgId, parentNodeId, ...input }, { rc }) {
      const s = await service(rc);
      const node = await orgs.addNode(s, orgId, parentNodeId, input);
      return orgs.getOrg(s, node.orgId);
    },
    async moveNode(_p, { orgId, nodeId, targetParentId }, { rc }) {
      return orgs.moveNode(await service(rc), orgId, nodeId, targetParentId);
    },
    async moveMembers(_p, args, { rc }) {
      await orgs.moveMembers(await service(rc), args);
      return ok(rc, 'Members moved', '移动成员成功');
    },
    async setMainDepartment(_p, { userId, departmentId }, { rc }) {
      await orgs.setMainDepartment(await service(rc), userId, departmentId);
      return ok(rc, 'Main department set', '设置主部门成功');
    },
    async updateNode(_p, { id, ...input }, { rc }) {
      return orgs.updateNode(await service(rc), id, input);
    },
    async deleteNode(_p, { orgId, nodeId }, { rc }) {
      await orgs.deleteNode(await service(rc), orgId, nodeId);
      return ok(rc, 'Node deleted', '删除成功');
    },
    async addMember(_p, args, { rc }) {
      const s = await service(rc);
      return orgs.addMembers(s, await nodeIdOf(s, args), args.userIds);
    },
    async removeMember(_p, args, { rc }) {
      const s = await service(rc);
      return orgs.removeMembers(s, await nodeIdOf(s, args), args.userIds);
    },
  },
  Node: {
    async users(node, { page, limit, includeChildrenNodes }, { rc }) {
      return orgs.listMembers(await manage(rc), node.id, { page, limit, includeChildrenNodes });
    },
    async roles(node, { namespace }, { rc }) {
      return roles.listNodeRoles(await manage(rc), node.id, namespace);
    },
    async authorizedResources(node, { namespace, resourceType }, { rc }) {
      return acl.listAuthorizedResources(await manage(rc), 'ORG', node.id, namespace, resourceTypeArg(resourceType));
    },
  },
};
