import type { PoolKeys, RequestContext } from '../context.js';
import { AuthingServerError, Errors } from '../errors.js';
import type { ServiceContext } from '../services/context.js';
import { ServiceErrors } from '../services/errors.js';
import { assertLiveChallenge, mfaChallengeFor, recordChallenge } from '../services/mfa-login.js';
import type { Session } from '../services/sessions.js';
import { claimedPoolId } from './jwt.js';
import { looksLikeMfaToken, signMfaToken, verifyMfaToken } from './mfa-token.js';

/**
 * Where logins meet MFA (the HTTP side of services/mfa-login.ts): {@link requireMfaOrPass} is the
 * one call a login makes before it answers its token, and {@link mfaCaller} is who calls an
 * `/api/v2/mfa/*` operation: the holder of an mfaToken (a login's second step) or a logged-in user.
 */

/**
 * Lets the login answer its token, or throws 1635 / 1636 with `data.mfaToken` (and the factors)
 * when the user or the pool asks for a second factor.
 */
export async function requireMfaOrPass(rc: RequestContext, session: Session, appId: string | null): Promise<void> {
  const { user } = session;
  const service: ServiceContext = { store: rc.state.store, poolId: user.userPoolId };
  const challenge = await mfaChallengeFor(service, user);
  if (!challenge) return;
  const pool = await rc.state.findPool(user.userPoolId);
  if (!pool) throw Errors.internal();
  const issued = await signMfaToken({ userPoolId: pool.id, userId: user.id, appId }, pool.jwtSecret, rc.state.issuer);
  await recordChallenge(service, { jti: issued.jti, userId: user.id, appId, exp: issued.exp });
  const data = { mfaToken: issued.token, ...challenge.data };
  throw challenge.kind === 'application' ? ServiceErrors.applicationMfaRequired(data) : ServiceErrors.personalMfaRequired(data);
}

export type MfaCaller =
  | { kind: 'mfa'; pool: PoolKeys; service: ServiceContext; userId: string; appId: string | null; jti: string }
  | { kind: 'user'; pool: PoolKeys; service: ServiceContext; userId: string; appId: string | null };

const foreignToken = () => new AuthingServerError(2020, '令牌不属于该用户池', 'The token does not belong to this user pool', undefined, 401);

/**
 * The caller of an MFA operation. An mfaToken is verified with the key of the pool it claims,
 * must belong to the pool the request names (`x-authing-userpool-id`, else the app's pool) and
 * stand for a live challenge (not used, expired or spent by wrong codes): else 2020. Any other
 * Bearer token goes through the usual user-token check.
 */
export async function mfaCaller(rc: RequestContext): Promise<MfaCaller> {
  const token = rc.bearer();
  if (!token || !looksLikeMfaToken(token)) {
    const user = await rc.user();
    return { kind: 'user', pool: user.pool, service: user.service, userId: user.userId, appId: user.claims.appId };
  }
  const claimed = claimedPoolId(token);
  const pool = claimed ? await rc.state.findPool(claimed) : null;
  if (!pool) throw Errors.notLoggedIn();
  const claims = await verifyMfaToken(token, pool.jwtSecret);
  if (claims.userPoolId !== pool.id) throw Errors.notLoggedIn();
  const named = rc.header('x-authing-userpool-id');
  if (named && named !== pool.id) throw foreignToken();
  const appHeader = rc.header('x-authing-app-id');
  if (!named && appHeader && (await rc.state.findAppPool(appHeader))?.id !== pool.id) throw foreignToken();
  const service: ServiceContext = { store: rc.state.store, poolId: pool.id };
  await assertLiveChallenge(service, claims.jti);
  return { kind: 'mfa', pool, service, userId: claims.userId, appId: claims.appId, jti: claims.jti };
}

/** The operations that complete a login need an mfaToken: a user token (already logged in) is 2020. */
export async function mfaChallengeCaller(rc: RequestContext): Promise<Extract<MfaCaller, { kind: 'mfa' }>> {
  const caller = await mfaCaller(rc);
  if (caller.kind !== 'mfa') throw Errors.notLoggedIn();
  return caller;
}
