import { Errors } from '../../errors.js';
import * as users from '../../services/users.js';
import { routes } from '../typed.js';

/** REST user reads: a management token reads anyone in its pool, a user token only itself. */
export const userRoutes = routes({
  async getCurrentUser(_input, rc) {
    const user = await rc.user();
    return { ...(await users.getUser(user.service, user.userId)), token: user.token };
  },

  async getUser({ path }, rc) {
    const principal = await rc.anyPrincipal();
    if (principal.kind === 'user' && principal.userId !== path.userId) {
      throw Errors.forbidden('A user token may only read its own user', '用户令牌只能读取自己的信息');
    }
    return users.getUser(principal.service, path.userId);
  },
});
