/**
 * Timing helpers shared by the bench files. Everything is wall-clock (`performance.now()`);
 * comparisons are made within a round, then summarized by the median across rounds, so machine
 * noise and JIT warm-up fall on every side alike.
 */

/** The median; NaN for an empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** `values` rotated left by `by`, so that each side of a comparison takes every position in turn. */
export function rotate<T>(values: readonly T[], by: number): T[] {
  const k = values.length === 0 ? 0 : by % values.length;
  return [...values.slice(k), ...values.slice(0, k)];
}

/** Milliseconds for `n` sequential calls of `fn(offset + i)`. */
export async function timeSequential(n: number, fn: (i: number) => Promise<unknown>, offset = 0): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < n; i++) await fn(offset + i);
  return performance.now() - start;
}

/** Milliseconds for `n` calls of `fn` kept `workers` in flight at a time. */
export async function timeConcurrent(n: number, workers: number, fn: (i: number) => Promise<unknown>, offset = 0): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(workers, n) }, async () => {
      while (next < n) await fn(offset + next++);
    }),
  );
  return performance.now() - start;
}

/** Per-round times of several sides, run in rotating order within each round. */
export async function interleavedRounds<K extends string>(
  sides: ReadonlyArray<{ key: K; run: (round: number) => Promise<number> }>,
  rounds: number,
): Promise<Record<K, number[]>> {
  const times = Object.fromEntries(sides.map((s) => [s.key, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < rounds; round++) {
    for (const side of rotate(sides, round)) times[side.key].push(await side.run(round));
  }
  return times;
}

/** Median over rounds of `a[r] / b[r]`: a paired ratio, robust to a slow round. */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  return median(a.map((x, i) => x / (b[i] as number)));
}

/** The `p` quantile (0 to 1) of `values` by nearest rank; NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number;
}
