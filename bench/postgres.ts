/**
 * authing-local on PostgreSQL (issue 12), two figures:
 *
 * - the http part's isAllowed figures (GraphQL `isActionAllowed` and REST is-allowed of a direct
 *   grant, autocannon from this process, the server in its own, the same seeded world, connections
 *   and durations; bench/http-load.ts), taken on SQLite and on PostgreSQL in the same run;
 * - the propagation delay between two processes on one PostgreSQL schema: the server above (A) and
 *   a second authing-local started from its CLI (B). A grant or revoke of one user's action is
 *   acknowledged by A, then B's REST is-allowed is asked back to back until it answers the new
 *   result: p50 and p99 over BENCH_PG_WRITES writes (200), after 20 uncounted ones. The delay
 *   includes the last check's round trip (the figure's resolution); the documented bound is the
 *   change feed's poll interval (FOLLOW_INTERVAL_MS), a notification usually wakes B sooner.
 *
 * PostgreSQL: BENCH_POSTGRES or AUTHING_TEST_POSTGRES (a URL whose user may create schemas; the
 * bench works in a fresh schema and drops it after), else a throw-away cluster started with
 * scripts/pg-cluster.sh and stopped after. Without PostgreSQL installed the part is skipped, with
 * the reason printed. Run directly: `node --import tsx bench/postgres.ts`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { AllowDocument } from '../src/generated/graphql.js';
import { FOLLOW_INTERVAL_MS } from '../server/src/storage/change-feed.js';
import {
  CHECK_TARGET_P99,
  CHECK_TARGET_RPS,
  CONNECTIONS,
  GRAPHQL_CHECK,
  isAllowedRequests,
  REST_CHECK,
  runCase,
  sdkHeaders,
  SECONDS,
  startChild,
  USERS,
  WARMUP_SECONDS,
  type Child,
  type LoadFigures,
} from './http-load.js';
import type { ServerInfo } from './lib/http-server.js';
import { heading, int, ms, note, table } from './lib/print.js';
import { record } from './lib/results.js';
import { median, percentile } from './lib/stats.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CLUSTER_SCRIPT = fileURLToPath(new URL('../scripts/pg-cluster.sh', import.meta.url));
const CLI = fileURLToPath(new URL('../server/src/cli.ts', import.meta.url));
const WRITES = Number(process.env.BENCH_PG_WRITES ?? 200);
const WARMUP_WRITES = 20;
/** A write not visible on B after this long fails the part. */
const PROPAGATION_TIMEOUT_MS = 10_000;
/** pg-cluster.sh's exit status when PostgreSQL's binaries are not installed. */
const NOT_INSTALLED = 3;

/** The isAllowed loads of one database. */
export interface ChecksOn {
  graphql: LoadFigures;
  rest: LoadFigures;
}

export interface PostgresResult {
  /** Where PostgreSQL came from: `BENCH_POSTGRES`, `AUTHING_TEST_POSTGRES` or a throw-away cluster. */
  source: string;
  sqlite: ChecksOn;
  postgres: ChecksOn;
  /** Per write: ms from A's acknowledgement until B answered the new result. */
  propagationMs: number[];
  /** Per write: B's checks until the new result (1: it was already visible at the first). */
  checks: number[];
  /** Per write: ms of the write's own round trip on A. */
  writeMs: number[];
}

export type PostgresOutcome = PostgresResult | { skipped: string };

interface Database {
  /** The server URL (without a schema). */
  url: string;
  source: string;
  close(): Promise<void>;
}

