import * as appAccess from '../../services/app-access.js';
import * as pools from '../../services/pools.js';
import * as programmatic from '../../services/programmatic.js';
import type { ServiceContext } from '../../services/context.js';
import type { RequestContext } from '../../context.js';
import { routes } from '../typed.js';

/** The five `authorization/*` writes share their input and answer; only the service differs. */
const accessWrite =
  (write: (ctx: ServiceContext, change: appAccess.AppAccessChange) => Promise<void>) =>
  async ({ path, body }: { path: { appId: string }; body: Omit<appAccess.AppAccessChange, 'appId'> }, rc: RequestContext): Promise<true> => {
    await write((await rc.management()).service, { ...body, appId: path.appId });
    return true;
  };

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
  allowApplicationAccess: accessWrite(appAccess.allowAppAccess),
  denyApplicationAccess: accessWrite(appAccess.denyAppAccess),
  revokeApplicationAccess: accessWrite(appAccess.revokeAppAccess),
  enableApplicationAccess: accessWrite(appAccess.enableAppAccess),
  disableApplicationAccess: accessWrite(appAccess.disableAppAccess),

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
