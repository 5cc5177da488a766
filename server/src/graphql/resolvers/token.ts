import { timingSafeEqual } from 'node:crypto';
import { signManagementToken, verifyToken, claimedPoolId } from '../../auth/jwt.js';
import { AuthingServerError, Errors } from '../../errors.js';
import type { Resolvers } from '../../generated/graphql.js';

const secretsEqual = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const badCredentials = () =>
  new AuthingServerError(2020, '用户池 ID 或密钥错误', 'Invalid user pool id or secret', undefined, 200);

/** Management tokens (`accessToken`, `refreshAccessToken`) and `checkLoginStatus`. */
export const tokenResolvers: Resolvers = {
  Query: {
    async accessToken(_parent, { userPoolId, secret }, { rc }) {
      const pool = await rc.state.findPool(userPoolId);
      if (!pool || !secretsEqual(pool.secret, secret)) throw badCredentials();
      const issued = await signManagementToken(pool.id, pool.jwtSecret, rc.state.issuer);
      return { accessToken: issued.token, exp: issued.exp, iat: issued.iat };
    },

    async checkLoginStatus(_parent, { token }, { rc }) {
      const jwt = token ?? rc.bearer();
      const invalid = { code: 2020, message: rc.lang === 'en-US' ? 'Login status has expired' : '登录信息已过期', status: false, exp: null, iat: null, data: null };
      if (!jwt) return invalid;
      const poolId = claimedPoolId(jwt);
      const pool = poolId ? await rc.state.findPool(poolId) : null;
      if (!pool) return invalid;
      try {
        const claims = await verifyToken(jwt, pool.jwtSecret);
        if (claims.kind !== 'user' || (await rc.state.isRevoked(claims.jti))) return invalid;
        const [, payload = ''] = jwt.split('.');
        const { exp, iat } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp: number; iat: number };
        return {
          code: 200,
          message: rc.lang === 'en-US' ? 'Logged in' : '已登录',
          status: true,
          exp,
          iat,
          data: { id: claims.userId, userPoolId: claims.userPoolId, arn: `arn:cn:authing:${claims.userPoolId}:user:${claims.userId}` },
        };
      } catch {
        return invalid;
      }
    },
  },

  Mutation: {
    async refreshAccessToken(_parent, { accessToken }, { rc }) {
      const token = accessToken ?? rc.bearer();
      if (!token) throw Errors.notLoggedIn();
      const poolId = claimedPoolId(token);
      const pool = poolId ? await rc.state.findPool(poolId) : null;
      if (!pool) throw Errors.notLoggedIn();
      const claims = await verifyToken(token, pool.jwtSecret);
      if (claims.kind !== 'management') throw Errors.notLoggedIn();
      const issued = await signManagementToken(pool.id, pool.jwtSecret, rc.state.issuer);
      return { accessToken: issued.token, exp: issued.exp, iat: issued.iat };
    },
  },
};
