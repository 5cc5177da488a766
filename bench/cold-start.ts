/**
 * Cold start: 100 concurrent first calls (`acl.isAllowed`) on a fresh ManagementClient, seen by
 * a counting proxy in front of authing-local. authing-ts must send exactly one token request
 * whatever the number of waiting calls; the official SDK is shown next to it.
 * Run alone: `npx tsx bench/cold-start.ts`.
 */
import { pathToFileURL } from 'node:url';
import { ManagementClient as OfficialManagementClient } from 'authing-js-sdk';
import { OFFICIAL_SDK, officialVersion } from '../scripts/size/package.js';
import { heading, int, ms, note, table, verdict } from './lib/print.js';
import { isTokenRequest, startCountingProxy } from './lib/proxy.js';
import { checkAt, NAMESPACE, startBenchWorld, type BenchWorld } from './lib/setup.js';
import { median } from './lib/stats.js';

export const COLD_CALLS = 100;
const TRIALS = 3;

interface Trial {
  tokenRequests: number;
  requests: number;
  wrong: number;
  failed: number;
  ms: number;
}

export interface ColdStartResult {
  ours: Trial[];
  official: Trial[];
}

type IsAllowed = (userId: string, resource: string, action: string, options: { namespace: string }) => Promise<boolean>;

async function trial(isAllowed: IsAllowed, userId: string, seen: unknown[], classify: () => { token: number; all: number }): Promise<Trial> {
  seen.length = 0;
  const start = performance.now();
  const answers = await Promise.allSettled(
    Array.from({ length: COLD_CALLS }, (_, i) => isAllowed(userId, checkAt(i).resource, checkAt(i).action, { namespace: NAMESPACE })),
  );
  const elapsed = performance.now() - start;
  const { token, all } = classify();
  return {
    tokenRequests: token,
    requests: all,
    failed: answers.filter((a) => a.status === 'rejected').length,
    wrong: answers.filter((a, i) => a.status === 'fulfilled' && a.value !== checkAt(i).expected).length,
    ms: elapsed,
  };
}

export async function measureColdStart(world: BenchWorld): Promise<ColdStartResult> {
  const proxy = await startCountingProxy(world.server.url);
  try {
    const credentials = { userPoolId: world.server.userPoolId, secret: world.server.secret, host: proxy.url };
    const classify = () => ({ token: proxy.seen.filter(isTokenRequest).length, all: proxy.seen.length });
    const result: ColdStartResult = { ours: [], official: [] };
    for (let t = 0; t < TRIALS; t++) {
      // A fresh client per trial, alternating which SDK goes first.
      const runOurs = async () => {
        const client = new world.sdk.ManagementClient(credentials);
        result.ours.push(await trial((...a) => client.acl.isAllowed(...a), world.userId, proxy.seen, classify));
      };
      const runOfficial = async () => {
        const client = new OfficialManagementClient(credentials);
        result.official.push(await trial((...a) => client.acl.isAllowed(...a), world.userId, proxy.seen, classify));
      };
      for (const run of t % 2 ? [runOfficial, runOurs] : [runOurs, runOfficial]) await run();
    }
    return result;
  } finally {
    await proxy.close();
  }
}

export function printColdStart(result: ColdStartResult): void {
  heading(`Cold start: ${COLD_CALLS} concurrent first acl.isAllowed calls on a fresh ManagementClient (${TRIALS} trials)`);
  const row = (label: string, trials: Trial[]) => [
    label,
    trials.map((t) => t.tokenRequests).join(', '),
    trials.map((t) => t.requests).join(', '),
    trials.map((t) => `${t.failed}/${t.wrong}`).join(', '),
    ms(median(trials.map((t) => t.ms))),
    int((COLD_CALLS * 1000) / median(trials.map((t) => t.ms))),
  ];
  table(
    ['client', 'token requests', 'requests in all', 'failed/wrong', 'median wall', 'calls/s'],
    [row('authing-ts', result.ours), row(`${OFFICIAL_SDK} ${officialVersion()}`, result.official)],
  );
  const exact = result.ours.every((t) => t.tokenRequests === 1);
  note(`authing-ts token requests per fresh client: ${verdict(exact, 'must be exactly 1')}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const world = await startBenchWorld();
  try {
    printColdStart(await measureColdStart(world));
  } finally {
    await world.close();
  }
}
