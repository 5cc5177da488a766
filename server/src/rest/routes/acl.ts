import * as acl from '../../services/acl.js';
import * as batch from '../../services/acl-batch.js';
import { routes } from '../typed.js';

/** The REST side of the ACL: the 4.23.55 SDK's is-allowed, revoke, batch grants, and the batch/kind queries. */
export const aclRoutes = routes({
  async isAllowed({ body }, rc) {
    const { service } = await rc.management();
    return { allowed: await acl.isAllowed(service, body.userId, body.resource, body.action, body.namespace) };
  },

  async revokeResource({ body }, rc) {
    const { service } = await rc.management();
    await acl.revokeResource(service, { namespace: body.namespace, resource: body.resource, opts: body.opts });
    return true;
  },

  async authorizeResources({ body }, rc) {
    const { service } = await rc.management();
    await batch.authorizeResources(service, body);
    return true;
  },

  async revokeResources({ body }, rc) {
    const { service } = await rc.management();
    await batch.revokeResources(service, body);
    return true;
  },

  async listAuthorizedResourcesBatch({ body }, rc) {
    const { service } = await rc.management();
    return batch.listAuthorizedResourcesBatch(service, body);
  },

  async checkResourcePermissionBatch({ body }, rc) {
    const { service } = await rc.management();
    return acl.checkResourcePermissionBatch(service, body);
  },

  async getAuthorizedResourcesOfResourceKind({ body }, rc) {
    const { service } = await rc.management();
    return acl.getAuthorizedResourcesOfResourceKind(service, body);
  },
});
