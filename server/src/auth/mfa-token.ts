import { SignJWT, decodeJwt, jwtVerify } from 'jose';
import { Errors } from '../errors.js';

/**
 * The mfaToken a login answers (1635 / 1636) when a second factor is due: signed with the pool's
 * JWT key like every other token, but of its own kind (`data.type: 'mfa'`, audience `mfa`), so
 * `verifyToken` (jwt.ts) refuses it as a user or management token and {@link verifyMfaToken}
 * refuses those. It names the user and the app of the login, and lives {@link MFA_TOKEN_TTL_S}.
 */

/** Ten minutes to complete the second step. */
export const MFA_TOKEN_TTL_S = 600;
const AUDIENCE = 'mfa';

export interface MfaClaims {
  userPoolId: string;
  userId: string;
  appId: string | null;
  jti: string;
  exp: number;
}

const keyOf = (jwtSecret: string) => new TextEncoder().encode(jwtSecret);

export async function signMfaToken(
  subject: { userPoolId: string; userId: string; appId: string | null },
  jwtSecret: string,
  issuer: string,
): Promise<{ token: string; jti: string; exp: number }> {
  const iat = Math.floor(Date.now() / 1000);
  const exp = iat + MFA_TOKEN_TTL_S;
  const jti = crypto.randomUUID();
  const token = await new SignJWT({ data: { type: 'mfa', userPoolId: subject.userPoolId, appId: subject.appId } })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject.userId)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setIssuer(issuer)
    .setJti(jti)
    .sign(keyOf(jwtSecret));
  return { token, jti, exp };
}

/** Whether a token claims to be an mfaToken (read before verification, to pick the check). */
export function looksLikeMfaToken(token: string): boolean {
  try {
    const payload = decodeJwt(token) as { data?: { type?: unknown } };
    return payload.data?.type === 'mfa';
  } catch {
    return false;
  }
}

/** Verifies an mfaToken with the pool's key; anything else (a user token included) is 2020. */
export async function verifyMfaToken(token: string, jwtSecret: string): Promise<MfaClaims> {
  try {
    const { payload } = await jwtVerify(token, keyOf(jwtSecret), { algorithms: ['HS256'], audience: AUDIENCE });
    const data = (payload.data ?? {}) as { type?: unknown; userPoolId?: unknown; appId?: unknown };
    if (data.type === 'mfa' && typeof data.userPoolId === 'string' && typeof payload.sub === 'string' && typeof payload.jti === 'string') {
      return {
        userPoolId: data.userPoolId,
        userId: payload.sub,
        appId: typeof data.appId === 'string' ? data.appId : null,
        jti: payload.jti,
        exp: payload.exp ?? 0,
      };
    }
  } catch {
    // expired, forged or of another kind: all "not logged in"
  }
  throw Errors.notLoggedIn();
}
