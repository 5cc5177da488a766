import * as conns from '../../services/ext-idp-connections.js';
import * as idps from '../../services/ext-idp.js';
import { createResources } from '../../services/resources.js';
import { routes } from '../typed.js';

/** External IdPs and their connections (stored records only), and bulk resource creation. */
export const extIdpRoutes = routes({
  async listExtIdp({ query }, rc) {
    const { service } = await rc.management();
    return idps.listExtIdps(service, query.tenantId);
  },
  async createExtIdp({ body }, rc) {
    const { service } = await rc.management();
    return idps.createExtIdp(service, body);
  },
  async extIdpDetail({ path }, rc) {
    const { service } = await rc.management();
    return idps.getExtIdp(service, path.extIdpId);
  },
  async updateExtIdp({ path, body }, rc) {
    const { service } = await rc.management();
    return idps.updateExtIdp(service, path.extIdpId, body);
  },
  async deleteExtIdp({ path }, rc) {
    const { service } = await rc.management();
    await idps.deleteExtIdp(service, path.extIdpId);
    return true;
  },
  async batchChangeExtIdpConnectionState({ path, body }, rc) {
    const { service } = await rc.management();
    await conns.changeIdpConnectionsState(service, path.extIdpId, body);
    return true;
  },
  async createExtIdpConnection({ body }, rc) {
    const { service } = await rc.management();
    return conns.createConnection(service, body);
  },
  async updateExtIdpConnection({ path, body }, rc) {
    const { service } = await rc.management();
    return conns.updateConnection(service, path.extIdpConnectionId, body);
  },
  async deleteExtIdpConnection({ path }, rc) {
    const { service } = await rc.management();
    await conns.deleteConnection(service, path.extIdpConnectionId);
    return true;
  },
  async changeExtIdpConnectionState({ path, body }, rc) {
    const { service } = await rc.management();
    await conns.changeConnectionState(service, path.extIdpConnectionId, body);
    return true;
  },
  async checkExtIdpConnectionIdentifier({ body }, rc) {
    const { service } = await rc.management();
    return conns.checkIdentifier(service, body.identifier);
  },
  async batchInsertResource({ body }, rc) {
    const { service } = await rc.management();
    return createResources(service, body.bulk);
  },
});