/** The PostgreSQL to bench on: the environment's, or a cluster of our own; the reason when none can be had. */
function postgresServer(): Database | { skipped: string } {
  const given = process.env.BENCH_POSTGRES ? 'BENCH_POSTGRES' : process.env.AUTHING_TEST_POSTGRES ? 'AUTHING_TEST_POSTGRES' : null;
  if (given) return { url: process.env[given]!, source: given, close: async () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'authing-bench-pg-'));
  try {
    const url = execFileSync(CLUSTER_SCRIPT, ['start', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    return { url, source: 'a throw-away cluster (scripts/pg-cluster.sh)', close: async () => void execFileSync(CLUSTER_SCRIPT, ['stop', dir]) };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const failed = error as { status?: number; stderr?: string };
    if (failed.status === NOT_INSTALLED) return { skipped: `PostgreSQL is not installed (${failed.stderr?.trim()}); set BENCH_POSTGRES=postgres://… to use a server` };
    throw new Error(`starting a throw-away PostgreSQL cluster failed:\n${failed.stderr ?? String(error)}`);
  }
}

/** A fresh schema of `url`, and how to drop it. */
function freshSchema(url: string): { db: string; drop(): Promise<void> } {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const db = new URL(url);
  db.searchParams.set('schema', schema);
  return {
    db: db.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Warm-up and measured load of both checks on a server of bench/lib/http-server.ts. */
async function checksOn(child: Child): Promise<ChecksOn> {
  const requests = await isAllowedRequests(child.info);
  const graphql = await runCase(GRAPHQL_CHECK, requests.graphql.request, requests.graphql.expected, child, false);
  const rest = await runCase(REST_CHECK, requests.rest.request, requests.rest.expected, child, false);
  return { graphql: graphql.load, rest: rest.load };
}

/** A second authing-local on `db`, from its CLI, until `stop`. */
async function startCli(db: string): Promise<{ url: string; stop(): Promise<void> }> {
  const env = { ...process.env };
  delete env.NODE_OPTIONS; // the bench runs under tsx; the child loads it itself
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', '--db', db, '--json'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    void exited.then(() => reject(new Error('the second authing-local exited before listening')));
  });
  return {
    url: (JSON.parse(line) as { url: string }).url,
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Alternating grants (GraphQL `allow`, the SDK's document) and revokes (REST) on A, each timed until B answers it. */
async function propagation(a: ServerInfo, bUrl: string): Promise<Pick<PostgresResult, 'propagationMs' | 'checks' | 'writeMs'>> {
  // A's token is valid on B: both serve the one pool, whose signing secret is in the database.
  const headers = sdkHeaders(a);
  const pair = { userId: a.userId, resource: 'books:2', action: 'books:edit', namespace: a.namespace };
  const post = async (url: string, body: unknown): Promise<unknown> => {
    const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
    const answer = (await res.json()) as { code?: number; data?: unknown; errors?: unknown[] };
    if (res.status !== 200 || answer.errors || (answer.code !== undefined && answer.code !== 200)) throw new Error(`${url}: ${res.status} ${JSON.stringify(answer).slice(0, 300)}`);
    return answer.data;
  };
  const allowedOnB = async () => ((await post(`${bUrl}/api/v2/acl/is-allowed`, pair)) as { allowed: boolean }).allowed;
  const result = { propagationMs: [] as number[], checks: [] as number[], writeMs: [] as number[] };
  for (let i = 0; i < WARMUP_WRITES + WRITES; i++) {
    const grant = i % 2 === 0;
    const sent = performance.now();
    if (grant) {
      await post(`${a.url}/graphql/v2`, { query: AllowDocument.toString(), variables: { resource: pair.resource, action: pair.action, userId: pair.userId, namespace: pair.namespace } });
    } else {
      await post(`${a.url}/api/v2/acl/revoke-resource`, { namespace: pair.namespace, resource: pair.resource, opts: [{ targetType: 'USER', targetIdentifier: pair.userId }] });
    }
    const acked = performance.now();
    let checks = 1;
    while ((await allowedOnB()) !== grant) {
      if (performance.now() - acked > PROPAGATION_TIMEOUT_MS) throw new Error(`write ${i} on A not visible on B after ${PROPAGATION_TIMEOUT_MS} ms`);
      checks++;
    }
    if (i < WARMUP_WRITES) continue;
    result.propagationMs.push(performance.now() - acked);
    result.checks.push(checks);
    result.writeMs.push(acked - sent);
  }
  return result;
}

export async function measurePostgres(): Promise<PostgresOutcome> {
  const database = postgresServer();
  if ('skipped' in database) return database;
  try {
    let sqlite: ChecksOn;
    {
      const child = await startChild(['authing-local', String(USERS)]);
      try {
        sqlite = await checksOn(child);
      } finally {
        await child.stop();
      }
    }
    const schema = freshSchema(database.url);
    try {
      const a = await startChild(['authing-local', String(USERS), schema.db]);
      try {
        const postgres = await checksOn(a);
        const b = await startCli(schema.db);
        try {
          return { source: database.source, sqlite, postgres, ...(await propagation(a.info, b.url)) };
        } finally {
          await b.stop();
        }
      } finally {
        await a.stop();
      }
    } finally {
      await schema.drop();
    }
  } finally {
    await database.close();
  }
}

/** The two databases side by side, the propagation delay, and the figures recorded for the summary. */
export function printPostgres(r: PostgresOutcome): void {
  if ('skipped' in r) {
    heading('authing-local on PostgreSQL: skipped');
    note(r.skipped);
    return;
  }
  heading(`authing-local on PostgreSQL beside SQLite (${r.source}; autocannon as in the http part: ${CONNECTIONS} connections, ${SECONDS} s per case after ${WARMUP_SECONDS} s)`);
  const cells = (f: LoadFigures) => [int(f.requestsPerSecond), ms(f.p50, 0), ms(f.p99, 0), `${int(f.serverCpuMicros)} µs`];
  table(
    ['case', 'SQLite req/s', 'p50', 'p99', 'CPU/req', 'PostgreSQL req/s', 'p50', 'p99', 'CPU/req', 'target'],
    [
      [GRAPHQL_CHECK, ...cells(r.sqlite.graphql), ...cells(r.postgres.graphql), `≥ ${int(CHECK_TARGET_RPS)} req/s, p99 ≤ ${CHECK_TARGET_P99} ms`],
      [REST_CHECK, ...cells(r.sqlite.rest), ...cells(r.postgres.rest), `≥ ${int(CHECK_TARGET_RPS)} req/s, p99 ≤ ${CHECK_TARGET_P99} ms`],
    ],
  );
  note(`both pools hold ${int(USERS + 1)} users; checks are answered from each process's in-memory index, so the database is off their path`);
  const p50 = percentile(r.propagationMs, 0.5);
  const p99 = percentile(r.propagationMs, 0.99);
  heading(`Propagation between two processes on one schema: a write acknowledged by A until B's is-allowed answers it (${r.propagationMs.length} writes)`);
  table(
    ['', 'p50', 'p99', 'max', 'target'],
    [
      ['A ack → B answers the new result', ms(p50), ms(p99), ms(Math.max(...r.propagationMs)), `≤ ${FOLLOW_INTERVAL_MS} ms (the feed's poll interval)`],
      ["the write's own round trip on A", ms(percentile(r.writeMs, 0.5)), ms(percentile(r.writeMs, 0.99)), ms(Math.max(...r.writeMs)), '–'],
    ],
  );
  const atFirst = r.checks.filter((c) => c === 1).length;
  note(`B answered the new result at its first check after the ack for ${atFirst} of ${r.checks.length} writes (median: ${median(r.checks)}); resolution: one check's round trip`);

  const sqlite = (value: number) => ({ name: 'SQLite', value });
  for (const [key, name] of [
    ['graphql', 'isActionAllowed GraphQL'],
    ['rest', 'is-allowed REST'],
  ] as const) {
    record({ part: 'postgres', measure: `${name} req/s on PostgreSQL`, unit: 'req/s', ours: r.postgres[key].requestsPerSecond, comparison: sqlite(r.sqlite[key].requestsPerSecond), target: { better: 'higher', value: CHECK_TARGET_RPS } });
    record({ part: 'postgres', measure: `${name} p99 on PostgreSQL`, unit: 'ms', ours: r.postgres[key].p99, comparison: sqlite(r.sqlite[key].p99), target: { better: 'lower', value: CHECK_TARGET_P99 } });
  }
  record({ part: 'postgres', measure: 'propagation A → B p50', unit: 'ms', ours: p50, comparison: null, target: { better: 'lower', value: FOLLOW_INTERVAL_MS } });
  record({ part: 'postgres', measure: 'propagation A → B p99', unit: 'ms', ours: p99, comparison: null, target: { better: 'lower', value: FOLLOW_INTERVAL_MS } });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { printResults } = await import('./lib/results.js');
  printPostgres(await measurePostgres());
  printResults();
}
