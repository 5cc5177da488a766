/**
 * Per call: one permission check (`acl.isAllowed`) against one in-process authing-local, through
 *   - the built authing-ts `management.acl.isAllowed(userId, resource, action, { namespace })`,
 *   - a raw `fetch` of exactly the request the SDK sends (method, URL, headers, body captured
 *     once through the SDK's `fetch` option, so the baseline follows the SDK's transport),
 *   - the official authing-js-sdk `managementClient.acl.isAllowed(...)`,
 *   - authing-ts with a user-supplied fetch: the global fetch (what the SDK uses outside Node;
 *     on Node its default is node:http with keep-alive), and an undici Agent if installed.
 * Sides run in rotating order within each round, sequentially and with 16 calls in flight;
 * calls/s come from the median round, ratios are the median of per-round time ratios.
 * Run alone: `npx tsx bench/per-call.ts`.
 */
import { pathToFileURL } from 'node:url';
import { ManagementClient as OfficialManagementClient } from 'authing-js-sdk';
import type { FetchLike } from 'authing-ts';
import { OFFICIAL_SDK, officialVersion } from '../scripts/size/package.js';
import { undiciFetch } from './lib/fetches.js';
import { heading, int, note, ratio, table, verdict } from './lib/print.js';
import { CHECKS, checkAt, NAMESPACE, startBenchWorld, type BenchWorld } from './lib/setup.js';
import { interleavedRounds, median, pairedRatio, timeConcurrent, timeSequential } from './lib/stats.js';

/** authing-ts time per call over the raw fetch's, at most. */
export const SDK_OVER_RAW_TARGET = 1.05;
export const CONCURRENCY = 16;
/** Rough wall-time budget of each mode (sequential, concurrent) for all sides together. */
const MODE_BUDGET_MS = 25_000;
const WARM_SEQ = 100;
const WARM_CONC = 200;

type SideKey = 'sdk' | 'raw' | 'official' | 'undici' | 'globalfetch';
interface Side {
  key: SideKey;
  label: string;
  call: (i: number) => Promise<boolean>;
}

/** One request as the SDK handed it to `fetch`. */
export interface CapturedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  /** Other RequestInit keys the SDK set (not copied into the raw request). */
  otherInit: string[];
}

function capture(url: string, init: RequestInit): CapturedRequest {
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, name) => {
    headers[name] = value;
  });
  if (init.body !== undefined && init.body !== null && typeof init.body !== 'string') {
    throw new Error(`the SDK sent a ${Object.prototype.toString.call(init.body)} body; the raw baseline copies string bodies`);
  }
  const otherInit = Object.keys(init).filter((k) => !['method', 'headers', 'body'].includes(k) && init[k as keyof RequestInit] !== undefined);
  return { url, method: init.method ?? 'GET', headers, body: init.body ?? undefined, otherInit };
}

/** The SDK's isAllowed requests, one per entry of {@link CHECKS}, from a client that records what it sends. */
async function captureSdkRequests(world: BenchWorld): Promise<CapturedRequest[]> {
  let last: CapturedRequest | undefined;
  const recording: FetchLike = (url, init) => {
    last = capture(url, init);
    return globalThis.fetch(url, init);
  };
  const { server } = world;
  const client = new world.sdk.ManagementClient({ userPoolId: server.userPoolId, secret: server.secret, host: server.url, fetch: recording });
  const captured: CapturedRequest[] = [];
  for (const check of CHECKS) {
    last = undefined;
    const answer = await client.acl.isAllowed(world.userId, check.resource, check.action, { namespace: NAMESPACE });
    if (answer !== check.expected || !last) throw new Error(`capturing ${check.resource} ${check.action}: answer ${answer}, request ${last ? 'seen' : 'not seen'}`);
    captured.push(last);
  }
  return captured;
}

