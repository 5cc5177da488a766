import { describe, expect, it } from 'vitest';
import { LoginGuard, type Admission } from '../../src/auth/login-guard.js';

/** A guard on a clock the test moves. */
function guard(options: ConstructorParameters<typeof LoginGuard>[0] = {}) {
  let now = 1_000_000;
  const g = new LoginGuard(options, () => now);
  return { g, tick: (seconds: number) => (now += seconds * 1000) };
}

const fail = (a: Admission) => (a.admitted ? a.attempt.failed() : expect.unreachable('refused'));

describe('LoginGuard', () => {
  it('locks after maxFailures inside the window, for lockSeconds', () => {
    const { g, tick } = guard({ maxFailures: 3, windowSeconds: 60, lockSeconds: 30 });
    for (let i = 0; i < 3; i++) fail(g.admit('k'));
    expect(g.admit('k')).toEqual({ admitted: false, retryAfterSeconds: 30 });
    tick(29);
    expect(g.admit('k')).toEqual({ admitted: false, retryAfterSeconds: 1 });
    tick(1);
    expect(g.admit('k').admitted).toBe(true);
  });

  it('forgets failures older than the window', () => {
    const { g, tick } = guard({ maxFailures: 3, windowSeconds: 60, lockSeconds: 30 });
    fail(g.admit('k'));
    fail(g.admit('k'));
    tick(61);
    fail(g.admit('k'));
    fail(g.admit('k'));
    expect(g.admit('k').admitted).toBe(true);
  });

  it('counts attempts under way, so concurrent guesses stop at the limit; a success clears the count', () => {
    const { g } = guard({ maxFailures: 2 });
    const first = g.admit('k');
    const second = g.admit('k');
    expect([first.admitted, second.admitted]).toEqual([true, true]);
    expect(g.admit('k').admitted).toBe(false);
    if (first.admitted) first.attempt.succeeded();
    if (second.admitted) second.attempt.failed();
    fail(g.admit('k'));
    expect(g.admit('k').admitted).toBe(false);
  });

  it('keeps keys apart, finishes an attempt once, and can be turned off', () => {
    const { g } = guard({ maxFailures: 1 });
    const a = g.admit('a');
    if (a.admitted) {
      a.attempt.failed();
      a.attempt.succeeded();
    }
    expect(g.admit('a').admitted).toBe(false);
    expect(g.admit('b').admitted).toBe(true);
    const off = guard(false).g;
    for (let i = 0; i < 100; i++) fail(off.admit('k'));
    expect(off.admit('k').admitted).toBe(true);
  });

  it('refuses nonsense options', () => {
    expect(() => new LoginGuard({ maxFailures: 0 })).toThrow();
    expect(() => new LoginGuard({ lockSeconds: -1 })).toThrow();
  });
});
