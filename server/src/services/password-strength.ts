import type { Lang } from '../errors.js';
import type { Db } from './context.js';
import { ServiceErrors } from './errors.js';
import { getPoolSettings } from './pool-settings.js';

/**
 * The user pool's password strength (`PoolSettings.passwordStrength`), with Authing's levels as its
 * hosted login page (Guard) checks them: 0 no check (any non-empty password), 1 low (at least 6
 * characters), 2 medium (at least 6, with two of the kinds letters / digits / symbols), 3 high (at
 * least 6, with all three). A symbol is any character that is neither an ASCII letter, a digit nor
 * white space. Levels above 3 (Authing's custom regular expression) are checked as 3. The same
 * rule guards registration, every password reset and `updatePassword`; `checkPasswordStrength`
 * answers it without refusing.
 */

export const MIN_PASSWORD_LENGTH = 6;

/** How many of the three kinds (letters, digits, symbols) a password uses. */
export function kindsOf(password: string): number {
  return [/[A-Za-z]/, /\d/, /[^A-Za-z\d\s]/].filter((kind) => kind.test(password)).length;
}

/** The level a stored setting means: an integer from 0 to 3. */
export function effectiveLevel(setting: number): 0 | 1 | 2 | 3 {
  if (!Number.isFinite(setting) || setting <= 0) return 0;
  return Math.min(3, Math.floor(setting)) as 0 | 1 | 2 | 3;
}

const REQUIREMENT: Record<0 | 1 | 2 | 3, { zh: string; en: string }> = {
  0: { zh: '密码不能为空', en: 'The password must not be empty' },
  1: { zh: '密码长度不能少于 6 位', en: 'The password must be at least 6 characters long' },
  2: {
    zh: '密码至少 6 位，且须包含字母、数字、符号中的至少两种',
    en: 'The password must be at least 6 characters long and use at least two of letters, digits and symbols',
  },
  3: {
    zh: '密码至少 6 位，且须同时包含字母、数字和符号',
    en: 'The password must be at least 6 characters long and use letters, digits and symbols',
  },
};

/** Kinds of characters each level asks for, besides the length. */
const KINDS_NEEDED = { 0: 0, 1: 0, 2: 2, 3: 3 } as const;

const VALID = { zh: '密码强度符合要求', en: 'The password meets the strength requirement' };

/** Whether `password` passes `level`, with the message to show (the requirement when it does not). */
export function checkStrength(level: number, password: string): { valid: boolean; zh: string; en: string } {
  const l = effectiveLevel(level);
  const valid = password.length > 0 && (l === 0 || (password.length >= MIN_PASSWORD_LENGTH && kindsOf(password) >= KINDS_NEEDED[l]));
  return { valid, ...(valid ? VALID : REQUIREMENT[l]) };
}

/** `checkPasswordStrength`: `{ valid, message }` against the pool's setting, in the caller's language. */
export async function passwordStrengthOf(db: Db, poolId: string, password: string, lang: Lang): Promise<{ valid: boolean; message: string }> {
  const { passwordStrength } = await getPoolSettings(db, poolId);
  const { valid, zh, en } = checkStrength(passwordStrength, password);
  return { valid, message: lang === 'en-US' ? en : zh };
}

/** Refuses a new password the pool's setting does not admit: 2029 with the requirement as its message. */
export async function assertPasswordStrength(db: Db, poolId: string, password: string): Promise<void> {
  const { passwordStrength } = await getPoolSettings(db, poolId);
  const { valid, zh, en } = checkStrength(passwordStrength, password);
  if (!valid) throw ServiceErrors.weakPassword(zh, en);
}
