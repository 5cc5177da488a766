import { setTimeout as sleep } from 'node:timers/promises';
import { guardPolicy, type LoginAttempt } from '../auth/login-guard.js';
import { Errors } from '../errors.js';
import type { ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { getPoolSettings } from './pool-settings.js';

/**
 * What every password login (by username, email, phone, sub-account: all go through
 * `loginSession`) asks before it checks the password: the account's and the client IP's failure
 * counters (auth/login-guard.ts) under the pool's limits, and how an unknown account answers.
 */
export interface AdmittedLogin {
  attempt: LoginAttempt;
  /** `hideAccountExistence`: an unknown account answers as a wrong password does. */
  hideAccounts: boolean;
}

/** The IP counter's key; none without an IP. */
const ipKey = (poolId: string, clientIp: string | null | undefined) => {
  const ip = clientIp?.trim();
  return ip ? `${poolId}\u0000ip\u0000${ip.toLowerCase()}` : null;
};

/**
 * Admits one password check, or refuses it with 2000: the account is locked (`data.retryAfter`
 * until the lock ends) or its client IP failed too often (Authing: a captcha is required;
 * authing-local has none, so it lasts until enough failures leave the window).
 */
export async function admitLogin(ctx: ServiceContext, accountKey: string, clientIp: string | null | undefined): Promise<AdmittedLogin> {
  const settings = await getPoolSettings(ctx.store.db, ctx.poolId);
  const admission = ctx.store.logins.admit(accountKey, ipKey(ctx.poolId, clientIp), guardPolicy(settings));
  if (!admission.admitted) {
    throw admission.by === 'ip' ? ServiceErrors.tooManyIpLoginFailures(admission.retryAfterSeconds) : ServiceErrors.tooManyLoginFailures(admission.retryAfterSeconds);
  }
  return { attempt: admission.attempt, hideAccounts: settings.hideAccountExistence };
}

/** Waits the delay a failure earned (0: none) before it is answered. */
export const slowDown = (delayMs: number): Promise<void> => (delayMs > 0 ? sleep(delayMs) : Promise.resolve());

/** The answer to a login naming no account: 2004, or 2333 when the pool hides which accounts exist. */
export const unknownAccount = (hideAccounts: boolean) => (hideAccounts ? ServiceErrors.wrongCredentials() : Errors.userNotFound());
