import { SignJWT, decodeJwt, jwtVerify } from 'jose';
import { Errors } from '../errors.js';

/** Management tokens outlive the official SDKs' one-hour refresh margin, so they are reused. */
export const MANAGEMENT_TOKEN_TTL_S = 7 * 24 * 3600;
/** Authing's default id_token lifetime (15 days). */
export const USER_TOKEN_TTL_S = 15 * 24 * 3600;

export interface ManagementClaims {
  kind: 'management';
  userPoolId: string;
  iat: number;
  exp: number;
}

export interface UserClaims {
  kind: 'user';
  userPoolId: string;
  userId: string;
  appId: string | null;
  jti: string;
  /** The user's session generation when the token was issued; blocking the user moves it on. */
  sessionVersion: number;
  iat: number;
  exp: number;
}

export type TokenClaims = ManagementClaims | UserClaims;

const keyOf = (jwtSecret: string) => new TextEncoder().encode(jwtSecret);
const now = () => Math.floor(Date.now() / 1000);

export interface IssuedToken {
  token: string;
  iat: number;
  exp: number;
}

/** Signs a management token shaped like Authing's: `data: {type: 'userpool', userPoolId, id}`. */
export async function signManagementToken(userPoolId: string, jwtSecret: string, issuer: string): Promise<IssuedToken> {
  const iat = now();
  const exp = iat + MANAGEMENT_TOKEN_TTL_S;
  const token = await new SignJWT({ data: { type: 'userpool', userPoolId, id: userPoolId } })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setIssuer(issuer)
    .sign(keyOf(jwtSecret));
  return { token, iat, exp };
}

export interface UserTokenSubject {
  id: string;
  userPoolId: string;
  appId: string | null;
  username: string | null;
  email: string | null;
  phone: string | null;
  /** The user's current session generation (`users.session_version`). */
  sessionVersion: number;
}

/** Signs a user id_token; the SDKs read the user id from `sub` or `data.id`. */
export async function signUserToken(user: UserTokenSubject, jwtSecret: string, issuer: string): Promise<IssuedToken & { jti: string }> {
  const iat = now();
  const jti = crypto.randomUUID();
  const exp = iat + USER_TOKEN_TTL_S;
  const token = await new SignJWT({
    data: {
      type: 'user',
      userPoolId: user.userPoolId,
      appId: user.appId,
      id: user.id,
      _id: user.id,
      username: user.username,
      email: user.email,
      phone: user.phone,
      sessionVersion: user.sessionVersion,
    },
    userpool_id: user.userPoolId,
    email: user.email,
    phone_number: user.phone,
    username: user.username,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user.id)
    .setAudience(user.appId ?? user.userPoolId)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setIssuer(issuer)
    .setJti(jti)
    .sign(keyOf(jwtSecret));
  return { token, iat, exp, jti };
}

/** The pool a token claims to belong to, read before verification so the right key can be chosen. */
export function claimedPoolId(token: string): string | null {
  try {
    const payload = decodeJwt(token) as { data?: { userPoolId?: unknown }; userpool_id?: unknown };
    const pool = payload.data?.userPoolId ?? payload.userpool_id;
    return typeof pool === 'string' ? pool : null;
  } catch {
    return null;
  }
}

/** Verifies signature and expiry with the pool's key; any failure is Authing's 2020 "not logged in". */
export async function verifyToken(token: string, jwtSecret: string): Promise<TokenClaims> {
  try {
    const { payload } = await jwtVerify(token, keyOf(jwtSecret), { algorithms: ['HS256'] });
    const data = (payload.data ?? {}) as { type?: string; userPoolId?: string; id?: string; appId?: string | null; sessionVersion?: unknown };
    if (data.type === 'userpool' && typeof data.userPoolId === 'string') {
      return { kind: 'management', userPoolId: data.userPoolId, iat: payload.iat ?? 0, exp: payload.exp ?? 0 };
    }
    if (data.type === 'user' && typeof data.userPoolId === 'string' && typeof payload.sub === 'string') {
      return {
        kind: 'user',
        userPoolId: data.userPoolId,
        userId: payload.sub,
        appId: data.appId ?? null,
        jti: payload.jti ?? '',
        sessionVersion: typeof data.sessionVersion === 'number' ? data.sessionVersion : 0,
        iat: payload.iat ?? 0,
        exp: payload.exp ?? 0,
      };
    }
  } catch {
    // fall through: expired, forged or malformed tokens all mean "not logged in"
  }
  throw Errors.notLoggedIn();
}
