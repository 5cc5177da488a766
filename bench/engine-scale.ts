/**
 * The permission engine as the data grows (issue 10's first figures): the same seeded pool shape at
 * 10 k and 100 k grants by default, and 1 M with `BENCH_SCALE=full` (100 k users, 10 k roles and
 * groups, org trees 10 deep), each checked by the index (p50 / p99 per check, timed one by one) and,
 * at the sizes where it finishes, by the naive reference evaluator on the same data, side by side
 * with the ratio. Also the index's build time and its heap per grant. Targets: p50 ≤ 10 µs,
 * p99 ≤ 50 µs, and 1 M / 10 k ≤ 2. Run directly: `npx tsx bench/engine-scale.ts`.
 */
import { pathToFileURL } from 'node:url';
import { createPermissionIndex } from '../server/src/engine/index.js';
import { createReferenceEvaluator } from '../server/src/engine/reference.js';
import type { CheckQuery, Facts } from '../server/src/engine/types.js';
import { createCasbinSide, timeCasbin } from './casbin.js';
import { prng, universe, type UniverseSizes } from './engine.js';
import { heading, int, ms, note, ratio, table, verdict } from './lib/print.js';
import { record } from './lib/results.js';

export interface ScaleRow {
  grants: number;
  users: number;
  buildMs: number;
  bytesPerGrant: number | null;
  p50Micros: number;
  p99Micros: number;
  /** The same checks again, every user's subject ids in the namespace memoized (steady state). */
  warm: { p50Micros: number; p99Micros: number };
  /** The reference evaluator's mean µs per check on the same queries; null where it was not run. */
  referenceMicros: number | null;
  /** Casbin (one enforcer per namespace) on the same data and queries: p50 µs, checks timed, answers differing from ours. */
  casbin: { p50Micros: number; checks: number; buildMs: number; disagreements: number } | null;
  /** `userResources` for a user with {@link LISTED_GRANTS} effective grants: p50 µs, rows listed. */
  listing: { p50Micros: number; rows: number };
}

/** The effective grants of the listed user: direct, through a role and through a group. */
export const LISTED_GRANTS = 1_000;

/**
 * The pool at `grants` grants, one shape at every size: users a tenth of the grants, roles and groups
 * a hundredth, org nodes a five-hundredth (a binary tree: 11 levels at 1 M), resource instances and
 * policies growing with them. A user's own effective grants (what a check can depend on) are then
 * about the same at every size, so a flat line means the pool's size costs nothing.
 */
export function sizesFor(grants: number): UniverseSizes {
  return {
    grants,
    users: Math.max(100, Math.floor(grants / 10)),
    roles: Math.max(10, Math.floor(grants / 100)),
    groups: Math.max(10, Math.floor(grants / 100)),
    nodes: Math.max(7, Math.floor(grants / 500)),
    namespaces: 5,
    kinds: 40,
    instances: Math.max(10, Math.floor(grants / 200)),
    policies: Math.floor(grants / 200),
    // A binary tree: 2,000 nodes are 11 levels.
    parentOf: (n) => Math.floor((n - 1) / 2),
  };
}

function queriesFor(facts: Facts, sizes: UniverseSizes, rand: () => number, count: number): CheckQuery[] {
  const int = (n: number): number => Math.floor(rand() * n);
  const out: CheckQuery[] = [];
  for (let i = 0; i < count; i++) {
    const g = facts.grants[int(facts.grants.length)];
    const resource = g && rand() < 0.5 ? g.resource.replace('*', String(int(sizes.instances))) : `k${int(sizes.kinds)}:${int(sizes.instances)}`;
    out.push({ userId: `u${int(sizes.users)}`, namespaceId: 1 + int(sizes.namespaces), resource, action: ['read', 'write', 'delete'][int(3)] ?? 'read' });
  }
  return out;
}

const percentile = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/**
 * Adds a user `lister` with {@link LISTED_GRANTS} effective grants in namespace 1: half direct, 30 %
 * through a role of its own, 20 % through a group of its own, each on a resource of its own.
 */
function addLister(facts: Facts): string {
  const user = 'lister';
  facts.roles.push({ id: 'r-lister', namespaceId: 1 });
  facts.roleAssignments.push({ roleId: 'r-lister', holderType: 'USER', holderId: user });
  facts.groupMembers.push({ groupId: 'g-lister', userId: user });
  let seq = facts.grants.length;
  for (let i = 0; i < LISTED_GRANTS; i++) {
    const [targetType, targetId] = i < 500 ? (['USER', user] as const) : i < 800 ? (['ROLE', 'r-lister'] as const) : (['GROUP', 'g-lister'] as const);
    facts.grants.push({ id: `L${i}`, namespaceId: 1, targetType, targetId, resource: `listed:${i}`, resourceType: 'DATA', actions: ['read', 'write'], effect: 'ALLOW', seq: seq++ });
  }
  return user;
}

