/**
 * Start and idle of authing-local (issue 10): each measurement in a fresh child process, so module
 * loading counts, against the BUILT server (server/dist, what `npx authing-local` and an
 * `import 'authing-local'` run). Empty FILE databases in a temp folder (the honest case: the
 * migrations commit to disk), with `:memory:` beside them.
 *
 * - `startLocalAuthing`: from just before `import('authing-local')`, and from the call alone, to
 *   the first answered request (`GET /health`, sent with node:http, which the server has loaded
 *   already, so the client's own first-fetch cost is not counted). Then the first GraphQL and the
 *   first REST answer, which may pay for work deferred past start-up.
 * - RSS: after start, 30 requests of each kind and a 1.5 s settle (no forced GC; the figure after
 *   a forced GC beside it); and, in one child per side idling in the background, 10, 30 and 60 s
 *   later: idle RSS is the last (V8 gives back the young generation it grew at start-up only once
 *   its memory reducer runs on an idle heap).
 * - `npx authing-local` and `node server/bin/authing-local.js`: spawn to the `listening` line.
 *
 * Comparison in the same run: a bare `node:http` server doing the same (listen, answer, idle).
 * Targets: start ≤ 300 ms, idle RSS ≤ 120 MB, `npx authing-local` ≤ 1 s.
 * Run alone: `npx tsx bench/server-start.ts` (BENCH_START_RUNS, default 5).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { heading, ms, note, ratio, table, verdict } from './lib/print.js';
import { record } from './lib/results.js';
import { median, rotate } from './lib/stats.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const SERVER_DIST = join(ROOT, 'server', 'dist', 'index.js');
const SERVER_BIN = join(ROOT, 'server', 'bin', 'authing-local.js');

export const START_TARGET_MS = 300;
export const RSS_TARGET_MB = 120;
export const CLI_TARGET_MS = 1000;

/** What one child reports, in ms since its process started (`performance.now()`), and bytes. */
interface ChildReport {
  /** Process start to the first line of the script (node's own boot). */
  bootMs: number;
  /** From just before `import()` to the first answered request. */
  importStartMs: number;
  /** From the `startLocalAuthing` call (after the import) to the first answered request. */
  startMs: number;
  /** Of `startMs`: until `startLocalAuthing` resolved. */
  resolvedMs: number;
  importMs: number;
  firstGraphqlMs: number;
  firstRestMs: number;
  /** CPU (user + system, all threads) from the `startLocalAuthing` call to the first answer: less sensitive to a busy machine. */
  startCpuMs: number;
  rssMB: number;
  rssAfterGcMB: number;
  heapUsedMB: number;
  /** [seconds after the last request, RSS MB], for the long-idle child only. */
  rssLater: Array<[number, number]>;
}

/**
 * The child: imports the built server (or, for the floor, node:http), starts it, answers, idles.
 * Plain ESM run by `node --input-type=module -e`, so nothing of tsx is loaded.
 */
