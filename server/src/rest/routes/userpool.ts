import { Errors } from '../../errors.js';
import { passwordStrengthOf } from '../../services/password-strength.js';
import * as env from '../../services/userpool-env.js';
import * as userpool from '../../services/userpool.js';
import { routes } from '../typed.js';

/** `GET /api/v2/userpools/detail`: the pool of the management token, as `Q.userpool` answers it. */
export const userpoolRoutes = routes({
  async getUserpoolDetail(_req, rc) {
    return userpool.getUserpool((await rc.management()).service);
  },

  /** `/api/v2/env`: the pool's environment variables; each call answers the whole list. */
  async listUserpoolEnv(_req, rc) {
    const { service } = await rc.management();
    return env.listEnv(service.store.db, service.poolId);
  },

  async addUserpoolEnv({ body }, rc) {
    return env.addEnv((await rc.management()).service, body?.key, body?.value);
  },

  async removeUserpoolEnv({ path }, rc) {
    return env.removeEnv((await rc.management()).service, path.key);
  },

  /** `POST /api/v2/password/check` (`managementClient.isPasswordValid`): the pool's strength rule, one result. */
  async checkPasswordValid({ body }, rc) {
    const { service } = await rc.management();
    if (typeof body?.password !== 'string') throw Errors.invalidInput('password must be a string', 'password 必须为字符串');
    return [await passwordStrengthOf(service.store.db, service.poolId, body.password, rc.lang)];
  },
});
