import type { RequestContext } from '../../context.js';
import { Errors } from '../../errors.js';
import { pagingProblem } from '../../http/limits.js';
import * as orgs from '../../services/orgs.js';
import * as roles from '../../services/roles.js';
import { identitiesOf, linkIdentity, unlinkIdentity } from '../../services/user-identities.js';
import { filterUsers, type FilterCondition } from '../../services/user-search.js';
import { kickUsers, loginStatus, logoutUser, requireUserIds } from '../../services/user-sessions.js';
import { valuesOf } from '../../services/custom-data.js';
import * as users from '../../services/users.js';
import { routes } from '../typed.js';
import { logoutCurrentDevice } from './me-views.js';

/** REST identities drop the two provider tokens GraphQL's `Identity` has (never sent by authing-local). */
const restIdentities = async (rc: RequestContext, userId: string) =>
  (await identitiesOf(rc.state.store.db, userId)).map(({ accessToken: _a, refreshToken: _r, ...identity }) => identity);

/** REST user reads and user management: a management token for anyone in its pool, a user token only itself. */
export const userRoutes = routes({
  async getCurrentUser(_input, rc) {
    const user = await rc.user();
    return { ...(await users.getUser(user.service, user.userId)), identities: await restIdentities(rc, user.userId), token: user.token };
  },

  /** `users.detail`: `data: null` for an unknown or deleted user, as Authing answers. */
  async getUser({ path, query }, rc) {
    const principal = await rc.anyPrincipal();
    if (principal.kind === 'user' && principal.userId !== path.userId) {
      throw Errors.forbidden('A user token may only read its own user', '用户令牌只能读取自己的信息');
    }
    const user = await users.findUserById(principal.service, path.userId);
    if (!user) return user;
    // `with_custom_data`: the JS SDK sends true/false, the Python SDK 1/0.
    const withCustomData = query.with_custom_data === 'true' || query.with_custom_data === '1';
    const { store, poolId } = principal.service;
    const customData = withCustomData ? await valuesOf(store.db, poolId, 'USER', user.id) : user.customData;
    return { ...user, identities: await restIdentities(rc, user.id), customData };
  },

  /** `withCustomData`: each user's stored custom data, as `users.detail` answers it with `with_custom_data`. */
  async batchUsers({ body }, rc) {
    const { service } = await rc.management();
    const found = await users.batchUsers(service, body.ids, users.batchType(body.type));
    if (!body.withCustomData) return found;
    return Promise.all(found.map(async (user) => ({ ...user, customData: await valuesOf(service.store.db, service.poolId, 'USER', user.id) })));
  },

  async filterUsers({ body }, rc) {
    const { service } = await rc.management();
    // Paged by the body here, so the router's query-string bound is applied by hand.
    for (const name of ['page', 'limit'] as const) {
      const problem = pagingProblem(name, body[name]);
      if (problem) throw problem;
    }
    // The schema checked each condition's shape; its tuple type is what it describes.
    return filterUsers(service, (body.filter ?? []) as FilterCondition[], body.page, body.limit);
  },

  async kickUsers({ body }, rc) {
    const { service } = await rc.management();
    requireUserIds(body.userIds);
    await kickUsers(service, body.userIds);
    return true;
  },

  async logoutUser({ query }, rc) {
    const principal = await rc.anyPrincipal();
    // A user token: the official SDK's logoutCurrent (`?appId&deviceId=current`).
    if (principal.kind === 'user') return logoutCurrentDevice(rc, principal, query.userId, query.deviceId);
    if (!query.userId) throw Errors.invalidInput('userId is required', 'userId 不能为空');
    await logoutUser(principal.service, query.userId, query.appId);
    return true;
  },

  async getUserLoginStatus({ query }, rc) {
    const { service } = await rc.management();
    return loginStatus(service, query.userId, query.appId);
  },

  async linkUserIdentity({ body }, rc) {
    const { service } = await rc.management();
    await linkIdentity(service, body);
    return true;
  },

  async unlinkUserIdentity({ body }, rc) {
    const { service } = await rc.management();
    await unlinkIdentity(service, body);
    return true;
  },

  async listUserOrgs({ path }, rc) {
    const { service } = await rc.management();
    return orgs.listUserOrgPaths(service, path.userId);
  },

  async userHasRole({ path, query }, rc) {
    const { service } = await rc.management();
    return roles.userHasRole(service, path.userId, query.code, query.namespace);
  },

  async resignUser({ body }, rc) {
    const { service } = await rc.management();
    await users.resignUsers(service, [body.userId]);
    return { success: true };
  },

  async resignUserBatch({ body }, rc) {
    const { service } = await rc.management();
    await users.resignUsers(service, body.userIds);
    return { success: true };
  },
});
