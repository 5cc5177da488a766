/**
 * Writes through the API at scale (issue 10): user creations and grants sent by the SDK
 * (authing-ts's ManagementClient, from src/) to an authing-local on an empty FILE database in a
 * temp folder, each timed, sequentially and with 8 in flight.
 *
 * The server is the BUILT one (server/dist) in its own child process: the client's SDK and JSON
 * work runs on the bench process's core and the server's on its own, as for an app talking to
 * authing-local, and nothing of tsx sits in the server.
 *
 * - `users.create({ username })`: the storage cost of a user; `users.create({ username, password })`
 *   pays the password hash too (scrypt N=16384 on the server's thread pool, and the SDK's RSA
 *   encryption of the password), on fewer users.
 * - `acl.allow(userId, 'books:<i>', 'books:read', ns)`: one grant per request.
 * - `acl.authorizeResource({ resource: 'docs:<i>', opts: 10 user targets })`: ten grants per
 *   request, one transaction; per request and per grant.
 *
 * Durability: the server opens file databases with `journal_mode = WAL` and `synchronous = FULL`,
 * so each commit fsyncs the WAL before the API answers. The same writes are measured again against
 * a server whose `synchronous` is NORMAL (patched in that child only, for the comparison: NORMAL
 * does not survive a power loss), without the password users (hashing does not depend on it).
 *
 * Floor, in the same run: the same rows inserted as raw SQL through libsql with the same pragmas and
 * schema (the server's migrations), one statement per commit as the server commits them (the
 * operation's transaction, then its audit record's), and with both in one commit.
 *
 * Sizes: 1,000 users and 10,000 grants by default; BENCH_SCALE=full makes them the 10,000
 * users and 100,000 grants (the password users stay a sample: 100 / 400). Half of each count runs
 * sequentially, half with 8 in flight; the two servers (FULL and NORMAL) run each operation in
 * five chunks taking turns. Run alone: `npx tsx bench/writes.ts`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Libsql from 'libsql';
import type { Kysely } from 'kysely';
import { ManagementClient } from '../src/index.js';
import { openDatabase } from '../server/src/storage/db.js';
import { migrateToLatest } from '../server/src/storage/migrate.js';
import { heading, int, note, ratio, table } from './lib/print.js';
import { record } from './lib/results.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const SERVER_DIST = join(ROOT, 'server', 'dist', 'index.js');
const NAMESPACE = 'bench-writes';
const IN_FLIGHT = 8;
const TARGETS_PER_CALL = 10;
/** Uncounted calls of each kind per server before the measured ones. */
const WARM_UP = 50;

export interface WriteSizes {
  users: number;
  passwordUsers: number;
  grants: number;
}

export function writeSizes(): WriteSizes {
  return process.env.BENCH_SCALE === 'full' ? { users: 10_000, passwordUsers: 400, grants: 100_000 } : { users: 1_000, passwordUsers: 100, grants: 10_000 };
}

type Synchronous = 'FULL' | 'NORMAL';

/** One measured run: `ops` requests (each `grantsPerOp` grants), total ms, and the sorted per-request ms. */
export interface Run {
  label: string;
  mode: 'sequential' | `${number} in flight`;
  ops: number;
  grantsPerOp: number;
  totalMs: number;
  p50Ms: number;
  p99Ms: number;
}

export interface WritesResult {
  sizes: WriteSizes;
  /** The pragma statements the server ran, as seen in its child (the durability settings). */
  pragmas: Record<Synchronous, string[]>;
  runs: Record<Synchronous, Run[]>;
  floor: Record<Synchronous, Run[]>;
  /** Sequential allow, µs per grant, over the first and the last tenth of the run (growth with the table). */
  allowGrowth: Record<Synchronous, { firstMicros: number; lastMicros: number } | null>;
}

/** The child: the built server on `db`; with `synchronous` patched to NORMAL when asked. Prints one JSON line. */
function serverScript(db: string, synchronous: Synchronous): string {
  return `
    import { createRequire } from 'node:module';
    const require = createRequire(${JSON.stringify(pathToFileURL(SERVER_DIST).href)});
    const Libsql = require('libsql');
    const pragmas = [];
    const original = Libsql.prototype.pragma;
    Libsql.prototype.pragma = function (source, options) {
      if (${JSON.stringify(synchronous)} !== 'FULL' && /^\\s*synchronous\\s*=/i.test(source)) source = 'synchronous = ${synchronous}';
      pragmas.push(source);
      return original.call(this, source, options);
    };
    const { startLocalAuthing } = await import(${JSON.stringify(pathToFileURL(SERVER_DIST).href)});
    const s = await startLocalAuthing({ port: 0, db: ${JSON.stringify(db)}, log: (e) => console.error(e), info: () => {} });
    console.log(JSON.stringify({ url: s.url, userPoolId: s.userPoolId, secret: s.secret, pragmas }));
    process.stdin.resume();
    process.stdin.on('end', () => s.close().then(() => process.exit(0)));`;
}

