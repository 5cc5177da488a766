/**
 * The server side of bench/http-load.ts, run in its own process (`node --import tsx
 * bench/lib/http-server.ts <mode>`) so that autocannon, in the bench's process, shares neither
 * its event loop nor its heap. Two modes:
 *
 * - `authing-local [users] [db]`: authing-local from server/src (tsx transpiles each module once, when it
 *   loads; nothing of it runs per request), on a SQLite file in a temporary folder, or on `db` (a
 *   `postgres://…?schema=` URL, bench/postgres.ts) when given. Before the
 *   server starts, `users` users are written straight into the store in one transaction, in batches
 *   of 500 rows shaped as `insertUser` (services/users.ts) shapes them: registerSource
 *   `import:manual`, no password (hashing 100 k passwords would take minutes and is not what the
 *   listing measures), creation times strictly increasing. Then, over HTTP with the SDK, the
 *   world of bench/lib/setup.ts: a user (with a password), the `bench` namespace, a role granted
 *   `books:read` on `books:*`, the user in it and allowed `books:edit` on `books:1`.
 * - `bare`: a minimal node:http server that reads the request body and answers a fixed small JSON,
 *   the ceiling of Node's HTTP stack on this machine for the same autocannon settings.
 *
 * Either prints one JSON line on stdout ({@link ServerInfo}) once it listens, then stays up until
 * its parent disconnects. Over IPC it takes `{ profile: 'start' }` and `{ profile: 'stop', file }`
 * (the V8 CPU profiler of this process, through node:inspector, the profile written to `file`),
 * and `{ cpu: true }`, answered with the CPU time (user + system, µs) the process has used.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ManagementClient } from '../../src/index.js';
import { startLocalAuthing } from '../../server/src/index.js';
import { ensureDefaultPool } from '../../server/src/storage/bootstrap.js';
import { nowIso } from '../../server/src/storage/ids.js';
import { Store } from '../../server/src/storage/store.js';
import type { UsersTable } from '../../server/src/storage/tables.js';

const BENCH_NAMESPACE = 'bench';

/** What the server prints once it listens. */
export interface ServerInfo {
  url: string;
  /** Empty for `bare`. */
  userPoolId: string;
  /** A management token of the pool (`accessToken(userPoolId, secret)`), for the Bearer header. */
  token: string;
  /** The seeded user granted `books:edit` on `books:1` in {@link ServerInfo.namespace}. */
  userId: string;
  /** The namespace of the seeded grants. */
  namespace: string;
  /** Users in the pool (the bulk-written ones and the bench user). */
  users: number;
  /** Milliseconds taken to write the bulk users. */
  seedMs: number;
}

/** What the parent asks over IPC: the profiler started or stopped (written to `file`), or the CPU time used so far. */
export type ServerMessage = { profile: 'start' } | { profile: 'stop'; file: string } | { cpu: true };

/** Writes `count` users into the pool's store in one transaction, 500 rows per INSERT. */
async function seedUsers(store: Store, poolId: string, count: number): Promise<void> {
  await store.write(async (tx) => {
    for (let start = 0; start < count; start += 500) {
      const rows: UsersTable[] = [];
      for (let i = start; i < Math.min(count, start + 500); i++) {
        const now = nowIso();
        rows.push({
          id: `bench${String(i).padStart(19, '0')}`,
          userpool_id: poolId,
          username: `bench_user_${i}`,
          email: `bench${i}@example.com`,
          phone: null,
          password_hash: null,
          profile: JSON.stringify({ nickname: `user ${i}`, registerSource: ['import:manual'] }),
          status: 'Activated',
          logins_count: 0,
          last_login: null,
          last_ip: null,
          session_version: 0,
          created_at: now,
          updated_at: now,
        });
      }
      await tx.insertInto('users').values(rows).execute();
    }
  });
}

async function managementToken(url: string, userPoolId: string, secret: string): Promise<string> {
  const res = await fetch(`${url}/graphql/v2`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'query($u: String!, $s: String!) { accessToken(userPoolId: $u, secret: $s) { accessToken } }', variables: { u: userPoolId, s: secret } }),
  });
  return ((await res.json()) as { data: { accessToken: { accessToken: string } } }).data.accessToken.accessToken;
}

async function startAuthingLocal(users: number, database?: string): Promise<{ info: ServerInfo; close(): Promise<void> }> {
  const dir = database ? null : mkdtempSync(join(tmpdir(), 'authing-bench-http-'));
  const db = dir ? join(dir, 'bench.db') : database!;
  const seedStart = performance.now();
  const store = await Store.open(db);
  try {
    const pool = await ensureDefaultPool(store);
    await seedUsers(store, pool.userPoolId, users);
  } finally {
    await store.close();
  }
  const seedMs = performance.now() - seedStart;
  const server = await startLocalAuthing({ port: 0, db, log: (e) => console.error('[bench server]', e), info: () => undefined });
  const management = new ManagementClient({ userPoolId: server.userPoolId, secret: server.secret, host: server.url });
  const user = await management.users.create({ username: `bench_${Date.now()}`, password: 'bench-password' });
  await management.acl.createNamespace(BENCH_NAMESPACE, 'Bench');
  await management.roles.create('bench-readers', 'readers', undefined, BENCH_NAMESPACE);
  await management.roles.addUsers('bench-readers', [user.id], BENCH_NAMESPACE);
  await management.acl.authorizeResource({
    namespace: BENCH_NAMESPACE,
    resource: 'books:*',
    opts: [{ targetType: 'ROLE', targetIdentifier: 'bench-readers', actions: ['books:read'] }],
  });
  await management.acl.allow(user.id, 'books:1', 'books:edit', BENCH_NAMESPACE);
  const token = await managementToken(server.url, server.userPoolId, server.secret);
  return {
    info: { url: server.url, userPoolId: server.userPoolId, token, userId: user.id, namespace: BENCH_NAMESPACE, users: users + 1, seedMs },
    close: async () => {
      await server.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The answer of the bare server: the size and shape of REST is-allowed's. */
export const BARE_BODY = JSON.stringify({ code: 200, message: 'Success', data: { allowed: true } });

function startBare(): Promise<{ info: ServerInfo; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    req.on('data', () => undefined);
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(BARE_BODY) });
      res.end(BARE_BODY);
    });
  });
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        info: { url: `http://127.0.0.1:${port}`, userPoolId: '', token: '', userId: '', namespace: '', users: 0, seedMs: 0 },
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

async function main(): Promise<void> {
  const [mode = 'authing-local', usersArg = '0', db] = process.argv.slice(2);
  const running = mode === 'bare' ? await startBare() : await startAuthingLocal(Number(usersArg), db);
  const session = new Session();
  session.connect();
  process.on('message', (message: ServerMessage) => {
    void (async () => {
      if ('cpu' in message) {
        const { user, system } = process.cpuUsage();
        process.send?.({ cpu: user + system });
      } else if (message.profile === 'start') {
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: 100 });
        await session.post('Profiler.start');
        process.send?.({ profile: 'started' });
      } else {
        const { profile } = await session.post('Profiler.stop');
        writeFileSync(message.file, JSON.stringify(profile));
        process.send?.({ profile: 'stopped' });
      }
    })();
  });
  process.on('disconnect', () => {
    session.disconnect();
    void running.close().finally(() => process.exit(0));
  });
  process.stdout.write(`${JSON.stringify(running.info)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
