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
import { prng, universe, type UniverseSizes } from './engine.js';
import { heading, int, ms, note, ratio, table, verdict } from './lib/print.js';

export interface ScaleRow {
  grants: number;
  users: number;
  buildMs: number;
  bytesPerGrant: number | null;
  p50Micros: number;
  p99Micros: number;
  /** The reference evaluator's mean µs per check on the same queries; null where it was not run. */
  referenceMicros: number | null;
}

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

const heap = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};

/** One scale: build, then each check timed on its own (after a warm-up), then the reference on a sample. */
export function measureScale(grants: number, options: { checks?: number; referenceChecks?: number } = {}): ScaleRow {
  const sizes = sizesFor(grants);
  const rand = prng(42);
  const facts = universe(rand, sizes);
  const gcAvailable = typeof (globalThis as { gc?: unknown }).gc === 'function';
  const before = heap();
  const t0 = performance.now();
  const index = createPermissionIndex(facts);
  const buildMs = performance.now() - t0;
  const after = heap();
  const queries = queriesFor(facts, sizes, rand, options.checks ?? 50_000);
  for (const q of queries.slice(0, 10_000)) index.isAllowed(q);
  const times = new Float64Array(queries.length);
  for (let i = 0; i < queries.length; i++) {
    const start = process.hrtime.bigint();
    index.isAllowed(queries[i]!);
    times[i] = Number(process.hrtime.bigint() - start) / 1000;
  }
  times.sort();
  let referenceMicros: number | null = null;
  const referenceChecks = options.referenceChecks ?? 0;
  if (referenceChecks > 0) {
    const reference = createReferenceEvaluator(facts);
    const sample = queries.slice(0, referenceChecks);
    const r0 = performance.now();
    for (const q of sample) reference.isAllowed(q);
    referenceMicros = ((performance.now() - r0) * 1000) / sample.length;
  }
  return {
    grants: facts.grants.length,
    users: sizes.users,
    buildMs: Math.round(buildMs),
    bytesPerGrant: gcAvailable ? Math.round((after - before) / facts.grants.length) : null,
    p50Micros: percentile(times, 0.5),
    p99Micros: percentile(times, 0.99),
    referenceMicros,
  };
}

/** The scales `BENCH_SCALE` asks for: `full` adds 1 M grants (a few minutes and a few GB). */
export function scales(): number[] {
  return process.env.BENCH_SCALE === 'full' ? [10_000, 100_000, 1_000_000] : [10_000, 100_000];
}

export function runEngineScale(): ScaleRow[] {
  // The naive evaluator scans every fact per check: a few hundred checks show its cost without taking minutes.
  return scales().map((grants) => measureScale(grants, { referenceChecks: grants <= 10_000 ? 300 : grants <= 100_000 ? 20 : 0 }));
}

/** The table of {@link runEngineScale}: ours, the reference on the same data, the ratio, the targets. */
export function printEngineScale(rows: readonly ScaleRow[]): void {
  heading('Permission engine by size (index vs the naive reference evaluator on the same data; BENCH_SCALE=full adds 1 M grants)');
  table(
    ['grants', 'users', 'build', 'heap/grant', 'index p50', 'index p99', 'reference', 'reference / index', 'target'],
    rows.map((r) => [
      int(r.grants),
      int(r.users),
      ms(r.buildMs, 0),
      r.bytesPerGrant === null ? '(run with --expose-gc)' : `${int(r.bytesPerGrant)} B`,
      `${r.p50Micros.toFixed(2)} µs`,
      `${r.p99Micros.toFixed(2)} µs`,
      r.referenceMicros === null ? '–' : `${r.referenceMicros.toFixed(0)} µs`,
      r.referenceMicros === null ? '–' : `${ratio(r.referenceMicros / r.p50Micros)}×`,
      verdict(r.p50Micros <= 10 && r.p99Micros <= 50, 'p50 ≤ 10 µs, p99 ≤ 50 µs'),
    ]),
  );
  const first = rows[0];
  const last = rows.at(-1);
  if (first && last && last !== first) {
    const growth = last.p50Micros / first.p50Micros;
    note(`p50 at ${int(last.grants)} / at ${int(first.grants)} grants: ${ratio(growth)} — ${verdict(growth <= 2, '≤ 2 at 1 M / 10 k: flat, not linear')}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printEngineScale(runEngineScale());
}