/** `POST /api/v2/acl/is-allowed` or `POST /graphql/v2 (isActionAllowed)`. */
export function describeRequest(r: CapturedRequest): string {
  const operation = r.body?.match(/"query"\s*:\s*"\s*(?:query|mutation)\s+(\w+)/)?.[1];
  return `${r.method} ${new URL(r.url).pathname}${operation ? ` (GraphQL ${operation})` : ''}`;
}

/** The decision in either answer shape: REST `{code, data: boolean}` or GraphQL `{data: {isActionAllowed}}`. */
function decisionOf(json: unknown): boolean | undefined {
  const data = (json as { data?: unknown } | null)?.data;
  if (typeof data === 'boolean') return data;
  if (data && typeof data === 'object') return Object.values(data).find((v): v is boolean => typeof v === 'boolean');
  return undefined;
}

export interface PerCallResult {
  transport: string;
  headerCount: number;
  otherInit: string[];
  sdkFile: string;
  skipped: string[];
  labels: Record<SideKey, string>;
  sequential: { calls: number; rounds: number; ms: Partial<Record<SideKey, number[]>> };
  concurrent: { calls: number; rounds: number; ms: Partial<Record<SideKey, number[]>> };
}

export async function measurePerCall(world: BenchWorld): Promise<PerCallResult> {
  const seqCalls = Number(process.env.BENCH_CALLS ?? 1000);
  const seqRounds = Number(process.env.BENCH_ROUNDS ?? 10);
  const concCalls = Number(process.env.BENCH_CONCURRENT_CALLS ?? 2400);
  const concRounds = Number(process.env.BENCH_CONCURRENT_ROUNDS ?? 6);
  const { server, userId } = world;
  const credentials = { userPoolId: server.userPoolId, secret: server.secret, host: server.url };
  const captured = await captureSdkRequests(world);
  const first = captured[0] as CapturedRequest;

  const sdkCall = (client: BenchWorld['management']) => (i: number) => {
    const c = checkAt(i);
    return client.acl.isAllowed(userId, c.resource, c.action, { namespace: NAMESPACE });
  };
  const official = new OfficialManagementClient(credentials);
  const sides: Side[] = [
    { key: 'sdk', label: 'authing-ts acl.isAllowed', call: sdkCall(world.management) },
    {
      key: 'raw',
      label: 'raw fetch, same request',
      call: async (i) => {
        const r = captured[i % captured.length] as CapturedRequest;
        const res = await fetch(r.url, { method: r.method, headers: r.headers, body: r.body });
        const decision = decisionOf(await res.json());
        if (!res.ok || decision === undefined) throw new Error(`raw request answered ${res.status}`);
        return decision;
      },
    },
    {
      key: 'official',
      label: `${OFFICIAL_SDK} ${officialVersion()} acl.isAllowed`,
      call: (i) => {
        const c = checkAt(i);
        return official.acl.isAllowed(userId, c.resource, c.action, { namespace: NAMESPACE });
      },
    },
  ];
  const skipped: string[] = [];
  const closers: Array<() => unknown> = [];
  const undici = await undiciFetch();
  if ('skipped' in undici) skipped.push(`authing-ts + undici Agent fetch: skipped, ${undici.skipped}`);
  else {
    closers.push(undici.close);
    sides.push({ key: 'undici', label: `authing-ts + undici ${undici.version} Agent fetch`, call: sdkCall(new world.sdk.ManagementClient({ ...credentials, fetch: undici.fetch })) });
  }
  const globalFetch: FetchLike = (input, init) => globalThis.fetch(input, init);
  sides.push({ key: 'globalfetch', label: 'authing-ts + global fetch (undici)', call: sdkCall(new world.sdk.ManagementClient({ ...credentials, fetch: globalFetch })) });

  let warmSeqMs = 0;
  let warmConcMs = 0;
  try {
    // Every side must answer every check correctly before it is timed; then warm JIT, tokens, sockets.
    for (const side of sides) {
      for (let i = 0; i < CHECKS.length; i++) {
        const answer = await side.call(i);
        if (answer !== checkAt(i).expected) throw new Error(`${side.label}: ${checkAt(i).resource} ${checkAt(i).action} answered ${answer}`);
      }
      warmSeqMs += (await timeSequential(WARM_SEQ, side.call)) / WARM_SEQ;
      warmConcMs += (await timeConcurrent(WARM_CONC, CONCURRENCY, side.call)) / WARM_CONC;
    }
    // On a slow or busy machine, fewer calls per round (never fewer rounds) keep each mode near its time budget.
    const fit = (configured: number, rounds: number, msPerCallAllSides: number, explicit: boolean) =>
      explicit ? configured : Math.min(configured, Math.floor(MODE_BUDGET_MS / (rounds * msPerCallAllSides)));
    const perSeqRound = Math.max(20, fit(Math.round(seqCalls / seqRounds), seqRounds, warmSeqMs, process.env.BENCH_CALLS !== undefined));
    const sequential = await interleavedRounds(
      sides.map((s) => ({ key: s.key, run: (round: number) => timeSequential(perSeqRound, s.call, round * perSeqRound) })),
      seqRounds,
    );
    const perConcRound = Math.max(CONCURRENCY * 4, fit(Math.round(concCalls / concRounds), concRounds, warmConcMs, process.env.BENCH_CONCURRENT_CALLS !== undefined));
    const concurrent = await interleavedRounds(
      sides.map((s) => ({ key: s.key, run: (round: number) => timeConcurrent(perConcRound, CONCURRENCY, s.call, round * perConcRound) })),
      concRounds,
    );
    return {
      transport: describeRequest(first),
      headerCount: Object.keys(first.headers).length,
      otherInit: first.otherInit,
      sdkFile: world.sdkFile,
      skipped,
      labels: Object.fromEntries(sides.map((s) => [s.key, s.label])) as Record<SideKey, string>,
      sequential: { calls: perSeqRound, rounds: seqRounds, ms: sequential },
      concurrent: { calls: perConcRound, rounds: concRounds, ms: concurrent },
    };
  } finally {
    for (const close of closers) await close();
  }
}

function printMode(title: string, labels: Record<SideKey, string>, mode: PerCallResult['sequential']): void {
  const raw = mode.ms.raw ?? [];
  const official = mode.ms.official ?? [];
  const keys = Object.keys(mode.ms) as SideKey[];
  console.log(`\n   ${title}: ${mode.rounds} rounds × ${int(mode.calls)} calls per side`);
  table(
    ['side', 'calls/s', 'µs/call', 'time vs raw', 'time vs official'],
    keys.map((k) => {
      const times = mode.ms[k] ?? [];
      const perCall = median(times) / mode.calls;
      return [labels[k], int(1000 / perCall), (perCall * 1000).toFixed(0), ratio(pairedRatio(times, raw)), ratio(pairedRatio(times, official))];
    }),
  );
  const sdk = mode.ms.sdk ?? [];
  const overRaw = pairedRatio(sdk, raw);
  const overOfficial = pairedRatio(sdk, official);
  note(`authing-ts / raw fetch time:      ${ratio(overRaw)}  ${verdict(overRaw <= SDK_OVER_RAW_TARGET, `target ≤ ${SDK_OVER_RAW_TARGET}`)}`);
  note(`authing-ts / ${OFFICIAL_SDK} time: ${ratio(overOfficial)}  ${verdict(overOfficial < 1, 'must be < 1')}`);
}

export function printPerCall(result: PerCallResult): void {
  heading(`Per call: acl.isAllowed against in-process authing-local (127.0.0.1, in-memory)`);
  note(`authing-ts sends ${result.transport}; the raw fetch copies its method, URL, ${result.headerCount} headers and body`);
  if (result.otherInit.length) note(`(the SDK's fetch init also had: ${result.otherInit.join(', ')} — not copied, part of the SDK's cost)`);
  note(`authing-ts loaded from ${result.sdkFile} (a snapshot of the build); time ratios < 1 mean faster than the compared side`);
  printMode('sequential', result.labels, result.sequential);
  printMode(`${CONCURRENCY} concurrent`, result.labels, result.concurrent);
  for (const s of result.skipped) note(s);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const world = await startBenchWorld();
  try {
    printPerCall(await measurePerCall(world));
  } finally {
    await world.close();
  }
}
