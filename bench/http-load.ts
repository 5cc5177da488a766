/**
 * authing-local over HTTP at load (issue 10): autocannon, from this process, against the server
 * in a child process of its own (bench/lib/http-server.ts) on 127.0.0.1, bounded in time and
 * connections. Cases, each verified by one request whose answer must be the right one (and every
 * answer of the load must be byte-identical to it, autocannon's `expectBody`):
 *
 * - `isActionAllowed` over GraphQL (the SDK's operation document), allowed through a direct grant;
 * - `POST /api/v2/acl/is-allowed` over REST (the body the SDK sends);
 * - `users.list` (the SDK's `users` document, page 1 of 10) from a pool of 10 k users, 100 k with
 *   `BENCH_SCALE=full` (written straight into the store before the server starts, see http-server.ts);
 * - `GET /health` of the same server: what the node adapter, routing and answer wrapping cost alone;
 * - a bare node:http server answering a fixed small JSON to the REST request, in its own process
 *   with the same autocannon settings: the ceiling of Node's HTTP stack on this machine.
 *
 * Besides autocannon's req/s and latency, each case reports the server process's CPU time per
 * request (user + system, over IPC), which depends less on what else the machine runs. The figures
 * are taken without the profiler; a second, shorter load of the three API cases runs under the V8
 * CPU profiler of the server's process, summarized as the top functions by self time.
 * Targets: both checks ≥ 5,000 req/s with p99 ≤ 5 ms, `users.list` ≥ 2,000 req/s.
 * Knobs: BENCH_HTTP_SECONDS (6 per measured load), BENCH_HTTP_CONNECTIONS (10), BENCH_USERS (the
 * pool size, overriding BENCH_SCALE), BENCH_HTTP_PROFILE_DIR (where to keep the server's
 * `.cpuprofile` files, for Chrome DevTools). Run directly: `node --expose-gc --import tsx bench/http-load.ts`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { IsActionAllowedDocument, UsersDocument } from '../src/generated/graphql.js';
import { summarizeProfile, type CpuProfile, type ProfileSummary } from './lib/cpu-profile.js';
import type { ServerInfo, ServerMessage } from './lib/http-server.js';
import { heading, int, ms, note, table } from './lib/print.js';
import { record } from './lib/results.js';

export const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 6);
export const CONNECTIONS = Number(process.env.BENCH_HTTP_CONNECTIONS ?? 10);
export const WARMUP_SECONDS = 2;
const PROFILE_SECONDS = 3;
/** The pool of `users.list`: 10 k quick, 100 k with BENCH_SCALE=full (the issue's size). */
export const USERS = Number(process.env.BENCH_USERS ?? (process.env.BENCH_SCALE === 'full' ? 100_000 : 10_000));

export const CHECK_TARGET_RPS = 5_000;
export const CHECK_TARGET_P99 = 5;
const LIST_TARGET_RPS = 2_000;

export interface LoadFigures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  /** Connection errors and timeouts, non-2xx answers, and answers whose body differed from the verified one. */
  errors: number;
  non2xx: number;
  mismatches: number;
  /** CPU time the server's process used per request during the load (user + system, µs). */
  serverCpuMicros: number;
}

export interface HttpCase {
  label: string;
  load: LoadFigures;
  /** The server's CPU profile under a second load of the same requests; null where none was taken. */
  profile: ProfileSummary | null;
}

export interface HttpLoadResult {
  connections: number;
  seconds: number;
  users: number;
  seedMs: number;
  bare: LoadFigures;
  graphql: HttpCase;
  rest: HttpCase;
  usersList: HttpCase;
  /** `GET /health` of the same server: the node adapter, routing and answer wrapping, with no handler work. */
  health: LoadFigures;
}

export interface Child {
  info: ServerInfo;
  profile<T>(label: string, during: () => Promise<T>): Promise<{ result: T; profile: CpuProfile }>;
  /** CPU time (µs, user + system) the server's process has used so far. */
  cpu(): Promise<number>;
  stop(): Promise<void>;
}

