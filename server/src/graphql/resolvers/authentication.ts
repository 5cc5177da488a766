import { signUserToken } from '../../auth/jwt.js';
import { requireMfaOrPass } from '../../auth/mfa-gate.js';
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
export async function withToken(rc: RequestContext, session: Session, appId: string | null) {
  const issued = await issueUserToken(rc, session, appId);
  return { ...session.user, token: issued.token, tokenExpiredAt: new Date(issued.exp * 1000).toISOString() };
}

/** A user registered just now is in its first session generation. */
const fresh = (user: Session['user']): Session => ({ user, sessionVersion: 0 });

export const clientIp = (rc: RequestContext, given?: string | null) => given ?? rc.header('x-forwarded-for')?.split(',')[0]?.trim() ?? '127.0.0.1';

/**
 * THE one place where a login answers: every login (password, phone or email code, sub-account,
 * v3 signin, autoRegister, a registration with forceLogin), over GraphQL and REST, ends here. The
 * second-factor step (1635 / 1636 with `data.mfaToken`) runs first; then the user gets its token.
 */
export async function answerLogin(rc: RequestContext, session: Session, appId: string | null) {
  await requireMfaOrPass(rc, session, appId);
  return withToken(rc, session, appId);
}

/** The flags a registration takes from its input. */
export interface RegistrationFlags {
  forceLogin?: boolean | null;
  generateToken?: boolean | null;
  clientIp?: string | null;
}

/** What the service records for a registration: with `forceLogin` it is also a login. */
export const registerFlow = (rc: RequestContext, flags: RegistrationFlags) => ({
  login: flags.forceLogin ? { clientIp: clientIp(rc, flags.clientIp) } : null,
});

/**
 * A registration's answer. `forceLogin`: a login ({@link answerLogin}). `generateToken`: a token
 * without a login. Neither: the user alone, without token — except when the input carries neither
 * flag at all, which authing-local answers with a token as it always has (the official SDKs
 * always send both; no public source shows Authing's answer to a request with neither).
 */
export async function answerRegistration(rc: RequestContext, user: Session['user'], appId: string | null, flags: RegistrationFlags) {
  if (flags.forceLogin) return answerLogin(rc, fresh(user), appId);
  const neither = (flags.forceLogin ?? null) === null && (flags.generateToken ?? null) === null;
  return flags.generateToken || neither ? withToken(rc, fresh(user), appId) : user;
}

/** A password login by one identifier (loginByUsername, loginByEmail, loginByPhonePassword), answered by {@link answerLogin}. */
async function passwordLogin(
  rc: RequestContext,
  by: 'username' | 'email' | 'phone',
  identifier: string,
  input: { password: string; clientIp?: string | null; autoRegister?: boolean | null },
) {
  const { appId, pool, service } = await rc.app();
  const session = await auth.loginSession(service, by, identifier, rc.password(input.password, pool), {
    appId,
    clientIp: clientIp(rc, input.clientIp),
    autoRegister: input.autoRegister,
  });
  return answerLogin(rc, session, appId);
}

/** Registration, login and token refresh for the AuthenticationClient. */
export const authenticationResolvers: Resolvers = {
  Mutation: {
    async registerByUsername(_p, { input }, { rc }, info) {
      onePasswordCheck(rc, info);
      const { appId, pool, service } = await rc.app();
      const credentials = { username: input.username, password: rc.password(input.password, pool), profile: input.profile };
      const user = await auth.registerByUsername(service, credentials, registerFlow(rc, input));
      return answerRegistration(rc, user, appId, input);
    },
    async registerByEmail(_p, { input }, { rc }, info) {
      onePasswordCheck(rc, info);
      const { appId, pool, service } = await rc.app();
      const credentials = { email: input.email, password: rc.password(input.password, pool), profile: input.profile };
      const user = await auth.registerByEmail(service, credentials, registerFlow(rc, input));
      return answerRegistration(rc, user, appId, input);
    },
    async registerByPhoneCode(_p, { input }, { rc }, info) {
      onePasswordCheck(rc, info);
      const { appId, pool, service } = await rc.app();
      const password = input.password ? rc.password(input.password, pool) : null;
      const registration = { phone: input.phone, code: input.code, phoneCountryCode: input.phoneCountryCode, password, profile: input.profile };
      const user = await auth.registerByPhoneCode(service, registration, registerFlow(rc, input));
      return answerRegistration(rc, user, appId, input);
    },
    async loginByUsername(_p, { input }, { rc }, info) {
      onePasswordCheck(rc, info);
      return passwordLogin(rc, 'username', input.username, input);
    },
    async loginByEmail(_p, { input }, { rc }, info) {
      onePasswordCheck(rc, info);
      return passwordLogin(rc, 'email', input.email, input);
    },
    async loginByPhonePassword(_p, { input }, { rc }, info) {
      onePasswordCheck(rc, info);
      return passwordLogin(rc, 'phone', input.phone, input);
    },
    async loginByPhoneCode(_p, { input }, { rc }, info) {
      onePasswordCheck(rc, info);
      const { appId, service } = await rc.app();
      const session = await auth.loginByCodeSession(service, 'sms', input.phone, input.code, {
        appId,
        clientIp: clientIp(rc, input.clientIp),
        autoRegister: input.autoRegister,
        phoneCountryCode: input.phoneCountryCode,
      });
      return answerLogin(rc, session, appId);
    },
    async loginBySubAccount(_p, { account, password, clientIp: ip }, { rc }, info) {
      onePasswordCheck(rc, info);
      const { pool, service } = await rc.app();
      return auth.loginBySubAccount(service, account, rc.password(password, pool), clientIp(rc, ip));
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
