/**
 * `npm run bench`: authing-ts (BUILT, dist/) next to the official authing-js-sdk, measured in the
 * same run — import time, browser bundle size, per-call cost against authing-local, cold start —
 * then the permission engine in process. Prints figures, ratios and targets; nothing fails on a
 * missed target (the size budgets are enforced by test/package/size-budget.test.ts).
 *
 * `npm run bench -- size call` runs only the named parts: import, size, call, cold, list, engine,
 * scale (the engine at 10 k and 100 k grants, 1 M with BENCH_SCALE=full, beside the reference
 * evaluator and Casbin), rebuild (the index built from the database on start), http (autocannon
 * against authing-local in its own process, with a CPU profile of the hot path), start (start-up
 * and idle memory), writes (user and grant creations, durable), postgres (the http part's isAllowed
 * figures on PostgreSQL beside SQLite, and the propagation delay between two processes on one
 * schema; a throw-away cluster unless BENCH_POSTGRES or AUTHING_TEST_POSTGRES names a server, skipped
 * when PostgreSQL is not installed). The summary table at the end holds
 * every part's headline figures and is written to bench/results.json.
 * Knobs: BENCH_USERS (10,000 users for the listing part), BENCH_LIST_CALLS (200), BENCH_IMPORT_RUNS (15), BENCH_CALLS (1000 sequential calls per side), BENCH_ROUNDS (10),
 * BENCH_CONCURRENT_CALLS (2400 per side), BENCH_CONCURRENT_ROUNDS (6). Unless the call counts are
 * set, a slow machine runs fewer calls per round so that each per-call mode takes about 25 s.
 */
import { fileURLToPath } from 'node:url';
import { buildState, describeBuildState, OFFICIAL_SDK, officialVersion } from '../scripts/size/package.js';
import { measureBundleSizes, printBundleSizes } from './bundle-size.js';
import { measureColdStart, printColdStart } from './cold-start.js';
import { runEngineBench } from './engine.js';
import { printRebuild, runRebuild } from './engine-rebuild.js';
import { printEngineScale, runEngineScale } from './engine-scale.js';
import { measureHttpLoad, printHttpLoad } from './http-load.js';
import { measureImportTime, printImportTime } from './import-time.js';
import { measureListing, printListing } from './listing.js';
import { heading, int, note } from './lib/print.js';
import { printResults, writeReadmeTable, writeResults } from './lib/results.js';
import { startBenchWorld } from './lib/setup.js';
import { measurePerCall, printPerCall } from './per-call.js';
import { measurePostgres, printPostgres } from './postgres.js';
import { measureServerStart, printServerStart } from './server-start.js';
import { measureWrites, printWrites } from './writes.js';

const PARTS = ['import', 'size', 'call', 'cold', 'list', 'start', 'http', 'writes', 'postgres', 'engine', 'scale', 'rebuild'] as const;
type Part = (typeof PARTS)[number];

function selectedParts(args: readonly string[]): Set<Part> {
  const unknown = args.filter((a) => !(PARTS as readonly string[]).includes(a));
  if (unknown.length) throw new Error(`unknown bench part(s) ${unknown.join(', ')}; choose from ${PARTS.join(', ')}`);
  return new Set(args.length ? (args as Part[]) : PARTS);
}

function printEngine(): void {
  const engine = runEngineBench();
  heading(`Permission engine in process (${int(engine.users)} users, ${int(engine.grants)} grants, built in ${int(engine.buildMs)} ms; no official counterpart)`);
  note(`isAllowed:      ${int(engine.checksPerSecond)} checks/s (${engine.microsPerCheck.toFixed(2)} µs/check)`);
  note(`userResources:  ${int(engine.userResourcesPerSecond)} listings/s (avg ${int(engine.avgUserResources)} rows)`);
  note(`apply:          ${int(engine.appliesPerSecond)} changes/s`);
}

async function main(): Promise<void> {
  const parts = selectedParts(process.argv.slice(2));
  const started = performance.now();
  console.log(`authing-ts bench — node ${process.version}, ${process.platform}/${process.arch}; compared with ${OFFICIAL_SDK} ${officialVersion()}`);

  const state = buildState();
  const needsBuild = parts.has('import') || parts.has('size') || parts.has('call') || parts.has('cold') || parts.has('list');
  // Each part measures a snapshot of dist/, taken when dist/ is complete and not changing
  // (waiting up to a minute for a build that is running elsewhere, then failing with the reason).
  if (needsBuild && state.missing.length > 0) console.log(`WARNING: ${describeBuildState(state)}; waiting up to 60 s in case a build is running`);
  if (needsBuild && state.stale) console.log(`WARNING: ${describeBuildState(state)}`);

  // Child processes first, while this process is idle.
  if (parts.has('import')) printImportTime(measureImportTime());
  if (parts.has('size')) printBundleSizes(await measureBundleSizes());
  if (parts.has('call') || parts.has('cold')) {
    const world = await startBenchWorld();
    try {
      if (parts.has('call')) printPerCall(await measurePerCall(world));
      if (parts.has('cold')) printColdStart(await measureColdStart(world));
    } finally {
      await world.close();
    }
  }
  if (parts.has('list')) printListing(await measureListing());
  if (parts.has('start')) printServerStart(await measureServerStart());
  if (parts.has('http')) printHttpLoad(await measureHttpLoad());
  if (parts.has('writes')) printWrites(await measureWrites());
  if (parts.has('postgres')) printPostgres(await measurePostgres());
  if (parts.has('engine')) printEngine();
  if (parts.has('scale')) printEngineScale(await runEngineScale());
  if (parts.has('rebuild')) printRebuild(await runRebuild());
  printResults();
  const results = fileURLToPath(new URL('./results.json', import.meta.url));
  writeResults(results, [...parts]);
  writeReadmeTable(fileURLToPath(new URL('../README.md', import.meta.url)), results);
  console.log(`\nbench finished in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