const SERVER_SCRIPT = fileURLToPath(new URL('./lib/http-server.ts', import.meta.url));

/** Starts bench/lib/http-server.ts in a child process and reads the line it prints once it listens. */
export async function startChild(args: string[]): Promise<Child> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', SERVER_SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    void exited.then((code) => reject(new Error(`the bench server exited with ${code} before listening`)));
  });
  lines.on('line', (line) => console.log(`   [server] ${line}`));
  const info = JSON.parse(first) as ServerInfo;
  const ask = <T>(message: ServerMessage, answer: (m: { profile?: string; cpu?: number }) => T | undefined) =>
    new Promise<T>((resolve) => {
      const on = (m: { profile?: string; cpu?: number }) => {
        const value = answer(m);
        if (value === undefined) return;
        child.off('message', on);
        resolve(value);
      };
      child.on('message', on);
      child.send(message);
    });
  const said = (what: string) => (m: { profile?: string }) => (m.profile === what ? true : undefined);
  return {
    info,
    async profile(label, during) {
      const dir = mkdtempSync(join(tmpdir(), 'authing-bench-prof-'));
      const file = join(dir, 'server.cpuprofile');
      try {
        await ask({ profile: 'start' }, said('started'));
        const result = await during();
        await ask({ profile: 'stop', file }, said('stopped'));
        if (process.env.BENCH_HTTP_PROFILE_DIR) copyFileSync(file, join(process.env.BENCH_HTTP_PROFILE_DIR, `${label.replace(/[^a-z0-9]+/gi, '-')}.cpuprofile`));
        return { result, profile: JSON.parse(readFileSync(file, 'utf8')) as CpuProfile };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    cpu: () => ask({ cpu: true }, (m) => m.cpu),
    async stop() {
      child.disconnect();
      const timer = setTimeout(() => child.kill(), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface LoadRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

/** One request by fetch: the answer must be 200 and pass `check`; its body is what every load answer must equal. */
export async function verify(request: LoadRequest, check: (body: unknown) => boolean, what: string): Promise<string> {
  const res = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body });
  const text = await res.text();
  if (res.status !== 200 || !check(JSON.parse(text))) throw new Error(`${what}: unexpected answer ${res.status} ${text.slice(0, 300)}`);
  return text;
}

async function load(request: LoadRequest, expectBody: string, seconds: number, child: Child): Promise<LoadFigures> {
  const cpuBefore = await child.cpu();
  const r = await autocannon({
    url: request.url,
    method: request.method,
    headers: request.headers,
    body: request.body,
    connections: CONNECTIONS,
    pipelining: 1,
    duration: seconds,
    expectBody,
  });
  const cpuMicros = (await child.cpu()) - cpuBefore;
  return {
    requestsPerSecond: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    mismatches: (r as { mismatches?: number }).mismatches ?? 0,
    serverCpuMicros: cpuMicros / Math.max(1, r.requests.total),
  };
}

/** Warm-up, the measured load, then (with `profiled`) a shorter load under the server's profiler. */
export async function runCase(label: string, request: LoadRequest, expectBody: string, child: Child, profiled: boolean): Promise<HttpCase> {
  await load(request, expectBody, WARMUP_SECONDS, child);
  const figures = await load(request, expectBody, SECONDS, child);
  if (figures.errors || figures.non2xx || figures.mismatches) {
    throw new Error(`${label}: ${figures.errors} errors, ${figures.non2xx} non-2xx, ${figures.mismatches} wrong answers under load`);
  }
  const profile = profiled ? summarizeProfile((await child.profile(label, () => load(request, expectBody, PROFILE_SECONDS, child))).profile) : null;
  return { label, load: figures, profile };
}

const restBody = (userId: string, namespace: string) => JSON.stringify({ userId, resource: 'books:1', action: 'books:edit', namespace });

/** The headers the SDK sends (core/transport.ts), with the management token. */
export function sdkHeaders(info: ServerInfo): Record<string, string> {
  return {
    'content-type': 'application/json',
    authorization: `Bearer ${info.token}`,
    'x-authing-userpool-id': info.userPoolId,
    'x-authing-request-from': 'sdk',
    'x-authing-sdk-version': 'js:0.1.0',
    'x-authing-lang': 'zh-CN',
  };
}

export const GRAPHQL_CHECK = 'isActionAllowed (GraphQL)';
export const REST_CHECK = 'POST /api/v2/acl/is-allowed (REST)';

/** A request of the load and the one answer every answer to it must equal. */
export interface VerifiedRequest {
  request: LoadRequest;
  expected: string;
}

/**
 * The two checks of the seeded user's direct grant (`books:edit` on `books:1`), each verified
 * once to answer `true`: GraphQL `isActionAllowed` (the SDK's document) and REST is-allowed.
 */
export async function isAllowedRequests(info: ServerInfo): Promise<{ graphql: VerifiedRequest; rest: VerifiedRequest }> {
  const headers = sdkHeaders(info);
  const graphql: LoadRequest = {
    url: `${info.url}/graphql/v2`,
    method: 'POST',
    headers,
    body: JSON.stringify({
      query: IsActionAllowedDocument.toString(),
      variables: { resource: 'books:1', action: 'books:edit', userId: info.userId, namespace: info.namespace },
    }),
  };
  const rest: LoadRequest = { url: `${info.url}/api/v2/acl/is-allowed`, method: 'POST', headers, body: restBody(info.userId, info.namespace) };
  return {
    graphql: { request: graphql, expected: await verify(graphql, (b) => (b as { data?: { isActionAllowed?: boolean } }).data?.isActionAllowed === true, 'isActionAllowed') },
    rest: {
      request: rest,
      expected: await verify(rest, (b) => (b as { code?: number; data?: { allowed?: boolean } }).code === 200 && (b as { data: { allowed?: boolean } }).data.allowed === true, 'is-allowed'),
    },
  };
}

export async function measureHttpLoad(): Promise<HttpLoadResult> {
  let bare: LoadFigures;
  {
    const child = await startChild(['bare']);
    try {
      const request: LoadRequest = { url: `${child.info.url}/api/v2/acl/is-allowed`, method: 'POST', headers: { 'content-type': 'application/json' }, body: restBody('u1', 'bench') };
      const expected = await verify(request, (b) => (b as { data?: { allowed?: boolean } }).data?.allowed === true, 'bare node:http');
      bare = (await runCase('bare node:http', request, expected, child, false)).load;
    } finally {
      await child.stop();
    }
  }

  const child = await startChild(['authing-local', String(USERS)]);
  try {
    const { info } = child;
    const headers = sdkHeaders(info);
    const checks = await isAllowedRequests(info);
    const listRequest: LoadRequest = {
      url: `${info.url}/graphql/v2`,
      method: 'POST',
      headers,
      body: JSON.stringify({ query: UsersDocument.toString(), variables: { page: 1, limit: 10 } }),
    };
    const listExpected = await verify(
      listRequest,
      (b) => {
        const users = (b as { data?: { users?: { totalCount: number; list: unknown[] } } }).data?.users;
        return users?.totalCount === info.users && users.list.length === 10;
      },
      'users.list',
    );
    const graphql = await runCase(GRAPHQL_CHECK, checks.graphql.request, checks.graphql.expected, child, true);
    const rest = await runCase(REST_CHECK, checks.rest.request, checks.rest.expected, child, true);
    const usersList = await runCase(`users.list page 1 of 10 (GraphQL, ${int(info.users)} users)`, listRequest, listExpected, child, true);
    const healthRequest: LoadRequest = { url: `${info.url}/health`, method: 'GET', headers: {} };
    const healthExpected = await verify(healthRequest, (b) => (b as { ok?: boolean }).ok === true, 'health');
    const health = (await runCase('GET /health', healthRequest, healthExpected, child, false)).load;
    return { connections: CONNECTIONS, seconds: SECONDS, users: info.users, seedMs: info.seedMs, bare, graphql, rest, usersList, health };
  } finally {
    await child.stop();
  }
}

function printProfile(label: string, summary: ProfileSummary): void {
  heading(`CPU profile summary of the server: ${label} (${int(summary.samples)} samples at 100 µs, ${summary.idlePercent.toFixed(0)}% idle)`);
  table(
    ['self', 'function', 'where'],
    summary.top.map((l) => [`${l.percent.toFixed(1)}%`, l.name, l.where]),
  );
  note(`by area: ${summary.areas.slice(0, 10).map((a) => `${a.area} ${a.percent.toFixed(0)}%`).join(', ')}`);
}

/** The load table, the profile summaries, and the headline figures recorded for the summary. */
export function printHttpLoad(r: HttpLoadResult): void {
  heading(
    `authing-local over HTTP (autocannon in the bench process, the server in its own; ${r.connections} connections, pipelining 1, ${r.seconds} s per case after a ${WARMUP_SECONDS} s warm-up)`,
  );
  const row = (label: string, f: LoadFigures, target: string) => [
    label,
    int(f.requestsPerSecond),
    ms(f.p50, 0),
    ms(f.p99, 0),
    int(f.requests),
    `${int(f.serverCpuMicros)} µs`,
    target,
  ];
  table(
    ['case', 'req/s', 'p50', 'p99', 'requests', 'server CPU/req', 'target'],
    [
      row(r.graphql.label, r.graphql.load, `≥ ${int(CHECK_TARGET_RPS)} req/s, p99 ≤ ${CHECK_TARGET_P99} ms`),
      row(r.rest.label, r.rest.load, `≥ ${int(CHECK_TARGET_RPS)} req/s, p99 ≤ ${CHECK_TARGET_P99} ms`),
      row(r.usersList.label, r.usersList.load, `≥ ${int(LIST_TARGET_RPS)} req/s`),
      row('GET /health (adapter and routing only)', r.health, '–'),
      row('bare node:http, fixed JSON (the ceiling)', r.bare, '–'),
    ],
  );
  note(`every answer checked against the verified one (0 errors, 0 non-2xx, 0 mismatches); ${int(r.users - 1)} users written to the store in ${int(r.seedMs)} ms`);
  note("latency percentiles are autocannon's, at 1 ms resolution; server CPU/req is the server process's user + system time over the requests answered");
  for (const c of [r.graphql, r.rest, r.usersList]) if (c.profile) printProfile(c.label, c.profile);

  const bare = (value: number) => ({ name: 'bare node:http', value });
  for (const [c, name] of [
    [r.graphql, 'isActionAllowed GraphQL'],
    [r.rest, 'is-allowed REST'],
  ] as const) {
    record({ part: 'http', measure: `${name} req/s`, unit: 'req/s', ours: c.load.requestsPerSecond, comparison: bare(r.bare.requestsPerSecond), target: { better: 'higher', value: CHECK_TARGET_RPS } });
    record({ part: 'http', measure: `${name} p99`, unit: 'ms', ours: c.load.p99, comparison: bare(r.bare.p99), target: { better: 'lower', value: CHECK_TARGET_P99 } });
  }
  record({
    part: 'http',
    measure: `users.list (10 of ${int(r.users)}) req/s`,
    unit: 'req/s',
    ours: r.usersList.load.requestsPerSecond,
    comparison: bare(r.bare.requestsPerSecond),
    target: { better: 'higher', value: LIST_TARGET_RPS },
  });
  record({ part: 'http', measure: `users.list (10 of ${int(r.users)}) p99`, unit: 'ms', ours: r.usersList.load.p99, comparison: bare(r.bare.p99), target: null });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { printResults } = await import('./lib/results.js');
  const started = performance.now();
  printHttpLoad(await measureHttpLoad());
  printResults();
  console.log(`\nhttp part finished in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
