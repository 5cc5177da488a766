import * as userpool from '../../services/userpool.js';
import { routes } from '../typed.js';

/** `GET /api/v2/userpools/detail`: the pool of the management token, as `Q.userpool` answers it. */
export const userpoolRoutes = routes({
  async getUserpoolDetail(_req, rc) {
    return userpool.getUserpool((await rc.management()).service);
  },
});
