import { constants, publicEncrypt } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOLLOW_INTERVAL_MS } from '../../src/storage/change-feed.js';
import { onPostgres, testDatabase } from '../support/databases.js';
import { ApiAnswerError, openReader, randomSource, startProcess, stopAll, type ServerProcess } from './processes.js';

/**
 * Two real authing-local processes (server/src/cli.ts) on one PostgreSQL schema, driven over HTTP
 * with the requests the SDK sends: what the README promises of several processes — one database's
 * truth, every process answering it within a bounded delay (the change feed), read-your-writes in
 * the process that wrote, serialized writes (one user per username), a killed process catching up.
 * In the postgres project only: the sqlite project excludes server/test/postgres/** (vitest.config.ts).
 */
if (!onPostgres) throw new Error('multi-process.test.ts runs in the postgres test project only (vitest --project postgres)');

/** How long after the last acknowledged write every process must answer the database's truth. */
const CONVERGE_MS = 4 * FOLLOW_INTERVAL_MS;
const ACTION = 'read';

let db: string;
let reader: pg.Client;
let a: ServerProcess;
let b: ServerProcess;

beforeAll(async () => {
  db = testDatabase();
  // Started together on an empty schema: the first pool is created once, under the write lock.
  [a, b] = await Promise.all([startProcess(db), startProcess(db)]);
  reader = await openReader(db);
}, 60_000);

afterAll(async () => {
  await reader?.end();
  await stopAll();
}, 30_000);

interface Pair {
  userId: string;
  resource: string;
}
const keyOf = (p: Pair) => `${p.userId} ${p.resource}`;

async function namespaceWithUsers(code: string, users: number): Promise<string[]> {
  await a.post(`/api/v2/resource-namespace/${a.info.userPoolId}`, { code, name: code });
  const ids: string[] = [];
  for (let i = 0; i < users; i++) {
    const made = await a.graphql<{ createUser: { id: string } }>('mutation($u: CreateUserInput!) { createUser(userInfo: $u) { id } }', { u: { username: `${code}_u${i}` } });
    ids.push(made.createUser.id);
  }
  return ids;
}

const pairsOf = (userIds: readonly string[], kind: string, resources: number): Pair[] =>
  userIds.flatMap((userId) => Array.from({ length: resources }, (_, r) => ({ userId, resource: `${kind}:${r}` })));

const ALLOW = 'mutation($r: String!, $a: String!, $u: String, $n: String) { allow(resource: $r, action: $a, userId: $u, namespace: $n) { code } }';

/** Grants (GraphQL `allow`) or revokes (REST revoke-resource) `ACTION` on one pair through one process. */
async function write(proc: ServerProcess, namespace: string, pair: Pair, grant: boolean): Promise<void> {
  if (grant) await proc.graphql(ALLOW, { r: pair.resource, a: ACTION, u: pair.userId, n: namespace });
  else await proc.post('/api/v2/acl/revoke-resource', { namespace, resource: pair.resource, opts: [{ targetType: 'USER', targetIdentifier: pair.userId }] });
}

/** REST is-allowed, as the SDK's `acl.isAllowed` sends it. */
const check = async (proc: ServerProcess, namespace: string, pair: Pair): Promise<boolean> =>
  (await proc.post<{ allowed: boolean }>('/api/v2/acl/is-allowed', { userId: pair.userId, resource: pair.resource, action: ACTION, namespace })).allowed;

/** What the grants table says of each pair, read straight from PostgreSQL. */
async function truthOf(namespace: string, pairs: readonly Pair[]): Promise<Map<string, boolean>> {
  const { rows } = await reader.query<{ target_id: string; resource: string; actions: string | null }>(
    `SELECT g.target_id, g.resource, g.actions FROM grants g JOIN namespaces n ON n.id = g.namespace_id
      WHERE n.userpool_id = $1 AND n.code = $2 AND g.target_type = 'USER' AND g.effect = 'ALLOW'`,
    [a.info.userPoolId, namespace],
  );
  const granted = new Set(rows.filter((r) => r.actions === null || (JSON.parse(r.actions) as string[]).includes(ACTION)).map((r) => `${r.target_id} ${r.resource}`));
  return new Map(pairs.map((p) => [keyOf(p), granted.has(keyOf(p))]));
}

/** The pairs on which `proc` answers otherwise than `truth`, 25 checks in flight at a time. */
async function disagreements(proc: ServerProcess, namespace: string, pairs: readonly Pair[], truth: ReadonlyMap<string, boolean>): Promise<string[]> {
  const wrong: string[] = [];
  for (let i = 0; i < pairs.length; i += 25) {
    const chunk = pairs.slice(i, i + 25);
    const answers = await Promise.all(chunk.map((p) => check(proc, namespace, p)));
    chunk.forEach((p, j) => {
      if (answers[j] !== truth.get(keyOf(p))) wrong.push(keyOf(p));
    });
  }
  return wrong;
}