interface RunningServer {
  url: string;
  userPoolId: string;
  secret: string;
  pragmas: string[];
  stop(): Promise<void>;
}

function startServerChild(db: string, synchronous: Synchronous): Promise<RunningServer> {
  const env = { ...process.env };
  delete env.NODE_OPTIONS; // plain node, no tsx
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', serverScript(db, synchronous)], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  return new Promise((resolvePromise, reject) => {
    let out = '';
    let err = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      err += chunk;
      if (err.length > 20_000) err = err.slice(-10_000);
    });
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      const info = JSON.parse(line) as Omit<RunningServer, 'stop'>;
      resolvePromise({
        ...info,
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.stdin?.end();
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`server child exited (${code}) before answering\n${err}`)));
  });
}

/** Per-call times of `n` calls of `fn(i)` for `i` in `[from, from + n)`, `workers` in flight, written into `times[i]`; returns the wall ms. */
async function timedInto(times: Float64Array, from: number, n: number, workers: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  let next = from;
  const end = from + n;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(workers, n) }, async () => {
      while (next < end) {
        const i = next++;
        const t = performance.now();
        await fn(i);
        times[i] = performance.now() - t;
      }
    }),
  );
  return performance.now() - start;
}

const pct = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

function toRun(label: string, workers: number, ops: number, grantsPerOp: number, r: { totalMs: number; times: Float64Array }): Run {
  const sorted = Float64Array.from(r.times).sort();
  return { label, mode: workers === 1 ? 'sequential' : `${workers} in flight`, ops, grantsPerOp, totalMs: r.totalMs, p50Ms: pct(sorted, 0.5), p99Ms: pct(sorted, 0.99) };
}

/** Mean µs per call over a slice of per-call times (in call order). */
const meanMicros = (times: Float64Array, from: number, to: number) => {
  let sum = 0;
  for (let i = from; i < to; i++) sum += times[i] ?? 0;
  return (sum * 1000) / Math.max(1, to - from);
};

/** Chunks of an operation run on each server in turn, so a busy moment of the machine falls on both alike. */
const ROUNDS = 5;

interface Side {
  sync: Synchronous;
  management: ManagementClient;
  userIds: string[];
  runs: Run[];
  growth: { firstMicros: number; lastMicros: number } | null;
}

/**
 * One operation, `n` calls at `workers` in flight, on every side: in ROUNDS chunks, each chunk on
 * each side in rotating order. `call(side, i)` is the i-th call on that side.
 */
async function interleaved(sides: readonly Side[], label: string, n: number, workers: number, grantsPerOp: number, call: (side: Side, i: number) => Promise<unknown>): Promise<Map<Side, Float64Array>> {
  const times = new Map(sides.map((side) => [side, new Float64Array(n)]));
  const total = new Map(sides.map((side) => [side, 0]));
  const chunk = Math.ceil(n / ROUNDS);
  for (let round = 0, from = 0; from < n; round++, from += chunk) {
    const size = Math.min(chunk, n - from);
    for (let k = 0; k < sides.length; k++) {
      const side = sides[(k + round) % sides.length] as Side;
      total.set(side, (total.get(side) ?? 0) + (await timedInto(times.get(side) as Float64Array, from, size, workers, (i) => call(side, i))));
    }
  }
  for (const side of sides) side.runs.push(toRun(label, workers, n, grantsPerOp, { totalMs: total.get(side) ?? 0, times: times.get(side) as Float64Array }));
  return times;
}

