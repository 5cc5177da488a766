import { decodeJwt } from 'jose';
import type { RequestContext, UserPrincipal } from '../../context.js';
import { Errors } from '../../errors.js';
import { canAccessApp } from '../../services/app-access.js';
import { listUserOrgPaths } from '../../services/org-members.js';
import { slicePage } from '../../services/paging.js';
import { listApps } from '../../services/pools.js';
import { authenticatePrincipal, getPrincipal } from '../../services/principal-authentication.js';
import { routes } from '../typed.js';

/**
 * The current user's own views over REST (the AuthenticationClient's `listOrgs`,
 * `listApplications`, `principal.*`): each answers for the user of the Bearer user token, with
 * the same services management reads for that user.
 */
export const meViewRoutes = routes({
  async listMyOrgs(_input, rc) {
    const user = await rc.user();
    return listUserOrgPaths(user.service, user.userId);
  },

  /** Every application of the pool whose access policies let the user log in, oldest first. */
  async listMyAllowedApplications({ query }, rc) {
    const user = await rc.user();
    // Every row (limit -1: the service's "no limit"); the router bounds the caller's own page.
    const { list: apps } = await listApps(user.service, 1, -1);
    const allowed = [];
    for (const app of apps) if ((await canAccessApp(user.service, app.id, user.userId)).allowed) allowed.push(app);
    const page = slicePage(allowed, query.page, query.limit);
    return {
      totalCount: page.totalCount,
      list: page.list.map((app) => ({
        id: app.id,
        name: app.name,
        logo: app.logo,
        domain: app.identifier,
        description: app.description,
        protocol: app.protocol,
        createdAt: app.createdAt,
        updatedAt: app.updatedAt,
      })),
    };
  },

  async getMyPrincipalAuthentication(_input, rc) {
    const user = await rc.user();
    return getPrincipal(user.service, user.userId);
  },

  async authenticateMyPrincipal({ body }, rc) {
    const user = await rc.user();
    return authenticatePrincipal(user.service, user.userId, body);
  },
});

/**
 * `GET /logout?appId&deviceId=current` with a user token (the official SDK's `logoutCurrent`):
 * ends the presented token at once. A `userId` other than the caller's is refused (403); a
 * `deviceId` other than `current` is 400 (authing-local tracks no devices).
 */
export async function logoutCurrentDevice(rc: RequestContext, user: UserPrincipal, userId: string | undefined, deviceId: string | undefined): Promise<true> {
  if (userId && userId !== user.userId) throw Errors.forbidden('A user token may only log out its own session', '用户令牌只能退出自己的登录');
  if (deviceId && deviceId !== 'current') throw Errors.invalidInput('deviceId must be current', 'deviceId 只能为 current');
  const { exp = 0 } = decodeJwt(user.token);
  await rc.state.revoke(user.claims.jti, user.claims.userPoolId, exp);
  return true;
}
