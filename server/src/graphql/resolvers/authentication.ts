import { signUserToken } from '../../auth/jwt.js';
import type { RequestContext } from '../../context.js';
import { Errors } from '../../errors.js';
import type { Resolvers } from '../../generated/graphql.js';
import * as auth from '../../services/authentication.js';
import * as sessions from '../../services/sessions.js';
import { recordUserToken } from '../../services/user-sessions.js';
import type { Session } from '../../services/sessions.js';
import { onePasswordCheck } from './shared.js';

/** Signs an id_token for a user of the pool, on behalf of `appId`, in the user's current session generation. */
async function issueUserToken(rc: RequestContext, { user, sessionVersion }: Session, appId: string | null) {
  const pool = await rc.state.findPool(user.userPoolId);
  if (!pool) throw Errors.internal();
  const issued = await signUserToken(
    { id: user.id, userPoolId: user.userPoolId, appId, username: user.username, email: user.email, phone: user.phone, sessionVersion },
    pool.jwtSecret,
    rc.state.issuer,
  );
  // Recorded so an administrator sees the session (checkLoginStatus) and can end it per app (logout).
  await recordUserToken({ store: rc.state.store, poolId: user.userPoolId }, { jti: issued.jti, userId: user.id, appId, sessionVersion, exp: issued.exp });
  return issued;
}

/** Every login and registration answers the user with a fresh id_token, as Authing does. */
async function withToken(rc: RequestContext, session: Session, appId: string | null) {
  const issued = await issueUserToken(rc, session, appId);
  return { ...session.user, token: issued.token, tokenExpiredAt: new Date(issued.exp * 1000).toISOString() };
}

/** A user registered just now is in its first session generation. */
const fresh = (user: Session['user']): Session => ({ user, sessionVersion: 0 });

const clientIp = (rc: RequestContext, given?: string | null) => given ?? rc.header('x-forwarded-for')?.split(',')[0]?.trim() ?? '127.0.0.1';

/** Registration, login and token refresh for the AuthenticationClient. */
export const authenticationResolvers: Resolvers = {
  Mutation: {
    async registerByUsername(_p, { input }, { rc }, info) {
      onePasswordCheck(rc, info);
      const { appId, pool, service } = await rc.app();
      const user = await auth.registerByUsername(service, {
        username: input.username,
        password: rc.password(input.password, pool),
        profile: input.profile,
      });
      return input.generateToken === false ? user : withToken(rc, fresh(user), appId);
    },
    async registerByEmail(_p, { input }, { rc }, info) {
      onePasswordCheck(rc, info);
      const { appId, pool, service } = await rc.app();
      const user = await auth.registerByEmail(service, {
        email: input.email,
        password: rc.password(input.password, pool),
        profile: input.profile,
      });
      return input.generateToken === false ? user : withToken(rc, fresh(user), appId);
    },
    async loginByUsername(_p, { input }, { rc }, info) {
      onePasswordCheck(rc, info);
      const { appId, pool, service } = await rc.app();
      const session = await auth.loginSession(service, 'username', input.username, rc.password(input.password, pool), {
        appId,
        clientIp: clientIp(rc, input.clientIp),
      });
      return withToken(rc, session, appId);
    },
    async loginByEmail(_p, { input }, { rc }, info) {
      onePasswordCheck(rc, info);
      const { appId, pool, service } = await rc.app();
      const session = await auth.loginSession(service, 'email', input.email, rc.password(input.password, pool), {
        appId,
        clientIp: clientIp(rc, input.clientIp),
      });
      return withToken(rc, session, appId);
    },
    async refreshToken(_p, { id }, { rc }) {
      const principal = await rc.anyPrincipal();
      const userId = id ?? (principal.kind === 'user' ? principal.userId : null);
      if (!userId) throw Errors.invalidInput('id is required', 'id 不能为空');
      if (principal.kind === 'user' && userId !== principal.userId) throw Errors.forbidden();
      const session = await sessions.sessionOf(principal.service, userId);
      const issued = await issueUserToken(rc, session, principal.kind === 'user' ? principal.claims.appId : null);
      return { token: issued.token, iat: issued.iat, exp: issued.exp };
    },
  },
};
