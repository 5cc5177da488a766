import * as applications from '../../services/applications.js';
import * as pools from '../../services/pools.js';
import { routes } from '../typed.js';

/** Applications as a whole (list, create, delete), who is logged in to one, its secret and its agreements. */
export const applicationAdminRoutes = routes({
  async listApplications({ query }, rc) {
    return pools.listApps((await rc.management()).service, query.page, query.limit);
  },
  async createApplication({ body }, rc) {
    return pools.createApp((await rc.management()).service, body);
  },
  async deleteApplication({ path }, rc) {
    await pools.deleteApp((await rc.management()).service, path.appId);
    return true;
  },
  async listApplicationActiveUsers({ path, query }, rc) {
    return applications.listActiveUsers((await rc.management()).service, path.appId, query.page, query.limit);
  },
  async refreshApplicationSecret({ path }, rc) {
    return applications.refreshAppSecret((await rc.management()).service, path.appId);
  },

  async listApplicationAgreements({ path }, rc) {
    return applications.listAgreements((await rc.management()).service, path.appId);
  },
  async createApplicationAgreement({ path, body }, rc) {
    return applications.createAgreement((await rc.management()).service, path.appId, body);
  },
  async updateApplicationAgreement({ path, body }, rc) {
    return applications.modifyAgreement((await rc.management()).service, path.appId, path.agreementId, body);
  },
  async deleteApplicationAgreement({ path }, rc) {
    await applications.deleteAgreement((await rc.management()).service, path.appId, path.agreementId);
    return true;
  },
  async sortApplicationAgreements({ path, body }, rc) {
    await applications.sortAgreements((await rc.management()).service, path.appId, body.ids);
    return true;
  },
});
