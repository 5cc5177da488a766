import * as orgs from '../../services/orgs.js';
import { Reply } from '../router.js';
import { routes } from '../typed.js';

/** The REST side of organizations: counts and pages (4.23.55's getAllOrgs), tenants, export/import, directory sync. */
export const orgRoutes = routes({
  async listOrgPage({ query }, rc) {
    const { service } = await rc.management();
    return (await orgs.listOrgs(service, query.page, query.limit)).list;
  },

  async countOrgs(_input, rc) {
    const { service } = await rc.management();
    return { count: await orgs.countOrgs(service) };
  },

  async listOrgsByTenant({ query }, rc) {
    const { service } = await rc.management();
    return orgs.listOrgsByTenant(service, query.tenant_id);
  },

  async exportOrgs({ query }, rc) {
    const { service } = await rc.management();
    const data = await orgs.exportOrgs(service, query.org_id);
    return new Reply(data, rc.lang === 'en-US' ? 'Export data success' : '导出数据成功');
  },

  async importOrg({ body }, rc) {
    const { service } = await rc.management();
    const data = await orgs.importOrg(service, body.filetype, body.file);
    return new Reply(data, rc.lang === 'en-US' ? 'Import data success' : '导入数据成功');
  },

  async startEnterpriseSync({ path }, rc) {
    const { service } = await rc.management();
    return orgs.startEnterpriseSync(service, path.providerType);
  },

  async startAdSync({ body }, rc) {
    const { service } = await rc.management();
    return orgs.startAdSync(service, body.connectionId);
  },
});
