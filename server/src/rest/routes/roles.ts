import { pagingProblem } from '../../http/limits.js';
import * as roles from '../../services/roles.js';
import { routes } from '../typed.js';

/** The REST side of roles: the JS SDK's `roles.findUsers`. */
export const roleRoutes = routes({
  async findRoleUsers({ body }, rc) {
    const { service } = await rc.management();
    // Paged by the body, so the router's query-string bound is applied here.
    for (const name of ['page', 'limit'] as const) {
      const problem = pagingProblem(name, body[name]);
      if (problem) throw problem;
    }
    return roles.findRoleUsers(service, body.code, body);
  },
});
