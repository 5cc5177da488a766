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
    expect(g.admit('k')).toEqual({ admitted: false, by: 'account', retryAfterSeconds: 30 });
    tick(29);
    expect(g.admit('k')).toEqual({ admitted: false, by: 'account', retryAfterSeconds: 1 });
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

  it('refuses an IP after ipMaxFailures across accounts, until the oldest failure leaves the window; a success does not clear it', () => {
    const { g, tick } = guard({ ipMaxFailures: 3, ipWindowSeconds: 100, slowDelayMs: 0 });
    fail(g.admit('alice', 'ip1'));
    tick(10);
    fail(g.admit('bob', 'ip1'));
    const ok = g.admit('carol', 'ip1');
    if (ok.admitted) ok.attempt.succeeded();
    fail(g.admit('dave', 'ip1'));
    expect(g.admit('erin', 'ip1')).toEqual({ admitted: false, by: 'ip', retryAfterSeconds: 90 });
    expect(g.admit('erin', 'ip2').admitted).toBe(true);
    tick(89);
    expect(g.admit('erin', 'ip1')).toEqual({ admitted: false, by: 'ip', retryAfterSeconds: 1 });
    tick(1);
    // The first failure left the window: one more admitted, then refused until the second leaves.
    fail(g.admit('erin', 'ip1'));
    expect(g.admit('erin', 'ip1')).toEqual({ admitted: false, by: 'ip', retryAfterSeconds: 10 });
  });

  it('checks the account before the IP, and a locked account stays refused from any IP', () => {
    const { g } = guard({ maxFailures: 2, ipMaxFailures: 2, slowDelayMs: 0 });
    fail(g.admit('k', 'ip1'));
    fail(g.admit('k', 'ip1'));
    expect(g.admit('k', 'ip1')).toMatchObject({ admitted: false, by: 'account' });
    expect(g.admit('k', 'ip9')).toMatchObject({ admitted: false, by: 'account' });
    expect(g.admit('other', 'ip1')).toMatchObject({ admitted: false, by: 'ip' });
  });

  it("takes a pool's policy instead of the server's limits", () => {
    const { g, tick } = guard({ maxFailures: 100, ipMaxFailures: 100, slowDelayMs: 0 });
    const policy = { account: { limit: 2, windowSeconds: 5, lockSeconds: 5 }, ip: { limit: 3, windowSeconds: 5 } };
    fail(g.admit('a', 'ip', policy));
    fail(g.admit('a', 'ip', policy));
    expect(g.admit('a', 'ip', policy)).toEqual({ admitted: false, by: 'account', retryAfterSeconds: 5 });
    fail(g.admit('b', 'ip', policy));
    expect(g.admit('c', 'ip', policy)).toEqual({ admitted: false, by: 'ip', retryAfterSeconds: 5 });
    // Without the policy the server's limits apply again.
    expect(g.admit('c', 'ip').admitted).toBe(true);
    tick(5);
    expect(g.admit('a', 'ip', policy).admitted).toBe(true);
  });

  it('delays failures past half a limit, doubling, bounded by maxDelayMs', () => {
    const { g } = guard({ maxFailures: 8, slowDelayMs: 100, maxDelayMs: 500 });
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      const a = g.admit('k', 'ip');
      delays.push(a.admitted ? a.attempt.failed() : -1);
    }
    expect(delays).toEqual([0, 0, 0, 100, 200, 400, 500, 500]);
    const ok = guard({ maxFailures: 8, slowDelayMs: 0 }).g;
    const a = ok.admit('k');
    expect(a.admitted && a.attempt.failed()).toBe(0);
  });

  it('refuses nonsense options', () => {
    expect(() => new LoginGuard({ ipMaxFailures: 0 })).toThrow();
    expect(() => new LoginGuard({ slowDelayMs: 2000, maxDelayMs: 1000 })).toThrow();
    expect(() => new LoginGuard({ maxFailures: 0 })).toThrow();
    expect(() => new LoginGuard({ lockSeconds: -1 })).toThrow();
  });
});