function childScript(kind: 'authing' | 'bare', db: string, laterSamples: readonly number[] = []): string {
  const request = `
    const get = (url, init = {}) => new Promise((resolve, reject) => {
      const req = http.request(url, { method: init.method ?? 'GET', headers: init.headers ?? {}, agent: false }, (res) => {
        res.resume(); res.on('end', () => resolve(res.statusCode)); res.on('error', reject);
      });
      req.on('error', reject);
      req.end(init.body);
    });`;
  const idle = `
    for (let i = 0; i < 30; i++) { await get(base + '/health'); await get(base + '/graphql/v2', gql); await get(base + '/api/v2/users/list?page=1&limit=10'); }
    const idleFrom = performance.now();
    const sleepUntil = (s) => new Promise((r) => setTimeout(r, Math.max(0, s * 1000 - (performance.now() - idleFrom))));
    await sleepUntil(1.5);
    const rss = process.memoryUsage().rss;
    const heapUsed = process.memoryUsage().heapUsed;
    const rssLater = [];
    for (const at of ${JSON.stringify(laterSamples)}) { await sleepUntil(at); rssLater.push([at, process.memoryUsage().rss / 2 ** 20]); }
    globalThis.gc?.();
    const rssAfterGc = process.memoryUsage().rss;`;
  const gql = `const gql = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) };`;
  const report = `
    const MB = 2 ** 20;
    console.log(JSON.stringify({ bootMs: t0, importStartMs: t3 - t0, startMs: t3 - t1, resolvedMs: t2 - t1, importMs: t1 - t0,
      firstGraphqlMs: t4 - t3, firstRestMs: t5 - t4, startCpuMs: (c3.user + c3.system) / 1000, rssMB: rss / MB, rssAfterGcMB: rssAfterGc / MB, heapUsedMB: heapUsed / MB, rssLater }));`;
  if (kind === 'bare') {
    return `
      const t0 = performance.now();
      const http = await import('node:http');
      const t1 = performance.now();
      const c1 = process.cpuUsage();
      ${request}
      ${gql}
      const server = http.createServer((req, res) => { req.resume(); req.on('end', () => { res.setHeader('content-type', 'application/json'); res.end('{"ok":true}'); }); });
      await new Promise((r) => server.listen(0, '127.0.0.1', r));
      const base = 'http://127.0.0.1:' + server.address().port;
      const t2 = performance.now();
      await get(base + '/health');
      const t3 = performance.now();
      const c3 = process.cpuUsage(c1);
      await get(base + '/graphql/v2', gql);
      const t4 = performance.now();
      await get(base + '/api/v2/users/list');
      const t5 = performance.now();
      ${idle}
      ${report}
      server.close();`;
  }
  return `
    const t0 = performance.now();
    const { startLocalAuthing } = await import(${JSON.stringify(pathToFileURL(SERVER_DIST).href)});
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    const s = await startLocalAuthing({ port: 0, db: ${JSON.stringify(db)}, log: () => {}, info: () => {} });
    const t2 = performance.now();
    const http = await import('node:http');
    ${request}
    ${gql}
    const base = s.url;
    const status = await get(base + '/health');
    const t3 = performance.now();
    const c3 = process.cpuUsage(c1);
    if (status !== 200) throw new Error('GET /health answered ' + status);
    await get(base + '/graphql/v2', gql);
    const t4 = performance.now();
    await get(base + '/api/v2/users/list?page=1&limit=10');
    const t5 = performance.now();
    ${idle}
    ${report}
    await s.close();`;
}

function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  // The bench runs under tsx; the children must be plain Node.
  delete env.NODE_OPTIONS;
  return env;
}

function runChild(kind: 'authing' | 'bare', db: string): ChildReport {
  const child = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', childScript(kind, db)], { cwd: ROOT, env: childEnv(), encoding: 'utf8', timeout: 60_000 });
  if (child.status !== 0) throw new Error(`start child (${kind}, ${db}) failed (exit ${child.status}):\n${child.stderr}`);
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as ChildReport;
}

/** Seconds after the last request at which the long-idle children sample RSS. */
export const LONG_IDLE_SAMPLES = [10, 30, 60] as const;

/**
 * A child that idles for a minute after its requests, sampling RSS: V8 keeps the young generation
 * it grew at start-up (up to 2 × 16 MB) until its memory reducer runs on an idle heap, some
 * 10-30 s later. It sleeps in the background while the timed children run.
 */
function runLongIdleChild(kind: 'authing' | 'bare', db: string): Promise<ChildReport> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', childScript(kind, db, LONG_IDLE_SAMPLES)], { cwd: ROOT, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (err += chunk));
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`long-idle child (${kind}) failed (exit ${code}):\n${err}`));
      resolvePromise(JSON.parse(out.trim().split('\n').at(-1) ?? '') as ChildReport);
    });
  });
}

/** Milliseconds from spawning `command` until its stdout shows `marker`; the process group is then ended. */
function timeToListening(command: string, args: readonly string[], marker: string): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const start = performance.now();
    // Its own process group: npx runs the server as a child, and ending npx alone would orphan it.
    const child = spawn(command, args, { cwd: ROOT, env: childEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let done = false;
    const timer = setTimeout(() => finish(new Error(`${command} ${args.join(' ')}: no "${marker}" within 30 s\n${out}\n${err}`)), 30_000);
    function finish(result: number | Error): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.once('exit', () => (typeof result === 'number' ? resolvePromise(result) : reject(result)));
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      if (out.includes(marker)) finish(performance.now() - start);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (err += chunk));
    child.once('exit', (code) => {
      if (!done) {
        done = true;
        clearTimeout(timer);
        reject(new Error(`${command} ${args.join(' ')} exited (${code}) before "${marker}"\n${out}\n${err}`));
      }
    });
  });
}

