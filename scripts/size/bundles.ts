/**
 * Browser bundle sizes of tiny apps that use one client, built from the BUILT packages the way an
 * app's bundler would: esbuild, `platform: 'browser'`, minified, resolved through package.json
 * `exports` from a consumer directory holding a snapshot of dist/ (see {@link createConsumerDir}),
 * then gzip -9.
 *
 * The budgets live here and nowhere else; `test/package/size-budget.test.ts` enforces them and
 * `npm run bench` prints them next to authing-js-sdk.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { createConsumerDir, OFFICIAL_SDK, REPO_ROOT, type ConsumerDir } from './package.js';

/**
 * Gzipped bytes an app that only uses `AuthenticationClient` may load up front: the chunks its
 * entry imports statically (22 KB, 1 KB = 1000 B; 20 KB until the protocol URL builders, which are
 * synchronous as in the official SDK and so cannot load later, 21 KB until the protocol token
 * methods and the `social` sub-client, whose bodies load later but whose methods are on the client:
 * 21.0 KB measured with them). What loads on first use
 * (graphql-request on the first GraphQL call; MFA, QR-code, avatar, principal, LDAP/AD, v3 sign-in
 * PKCE digest and the OIDC / CAS token calls on the first call of theirs) is budgeted with the rest in
 * {@link AUTHENTICATION_TOTAL_BUDGET_BYTES}.
 */
export const AUTHENTICATION_BUDGET_BYTES = 22_000;
/**
 * Gzipped bytes of every chunk an `AuthenticationClient` app can ever load (38 KB; 28 KB before the
 * protocol helpers, 29 KB with the URL builders). The token calls load on first use; most of the
 * 7.8 KB they added is jose's JWS verification and JWKS import behind `validateToken` (measured);
 * the identity-link calls of `social` added 0.4 KB (37.4 KB measured).
 */
export const AUTHENTICATION_TOTAL_BUDGET_BYTES = 38_000;
/** Gzipped bytes an app that only uses `ManagementClient` may load up front (35 KB, 1 KB = 1000 B). */
export const MANAGEMENT_BUDGET_BYTES = 35_000;
/**
 * Gzipped bytes of every chunk a `ManagementClient` app can ever load (49 KB). An app importing the
 * root `authing-ts` entry can also reach the AuthenticationClient's lazy chunks, so this grew with
 * them (40 KB before the protocol helpers, 41 KB with the URL builders, 49 KB with the token calls).
 */
export const MANAGEMENT_TOTAL_BUDGET_BYTES = 49_000;

export type ClientKind = 'authentication' | 'management';

export const BUDGETS: Readonly<Record<ClientKind, number>> = {
  authentication: AUTHENTICATION_BUDGET_BYTES,
  management: MANAGEMENT_BUDGET_BYTES,
};

export const TOTAL_BUDGETS: Readonly<Record<ClientKind, number>> = {
  authentication: AUTHENTICATION_TOTAL_BUDGET_BYTES,
  management: MANAGEMENT_TOTAL_BUDGET_BYTES,
};

/** One tiny app: an import, a construction, and a global so nothing is tree-shaken away. */
export interface SizeApp {
  readonly id: string;
  readonly client: ClientKind;
  /** `authing-ts` apps are budgeted; the official SDK's are for comparison. */
  readonly sdk: 'authing-ts' | typeof OFFICIAL_SDK;
  /** The module specifier the app imports from. */
  readonly from: string;
}

export const SIZE_APPS: readonly SizeApp[] = [
  { id: 'ts-auth-subpath', client: 'authentication', sdk: 'authing-ts', from: 'authing-ts/authentication' },
  { id: 'ts-auth-root', client: 'authentication', sdk: 'authing-ts', from: 'authing-ts' },
  { id: 'ts-mgmt-subpath', client: 'management', sdk: 'authing-ts', from: 'authing-ts/management' },
  { id: 'ts-mgmt-root', client: 'management', sdk: 'authing-ts', from: 'authing-ts' },
  { id: 'official-auth', client: 'authentication', sdk: OFFICIAL_SDK, from: OFFICIAL_SDK },
  { id: 'official-mgmt', client: 'management', sdk: OFFICIAL_SDK, from: OFFICIAL_SDK },
];

/** The app's source. The options are the smallest each SDK accepts; constructing is enough to keep the class. */
export function appSource(app: SizeApp): string {
  const uses =
    app.client === 'authentication'
      ? `import { AuthenticationClient } from '${app.from}';\nconst client = new AuthenticationClient({ appId: 'APP_ID', appHost: 'https://example.authing.cn' });\n`
      : `import { ManagementClient } from '${app.from}';\nconst client = new ManagementClient({ userPoolId: 'POOL_ID', secret: 'POOL_SECRET' });\n`;
  return `${uses}window.authingClient = client;\n`;
}

/**
 * The esbuild options every app is built with. Code splitting is on, as in the bundlers apps use
 * (Vite, Rollup, webpack): a module reached only through `import()` becomes a chunk loaded on first
 * use, so the up-front size and the total are told apart. `platform: 'browser'` makes esbuild use the
 * `browser`, `import` and `default` export conditions (and the `browser`, `module`, `main` fields
 * for packages without `exports`, such as authing-js-sdk); `process.env.NODE_ENV` is defined
 * because bundlers for browsers define it. No Node polyfills are configured for either SDK.
 */
export const ESBUILD_OPTIONS = {
  bundle: true,
  minify: true,
  platform: 'browser',
  format: 'esm',
  splitting: true,
  target: 'es2020',
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  write: false,
  metafile: true,
  logLevel: 'silent',
} as const;

