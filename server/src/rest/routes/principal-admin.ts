import { Errors } from '../../errors.js';
import type { ServiceContext } from '../../services/context.js';
import { findUser } from '../../services/lookup.js';
import { authenticatePrincipal, getPrincipal } from '../../services/principal-authentication.js';
import { routes } from '../typed.js';

/**
 * `managementClient.principal`: a user's real-name authentication with the management token, the
 * same service (and checks) as the user's own `/api/v2/users/principal_authentication`.
 */

async function requireUser(service: ServiceContext, userId: string): Promise<void> {
  if (!(await findUser(service.store.db, service.poolId, userId))) throw Errors.userNotFound();
}

export const principalAdminRoutes = routes({
  async getUserPrincipalAuthentication({ path }, rc) {
    const { service } = await rc.management();
    await requireUser(service, path.userId);
    return getPrincipal(service, path.userId);
  },

  async authenticateUserPrincipal({ path, body }, rc) {
    const { service } = await rc.management();
    await requireUser(service, path.userId);
    return authenticatePrincipal(service, path.userId, body);
  },
});