/** All the API writes against the servers (FULL first); the password users on the first only. */
async function apiWrites(servers: ReadonlyArray<{ sync: Synchronous; server: RunningServer }>, sizes: WriteSizes): Promise<Side[]> {
  const sides: Side[] = [];
  for (const { sync, server } of servers) {
    const management = new ManagementClient({ userPoolId: server.userPoolId, secret: server.secret, host: server.url });
    await management.acl.createNamespace(NAMESPACE, 'Bench writes');
    sides.push({ sync, management, userIds: [], runs: [], growth: null });
    // Warm-up, not counted: the token, the first parse of each operation, the JIT.
    for (let i = 0; i < WARM_UP; i++) {
      const user = await management.users.create({ username: `warm${i}` });
      await management.acl.allow(user.id, `warm:${i}`, 'warm:read', NAMESPACE);
      await management.acl.authorizeResource({ namespace: NAMESPACE, resource: `warm:x${i}`, opts: [{ targetType: 'USER', targetIdentifier: user.id, actions: ['warm:read'] }] });
    }
  }
  const half = (n: number) => Math.max(1, Math.floor(n / 2));

  let users = 0;
  for (const workers of [1, IN_FLIGHT]) {
    const n = half(sizes.users);
    const offset = users;
    await interleaved(sides, 'users.create (no password)', n, workers, 0, async (side, i) => {
      const user = await side.management.users.create({ username: `u${offset + i}` });
      side.userIds[offset + i] = user.id;
    });
    users += n;
  }
  const first = sides.slice(0, 1);
  let withPassword = 0;
  for (const workers of [1, IN_FLIGHT]) {
    const n = half(sizes.passwordUsers);
    const offset = withPassword;
    await interleaved(first, 'users.create (with password)', n, workers, 0, (side, i) => side.management.users.create({ username: `p${offset + i}`, password: 'bench-Passw0rd!' }));
    withPassword += n;
  }

  // Grants: half through acl.allow (one per request), half through authorizeResource (10 per request).
  let allowed = 0;
  for (const workers of [1, IN_FLIGHT]) {
    const n = half(half(sizes.grants));
    const offset = allowed;
    const times = await interleaved(sides, 'acl.allow', n, workers, 1, (side, i) =>
      side.management.acl.allow(side.userIds[(offset + i) % side.userIds.length] as string, `books:${offset + i}`, 'books:read', NAMESPACE),
    );
    if (workers === 1) {
      const tenth = Math.max(1, Math.floor(n / 10));
      for (const side of sides) {
        const t = times.get(side) as Float64Array;
        side.growth = { firstMicros: meanMicros(t, 0, tenth), lastMicros: meanMicros(t, n - tenth, n) };
      }
    }
    allowed += n;
  }
  let resources = 0;
  for (const workers of [1, IN_FLIGHT]) {
    const n = Math.max(1, Math.floor(half(half(sizes.grants)) / TARGETS_PER_CALL));
    const offset = resources;
    await interleaved(sides, `acl.authorizeResource (${TARGETS_PER_CALL} targets)`, n, workers, TARGETS_PER_CALL, (side, i) => {
      const at = offset + i;
      const opts = Array.from({ length: TARGETS_PER_CALL }, (_, t) => ({
        targetType: 'USER' as const,
        targetIdentifier: side.userIds[(at * TARGETS_PER_CALL + t) % side.userIds.length] as string,
        actions: ['docs:read'],
      }));
      return side.management.acl.authorizeResource({ namespace: NAMESPACE, resource: `docs:${at}`, opts });
    });
    resources += n;
  }
  return sides;
}

/**
 * The floor: the rows the API writes, as raw SQL through libsql with the server's pragmas, on a
 * database the server's migrations made. Per operation the server commits twice (the operation,
 * then its audit record); the floor does the same, then again with both in one transaction.
 */
