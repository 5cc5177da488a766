/**
 * Brute-force protection over HTTP: failed password logins per account and per client IP are
 * slowed, then refused with 2000, and recover after the window, under the server's
 * `loginLockout` and under the pool's own `loginPasswordFailCheck` / `loginFailCheck`; and the
 * pool's `hideAccountExistence` makes an unknown account read exactly like a wrong password.
 */
import { createHash } from 'node:crypto';
import { startLocalAuthing, type LocalAuthing, type PasswordHasher } from 'authing-local';
import { AuthenticationClient, ManagementClient } from 'authing-ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, uid } from './harness.js';
import { testDatabase } from '../../server/test/support/databases.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A hasher of fixed cost (`costMs` a check) that counts its checks. Fast hashing keeps the short
 * windows below apart from the machine's load (scrypt under load could outlast a 1 s window).
 */
function fixedCostHasher(costMs: number) {
  const calls = { verify: 0 };
  const digest = (pw: string) => createHash('sha256').update(pw).digest('hex');
  const hasher: PasswordHasher = {
    hash: async (pw) => `sha256$${digest(pw)}`,
    verify: async (pw, encoded) => {
      calls.verify += 1;
      if (costMs > 0) await sleep(costMs);
      return encoded === `sha256$${digest(pw)}`;
    },
  };
  return { hasher, calls };
}

interface Fixture {
  server: LocalAuthing;
  management: ManagementClient;
  auth: () => AuthenticationClient;
}

async function start(options: Parameters<typeof startLocalAuthing>[0]): Promise<Fixture> {
  const server = await startLocalAuthing({ port: 0, db: testDatabase(), log: () => undefined, passwordHasher: fixedCostHasher(0).hasher, ...options });
  return {
    server,
    management: new ManagementClient({ userPoolId: server.userPoolId, secret: server.secret, host: server.url }),
    auth: () => new AuthenticationClient({ appId: server.appId, appHost: server.url }),
  };
}

const PASSWORD = 'right-Passw0rd';

async function account(f: Fixture) {
  const username = uid('guard');
  await f.management.users.create({ username, password: PASSWORD });
  return username;
}

async function timed<T>(promise: Promise<T>): Promise<{ ms: number; outcome: T | unknown }> {
  const started = performance.now();
  const outcome = await promise.then(
    (v) => v,
    (e: unknown) => e,
  );
  return { ms: performance.now() - started, outcome };
}

describe('failed logins per client IP (server option)', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await start({ loginLockout: { maxFailures: 100, ipMaxFailures: 4, ipWindowSeconds: 1, slowDelayMs: 0 } });
  });
  afterAll(() => f?.server.close());

  it('refuses an IP after 4 failures across accounts (2000, the right password included), others not, and recovers after the window', async () => {
    const auth = f.auth();
    const names = await Promise.all([account(f), account(f), account(f)]);
    const victim = await account(f);
    for (const [i, name] of [...names, names[0] ?? ''].entries()) {
      expect((await failure(auth.loginByUsername(name, `wrong-${i}`, { clientIp: '10.0.0.1' }))).code).toBe(2333);
    }
    const refused = await failure(auth.loginByUsername(victim, PASSWORD, { clientIp: '10.0.0.1' }));
    expect(refused.code).toBe(2000);
    expect(refused.message).toBe('该 IP 登录失败次数过多，需要输入图形验证码，请稍后再试');
    expect((refused.data as { retryAfter: number }).retryAfter).toBe(1);
    // Another IP (here the forwarded one) is not affected, nor the accounts themselves.
    const other = await auth.loginByUsername(victim, PASSWORD, { clientIp: '10.0.0.2' });
    expect(other.username).toBe(victim);
    await sleep(1100);
    expect((await auth.loginByUsername(victim, PASSWORD, { clientIp: '10.0.0.1' })).username).toBe(victim);
  });

  it('reads the IP from X-Forwarded-For when the call names none', async () => {
    const name = await account(f);
    const fromProxy = new AuthenticationClient({ appId: f.server.appId, appHost: f.server.url, headers: { 'x-forwarded-for': '192.0.2.7, 10.1.1.1' } });
    for (let i = 0; i < 4; i++) expect((await failure(fromProxy.loginByUsername(name, `wrong-${i}`))).code).toBe(2333);
    expect((await failure(fromProxy.loginByUsername(name, PASSWORD))).code).toBe(2000);
    expect((await failure(f.auth().loginByUsername(name, PASSWORD, { clientIp: '192.0.2.7' }))).code).toBe(2000);
    expect((await f.auth().loginByUsername(name, PASSWORD, { clientIp: '192.0.2.8' })).username).toBe(name);
  });
});

