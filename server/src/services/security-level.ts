import type { Db } from './context.js';
import { findUser } from './lookup.js';

/**
 * `getSecurityLevel`: how well an account is protected, computed from its state at the time of
 * the call. The weights are authing-local's (no public source gives Authing's formula): a
 * password 40, a bound email 20, a bound phone 20, an enabled MFA authenticator 20.
 */
export const SECURITY_WEIGHTS = { password: 40, email: 20, phone: 20, mfa: 20 } as const;

export interface SecurityLevel {
  score: number;
  email: boolean;
  phone: boolean;
  password: boolean;
  mfa: boolean;
  /** 1 low, 2 middle, 3 high; null: authing-local keeps no rating of a password (it stores only a hash). */
  passwordSecurityLevel: number | null;
}

export async function securityLevel(db: Db, poolId: string, userId: string): Promise<SecurityLevel> {
  const user = await findUser(db, poolId, userId);
  const mfa = await db.selectFrom('mfa_authenticators').select('id').where('user_id', '=', userId).where('enabled', '=', 1).executeTakeFirst();
  const level = { email: user.email !== null, phone: user.phone !== null, password: user.password_hash !== null, mfa: mfa !== undefined };
  const score = (Object.keys(SECURITY_WEIGHTS) as Array<keyof typeof SECURITY_WEIGHTS>).reduce((sum, k) => sum + (level[k] ? SECURITY_WEIGHTS[k] : 0), 0);
  return { score, ...level, passwordSecurityLevel: null };
}