async function rawFloor(dir: string, sizes: WriteSizes, synchronous: Synchronous): Promise<Run[]> {
  const file = join(dir, `floor-${synchronous}.db`);
  const kysely = openDatabase(file);
  await migrateToLatest(kysely as unknown as Kysely<unknown>);
  await kysely.destroy();
  const db = new Libsql(file);
  db.pragma('foreign_keys = ON');
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  const now = new Date().toISOString();
  const id = (p: string, i: number) => `${p}${String(i).padStart(22, '0')}`;
  db.prepare(`insert into userpools (id, name, secret, jwt_secret, rsa_public_pem, rsa_private_pem, created_at, updated_at) values ('pool', 'p', 's', 'j', 'pub', 'priv', ?, ?)`).run(now, now);
  db.prepare(`insert into namespaces (userpool_id, code, name, status, created_at, updated_at) values ('pool', 'ns', 'ns', 1, ?, ?)`).run(now, now);
  const ns = (db.prepare(`select id from namespaces where code = 'ns'`).get() as { id: number }).id;
  const insertUser = db.prepare(
    `insert into users (id, userpool_id, username, email, phone, password_hash, profile, status, logins_count, last_login, last_ip, session_version, created_at, updated_at)
     values (?, 'pool', ?, null, null, null, ?, 'Activated', 0, null, null, 0, ?, ?)`,
  );
  const insertGrant = db.prepare(
    `insert into grants (id, userpool_id, namespace_id, target_type, target_id, resource, resource_type, actions, effect, seq, created_at, updated_at)
     values (?, 'pool', ?, 'USER', ?, ?, 'DATA', ?, 'ALLOW', ?, ?, ?)`,
  );
  const insertAudit = db.prepare(
    `insert into audit_logs (id, userpool_id, operator_type, operator_id, operator_name, app_id, client_ip, operation_name, resource_type, resource_desc, timestamp)
     values (?, 'pool', 'admin', 'pool', 'p', null, '127.0.0.1', ?, 'user', ?, ?)`,
  );
  const profile = JSON.stringify({ registerSource: ['import:manual'] });
  let audits = 0;
  const audit = (op: string, desc: string) => insertAudit.run(id('a', audits++), op, desc, Date.now());
  const begin = db.prepare('begin');
  const commit = db.prepare('commit');
  const inOne = (fn: () => void) => {
    begin.run();
    fn();
    commit.run();
  };
  const runs: Run[] = [];
  const time = (label: string, n: number, grantsPerOp: number, fn: (i: number) => void) => {
    const times = new Float64Array(n);
    const start = performance.now();
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      fn(i);
      times[i] = performance.now() - t;
    }
    runs.push(toRun(label, 1, n, grantsPerOp, { totalMs: performance.now() - start, times }));
  };
  const users = Math.max(2, sizes.users);
  const half = Math.floor(users / 2);
  let seq = 0;
  time('user row + audit row, 2 commits', half, 0, (i) => {
    insertUser.run(id('u', i), `u${i}`, profile, now, now);
    audit('createUser', id('u', i));
  });
  time('user row + audit row, 1 commit', users - half, 0, (i) =>
    inOne(() => {
      insertUser.run(id('u', half + i), `u${half + i}`, profile, now, now);
      audit('createUser', id('u', half + i));
    }),
  );
  const allowN = Math.max(1, Math.floor(sizes.grants / 2));
  time('grant row + audit row, 2 commits', allowN, 1, (i) => {
    insertGrant.run(id('g', seq), ns, id('u', i % users), `books:${i}`, '["books:read"]', ++seq, now, now);
    audit('allow', `books:${i}`);
  });
  const calls = Math.max(1, Math.floor(sizes.grants / 2 / TARGETS_PER_CALL));
  time(`${TARGETS_PER_CALL} grant rows in 1 commit + audit row`, calls, TARGETS_PER_CALL, (i) => {
    inOne(() => {
      for (let t = 0; t < TARGETS_PER_CALL; t++) insertGrant.run(id('g', seq), ns, id('u', (i * TARGETS_PER_CALL + t) % users), `docs:${i}`, '["docs:read"]', ++seq, now, now);
    });
    audit('authorizeResource', `docs:${i}`);
  });
  db.close();
  return runs;
}