export interface ServerStartResult {
  runs: number;
  file: ChildReport[];
  memory: ChildReport[];
  bare: ChildReport[];
  npxMs: number[];
  nodeBinMs: number[];
  bareListenMs: number[];
  /** One authing-local (empty file db) and one bare server idling a minute after their requests. */
  longIdle: { authing: ChildReport; bare: ChildReport };
  /** server/src changed after server/dist was built: the figures are of an older build. */
  staleDist: boolean;
}

const BARE_LISTEN = `require('node:http').createServer((q, r) => r.end('ok')).listen(0, '127.0.0.1', function () { console.log('listening on ' + this.address().port); })`;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds server/dist when it is missing (`npm run -w authing-local build`); says whether it is older than server/src. */
function ensureServerDist(): boolean {
  const built = (): number => {
    try {
      return statSync(SERVER_DIST).mtimeMs;
    } catch {
      return 0;
    }
  };
  if (built() === 0) {
    const b = spawnSync('npm', ['run', '-s', '-w', 'authing-local', 'build'], { cwd: ROOT, env: childEnv(), encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`building server/dist failed:\n${b.stdout}\n${b.stderr}`);
  }
  return newestMtime(join(ROOT, 'server', 'src')) > built();
}

export async function measureServerStart(runs = Number(process.env.BENCH_START_RUNS ?? 5)): Promise<ServerStartResult> {
  const staleDist = ensureServerDist();
  const dir = mkdtempSync(join(tmpdir(), 'authing-local-start-'));
  try {
    let n = 0;
    const freshDb = () => join(dir, `start-${n++}.db`);
    const longIdle = Promise.all([runLongIdleChild('authing', freshDb()), runLongIdleChild('bare', '')]);
    longIdle.catch(() => undefined); // awaited below
    // Let them start (their start-up is not timed) before the timed children do.
    await new Promise((r) => setTimeout(r, 3000));
    const result: ServerStartResult = { runs, file: [], memory: [], bare: [], npxMs: [], nodeBinMs: [], bareListenMs: [], longIdle: { authing: undefined as never, bare: undefined as never }, staleDist };
    type Side = () => Promise<void>;
    const sides: Side[] = [
      async () => void result.file.push(runChild('authing', freshDb())),
      async () => void result.memory.push(runChild('authing', ':memory:')),
      async () => void result.bare.push(runChild('bare', '')),
      async () => void result.npxMs.push(await timeToListening('npx', ['authing-local', '--port', '0', '--db', freshDb()], 'listening on')),
      async () => void result.nodeBinMs.push(await timeToListening(process.execPath, [SERVER_BIN, '--port', '0', '--db', freshDb()], 'listening on')),
      async () => void result.bareListenMs.push(await timeToListening(process.execPath, ['-e', BARE_LISTEN], 'listening on')),
    ];
    // One uncounted round fills the OS file cache (and npx's), then the sides take turns.
    runChild('authing', freshDb());
    await timeToListening('npx', ['authing-local', '--port', '0', '--db', freshDb()], 'listening on');
    for (let round = 0; round < runs; round++) {
      for (const side of rotate(sides, round)) await side();
    }
    const [authing, bare] = await longIdle;
    result.longIdle = { authing, bare };
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Figure = Exclude<keyof ChildReport, 'rssLater'>;
const med = (reports: readonly ChildReport[], key: Figure) => median(reports.map((r) => r[key]));

export function printServerStart(r: ServerStartResult): void {
  heading(`authing-local start and idle (built server/dist, fresh process each, median of ${r.runs} interleaved runs)`);
  if (r.staleDist) note('WARNING: server/src is newer than server/dist: these figures are of the older build (npm run -w authing-local build)');
  const rows: Array<[string, ChildReport[]]> = [
    ['startLocalAuthing, empty file db', r.file],
    ['startLocalAuthing, :memory:', r.memory],
    ['bare node:http server (floor)', r.bare],
  ];
  table(
    ['', 'node boot', 'import', 'start → resolved', 'start → 1st answer', '(its CPU)', 'import + start', '1st GraphQL', '1st REST', 'idle RSS', 'RSS after gc', 'heap'],
    rows.map(([label, reports]) => [
      label,
      ms(med(reports, 'bootMs')),
      ms(med(reports, 'importMs')),
      ms(med(reports, 'resolvedMs')),
      ms(med(reports, 'startMs')),
      ms(med(reports, 'startCpuMs')),
      ms(med(reports, 'importStartMs')),
      ms(med(reports, 'firstGraphqlMs')),
      ms(med(reports, 'firstRestMs')),
      `${med(reports, 'rssMB').toFixed(1)} MB`,
      `${med(reports, 'rssAfterGcMB').toFixed(1)} MB`,
      `${med(reports, 'heapUsedMB').toFixed(1)} MB`,
    ]),
  );
  const start = med(r.file, 'startMs');
  const importStart = med(r.file, 'importStartMs');
  const rss = med(r.file, 'rssMB');
  const bareStart = med(r.bare, 'startMs');
  const bareImportStart = med(r.bare, 'importStartMs');
  const bareRss = med(r.bare, 'rssMB');
  note(`start only (file db):     ${ms(start)} — ${verdict(start <= START_TARGET_MS, `≤ ${START_TARGET_MS} ms`)}`);
  note(`import + start (file db): ${ms(importStart)} — ${verdict(importStart <= START_TARGET_MS, `≤ ${START_TARGET_MS} ms`)} (node's own boot before it: ${ms(med(r.file, 'bootMs'))})`);
  const later = (report: ChildReport) => report.rssLater.map(([at, mb]) => `${at} s ${mb.toFixed(1)} MB`).join(', ');
  const idleRss = r.longIdle.authing.rssLater.at(-1)?.[1] ?? Number.NaN;
  const bareIdleRss = r.longIdle.bare.rssLater.at(-1)?.[1] ?? Number.NaN;
  note(`RSS 1.5 s after the requests (file db): ${rss.toFixed(1)} MB (bare node:http: ${bareRss.toFixed(1)} MB)`);
  note(`RSS idling after the requests: ${later(r.longIdle.authing)} (bare node:http: ${later(r.longIdle.bare)})`);
  note(`idle RSS (file db, ${LONG_IDLE_SAMPLES.at(-1)} s idle): ${idleRss.toFixed(1)} MB — ${verdict(idleRss <= RSS_TARGET_MB, `≤ ${RSS_TARGET_MB} MB`)}`);

  const npx = median(r.npxMs);
  const nodeBin = median(r.nodeBinMs);
  const bareListen = median(r.bareListenMs);
  table(
    ['spawn → "listening on" line', 'median', 'min', 'max', 'vs bare node:http'],
    [
      ['npx authing-local --port 0 --db <new file>', r.npxMs],
      ['node server/bin/authing-local.js (same flags)', r.nodeBinMs],
      ['node -e "http.createServer().listen(0)" (floor)', r.bareListenMs],
    ].map(([label, samples]) => {
      const s = samples as number[];
      return [label as string, ms(median(s), 0), ms(Math.min(...s), 0), ms(Math.max(...s), 0), `${ratio(median(s) / bareListen)}×`];
    }),
  );
  note(`npx authing-local: ${ms(npx, 0)} — ${verdict(npx <= CLI_TARGET_MS, `≤ ${CLI_TARGET_MS} ms`)}; npx's own share: ${ms(npx - nodeBin, 0)}`);

  record({ part: 'start', measure: 'startLocalAuthing → first answer (empty file db)', unit: 'ms', ours: start, comparison: { name: 'bare node:http', value: bareStart }, target: { better: 'lower', value: START_TARGET_MS } });
  record({ part: 'start', measure: 'import + startLocalAuthing → first answer (empty file db)', unit: 'ms', ours: importStart, comparison: { name: 'bare node:http', value: bareImportStart }, target: { better: 'lower', value: START_TARGET_MS } });
  record({ part: 'start', measure: `idle RSS, ${LONG_IDLE_SAMPLES.at(-1)} s after start and 90 requests`, unit: 'MB', ours: idleRss, comparison: { name: 'bare node:http', value: bareIdleRss }, target: { better: 'lower', value: RSS_TARGET_MB } });
  record({ part: 'start', measure: 'RSS 1.5 s after start and 90 requests', unit: 'MB', ours: rss, comparison: { name: 'bare node:http', value: bareRss }, target: null });
  record({ part: 'start', measure: 'npx authing-local → listening', unit: 'ms', ours: npx, comparison: { name: 'bare node:http', value: bareListen }, target: { better: 'lower', value: CLI_TARGET_MS } });
  record({ part: 'start', measure: 'node bin/authing-local.js → listening', unit: 'ms', ours: nodeBin, comparison: { name: 'bare node:http', value: bareListen }, target: null });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printServerStart(await measureServerStart());
}
