import { signManagementToken } from '../../auth/jwt.js';
import { AuthingServerError, Errors } from '../../errors.js';
import type { Resolvers } from '../../generated/graphql.js';
import { verifyPoolSecret } from '../../services/pools.js';

const badCredentials = () => new AuthingServerError(2020, '用户池 ID 或密钥错误', 'Invalid user pool id or secret');

/** Management tokens (`accessToken`, `refreshAccessToken`) and `checkLoginStatus`. */
export const tokenResolvers: Resolvers = {
  Query: {
    async accessToken(_parent, { userPoolId, secret }, { rc }) {
      const pool = await rc.state.findPool(userPoolId);
      if (!pool || !(await verifyPoolSecret(rc.state.store, userPoolId, secret))) throw badCredentials();
      const issued = await signManagementToken(pool.id, pool.jwtSecret, rc.state.issuer);
      return { accessToken: issued.token, exp: issued.exp, iat: issued.iat };
    },

    async checkLoginStatus(_parent, { token }, { rc }) {
      const jwt = token ?? rc.bearer();
      const invalid = { code: 2020, message: rc.lang === 'en-US' ? 'Login status has expired' : '登录信息已过期', status: false, exp: null, iat: null, data: null };
      if (!jwt) return invalid;
      // An invalid token, or one of another pool than the request names, is an answer here (status: false), not an error.
      const verified = await rc.verify(jwt).catch(() => null);
      if (!verified || verified.claims.kind !== 'user') return invalid;
      const { claims } = verified;
      return {
        code: 200,
        message: rc.lang === 'en-US' ? 'Logged in' : '已登录',
        status: true,
        exp: claims.exp,
        iat: claims.iat,
        data: { id: claims.userId, userPoolId: claims.userPoolId, arn: `arn:cn:authing:${claims.userPoolId}:user:${claims.userId}` },
      };
    },
  },

  Mutation: {
    async refreshAccessToken(_parent, { accessToken }, { rc }) {
      const token = accessToken ?? rc.bearer();
      if (!token) throw Errors.notLoggedIn();
      // Only by its own pool: a token of another pool than the request names is refused (2020).
      const { pool, claims } = await rc.verify(token);
      if (claims.kind !== 'management') throw Errors.notLoggedIn();
      const issued = await signManagementToken(pool.id, pool.jwtSecret, rc.state.issuer);
      return { accessToken: issued.token, exp: issued.exp, iat: issued.iat };
    },
  },
};