const heap = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};

/** How many checks Casbin is timed on at a size: it scans every line per check. */
function casbinChecks(grants: number): number {
  return grants <= 10_000 ? 300 : grants <= 100_000 ? 40 : 5;
}

/** One scale: build, then each check timed on its own (after a warm-up), then the reference and Casbin on samples. */
export async function measureScale(grants: number, options: { checks?: number; referenceChecks?: number; casbinChecks?: number } = {}): Promise<ScaleRow> {
  const sizes = sizesFor(grants);
  const rand = prng(42);
  const facts = universe(rand, sizes);
  const lister = addLister(facts);
  const gcAvailable = typeof (globalThis as { gc?: unknown }).gc === 'function';
  const before = heap();
  const t0 = performance.now();
  const index = createPermissionIndex(facts);
  const buildMs = performance.now() - t0;
  const after = heap();
  const queries = queriesFor(facts, sizes, rand, options.checks ?? 50_000);
  for (const q of queries.slice(0, 10_000)) index.isAllowed(q);
  // A full collection first: the build leaves V8 marking a heap of hundreds of MB, whose
  // incremental steps would otherwise land inside the timed checks (a server is past that by
  // the time traffic comes).
  heap();
  const times = new Float64Array(queries.length);
  for (let i = 0; i < queries.length; i++) {
    // performance.now() (a double, sub-µs here) rather than hrtime.bigint(): two BigInts per check
    // would be allocations of the measurement's own, and their scavenges would land in the figures.
    const start = performance.now();
    index.isAllowed(queries[i]!);
    times[i] = (performance.now() - start) * 1000;
  }
  times.sort();
  const again = new Float64Array(queries.length);
  for (let i = 0; i < queries.length; i++) {
    const start = performance.now();
    index.isAllowed(queries[i]!);
    again[i] = (performance.now() - start) * 1000;
  }
  again.sort();

  const listings = new Float64Array(200);
  let rows = 0;
  for (let i = 0; i < 20; i++) index.userResources(lister, 1);
  for (let i = 0; i < listings.length; i++) {
    const start = performance.now();
    rows = index.userResources(lister, 1).length;
    listings[i] = (performance.now() - start) * 1000;
  }
  listings.sort();

  let referenceMicros: number | null = null;
  const referenceChecks = options.referenceChecks ?? 0;
  if (referenceChecks > 0) {
    const reference = createReferenceEvaluator(facts);
    const sample = queries.slice(0, referenceChecks);
    const r0 = performance.now();
    for (const q of sample) reference.isAllowed(q);
    referenceMicros = ((performance.now() - r0) * 1000) / sample.length;
  }

  let casbin: ScaleRow['casbin'] = null;
  const casbinCount = options.casbinChecks ?? 0;
  if (casbinCount > 0) {
    const side = await createCasbinSide(facts, { shardByNamespace: true });
    const sample = queries.slice(0, casbinCount);
    const timed = timeCasbin(side, sample, sample.map((q) => index.isAllowed(q)), Math.min(3, sample.length - 1));
    casbin = { p50Micros: timed.p50Micros, checks: sample.length, buildMs: Math.round(side.buildMs), disagreements: timed.disagreements };
  }
  return {
    grants,
    users: sizes.users,
    buildMs: Math.round(buildMs),
    bytesPerGrant: gcAvailable ? Math.round((after - before) / facts.grants.length) : null,
    p50Micros: percentile(times, 0.5),
    p99Micros: percentile(times, 0.99),
    warm: { p50Micros: percentile(again, 0.5), p99Micros: percentile(again, 0.99) },
    referenceMicros,
    casbin,
    listing: { p50Micros: percentile(listings, 0.5), rows },
  };
}

/** The scales `BENCH_SCALE` asks for: `full` adds 1 M grants (a few minutes and a few GB). */
export function scales(): number[] {
  return process.env.BENCH_SCALE === 'full' ? [10_000, 100_000, 1_000_000] : [10_000, 100_000];
}

export async function runEngineScale(): Promise<ScaleRow[]> {
  // The naive evaluator and Casbin scan every fact per check: a few checks show their cost without taking minutes.
  const rows: ScaleRow[] = [];
  for (const grants of scales()) {
    rows.push(await measureScale(grants, { referenceChecks: grants <= 10_000 ? 300 : grants <= 100_000 ? 20 : 1, casbinChecks: casbinChecks(grants) }));
  }
  return rows;
}

