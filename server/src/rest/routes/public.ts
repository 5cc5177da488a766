import { decodeJwt } from 'jose';
import { routes } from '../typed.js';

/** The user pool's public configuration and session logout. */
export const publicRoutes = routes({
  async getWellKnown(_input, rc) {
    const pool = await rc.publicPool();
    return { publicKey: pool.publicKey };
  },

  async logout(_input, rc) {
    const user = await rc.user();
    const { exp = 0 } = decodeJwt(user.token);
    await rc.state.revoke(user.claims.jti, user.claims.userPoolId, exp);
    return true;
  },
});
