/**
 * Bundle-size budgets of the BUILT authing-ts for browsers: a tiny app that only uses
 * AuthenticationClient (through `authing-ts/authentication` or `authing-ts`) or only
 * ManagementClient must stay within its budgets, gzip -9 of the esbuild-minified chunks: what it
 * loads up front (the entry and its static imports) and everything it can load (the chunks behind
 * `import()` included). The budgets and the build live in scripts/size/bundles.ts, shared with
 * `npm run bench`.
 *
 * esbuild runs in a consumer directory whose node_modules/authing-ts is a snapshot of package.json
 * and dist/, so it resolves dist/ through package.json exports as an app's bundler would; vitest's
 * alias of authing-ts to src/ does not apply.
 */
import { spawnSync } from 'node:child_process';
import { sep } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleAll, describeContributors, kb, SIZE_APPS, type BundleResult } from '../../scripts/size/bundles.js';
import { buildState, describeBuildState, REPO_ROOT } from '../../scripts/size/package.js';

const ours = SIZE_APPS.filter((app) => app.sdk === 'authing-ts');
let results: BundleResult[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  let state = buildState();
  // A build running elsewhere empties dist/ first: give it a moment before building here.
  for (let waited = 0; state.missing.length > 0 && waited < 30_000; waited += 2_000) {
    await sleep(2_000);
    state = buildState();
  }
  if (state.missing.length > 0) {
    // `npm install` builds through the prepare script; `npm test` does not, so build once here.
    const built = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, encoding: 'utf8' });
    state = buildState();
    if (built.status !== 0 || state.missing.length > 0) {
      throw new Error(`${describeBuildState(state)}\nnpm run build exited ${built.status}:\n${built.stdout}\n${built.stderr}`);
    }
  }
  const note = describeBuildState(state);
  if (note) console.warn(`[size-budget] ${note}`);
}, 300_000);

describe('browser bundle budgets (esbuild --minify --platform=browser, gzip -9)', () => {
  beforeAll(async () => {
    results = await bundleAll(ours);
    for (const r of results) {
      console.log(
        `[size-budget] ${r.app.from} ${r.app.client}: ${kb(r.gzipBytes)} gz up front (budget ${kb(r.budget ?? 0)}), ${kb(r.minifiedBytes)} min; ` +
          `${kb(r.totalGzipBytes)} gz with ${r.lazyChunks} chunks loaded on first use (budget ${kb(r.totalBudget ?? 0)}); ${describeContributors(r)}`,
      );
    }
  }, 120_000);

  it('bundles the built package (dist/ through exports), never src/', () => {
    expect(results).toHaveLength(ours.length);
    for (const r of results) {
      expect(r.entry, `${r.app.from} resolved to ${r.entry}`).toMatch(/^authing-ts\/dist\/[\w-]+\.js$/);
      expect(r.inputs.filter((file) => file.startsWith(`${REPO_ROOT}src${sep}`))).toEqual([]);
      expect(r.warnings).toEqual([]);
    }
  });

  it.each(ours.map((app) => [`${app.client === 'authentication' ? 'AuthenticationClient' : 'ManagementClient'} from ${app.from}`, app.id] as const))(
    '%s stays within its budget',
    (_name, id) => {
      const r = results.find((x) => x.app.id === id);
      expect(r, `no bundle for ${id}`).toBeDefined();
      if (!r || r.budget === undefined) return;
      expect(
        r.gzipBytes,
        `${r.app.from} (${r.app.client} only) loads ${kb(r.gzipBytes)} gzipped up front, over its ${kb(r.budget)} budget; largest parts (minified): ${describeContributors(r)}`,
      ).toBeLessThanOrEqual(r.budget);
      expect(r.totalGzipBytes, `${r.app.from}: all its chunks are ${kb(r.totalGzipBytes)} gzipped, over ${kb(r.totalBudget ?? 0)}`).toBeLessThanOrEqual(r.totalBudget ?? 0);
    },
  );
});
