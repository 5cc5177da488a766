import { signUserToken } from '../../auth/jwt.js';
import type { RequestContext } from '../../context.js';
import { Errors } from '../../errors.js';
import type { Resolvers } from '../../generated/graphql.js';
import * as auth from '../../services/authentication.js';
import type { WireUser } from '../../services/users.js';

/** Signs an id_token for a user of the pool, on behalf of `appId`. */
async function issueUserToken(rc: RequestContext, user: WireUser, appId: string | null) {
  const pool = await rc.state.findPool(user.userPoolId);
  if (!pool) throw Errors.internal();
  return signUserToken(
    { id: user.id, userPoolId: user.userPoolId, appId, username: user.username, email: user.email, phone: user.phone },
    pool.jwtSecret,
    rc.state.issuer,
  );
}

/** Every login and registration answers the user with a fresh id_token, as Authing does. */
async function withToken(rc: RequestContext, user: WireUser, appId: string | null) {
  const issued = await issueUserToken(rc, user, appId);
  return { ...user, token: issued.token, tokenExpiredAt: new Date(issued.exp * 1000).toISOString() };
}

const clientIp = (rc: RequestContext, given?: string | null) => given ?? rc.header('x-forwarded-for')?.split(',')[0]?.trim() ?? '127.0.0.1';

/** Registration, login and token refresh for the AuthenticationClient. */
export const authenticationResolvers: Resolvers = {
  Mutation: {
    async registerByUsername(_p, { input }, { rc }) {
      const { appId, pool, service } = await rc.app();
      const user = await auth.registerByUsername(service, {
        username: input.username,
        password: rc.password(input.password, pool),
        profile: input.profile,
      });
      return input.generateToken === false ? user : withToken(rc, user, appId);
    },
    async registerByEmail(_p, { input }, { rc }) {
      const { appId, pool, service } = await rc.app();
      const user = await auth.registerByEmail(service, {
        email: input.email,
        password: rc.password(input.password, pool),
        profile: input.profile,
      });
      return input.generateToken === false ? user : withToken(rc, user, appId);
    },
    async loginByUsername(_p, { input }, { rc }) {
      const { appId, pool, service } = await rc.app();
      const user = await auth.loginByUsername(service, input.username, rc.password(input.password, pool), {
        appId,
        clientIp: clientIp(rc, input.clientIp),
      });
      return withToken(rc, user, appId);
    },
    async loginByEmail(_p, { input }, { rc }) {
      const { appId, pool, service } = await rc.app();
      const user = await auth.loginByEmail(service, input.email, rc.password(input.password, pool), {
        appId,
        clientIp: clientIp(rc, input.clientIp),
      });
      return withToken(rc, user, appId);
    },
    async refreshToken(_p, { id }, { rc }) {
      const principal = await rc.anyPrincipal();
      const userId = id ?? (principal.kind === 'user' ? principal.userId : null);
      if (!userId) throw Errors.invalidInput('id is required', 'id 不能为空');
      if (principal.kind === 'user' && userId !== principal.userId) throw Errors.forbidden();
      const user = await auth.getCurrentUser(principal.service, userId);
      const issued = await issueUserToken(rc, user, principal.kind === 'user' ? principal.claims.appId : null);
      return { token: issued.token, iat: issued.iat, exp: issued.exp };
    },
  },
};
