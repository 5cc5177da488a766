/** How many failed password logins lock an account, and for how long. */
export interface LoginLockoutOptions {
  /** Failures within `windowSeconds` that lock the account. Default 5. */
  maxFailures?: number;
  /** How long a failure counts, in seconds. Default 600. */
  windowSeconds?: number;
  /** How long a locked account refuses every attempt, the right password included, in seconds. Default 600. */
  lockSeconds?: number;
}

export const DEFAULT_LOGIN_LOCKOUT = { maxFailures: 5, windowSeconds: 600, lockSeconds: 600 } as const;

/** One password check under way; exactly one of its methods is called when the check is done. */
export interface LoginAttempt {
  succeeded(): void;
  failed(): void;
}

/** Whether an attempt may go ahead, or how long the account stays refused. */
export type Admission = { admitted: true; attempt: LoginAttempt } | { admitted: false; retryAfterSeconds: number };

interface Entry {
  /** Times (ms) of the failures still inside the window, oldest first. */
  failures: number[];
  /** Checks admitted and not yet finished: they count as failures until they finish. */
  pending: number;
  lockedUntil: number;
}

/** Entries kept before idle ones are swept. */
const SWEEP_AT = 10_000;

const noAttempt: LoginAttempt = { succeeded: () => undefined, failed: () => undefined };

/**
 * In-memory failure counters per account key (pool + account). An attempt is admitted before the
 * password is checked and counts as a failure while it runs, so N concurrent guesses cannot all get
 * past a counter that only learns of their failure afterwards. After `maxFailures` failures inside
 * the window the key is locked for `lockSeconds`; a success clears it.
 */
export class LoginGuard {
  private readonly entries = new Map<string, Entry>();
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly lockMs: number;

  constructor(
    options: LoginLockoutOptions | false = {},
    private readonly now: () => number = Date.now,
  ) {
    const o = options === false ? { maxFailures: Number.POSITIVE_INFINITY } : options;
    this.maxFailures = o.maxFailures ?? DEFAULT_LOGIN_LOCKOUT.maxFailures;
    this.windowMs = (o.windowSeconds ?? DEFAULT_LOGIN_LOCKOUT.windowSeconds) * 1000;
    this.lockMs = (o.lockSeconds ?? DEFAULT_LOGIN_LOCKOUT.lockSeconds) * 1000;
    if (!(this.maxFailures >= 1) || !(this.windowMs > 0) || !(this.lockMs > 0)) {
      throw new Error('loginLockout: maxFailures must be at least 1, windowSeconds and lockSeconds positive');
    }
  }

  /** Admits one password check for `key`, or refuses it while the key is locked or at its limit. */
  admit(key: string): Admission {
    if (this.maxFailures === Number.POSITIVE_INFINITY) return { admitted: true, attempt: noAttempt };
    const now = this.now();
    const entry = this.entries.get(key) ?? this.add(key);
    if (entry.lockedUntil > now) return { admitted: false, retryAfterSeconds: Math.ceil((entry.lockedUntil - now) / 1000) };
    entry.failures = entry.failures.filter((t) => t > now - this.windowMs);
    if (entry.failures.length + entry.pending >= this.maxFailures) {
      return { admitted: false, retryAfterSeconds: Math.ceil(this.windowMs / 1000) };
    }
    entry.pending += 1;
    let done = false;
    const finish = (failed: boolean) => {
      if (done) return;
      done = true;
      entry.pending -= 1;
      if (!failed) {
        entry.failures = [];
        entry.lockedUntil = 0;
        return;
      }
      const at = this.now();
      entry.failures.push(at);
      if (entry.failures.length >= this.maxFailures) {
        entry.lockedUntil = at + this.lockMs;
        entry.failures = [];
      }
    };
    return { admitted: true, attempt: { succeeded: () => finish(false), failed: () => finish(true) } };
  }

  private add(key: string): Entry {
    if (this.entries.size >= SWEEP_AT) this.sweep();
    const entry: Entry = { failures: [], pending: 0, lockedUntil: 0 };
    this.entries.set(key, entry);
    return entry;
  }

  /** Drops entries that hold nothing any more: not locked, nothing under way, no failure in the window. */
  private sweep(): void {
    const now = this.now();
    for (const [key, e] of this.entries) {
      if (e.lockedUntil <= now && e.pending === 0 && e.failures.every((t) => t <= now - this.windowMs)) this.entries.delete(key);
    }
  }
}