describe("the pool's own limits (userpool.update)", () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await start({ loginLockout: { slowDelayMs: 0 } });
  });
  afterAll(() => f?.server.close());

  it('loginPasswordFailCheck locks an account after `limit` wrong passwords for `timeInterval` seconds', async () => {
    await f.management.userpool.update({ loginPasswordFailCheck: { enabled: true, limit: 2, timeInterval: 1 } });
    const name = await account(f);
    const auth = f.auth();
    for (let i = 0; i < 2; i++) expect((await failure(auth.loginByUsername(name, `wrong-${i}`))).code).toBe(2333);
    const locked = await failure(auth.loginByUsername(name, PASSWORD));
    expect(locked.code).toBe(2000);
    expect(locked.message).toBe('登录失败次数过多，请稍后再试');
    await sleep(1100);
    expect((await auth.loginByUsername(name, PASSWORD)).username).toBe(name);

    // Disabled again: the server's default (5 failures) applies.
    await f.management.userpool.update({ loginPasswordFailCheck: { enabled: false } });
    const next = await account(f);
    for (let i = 0; i < 4; i++) expect((await failure(auth.loginByUsername(next, `wrong-${i}`))).code).toBe(2333);
    expect((await auth.loginByUsername(next, PASSWORD)).username).toBe(next);
  });

  it('loginFailCheck refuses an IP after `limit` failures within `timeInterval` seconds', async () => {
    await f.management.userpool.update({ loginFailCheck: { enabled: true, limit: 3, timeInterval: 1 } });
    const names = await Promise.all([account(f), account(f), account(f), account(f)]);
    const auth = f.auth();
    for (const name of names.slice(0, 3)) expect((await failure(auth.loginByUsername(name, 'wrong', { clientIp: '198.51.100.1' }))).code).toBe(2333);
    expect((await failure(auth.loginByUsername(names[3] ?? '', PASSWORD, { clientIp: '198.51.100.1' }))).code).toBe(2000);
    await sleep(1100);
    expect((await auth.loginByUsername(names[3] ?? '', PASSWORD, { clientIp: '198.51.100.1' })).username).toBe(names[3]);
    await f.management.userpool.update({ loginFailCheck: { enabled: false } });
  });
});

describe('slowing failures down', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await start({ loginLockout: { maxFailures: 6, slowDelayMs: 150, maxDelayMs: 300 } });
  });
  afterAll(() => f?.server.close());

  it('answers failures past half the limit after a growing, bounded delay; a success starts over', async () => {
    const name = await account(f);
    const auth = f.auth();
    const durations: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { ms, outcome } = await timed(auth.loginByUsername(name, `wrong-${i}`));
      expect((outcome as { code?: number }).code).toBe(2333);
      durations.push(ms);
    }
    // Failures 3, 4, 5 of 6: 150, 300, 300 (the bound) ms before the answer.
    expect(durations[2]).toBeGreaterThanOrEqual(150);
    expect(durations[3]).toBeGreaterThanOrEqual(300);
    expect(durations[4]).toBeGreaterThanOrEqual(300);
    expect(Math.min(durations[2] ?? 0, durations[3] ?? 0, durations[4] ?? 0)).toBeGreaterThan(Math.min(durations[0] ?? 0, durations[1] ?? 0));
    expect((await auth.loginByUsername(name, PASSWORD)).username).toBe(name);
    const again = await timed(auth.loginByUsername(name, 'wrong-again'));
    expect((again.outcome as { code?: number }).code).toBe(2333);
    expect(again.ms).toBeLessThan(durations[3] ?? 0);
  });
});

describe('hideAccountExistence', () => {
  let f: Fixture;
  const counting = fixedCostHasher(40);
  beforeAll(async () => {
    f = await start({ passwordHasher: counting.hasher, loginLockout: { maxFailures: 3, slowDelayMs: 0 } });
  });
  afterAll(() => f?.server.close());

  it('is off by default: an unknown account answers 2004', async () => {
    expect((await failure(f.auth().loginByUsername(uid('ghost'), 'whatever'))).code).toBe(2004);
  });

  it('answers an unknown account exactly as a wrong password, at the same cost, and locks both alike', async () => {
    const pool = await f.management.userpool.update({ hideAccountExistence: true });
    expect(pool.hideAccountExistence).toBe(true);
    const auth = f.auth();
    const known = await account(f);
    const unknown = uid('ghost');
    const answers: Record<'known' | 'unknown', { code: number; message: string; data: unknown; verifies: number; ms: number }[]> = { known: [], unknown: [] };
    for (let i = 0; i < 3; i++) {
      for (const [kind, name] of [['known', known], ['unknown', unknown]] as const) {
        const before = counting.calls.verify;
        const { ms, outcome } = await timed(auth.loginByUsername(name, `wrong-${i}`));
        const e = outcome as { code: number; message: string; data: unknown };
        answers[kind].push({ code: e.code, message: e.message, data: e.data, verifies: counting.calls.verify - before, ms });
      }
    }
    const shape = (list: typeof answers.known) => list.map(({ code, message, data, verifies }) => ({ code, message, data, verifies }));
    expect(shape(answers.unknown)).toEqual(shape(answers.known));
    expect(shape(answers.known)[0]).toEqual({ code: 2333, message: '用户名或密码错误', data: undefined, verifies: 1 });
    // Same work, so the same time: the medians differ by well under one password check (40 ms).
    const median = (list: typeof answers.known) => list.map((a) => a.ms).sort((a, b) => a - b)[1] ?? 0;
    expect(Math.abs(median(answers.known) - median(answers.unknown))).toBeLessThan(30);
    // Both are locked after 3 failures, with the same answer.
    const lockedKnown = await failure(auth.loginByUsername(known, PASSWORD));
    const lockedUnknown = await failure(auth.loginByUsername(unknown, PASSWORD));
    expect([lockedKnown.code, lockedKnown.message]).toEqual([2000, '登录失败次数过多，请稍后再试']);
    expect([lockedUnknown.code, lockedUnknown.message]).toEqual([lockedKnown.code, lockedKnown.message]);
  });

  it('applies to login by email too, and switches back off', async () => {
    const auth = f.auth();
    const email = `${uid('nobody')}@example.com`;
    expect((await failure(auth.loginByEmail(email, 'whatever'))).code).toBe(2333);
    await f.management.userpool.update({ hideAccountExistence: false });
    expect((await failure(auth.loginByEmail(email, 'whatever'))).code).toBe(2004);
  });
});
