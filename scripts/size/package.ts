/**
 * The BUILT authing-ts as a consumer sees it: where its export targets are, whether dist/ is there
 * and newer than src/, and a throwaway consumer directory with a snapshot of the built package
 * (and links to its dependencies and to the official authing-js-sdk) in its node_modules.
 * Shared by the bench and the size-budget test.
 *
 * Nothing here reads src/ except for the staleness check: consumers resolve through the
 * `exports` map of package.json, exactly as Node and bundlers do.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the authing-ts package itself. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The official SDK everything is compared with (a devDependency). */
export const OFFICIAL_SDK = 'authing-js-sdk';

/** The public subpaths of authing-ts that carry code. */
export const SUBPATHS = ['.', './management', './authentication', './errors'] as const;
export type Subpath = (typeof SUBPATHS)[number];

type ExportsNode = string | null | ExportsNode[] | { [condition: string]: ExportsNode };

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Picks the target of one exports entry for a set of conditions, in the map's key order (as Node does). */
function pickTarget(node: ExportsNode, conditions: readonly string[]): string | undefined {
  if (typeof node === 'string') return node;
  if (node === null) return undefined;
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = pickTarget(item, conditions);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'default' || conditions.includes(key)) {
      const found = pickTarget(value, conditions);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * The absolute file an `import` of `authing-ts<subpath>` loads, from package.json `exports`.
 * @param subpath - `'.'`, `'./management'`, ...
 * @param conditions - export conditions besides `default`; Node's ESM loader uses `node`, `import`
 * @param root - the package directory: the repo, or a {@link ConsumerDir}'s snapshot
 */
export function exportTarget(subpath: Subpath, conditions: readonly string[] = ['node', 'import'], root = REPO_ROOT): string {
  const pkg = readJson(join(root, 'package.json')) as { exports?: Record<string, ExportsNode> };
  const entry = pkg.exports?.[subpath];
  const target = entry === undefined ? undefined : pickTarget(entry, conditions);
  if (!target) throw new Error(`package.json exports has no target for ${subpath} (conditions ${conditions.join(', ')})`);
  return resolve(root, target);
}

function newestMtime(dir: string): { file: string; mtimeMs: number } {
  let newest = { file: dir, mtimeMs: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const candidate = entry.isDirectory() ? newestMtime(path) : { file: path, mtimeMs: statSync(path).mtimeMs };
    if (candidate.mtimeMs > newest.mtimeMs) newest = candidate;
  }
  return newest;
}

/** Whether the built package is there, and whether src/ changed after it was built. */
export interface BuildState {
  /** Export targets (ESM and CJS) that do not exist. */
  missing: string[];
  /** Set when a file under src/ is newer than the oldest export target. */
  stale?: { newestSource: string; byMs: number };
}

export function buildState(): BuildState {
  const targets = SUBPATHS.flatMap((s) => [exportTarget(s, ['node', 'import']), exportTarget(s, ['node', 'require'])]);
  const missing = targets.filter((t) => !existsSync(t));
  if (missing.length > 0) return { missing };
  const oldestBuilt = Math.min(...targets.map((t) => statSync(t).mtimeMs));
  const source = newestMtime(join(REPO_ROOT, 'src'));
  return source.mtimeMs > oldestBuilt ? { missing, stale: { newestSource: source.file, byMs: source.mtimeMs - oldestBuilt } } : { missing };
}

/** One line for humans: empty when the build is complete and fresh. */
export function describeBuildState(state: BuildState): string {
  if (state.missing.length > 0) return `authing-ts is not built (missing ${state.missing.map((m) => m.slice(REPO_ROOT.length)).join(', ')}): run npm run build`;
  if (state.stale) return `dist/ is older than ${state.stale.newestSource.slice(REPO_ROOT.length)} by ${Math.round(state.stale.byMs / 1000)} s: the numbers are for the last build; run npm run build`;
  return '';
}

/** A directory that depends on authing-ts and authing-js-sdk as an app would. */
export interface ConsumerDir {
  readonly dir: string;
  /** `<dir>/node_modules/authing-ts`: the snapshot of the built package. */
  readonly packageRoot: string;
  /** Removes the directory (the snapshot and the links, never what the links point to). */
  dispose(): void;
}

function distListing(): string {
  const dist = join(REPO_ROOT, 'dist');
  if (!existsSync(dist)) return '';
  return readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const file = join(e.parentPath, e.name);
      const { size, mtimeMs } = statSync(file);
      return `${file}:${size}:${mtimeMs}`;
    })
    .sort()
    .join('\n');
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

const SNAPSHOT_ATTEMPTS = 12;
const SNAPSHOT_RETRY_MS = 5_000;

/**
 * Copies package.json and dist/ (without source maps, which the package does not ship) to
 * `target`, as `npm install` would place them. Retries while dist/ is incomplete or changes
 * during the copy: a build running elsewhere (tsup empties dist/ first) must not be measured.
 */
function snapshotPackage(target: string): void {
  for (let attempt = 1; ; attempt++) {
    const before = distListing();
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    cpSync(join(REPO_ROOT, 'package.json'), join(target, 'package.json'));
    if (before) cpSync(join(REPO_ROOT, 'dist'), join(target, 'dist'), { recursive: true, filter: (src) => !src.endsWith('.map') });
    const complete = SUBPATHS.every((s) => existsSync(exportTarget(s, ['node', 'import'], target)) && existsSync(exportTarget(s, ['node', 'require'], target)));
    if (complete && before === distListing()) return;
    if (attempt >= SNAPSHOT_ATTEMPTS) {
      const why = describeBuildState(buildState()) || 'dist/ kept changing while it was copied (is a build running?)';
      throw new Error(`could not snapshot the built authing-ts after ${attempt} attempts: ${why}`);
    }
    sleepSync(SNAPSHOT_RETRY_MS);
  }
}

function link(from: string, name: string, nodeModules: string): void {
  const to = join(nodeModules, name);
  mkdirSync(dirname(to), { recursive: true });
  symlinkSync(realpathSync(from), to, 'dir');
}

/**
 * Creates `<tmp>/authing-ts-consumer-XXXX/` with `node_modules/authing-ts` a snapshot of the
 * built package (package.json + dist/), its `dependencies` and authing-js-sdk linked to the
 * repo's installed copies. Only declared dependencies are reachable from authing-ts, as after
 * `npm install authing-ts`; the linked packages resolve their own dependencies from their real
 * paths in the repo's node_modules.
 */
export function createConsumerDir(): ConsumerDir {
  const dir = mkdtempSync(join(tmpdir(), 'authing-ts-consumer-'));
  try {
    const nodeModules = join(dir, 'node_modules');
    const packageRoot = join(nodeModules, 'authing-ts');
    snapshotPackage(packageRoot);
    const { dependencies = {} } = readJson(join(packageRoot, 'package.json')) as { dependencies?: Record<string, string> };
    for (const name of [...Object.keys(dependencies), OFFICIAL_SDK]) link(join(REPO_ROOT, 'node_modules', name), name, nodeModules);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2));
    return { dir, packageRoot, dispose: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The official SDK's version as installed (the comparisons name it). */
export function officialVersion(): string {
  return (readJson(join(REPO_ROOT, 'node_modules', OFFICIAL_SDK, 'package.json')) as { version: string }).version;
}
