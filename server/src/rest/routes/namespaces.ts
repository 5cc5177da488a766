import type { RequestContext } from '../../context.js';
import { Errors } from '../../errors.js';
import * as namespaces from '../../services/namespaces.js';
import { routes } from '../typed.js';

/** The path names the pool; it must be the pool of the management token. */
async function poolService(rc: RequestContext, userPoolId: string) {
  const { service } = await rc.management();
  if (service.poolId !== userPoolId) throw Errors.forbidden('The token does not belong to this user pool', '令牌不属于该用户池');
  return service;
}

/** Permission namespaces (权限分组), addressed by code (JS SDK) or numeric id (Python SDK). */
export const namespaceRoutes = routes({
  async listNamespaces({ path, query }, rc) {
    return namespaces.listNamespaces(await poolService(rc, path.userPoolId), query.page, query.limit);
  },
  async createNamespace({ path, body }, rc) {
    return namespaces.createNamespace(await poolService(rc, path.userPoolId), body);
  },
  async updateNamespaceByCode({ path, body }, rc) {
    return namespaces.updateNamespaceByCode(await poolService(rc, path.userPoolId), path.code, body);
  },
  async deleteNamespaceByCode({ path }, rc) {
    await namespaces.deleteNamespaceByCode(await poolService(rc, path.userPoolId), path.code);
    return true;
  },
  async updateNamespaceById({ path, body }, rc) {
    return namespaces.updateNamespaceById(await poolService(rc, path.userPoolId), path.namespaceId, body);
  },
  async deleteNamespaceById({ path }, rc) {
    await namespaces.deleteNamespaceById(await poolService(rc, path.userPoolId), path.namespaceId);
    return true;
  },
});