export async function measureWrites(sizes: WriteSizes = writeSizes()): Promise<WritesResult> {
  const dir = mkdtempSync(join(tmpdir(), 'authing-local-writes-'));
  try {
    const result: WritesResult = {
      sizes,
      pragmas: { FULL: [], NORMAL: [] },
      runs: { FULL: [], NORMAL: [] },
      floor: { FULL: [], NORMAL: [] },
      allowGrowth: { FULL: null, NORMAL: null },
    };
    const servers: Array<{ sync: Synchronous; server: RunningServer }> = [];
    try {
      for (const sync of ['FULL', 'NORMAL'] as const) {
        const server = await startServerChild(join(dir, `api-${sync}.db`), sync);
        servers.push({ sync, server });
        result.pragmas[sync] = server.pragmas;
      }
      for (const side of await apiWrites(servers, sizes)) {
        result.runs[side.sync] = side.runs;
        result.allowGrowth[side.sync] = side.growth;
      }
    } finally {
      await Promise.all(servers.map(({ server }) => server.stop()));
    }
    for (const sync of ['FULL', 'NORMAL'] as const) result.floor[sync] = await rawFloor(dir, sizes, sync);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** µs per request and per grant, requests/s and grants/s of a run. */
const perOp = (r: Run) => (r.totalMs * 1000) / r.ops;
const perSecond = (r: Run) => (r.ops * 1000) / r.totalMs;

export function printWrites(r: WritesResult): void {
  const { users, passwordUsers, grants } = r.sizes;
  heading(`Writes through the API: ${int(users)} users (+${int(passwordUsers)} with a password), ${int(grants)} grants; built server in a child, empty file db`);
  note(`server pragmas (FULL run): ${r.pragmas.FULL.join('; ')}`);
  note(`comparison run:            ${r.pragmas.NORMAL.join('; ')}  (patched in that child only)`);
  const find = (runs: Run[], label: string, mode: Run['mode']) => runs.find((x) => x.label === label && x.mode === mode);
  table(
    ['operation (FULL = durable)', 'mode', 'requests', 'µs/request', 'requests/s', 'µs/grant', 'grants/s', 'p50', 'p99', 'NORMAL µs/request', 'FULL / NORMAL'],
    r.runs.FULL.map((run) => {
      const normal = find(r.runs.NORMAL, run.label, run.mode);
      return [
        run.label,
        run.mode,
        int(run.ops),
        int(perOp(run)),
        int(perSecond(run)),
        run.grantsPerOp ? int(perOp(run) / run.grantsPerOp) : '–',
        run.grantsPerOp ? int(perSecond(run) * run.grantsPerOp) : '–',
        `${run.p50Ms.toFixed(2)} ms`,
        `${run.p99Ms.toFixed(2)} ms`,
        normal ? int(perOp(normal)) : '–',
        normal ? `${ratio(perOp(run) / perOp(normal))}×` : '–',
      ];
    }),
  );
  for (const sync of ['FULL', 'NORMAL'] as const) {
    const g = r.allowGrowth[sync];
    if (g) note(`acl.allow sequential (${sync}): ${int(g.firstMicros)} µs/grant over the first tenth, ${int(g.lastMicros)} over the last (${ratio(g.lastMicros / g.firstMicros)}×)`);
  }
  heading('Floor: the same rows as raw SQL through libsql, same schema and pragmas, sequential');
  table(
    ['rows per operation', 'operations', 'FULL µs/op', 'FULL ops/s', 'NORMAL µs/op', 'NORMAL ops/s', 'FULL / NORMAL'],
    r.floor.FULL.map((run) => {
      const normal = r.floor.NORMAL.find((x) => x.label === run.label);
      return [run.label, int(run.ops), int(perOp(run)), int(perSecond(run)), normal ? int(perOp(normal)) : '–', normal ? int(perSecond(normal)) : '–', normal ? `${ratio(perOp(run) / perOp(normal))}×` : '–'];
    }),
  );
  note('The API commits twice per write (the operation, then its audit record), each fsynced under FULL; the floor rows show both ways.');

  const floorOf = (label: string) => r.floor.FULL.find((x) => x.label === label);
  const rows: Array<[string, string, Run['mode'], string, boolean]> = [
    ['users.create (no password)', 'users.create, no password', 'sequential', 'user row + audit row, 2 commits', false],
    ['users.create (no password)', 'users.create, no password', `${IN_FLIGHT} in flight`, 'user row + audit row, 2 commits', false],
    ['users.create (with password)', 'users.create, with password', 'sequential', 'user row + audit row, 2 commits', false],
    ['users.create (with password)', 'users.create, with password', `${IN_FLIGHT} in flight`, 'user row + audit row, 2 commits', false],
    ['acl.allow', 'acl.allow (1 grant)', 'sequential', 'grant row + audit row, 2 commits', true],
    ['acl.allow', 'acl.allow (1 grant)', `${IN_FLIGHT} in flight`, 'grant row + audit row, 2 commits', true],
    [`acl.authorizeResource (${TARGETS_PER_CALL} targets)`, `authorizeResource, per grant`, 'sequential', `${TARGETS_PER_CALL} grant rows in 1 commit + audit row`, true],
    [`acl.authorizeResource (${TARGETS_PER_CALL} targets)`, `authorizeResource, per grant`, `${IN_FLIGHT} in flight`, `${TARGETS_PER_CALL} grant rows in 1 commit + audit row`, true],
  ];
  for (const [label, measure, mode, floorLabel, perGrant] of rows) {
    const run = find(r.runs.FULL, label, mode);
    const floor = floorOf(floorLabel);
    if (!run) continue;
    const divisor = perGrant ? run.grantsPerOp : 1;
    record({
      part: 'writes',
      measure: `${measure}, ${mode} (FULL)`,
      unit: 'µs',
      ours: perOp(run) / divisor,
      comparison: floor ? { name: 'raw SQL, same rows and commits', value: perOp(floor) / (perGrant ? floor.grantsPerOp : 1) } : null,
      target: null,
    });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printWrites(await measureWrites());
}
