import * as acl from '../../services/acl.js';
import { routes } from '../typed.js';

/** The REST side of the ACL: the 4.23.55 SDK's is-allowed, revoke, and the batch/kind queries. */
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

  async checkResourcePermissionBatch({ body }, rc) {
    const { service } = await rc.management();
    return acl.checkResourcePermissionBatch(service, body);
  },

  async getAuthorizedResourcesOfResourceKind({ body }, rc) {
    const { service } = await rc.management();
    return acl.getAuthorizedResourcesOfResourceKind(service, body);
  },
});
