/**
 * Import time: the wall time of a whole `node -e "import('<specifier>')"` process minus that of
 * `node -e ''`, median of N runs per specifier, all specifiers interleaved run by run. Runs in a
 * consumer directory whose node_modules link to the built authing-ts and to authing-js-sdk, so
 * the specifiers resolve as in an app (package.json exports → dist/).
 * Run alone: `npx tsx bench/import-time.ts`.
 */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { createConsumerDir, OFFICIAL_SDK, officialVersion } from '../scripts/size/package.js';
import { heading, ms, note, ratio, table, verdict } from './lib/print.js';
import { median, rotate } from './lib/stats.js';

/** authing-ts's target for each entry point, in ms above a bare `node -e ''`. */
export const IMPORT_TIME_TARGET_MS = 40;

const OURS = ['authing-ts', 'authing-ts/management', 'authing-ts/authentication'] as const;
const SPECIFIERS = ['', ...OURS, OFFICIAL_SDK] as const;

export interface ImportTimeResult {
  runs: number;
  baselineMs: number;
  /** Median whole-process ms minus the baseline, per specifier. */
  importMs: Record<string, number>;
}

function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  // The bench runs under tsx; the children must be plain Node.
  delete env.NODE_OPTIONS;
  return env;
}

function runOnce(specifier: string, cwd: string, env: NodeJS.ProcessEnv): number {
  const code = specifier ? `import(${JSON.stringify(specifier)})` : '';
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['-e', code], { cwd, env, encoding: 'utf8' });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) throw new Error(`node -e "${code}" failed (exit ${child.status}):\n${child.stderr}`);
  return elapsed;
}

export function measureImportTime(runs = Number(process.env.BENCH_IMPORT_RUNS ?? 15)): ImportTimeResult {
  const consumer = createConsumerDir();
  try {
    const env = childEnv();
    const samples = new Map<string, number[]>(SPECIFIERS.map((s) => [s, []]));
    for (const s of SPECIFIERS) runOnce(s, consumer.dir, env); // fills the OS file cache; not counted
    for (let run = 0; run < runs; run++) {
      for (const s of rotate(SPECIFIERS, run)) samples.get(s)?.push(runOnce(s, consumer.dir, env));
    }
    const baselineMs = median(samples.get('') ?? []);
    const importMs = Object.fromEntries(SPECIFIERS.filter(Boolean).map((s) => [s, median(samples.get(s) ?? []) - baselineMs]));
    return { runs, baselineMs, importMs };
  } finally {
    consumer.dispose();
  }
}

export function printImportTime(result: ImportTimeResult): void {
  heading(`Import time (whole node process minus node -e '', median of ${result.runs} interleaved runs)`);
  const official = result.importMs[OFFICIAL_SDK] ?? Number.NaN;
  table(
    ['entry', 'authing-ts', `${OFFICIAL_SDK} ${officialVersion()}`, 'ratio ts/official', `target ≤ ${IMPORT_TIME_TARGET_MS} ms`],
    OURS.map((s) => {
      const ours = result.importMs[s] ?? Number.NaN;
      return [`import('${s}')`, ms(ours), ms(official), ratio(ours / official), verdict(ours <= IMPORT_TIME_TARGET_MS, `≤ ${IMPORT_TIME_TARGET_MS} ms`)];
    }),
  );
  note(`baseline node -e '': ${ms(result.baselineMs)} (${process.version}); official SDK loads its CommonJS main (build/main)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printImportTime(measureImportTime());
}
