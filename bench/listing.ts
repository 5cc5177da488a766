/**
 * Listing at scale: `users.list` (first and last page of 10) and `users.search` over a pool of
 * BENCH_USERS users (default 10,000) in one in-process authing-local, through the built authing-ts
 * and through the official authing-js-sdk, in the same run and in rotating order. Also the cost of
 * walking every user with `users.iterate` (pages of 200). Run alone: `npx tsx bench/listing.ts`.
 */
import { pathToFileURL } from 'node:url';
import { ManagementClient as OfficialManagementClient } from 'authing-js-sdk';
import { startLocalAuthing } from 'authing-local';
import { createConsumerDir } from '../scripts/size/package.js';
import { heading, int, ms, note, ratio, table } from './lib/print.js';
import { loadBuiltSdk } from './lib/setup.js';
import { interleavedRounds, median, pairedRatio, timeSequential } from './lib/stats.js';

const USERS = Number(process.env.BENCH_USERS ?? 10_000);
const CALLS = Number(process.env.BENCH_LIST_CALLS ?? 200);
const ROUNDS = 5;
const SEED_CONCURRENCY = 32;

export interface ListingResult {
  users: number;
  seedMsPerUser: number;
  rows: Array<{ label: string; oursPerSecond: number; officialPerSecond: number; ratio: number }>;
  iterateMs: number;
}

export async function measureListing(): Promise<ListingResult> {
  const consumer = createConsumerDir();
  const server = await startLocalAuthing({ port: 0, db: ':memory:', log: () => undefined });
  try {
    const { sdk } = await loadBuiltSdk(consumer);
    const credentials = { userPoolId: server.userPoolId, secret: server.secret, host: server.url };
    const ours = new sdk.ManagementClient(credentials);
    const official = new OfficialManagementClient(credentials);

    let next = 0;
    const seedStart = performance.now();
    await Promise.all(
      Array.from({ length: SEED_CONCURRENCY }, async () => {
        while (next < USERS) {
          const i = next++;
          await ours.users.create({ username: `bench_user_${i}`, email: `bench${i}@example.com`, nickname: i % 7 === 0 ? 'seventh' : 'other' });
        }
      }),
    );
    const seedMsPerUser = (performance.now() - seedStart) / USERS;
    const lastPage = Math.ceil(USERS / 10);

    const cases = [
      { label: 'users.list page 1 of 10', ours: () => ours.users.list(1, 10), official: () => official.users.list(1, 10) },
      { label: `users.list page ${lastPage} of 10`, ours: () => ours.users.list(lastPage, 10), official: () => official.users.list(lastPage, 10) },
      {
        label: 'users.search "seventh", page 1 of 10',
        ours: () => ours.users.search('seventh', { page: 1, limit: 10 }),
        official: () => official.users.search('seventh', { page: 1, limit: 10 }),
      },
    ];
    const rows: ListingResult['rows'] = [];
    for (const c of cases) {
      await timeSequential(20, c.ours);
      await timeSequential(20, c.official);
      const times = await interleavedRounds(
        [
          { key: 'ours', run: () => timeSequential(CALLS, c.ours) },
          { key: 'official', run: () => timeSequential(CALLS, c.official) },
        ],
        ROUNDS,
      );
      rows.push({
        label: c.label,
        oursPerSecond: (1000 * CALLS) / median(times.ours),
        officialPerSecond: (1000 * CALLS) / median(times.official),
        ratio: pairedRatio(times.ours, times.official),
      });
    }
    const iterateStart = performance.now();
    let seen = 0;
    for await (const _ of ours.users.iterate({ pageSize: 200 })) seen++;
    if (seen !== USERS) throw new Error(`users.iterate yielded ${seen} users of ${USERS}`);
    return { users: USERS, seedMsPerUser, rows, iterateMs: performance.now() - iterateStart };
  } finally {
    await server.close();
    consumer.dispose();
  }
}

export function printListing(result: ListingResult): void {
  heading(`Listing ${int(result.users)} users (authing-local in memory; ${result.seedMsPerUser.toFixed(2)} ms per users.create while seeding)`);
  table(
    ['call', 'authing-ts calls/s', 'official calls/s', 'time ratio ours/official'],
    result.rows.map((r) => [r.label, int(r.oursPerSecond), int(r.officialPerSecond), ratio(r.ratio)]),
  );
  note(`users.iterate over all ${int(result.users)} users, pages of 200: ${ms(result.iterateMs, 0)} (no official counterpart)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) printListing(await measureListing());
