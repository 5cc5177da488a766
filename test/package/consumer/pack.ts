/**
 * Packing and installing, as a release does it: `npm pack` (which runs `prepare`, the build) and
 * `npm install <tarball>` into an app that has nothing else of this repository.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runOk } from './exec.js';

export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** Tools used from the repository's own install; the packages under test never are. */
export const TOOLS = {
  tsc: join(REPO_ROOT, 'node_modules/typescript/bin/tsc'),
  attw: join(REPO_ROOT, 'node_modules/@arethetypeswrong/cli/dist/index.js'),
};

export interface Tarballs {
  'authing-ts': string;
  'authing-local': string;
}

/** What is never copied into the staging checkout: installs, build output, local data. */
const NOT_STAGED = new Set(['node_modules', 'dist', '.git', 'coverage', '.authing-local']);

/**
 * Packs both packages. The build runs in a copy of the working tree (sources as they are now,
 * no dist/), never in the repository itself: `prepare` cleans and rewrites dist/, which other
 * test files (publint, size budgets) and other people's builds read at the same time. The copy
 * shares the repository's node_modules, so the build uses the same tools as `npm run build`.
 *
 * `npm pack` at the root runs `prepare` (= `npm run build`: tsup, then the authing-local build);
 * `npm pack -w authing-local` then has no script to run and packs what that build left.
 */
export async function packBoth(workDir: string): Promise<Tarballs> {
  const stage = join(workDir, 'stage');
  const out = join(workDir, 'tarballs');
  mkdirSync(out, { recursive: true });
  cpSync(REPO_ROOT, stage, {
    recursive: true,
    filter: (source) => !NOT_STAGED.has(basename(source)) && !/\.db(-journal)?$/.test(source),
  });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(stage, 'node_modules'), 'dir');
  await runOk('npm', ['pack', '--pack-destination', out], { cwd: stage, timeoutMs: 200_000 });
  await runOk('npm', ['pack', '-w', 'authing-local', '--pack-destination', out], { cwd: stage, timeoutMs: 60_000 });
  return { 'authing-ts': findTarball(out, 'authing-ts'), 'authing-local': findTarball(out, 'authing-local') };
}

/** Tarballs packed earlier (AUTHING_CONSUMER_TARBALLS=dir): to test a given build, or skip the build. */
export function existingTarballs(dir: string): Tarballs {
  return { 'authing-ts': findTarball(dir, 'authing-ts'), 'authing-local': findTarball(dir, 'authing-local') };
}

function findTarball(dir: string, name: string): string {
  const found = readdirSync(dir).filter((f) => new RegExp(`^${name}-\\d+\\.\\d+\\.\\d+.*\\.tgz$`).test(f));
  if (found.length !== 1) throw new Error(`expected one ${name} tarball in ${dir}, found ${JSON.stringify(found)}`);
  return join(dir, found[0]!);
}

/** The paths in a tarball, without npm's `package/` prefix. */
export async function listTarball(tarball: string): Promise<string[]> {
  const { stdout } = await runOk('tar', ['-tzf', tarball], { cwd: REPO_ROOT });
  return stdout
    .split('\n')
    .filter((line) => line && !line.endsWith('/'))
    .map((line) => line.replace(/^package\//, ''))
    .sort();
}

/** Extracts a tarball into `dir` (npm's `package/` prefix dropped), to read its files. */
export async function unpack(tarball: string, dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  await runOk('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1'], { cwd: REPO_ROOT });
  return dir;
}

/**
 * A throw-away app with both tarballs installed (and @types/node at the repository's version,
 * for the Node TypeScript app). `--prefer-offline` takes dependencies from the npm cache the
 * repository's own install filled; whatever is missing comes from the registry.
 */
export async function createApp(appDir: string, tarballs: Tarballs): Promise<void> {
  mkdirSync(appDir, { recursive: true });
  writeFileSync(join(appDir, 'package.json'), `${JSON.stringify({ name: 'consumer-app', version: '0.0.0', private: true }, null, 2)}\n`);
  const typesNode = JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules/@types/node/package.json'), 'utf8')) as { version: string };
  await runOk(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarballs['authing-ts'], tarballs['authing-local'], `@types/node@${typesNode.version}`],
    { cwd: appDir, timeoutMs: 180_000 },
  );
  for (const name of ['authing-ts', 'authing-local']) {
    if (!existsSync(join(appDir, 'node_modules', name, 'package.json'))) throw new Error(`${name} is not installed in ${appDir}`);
  }
}

/** Writes files (path relative to the app → content) into the app. */
export function writeFiles(appDir: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    const target = join(appDir, path);
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(target, content);
  }
}

/** Copies the app sources kept in ./apps into the app. */
export function copyApps(appDir: string): void {
  cpSync(fileURLToPath(new URL('./apps', import.meta.url)), appDir, { recursive: true });
}
