/**
 * The BUILT authing-ts as a consumer sees it: where its export targets are, whether dist/ is there
 * and newer than src/, and a throwaway consumer directory whose node_modules link to this repo
 * (authing-ts) and to the official authing-js-sdk. Shared by the bench and the size-budget test.
 *
 * Nothing here reads src/ except for the staleness check: consumers resolve through the
 * `exports` map of package.json, exactly as Node and bundlers do.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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
 */
export function exportTarget(subpath: Subpath, conditions: readonly string[] = ['node', 'import']): string {
  const pkg = readJson(join(REPO_ROOT, 'package.json')) as { exports?: Record<string, ExportsNode> };
  const entry = pkg.exports?.[subpath];
  const target = entry === undefined ? undefined : pickTarget(entry, conditions);
  if (!target) throw new Error(`package.json exports has no target for ${subpath} (conditions ${conditions.join(', ')})`);
  return resolve(REPO_ROOT, target);
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
  /** Removes the directory (the links, never what they point to). */
  dispose(): void;
}

/**
 * Creates `<tmp>/authing-ts-consumer-XXXX/` with `node_modules/authing-ts` → the repo root and
 * `node_modules/authing-js-sdk` → the installed official SDK. Both resolve their own dependencies
 * from the repo's node_modules (Node and esbuild follow the links to the real paths).
 */
export function createConsumerDir(): ConsumerDir {
  const official = realpathSync(join(REPO_ROOT, 'node_modules', OFFICIAL_SDK));
  const dir = mkdtempSync(join(tmpdir(), 'authing-ts-consumer-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(REPO_ROOT, join(dir, 'node_modules', 'authing-ts'), 'dir');
  symlinkSync(official, join(dir, 'node_modules', OFFICIAL_SDK), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The official SDK's version as installed (the comparisons name it). */
export function officialVersion(): string {
  return (readJson(join(REPO_ROOT, 'node_modules', OFFICIAL_SDK, 'package.json')) as { version: string }).version;
}
