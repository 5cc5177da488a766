import type { PoolSettings } from '../services/pool-settings.js';

/**
 * Brute-force protection of password logins, per account and per client IP (server option
 * `loginLockout`; a pool's `loginPasswordFailCheck` / `loginFailCheck`, when enabled, replace the
 * account and IP limits for that pool).
 */
export interface LoginLockoutOptions {
  /** Failures of one account within `windowSeconds` that lock it. Default 5. */
  maxFailures?: number;
  /** How long a failure of an account counts, in seconds. Default 600. */
  windowSeconds?: number;
  /** How long a locked account refuses every attempt, the right password included, in seconds. Default 600. */
  lockSeconds?: number;
  /** Failures from one client IP within `ipWindowSeconds` after which its logins are refused. Default 100. */
  ipMaxFailures?: number;
  /** How long a failure from an IP counts, in seconds. Default 300. */
  ipWindowSeconds?: number;
  /**
   * The delay added before answering a failure, once an account (or IP) has failed half its limit:
   * `slowDelayMs`, doubling with every further failure, at most `maxDelayMs`. Default 100; 0 turns
   * the slowing off.
   */
  slowDelayMs?: number;
  /** The longest delay, in ms. Default 500. */
  maxDelayMs?: number;
}

export const DEFAULT_LOGIN_LOCKOUT = {
  maxFailures: 5,
  windowSeconds: 600,
  lockSeconds: 600,
  ipMaxFailures: 100,
  ipWindowSeconds: 300,
  slowDelayMs: 100,
  maxDelayMs: 500,
} as const;

/** The limits one login is held to (from the pool's settings, else the server's). */
export interface GuardPolicy {
  account?: { limit: number; windowSeconds: number; lockSeconds: number };
  ip?: { limit: number; windowSeconds: number };
}

/**
 * The pool's own limits, where it enables them: `loginPasswordFailCheck` locks the account for
 * `timeInterval` seconds after `limit` wrong passwords within `timeInterval`; `loginFailCheck`
 * refuses an IP after `limit` failures within `timeInterval` (Authing asks for a captcha then).
 */
export function guardPolicy(settings: Pick<PoolSettings, 'loginFailCheck' | 'loginPasswordFailCheck'>): GuardPolicy {
  const a = settings.loginPasswordFailCheck;
  const i = settings.loginFailCheck;
  return {
    account: a.enabled ? { limit: a.limit, windowSeconds: a.timeInterval, lockSeconds: a.timeInterval } : undefined,
    ip: i.enabled ? { limit: i.limit, windowSeconds: i.timeInterval } : undefined,
  };
}

/** One password check under way; exactly one of its methods is called when the check is done. */
export interface LoginAttempt {
  succeeded(): void;
  /** Records the failure; answers how long (ms) to wait before answering it. */
  failed(): number;
}

/** Whether an attempt may go ahead, or which counter refuses it and for how long. */
export type Admission =
  | { admitted: true; attempt: LoginAttempt }
  | { admitted: false; by: 'account' | 'ip'; retryAfterSeconds: number };

interface Entry {
  /** Times (ms) of the failures still counted, oldest first. */
  failures: number[];
  /** Checks admitted and not yet finished: they count as failures until they finish. */
  pending: number;
  lockedUntil: number;
  /** After this time (ms) the entry holds nothing: swept. */
  idleAfter: number;
}

interface Rule {
  limit: number;
  windowMs: number;
  /** 0: no lock, refused only while the window holds `limit` failures (the IP rule). */
  lockMs: number;
}

/** Entries kept before idle ones are swept. */
const SWEEP_AT = 10_000;

const noAttempt: LoginAttempt = { succeeded: () => undefined, failed: () => 0 };

const positive = (v: number) => Number.isFinite(v) && v > 0;

/**
 * In-memory failure counters per account key (pool + account) and per IP key (pool + IP). An
 * attempt is admitted before the password is checked and counts as a failure while it runs, so N
 * concurrent guesses cannot all get past a counter that only learns of their failure afterwards.
 * An account is locked for `lockSeconds` after `maxFailures` failures inside its window (a
 * success clears its count); an IP is refused while its window holds `ipMaxFailures` failures (a
 * success does not clear it: one good account must not reset an attacker's count). A failure past
 * half a limit is answered after a growing, bounded delay.
 */
export class LoginGuard {
  private readonly entries = new Map<string, Entry>();
  private readonly off: boolean;
  private readonly account: Rule;
  private readonly ip: Rule;
  private readonly slowMs: number;
  private readonly maxDelayMs: number;

