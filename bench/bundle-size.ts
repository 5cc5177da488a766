/**
 * Browser bundle sizes of one-client apps, authing-ts next to authing-js-sdk. The apps, the
 * esbuild options and the budgets are those of the size-budget test (scripts/size/bundles.ts).
 * Run alone: `npx tsx bench/bundle-size.ts`.
 */
import { pathToFileURL } from 'node:url';
import { bundleAll, describeContributors, kb, SIZE_APPS, type BundleResult, type ClientKind } from '../scripts/size/bundles.js';
import { OFFICIAL_SDK, officialVersion } from '../scripts/size/package.js';
import { heading, note, ratio, table, verdict } from './lib/print.js';

export const measureBundleSizes = (): Promise<BundleResult[]> => bundleAll(SIZE_APPS);

const className = (client: ClientKind) => (client === 'authentication' ? 'AuthenticationClient' : 'ManagementClient');

export function printBundleSizes(results: readonly BundleResult[]): void {
  heading('Browser bundle size (esbuild --bundle --minify --splitting --platform=browser, gzip -9 per chunk; 1 KB = 1000 B)');
  const official = (client: ClientKind) => results.find((r) => r.app.sdk === OFFICIAL_SDK && r.app.client === client);
  table(
    ['app uses only', 'authing-ts gz up front', 'min', 'gz all chunks', `${OFFICIAL_SDK} gz`, 'min', 'ratio ts/official (gz, up front)', 'budget up front', 'budget all'],
    results
      .filter((r) => r.app.sdk === 'authing-ts')
      .map((r) => {
        const theirs = official(r.app.client);
        return [
          `${className(r.app.client)} from '${r.app.from}'`,
          kb(r.gzipBytes),
          kb(r.minifiedBytes),
          `${kb(r.totalGzipBytes)} (${r.lazyChunks} on first use)`,
          theirs ? kb(theirs.gzipBytes) : '–',
          theirs ? kb(theirs.minifiedBytes) : '–',
          theirs ? ratio(r.gzipBytes / theirs.gzipBytes) : '–',
          r.budget === undefined ? '' : verdict(r.gzipBytes <= r.budget, `≤ ${kb(r.budget)}`),
          r.totalBudget === undefined ? '' : verdict(r.totalGzipBytes <= r.totalBudget, `≤ ${kb(r.totalBudget)}`),
        ];
      }),
  );
  for (const r of results) {
    note(`${r.app.id.padEnd(16)} ${r.entry}: ${describeContributors(r)}${r.warnings.length ? `; esbuild warnings: ${r.warnings.join(' | ')}` : ''}`);
  }
  note(`${OFFICIAL_SDK} ${officialVersion()} has no exports map: esbuild takes its "module" build; no Node polyfills were needed or configured`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printBundleSizes(await measureBundleSizes());
}