export interface BundleResult {
  readonly app: SizeApp;
  /** Minified bytes loaded up front: the entry chunk and every chunk it imports statically. */
  readonly minifiedBytes: number;
  /** Gzipped bytes loaded up front (each chunk gzipped on its own, as it is served). */
  readonly gzipBytes: number;
  /** Budget of {@link gzipBytes}, for authing-ts apps. */
  readonly budget: number | undefined;
  /** Gzipped bytes of every chunk, those loaded on first use (`import()`) included. */
  readonly totalGzipBytes: number;
  /** Budget of {@link totalGzipBytes}, for authing-ts apps. */
  readonly totalBudget: number | undefined;
  /** Chunks loaded on first use only. */
  readonly lazyChunks: number;
  /** Minified bytes per package (or per file of this repo) in the up-front chunks, largest first. */
  readonly contributors: ReadonlyArray<{ name: string; bytes: number }>;
  /** Absolute paths of every input file. */
  readonly inputs: readonly string[];
  /** The file the app's import resolved to, from its package: `authing-ts/dist/authentication.js`. */
  readonly entry: string;
  readonly warnings: readonly string[];
}

function packageOf(file: string): string {
  const marker = `${sep}node_modules${sep}`;
  const at = file.lastIndexOf(marker);
  if (at >= 0) {
    const parts = file.slice(at + marker.length).split(sep);
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? file);
  }
  if (file.startsWith(REPO_ROOT)) return `authing-ts ${file.slice(REPO_ROOT.length).split(sep)[0]}/`;
  return file;
}

/** `authing-js-sdk/build/module/index.js` for a file inside node_modules, else the path itself. */
function inPackage(file: string): string {
  const marker = `${sep}node_modules${sep}`;
  const at = file.lastIndexOf(marker);
  return at >= 0 ? file.slice(at + marker.length).split(sep).join('/') : file;
}

/**
 * Bundles one app inside `consumer` and measures it.
 * @throws when esbuild reports an error (e.g. a Node built-in that a browser build cannot resolve)
 */
export async function bundleApp(app: SizeApp, consumer: ConsumerDir): Promise<BundleResult> {
  const appDir = join(consumer.dir, 'apps', app.id);
  mkdirSync(appDir, { recursive: true });
  const entryFile = join(appDir, 'index.js');
  writeFileSync(entryFile, appSource(app));
  const outdir = join(appDir, 'out');
  const result = await build({ ...ESBUILD_OPTIONS, entryPoints: [entryFile], absWorkingDir: consumer.dir, outdir });
  const outputs = result.metafile.outputs;
  const entryOutput = Object.keys(outputs).find((k) => outputs[k]?.entryPoint !== undefined && resolve(consumer.dir, outputs[k].entryPoint) === entryFile);
  if (!entryOutput) throw new Error(`esbuild wrote nothing for ${app.id}`);
  // The up-front chunks: the entry and the closure of its static imports.
  const upFront = new Set<string>();
  const visit = (name: string) => {
    if (upFront.has(name) || !outputs[name]) return;
    upFront.add(name);
    for (const i of outputs[name].imports) if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  visit(entryOutput);
  const contents = new Map(result.outputFiles.filter((f) => f.path.endsWith('.js')).map((f) => [resolve(f.path), f.contents]));
  const bytesOf = (name: string) => contents.get(resolve(consumer.dir, name)) ?? new Uint8Array();
  const gz = (names: Iterable<string>) => [...names].reduce((sum, n) => sum + gzipSync(bytesOf(n), { level: 9 }).byteLength, 0);
  const chunks = Object.keys(outputs).filter((k) => k.endsWith('.js'));
  const byPackage = new Map<string, number>();
  const inputs: string[] = [];
  for (const name of chunks) {
    for (const [input, { bytesInOutput }] of Object.entries(outputs[name]?.inputs ?? {})) {
      const file = resolve(consumer.dir, input);
      inputs.push(file);
      if (file === entryFile || !upFront.has(name)) continue;
      byPackage.set(packageOf(file), (byPackage.get(packageOf(file)) ?? 0) + bytesInOutput);
    }
  }
  const imported = result.metafile.inputs[Object.keys(result.metafile.inputs).find((k) => resolve(consumer.dir, k) === entryFile) ?? '']?.imports[0]?.path;
  return {
    app,
    minifiedBytes: [...upFront].reduce((sum, n) => sum + bytesOf(n).byteLength, 0),
    gzipBytes: gz(upFront),
    budget: app.sdk === 'authing-ts' ? BUDGETS[app.client] : undefined,
    totalGzipBytes: gz(chunks),
    totalBudget: app.sdk === 'authing-ts' ? TOTAL_BUDGETS[app.client] : undefined,
    lazyChunks: chunks.length - upFront.size,
    contributors: [...byPackage].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes),
    inputs,
    entry: imported ? inPackage(resolve(consumer.dir, imported)) : '?',
    warnings: result.warnings.map((w) => w.text),
  };
}

/** Bundles every app of {@link SIZE_APPS} (or the given ones) in one throwaway consumer directory. */
export async function bundleAll(apps: readonly SizeApp[] = SIZE_APPS): Promise<BundleResult[]> {
  const consumer = createConsumerDir();
  try {
    const results: BundleResult[] = [];
    for (const app of apps) results.push(await bundleApp(app, consumer));
    return results;
  } finally {
    consumer.dispose();
  }
}

/** `12.3 KB` with 1 KB = 1000 B, the unit of the budgets. */
export function kb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} KB`;
}

/** One line per package, e.g. `graphql 44.0 KB, authing-ts dist/ 23.8 KB` (minified, before gzip). */
export function describeContributors(result: BundleResult, top = 6): string {
  return result.contributors
    .slice(0, top)
    .map((c) => `${c.name} ${kb(c.bytes)}`)
    .join(', ');
}