  constructor(
    options: LoginLockoutOptions | false = {},
    private readonly now: () => number = Date.now,
  ) {
    this.off = options === false;
    const o = { ...DEFAULT_LOGIN_LOCKOUT, ...(options || {}) };
    this.account = { limit: o.maxFailures, windowMs: o.windowSeconds * 1000, lockMs: o.lockSeconds * 1000 };
    this.ip = { limit: o.ipMaxFailures, windowMs: o.ipWindowSeconds * 1000, lockMs: 0 };
    this.slowMs = o.slowDelayMs;
    this.maxDelayMs = o.maxDelayMs;
    const limitsOk = [this.account.limit, this.ip.limit].every((l) => Number.isInteger(l) && l >= 1);
    const timesOk = [this.account.windowMs, this.account.lockMs, this.ip.windowMs].every(positive);
    if (!limitsOk || !timesOk || !(this.slowMs >= 0) || !(this.maxDelayMs >= this.slowMs)) {
      throw new Error('loginLockout: limits must be integers of at least 1, windows and lockSeconds positive, 0 <= slowDelayMs <= maxDelayMs');
    }
  }

  /**
   * Admits one password check of `accountKey` from `ipKey`, or refuses it while the account is
   * locked or at its limit, or the IP at its limit. `policy` replaces the server's limits.
   */
  admit(accountKey: string, ipKey?: string | null, policy: GuardPolicy = {}): Admission {
    if (this.off) return { admitted: true, attempt: noAttempt };
    const now = this.now();
    const accountRule: Rule = policy.account
      ? { limit: policy.account.limit, windowMs: policy.account.windowSeconds * 1000, lockMs: policy.account.lockSeconds * 1000 }
      : this.account;
    const ipRule: Rule = policy.ip ? { limit: policy.ip.limit, windowMs: policy.ip.windowSeconds * 1000, lockMs: 0 } : this.ip;
    const counters: Array<[Entry, Rule, 'account' | 'ip']> = [[this.entry(accountKey), accountRule, 'account']];
    if (ipKey) counters.push([this.entry(ipKey), ipRule, 'ip']);
    for (const [entry, rule, by] of counters) {
      const refusal = this.refusal(entry, rule, now);
      if (refusal !== null) return { admitted: false, by, retryAfterSeconds: refusal };
    }
    for (const [entry] of counters) entry.pending += 1;
    let done = false;
    const finish = (failed: boolean): number => {
      if (done) return 0;
      done = true;
      const at = this.now();
      let steps = -1;
      for (const [entry, rule, by] of counters) {
        entry.pending -= 1;
        if (!failed) {
          if (by === 'account') Object.assign(entry, { failures: [], lockedUntil: 0 });
          continue;
        }
        entry.failures.push(at);
        entry.idleAfter = Math.max(entry.idleAfter, at + rule.windowMs);
        steps = Math.max(steps, entry.failures.length - Math.ceil(rule.limit / 2));
        if (rule.lockMs > 0 && entry.failures.length >= rule.limit) {
          entry.lockedUntil = at + rule.lockMs;
          entry.idleAfter = Math.max(entry.idleAfter, entry.lockedUntil);
          entry.failures = [];
        }
      }
      return failed ? this.delay(steps) : 0;
    };
    return { admitted: true, attempt: { succeeded: () => void finish(false), failed: () => finish(true) } };
  }

  /** The delay before answering a failure `steps` past half a limit (negative: none). */
  delay(steps: number): number {
    if (steps < 0 || this.slowMs === 0) return 0;
    return Math.min(this.slowMs * 2 ** Math.min(steps, 30), this.maxDelayMs);
  }

  /** Seconds the entry stays refused under `rule`, or null when it admits. */
  private refusal(entry: Entry, rule: Rule, now: number): number | null {
    if (entry.lockedUntil > now) return Math.ceil((entry.lockedUntil - now) / 1000);
    entry.failures = entry.failures.filter((t) => t > now - rule.windowMs);
    if (entry.failures.length + entry.pending < rule.limit) return null;
    // Admits again once enough failures leave the window (in-flight checks count as one each).
    const leaving = entry.failures.length + entry.pending - rule.limit;
    const at = entry.failures[Math.min(leaving, entry.failures.length - 1)];
    return at === undefined ? Math.ceil(rule.windowMs / 1000) : Math.max(1, Math.ceil((at + rule.windowMs - now) / 1000));
  }

  private entry(key: string): Entry {
    const found = this.entries.get(key);
    if (found) return found;
    if (this.entries.size >= SWEEP_AT) this.sweep();
    const entry: Entry = { failures: [], pending: 0, lockedUntil: 0, idleAfter: 0 };
    this.entries.set(key, entry);
    return entry;
  }

  /** Drops entries that hold nothing any more: not locked, nothing under way, no failure still counted. */
  private sweep(): void {
    const now = this.now();
    for (const [key, e] of this.entries) {
      if (e.pending === 0 && e.idleAfter <= now) this.entries.delete(key);
    }
  }
}