/**
 * Checks every pair on every process until all answer `truth`; fails when a sweep starts more than
 * {@link CONVERGE_MS} after `since` (the last acknowledged write).
 */
async function converge(procs: readonly ServerProcess[], namespace: string, pairs: readonly Pair[], truth: ReadonlyMap<string, boolean>, since: number): Promise<void> {
  for (;;) {
    const started = Date.now();
    const wrong = (await Promise.all(procs.map((p) => disagreements(p, namespace, pairs, truth)))).map((w, i) => (w.length ? `process ${i}: ${w.length} (${w.slice(0, 3).join(', ')})` : ''));
    if (wrong.every((w) => w === '')) return;
    if (started - since > CONVERGE_MS) throw new Error(`still disagreeing with the database ${started - since} ms after the last write: ${wrong.filter(Boolean).join('; ')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits until `done()` holds, checking every 10 ms, for at most `ms`. */
async function until(done: () => boolean, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('two authing-local processes on one PostgreSQL schema', () => {
  it('started together, serve one pool', () => {
    expect(b.info.userPoolId).toBe(a.info.userPoolId);
    expect(b.info.url).not.toBe(a.info.url);
  });

  it('1,000 grants and revokes spread over both, read meanwhile on both, end with both answering what the database holds', async () => {
    const namespace = 'mp_grants';
    const pairs = pairsOf(await namespaceWithUsers(namespace, 10), 'docs', 20);
    const WORKERS = 8;
    const OPS = 1_000;
    const model = new Map(pairs.map((p) => [keyOf(p), false]));
    const writes = { a: 0, b: 0 };
    let writing = true;
    // Each worker owns every WORKERS-th pair, so the writes of one pair are ordered and `model` is exact.
    const writers = Array.from({ length: WORKERS }, async (_, w) => {
      const own = pairs.filter((_, i) => i % WORKERS === w);
      const random = randomSource(12 + w);
      for (let n = 0; n < OPS / WORKERS; n++) {
        const pair = own[random(own.length)]!;
        const onA = random(2) === 0;
        const proc = onA ? a : b;
        const grant = !model.get(keyOf(pair));
        await write(proc, namespace, pair, grant);
        model.set(keyOf(pair), grant);
        writes[onA ? 'a' : 'b']++;
        // Read-your-writes: the process that acknowledged the write answers it at once.
        expect(await check(proc, namespace, pair), `${onA ? 'A' : 'B'} right after its own ${grant ? 'grant' : 'revoke'} of ${keyOf(pair)}`).toBe(grant);
      }
    });
    const reads = { a: 0, b: 0 };
    const readers = (['a', 'b'] as const).map(async (side) => {
      const proc = side === 'a' ? a : b;
      const random = randomSource(side === 'a' ? 1 : 2);
      while (writing) {
        expect(typeof (await check(proc, namespace, pairs[random(pairs.length)]!))).toBe('boolean');
        reads[side]++;
      }
    });
    let lastWrite = 0;
    try {
      await Promise.all(writers);
      lastWrite = Date.now();
    } finally {
      writing = false; // a failed check ends the readers too, not only this test
      await Promise.allSettled([...writers, ...readers]);
    }
    await Promise.all(readers);

    expect(writes.a + writes.b).toBe(OPS);
    expect(Math.min(writes.a, writes.b)).toBeGreaterThan(OPS / 3);
    expect(Math.min(reads.a, reads.b)).toBeGreaterThan(10);
    const truth = await truthOf(namespace, pairs);
    expect(truth).toEqual(model);
    expect([...truth.values()].filter(Boolean).length).toBeGreaterThan(0);
    await converge([a, b], namespace, pairs, truth, lastWrite);
  }, 180_000);

  it('each process answers its own grants and revokes at once while the other writes too', async () => {
    const namespace = 'mp_ryw';
    const [user, other] = await namespaceWithUsers(namespace, 2);
    let writing = true;
    // The other user's grants, from both processes, keep the feed moving under every checked write.
    const noise = [a, b].map(async (proc, side) => {
      for (let n = 0; writing; n++) await write(proc, namespace, { userId: other!, resource: `noise:${side}-${n % 10}` }, n % 20 < 10);
    });
    try {
      for (let i = 0; i < 60; i++) {
        const proc = i % 2 === 0 ? a : b;
        const pair = { userId: user!, resource: `books:${i}` };
        await write(proc, namespace, pair, true);
        expect(await check(proc, namespace, pair), `grant ${i} on its own process`).toBe(true);
        await write(proc, namespace, pair, false);
        expect(await check(proc, namespace, pair), `revoke ${i} on its own process`).toBe(false);
        await write(proc, namespace, { ...pair, resource: `kept:${i}` }, true);
        expect(await check(proc, namespace, { ...pair, resource: `kept:${i}` })).toBe(true);
      }
    } finally {
      writing = false;
      await Promise.allSettled(noise);
    }
    const lastWrite = Date.now();
    await Promise.all(noise);
    const pairs = Array.from({ length: 60 }, (_, i) => [{ userId: user!, resource: `books:${i}` }, { userId: user!, resource: `kept:${i}` }]).flat();
    const truth = await truthOf(namespace, pairs);
    expect([...truth.values()].filter(Boolean)).toHaveLength(60);
    await converge([a, b], namespace, pairs, truth, lastWrite);
  }, 120_000);

  it('200 concurrent registrations of one username over both processes make one user; the other 199 get 2026', async () => {
    const username = `racer_${Date.now().toString(36)}`;
    // RSA-encrypted with the pool's key, as the SDKs send it (each request its own ciphertext).
    const password = () => publicEncrypt({ key: a.info.publicKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from('tr0ub4dor&3')).toString('base64');
    const register = (proc: ServerProcess) =>
      proc.graphql<{ registerByUsername: { id: string } }>('mutation($i: RegisterByUsernameInput!) { registerByUsername(input: $i) { id } }', { i: { username, password: password() } }, 'anonymous');
    const results = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => register(i % 2 === 0 ? a : b)));
    const made = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.registerByUsername.id] : []));
    expect(made).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'fulfilled') continue;
      expect(r.reason).toBeInstanceOf(ApiAnswerError);
      expect(r.reason).toMatchObject({ code: 2026, message: 'User already exists, please do not register again' });
    }
    const { rows } = await reader.query<{ id: string }>('SELECT id FROM users WHERE userpool_id = $1 AND username = $2', [a.info.userPoolId, username]);
    expect(rows).toEqual([{ id: made[0] }]);
    // The one user is whole on both: it logs in through either process.
    for (const proc of [a, b]) {
      const login = await proc.graphql<{ loginByUsername: { id: string } }>('mutation($i: LoginByUsernameInput!) { loginByUsername(input: $i) { id } }', { i: { username, password: password() } }, 'anonymous');
      expect(login.loginByUsername.id).toBe(made[0]);
    }
  }, 120_000);

  it('a process killed with SIGKILL mid-write, restarted while the other keeps writing, answers what the database holds', async () => {
    const namespace = 'mp_crash';
    const [crashUser, ...userIds] = await namespaceWithUsers(namespace, 6);
    const pairs = pairsOf(userIds, 'files', 10);
    // Written through B when it is killed: each of those writes committed whole or not at all.
    const inFlight = pairsOf([crashUser!], 'logs', 10);
    const model = new Map(pairs.map((p) => [keyOf(p), false]));
    let writesOnA = 0;
    let writing = true;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      const own = pairs.filter((_, i) => i % 4 === w);
      const random = randomSource(34 + w);
      while (writing) {
        const pair = own[random(own.length)]!;
        const grant = !model.get(keyOf(pair));
        await write(a, namespace, pair, grant);
        model.set(keyOf(pair), grant);
        writesOnA++;
      }
    });
    try {
      await killAndRestartB(namespace, inFlight, () => writesOnA);
    } finally {
      writing = false;
      await Promise.allSettled(writers);
    }
    await Promise.all(writers);
    const lastWrite = Date.now();

    const all = [...pairs, ...inFlight];
    const truth = await truthOf(namespace, all);
    expect(new Map(pairs.map((p) => [keyOf(p), truth.get(keyOf(p))]))).toEqual(model);
    await converge([a, b], namespace, all, truth, lastWrite);
  }, 120_000);

  /** While A writes: B killed (SIGKILL) in the middle of its own writes on `inFlight`, then started again on the same schema. */
  async function killAndRestartB(namespace: string, inFlight: readonly Pair[], writesOnA: () => number): Promise<void> {
    await until(() => writesOnA() >= 100, '100 writes on A');

    let writesOnB = 0;
    const onB = Array.from({ length: 4 }, async (_, w) => {
      const random = randomSource(56 + w);
      for (;;) {
        const pair = inFlight[random(inFlight.length)]!;
        try {
          await write(b, namespace, pair, random(2) === 0);
        } catch (error) {
          return error;
        }
        writesOnB++;
      }
    });
    await until(() => writesOnB >= 40, '40 writes on B');
    expect(await b.stop('SIGKILL')).toBe('SIGKILL');
    // Each of B's writers ends on a failed connection (fetch's TypeError), not on an answer.
    for (const error of await Promise.all(onB)) expect(error).toMatchObject({ name: 'TypeError', message: 'fetch failed' });

    let mark = writesOnA();
    await until(() => writesOnA() >= mark + 100, '100 writes on A while B is down');
    b = await startProcess(db); // while A keeps writing
    expect(b.info.userPoolId).toBe(a.info.userPoolId);
    mark = writesOnA();
    await until(() => writesOnA() >= mark + 100, '100 writes on A after the restart');
  }
});
