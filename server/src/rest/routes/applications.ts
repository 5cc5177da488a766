import * as appAccess from '../../services/app-access.js';
import * as pools from '../../services/pools.js';
import * as programmatic from '../../services/programmatic.js';
import { routes } from '../typed.js';

/** Applications: their default access strategy, access records and programmatic access accounts. */
export const applicationRoutes = routes({
  async getApplication({ path }, rc) {
    const { service } = await rc.management();
    return pools.getApp(service, path.appId);
  },
  async updateApplication({ path, body }, rc) {
    const { service } = await rc.management();
    return pools.updateApp(service, path.appId, body);
  },

  async listApplicationAccessRecords({ path, query }, rc) {
    const { service } = await rc.management();
    return appAccess.listAppAccessRecords(service, path.appId, query.page, query.limit);
  },
  async allowApplicationAccess({ path, body }, rc) {
    await appAccess.allowAppAccess((await rc.management()).service, { ...body, appId: path.appId });
    return true;
  },
  async denyApplicationAccess({ path, body }, rc) {
    await appAccess.denyAppAccess((await rc.management()).service, { ...body, appId: path.appId });
    return true;
  },
  async revokeApplicationAccess({ path, body }, rc) {
    await appAccess.revokeAppAccess((await rc.management()).service, { ...body, appId: path.appId });
    return true;
  },
  async enableApplicationAccess({ path, body }, rc) {
    await appAccess.enableAppAccess((await rc.management()).service, { ...body, appId: path.appId });
    return true;
  },
  async disableApplicationAccess({ path, body }, rc) {
    await appAccess.disableAppAccess((await rc.management()).service, { ...body, appId: path.appId });
    return true;
  },

  async listProgrammaticAccessAccounts({ path, query }, rc) {
    const { service } = await rc.management();
    return programmatic.listProgrammaticAccounts(service, path.appId, query.page, query.limit);
  },
  async createProgrammaticAccessAccount({ path, body }, rc) {
    const { service } = await rc.management();
    return programmatic.createProgrammaticAccount(service, path.appId, { tokenLifetime: body?.tokenLifetime, remarks: body?.remarks ?? body?.remark });
  },
  async updateProgrammaticAccessAccount({ body }, rc) {
    const { service } = await rc.management();
    return programmatic.updateProgrammaticAccount(service, body.id, body);
  },
  async deleteProgrammaticAccessAccount({ query }, rc) {
    const { service } = await rc.management();
    await programmatic.deleteProgrammaticAccount(service, query.id);
    return true;
  },
});
