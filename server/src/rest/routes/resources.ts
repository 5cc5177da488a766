import { Errors } from '../../errors.js';
import * as resources from '../../services/resources.js';
import { routes } from '../typed.js';

/** Resources (the things permissions are about) inside a namespace. */
export const resourceRoutes = routes({
  async listResources({ query }, rc) {
    const { service } = await rc.management();
    return resources.listResources(service, { ...query, namespace: query.namespace ?? query.namespaceCode });
  },
  async createResource({ body }, rc) {
    const { service } = await rc.management();
    return resources.createResource(service, body);
  },
  async getResourceDetail({ query }, rc) {
    const { service } = await rc.management();
    if (query.id) return resources.getResourceById(service, query.id);
    if (query.code) return resources.getResourceByCode(service, query.namespace, query.code);
    throw Errors.invalidInput('id, or namespace with code, is required', '请提供 id，或 namespace 与 code');
  },
  async updateResource({ path, body }, rc) {
    const { service } = await rc.management();
    return resources.updateResource(service, path.code, body);
  },
  async deleteResource({ path, query }, rc) {
    const { service } = await rc.management();
    await resources.deleteResource(service, path.code, query.namespace);
    return true;
  },
});
