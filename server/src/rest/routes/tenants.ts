import * as members from '../../services/tenant-members.js';
import * as tenants from '../../services/tenants.js';
import { routes } from '../typed.js';

/** Tenants, their members and admins; a user's tenants; an application's tenants. */
export const tenantRoutes = routes({
  async listTenants({ query }, rc) {
    return tenants.listTenants((await rc.management()).service, query.page, query.limit);
  },
  async createTenant({ body }, rc) {
    return tenants.createTenant((await rc.management()).service, body);
  },
  async getTenant({ path }, rc) {
    return tenants.getTenant((await rc.management()).service, path.tenantId);
  },
  async updateTenant({ path, body }, rc) {
    return tenants.updateTenant((await rc.management()).service, path.tenantId, body);
  },
  async deleteTenant({ path }, rc) {
    await tenants.deleteTenant((await rc.management()).service, path.tenantId);
    return true;
  },
  async getUserTenants({ path }, rc) {
    return tenants.userTenants((await rc.management()).service, path.userId);
  },
  async getApplicationTenants({ path }, rc) {
    return tenants.applicationTenants((await rc.management()).service, path.appId);
  },

  async listTenantMembers({ path, query }, rc) {
    return members.listTenantMembers((await rc.management()).service, path.tenantId, query.page, query.limit);
  },
  async addTenantMembers({ path, body }, rc) {
    return members.addTenantMembers((await rc.management()).service, path.tenantId, body.userIds);
  },
  async removeTenantMember({ path, query }, rc) {
    await members.removeTenantMember((await rc.management()).service, path.tenantId, query.userId);
    return true;
  },
  async setTenantAdmins({ path, body }, rc) {
    return members.setTenantAdmins((await rc.management()).service, path.tenantId, body.userIds);
  },
  async deleteTenantAdmin({ path }, rc) {
    return members.deleteTenantAdmin((await rc.management()).service, path.tenantId, path.userId);
  },
  async updateTenantMember({ path, body }, rc) {
    return members.updateTenantMember((await rc.management()).service, path.tenantId, path.userId, body.isEnabled);
  },
});