/** The table of {@link runEngineScale}: ours, the reference and Casbin on the same data, the ratios, the targets. */
export function printEngineScale(rows: readonly ScaleRow[]): void {
  heading('Permission engine by size: the index vs the naive reference evaluator and Casbin on the same data (BENCH_SCALE=full adds 1 M)');
  note(`every check timed on its own, users at random: a user's first check builds its memoized subjects; the pool also holds one user with ${int(LISTED_GRANTS)} effective grants for the listing`);
  table(
    ['grants', 'users', 'build', 'heap/grant', 'index p50', 'index p99', 'reference', 'ref / index', 'casbin p50', 'casbin / index', 'target'],
    rows.map((r) => [
      int(r.grants),
      int(r.users),
      ms(r.buildMs, 0),
      r.bytesPerGrant === null ? '(run with --expose-gc)' : `${int(r.bytesPerGrant)} B`,
      `${r.p50Micros.toFixed(2)} µs`,
      `${r.p99Micros.toFixed(2)} µs`,
      r.referenceMicros === null ? '–' : `${int(r.referenceMicros)} µs`,
      r.referenceMicros === null ? '–' : `${int(r.referenceMicros / r.p50Micros)}×`,
      r.casbin === null ? '–' : `${int(r.casbin.p50Micros)} µs`,
      r.casbin === null ? '–' : `${int(r.casbin.p50Micros / r.p50Micros)}×`,
      verdict(r.p50Micros <= 10 && r.p99Micros <= 50, 'p50 ≤ 10 µs, p99 ≤ 50 µs'),
    ]),
  );
  for (const r of rows) {
    note(`the same checks again at ${int(r.grants)} (every user's subject ids in the namespace memoized): p50 ${r.warm.p50Micros.toFixed(2)} µs, p99 ${r.warm.p99Micros.toFixed(2)} µs`);
  }
  for (const r of rows) {
    if (r.casbin) note(`casbin at ${int(r.grants)}: ${r.casbin.checks} checks timed, built in ${int(r.casbin.buildMs)} ms, ${r.casbin.disagreements} answers differing from the index`);
  }
  for (const r of rows) {
    note(`userResources at ${int(r.grants)} grants, a user with ${int(LISTED_GRANTS)} effective grants: p50 ${r.listing.p50Micros.toFixed(0)} µs (${int(r.listing.rows)} rows) — ${verdict(r.listing.p50Micros <= 1_000, '≤ 1 ms')}`);
  }
  const first = rows[0];
  const last = rows.at(-1);
  if (first && last && last !== first) {
    const growth = last.p50Micros / first.p50Micros;
    note(`p50 at ${int(last.grants)} / at ${int(first.grants)} grants: ${ratio(growth)} — ${verdict(growth <= 2, '≤ 2 at 1 M / 10 k: flat, not linear')}`);
  }
  for (const r of rows) {
    const size = int(r.grants);
    record({ part: 'scale', measure: `isAllowed p50 at ${size} grants`, unit: 'µs', ours: r.p50Micros, comparison: r.casbin ? { name: 'casbin', value: r.casbin.p50Micros } : null, target: { better: 'lower', value: 10 } });
    record({ part: 'scale', measure: `isAllowed p99 at ${size} grants`, unit: 'µs', ours: r.p99Micros, comparison: null, target: { better: 'lower', value: 50 } });
    record({ part: 'scale', measure: `isAllowed p50 at ${size}, subjects memoized`, unit: 'µs', ours: r.warm.p50Micros, comparison: null, target: { better: 'lower', value: 10 } });
    record({ part: 'scale', measure: `isAllowed p99 at ${size}, subjects memoized`, unit: 'µs', ours: r.warm.p99Micros, comparison: null, target: { better: 'lower', value: 50 } });
    if (r.referenceMicros !== null) record({ part: 'scale', measure: `isAllowed at ${size}: index p50 vs the reference evaluator's mean`, unit: 'µs', ours: r.p50Micros, comparison: { name: 'reference', value: r.referenceMicros }, target: null });
    record({ part: 'scale', measure: `userResources, ${int(LISTED_GRANTS)} effective grants, at ${size}`, unit: 'µs', ours: r.listing.p50Micros, comparison: null, target: { better: 'lower', value: 1_000 } });
    if (r.bytesPerGrant !== null) record({ part: 'scale', measure: `index heap per grant at ${size}`, unit: 'B', ours: r.bytesPerGrant, comparison: null, target: null });
  }
  if (first && last && last !== first) {
    record({ part: 'scale', measure: `p50 growth ${int(first.grants)} → ${int(last.grants)} grants`, unit: '×', ours: last.p50Micros / first.p50Micros, comparison: null, target: { better: 'lower', value: 2 } });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printEngineScale(await runEngineScale());
}
