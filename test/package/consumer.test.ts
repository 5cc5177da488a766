/**
 * authing-ts and authing-local as users get them: packed with `npm pack`, installed from the
 * tarballs into a throw-away app under the OS temp dir, and used there by child processes (node,
 * tsc, attw, esbuild, Chromium). Nothing here goes through vitest's alias of authing-ts to src/;
 * the packages under test come from the tarballs only (the tools come from this repository).
 *
 * AUTHING_CONSUMER_TARBALLS=<dir> tests the two tarballs in <dir> instead of packing;
 * AUTHING_CONSUMER_KEEP=1 keeps the temp dir (its path is printed) to poke at the app.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { assertChromium, runPage, serveStatic, startAuthingLocalBin } from './consumer/browser.js';
import { compareExports, declaredExports, type DeclaredEntry, type Format, type RuntimeExports } from './consumer/declared-exports.js';
import { describeRun, resultLine, run, type RunResult } from './consumer/exec.js';
import { copyApps, createApp, existingTarballs, listTarball, packBoth, TOOLS, unpack, writeFiles, type Tarballs } from './consumer/pack.js';
import { brokenReadmeLinks, danglingSourceMaps, excludedButPacked, referencedFiles, unpublishable, type PackageJson } from './consumer/tarball.js';
import { TS_APPS, type TsAppName } from './consumer/ts-apps.js';

/** The published entry points: specifier → file name in dist/. */
const ENTRIES = {
  'authing-ts': 'index',
  'authing-ts/management': 'management',
  'authing-ts/authentication': 'authentication',
  'authing-ts/errors': 'errors',
} as const;
const SPECIFIERS = Object.keys(ENTRIES) as Array<keyof typeof ENTRIES>;
// Most tests await a child process started in beforeAll (node, tsc, attw run side by side); on a
// busy CI machine they share few CPUs, so the default 30 s per test is too tight for this file.
vi.setConfig({ testTimeout: 150_000 });

/**
 * attw per package. --no-definitely-typed: both ship their own types, so no @types lookup.
 * authing-ts: the strict profile, because all four resolutions apply to a dual package: node10
 * (moduleResolution "node", still TypeScript's default for module "commonjs"), node16 from CJS,
 * node16 from ESM, bundler. authing-local: ESM-only by design (its README starts it with
 * `import`; CommonJS apps use import(), as cjs-app.cjs does), so node10 and node16-cjs are moot.
 */
const ATTW = {
  'authing-ts': { args: ['--format', 'json', '--no-definitely-typed'], ignoredResolutions: [] as string[] },
  'authing-local': { args: ['--format', 'json', '--no-definitely-typed', '--profile', 'esm-only'], ignoredResolutions: ['node10', 'node16-cjs'] },
};

interface NodeAppResult {
  resolved: Record<string, string>;
  exports: RuntimeExports;
  oneAuthingErrorClass: boolean;
  areaClasses: Record<string, boolean | string>;
  createdUsername: string;
  allowed: boolean;
  deleteAllowed?: boolean;
  loggedInUsername: string;
  gotToken: boolean;
  wrongPassword?: { isAuthingError: boolean; name: string; code: number; statusCode?: number; message: string };
}

/** The temp dir: stage/ (the build), tarballs/, app/ (the throw-away app). */
let work: string;
let app: string;
let tarballs: Tarballs;
const contents = {} as Record<keyof Tarballs, string[]>;
const packed = {} as Record<keyof Tarballs, PackageJson>;
/** Where each tarball is extracted; `packedFile(name, path)` reads one of its files. */
const unpacked = {} as Record<keyof Tarballs, string>;
const packedFile = (name: keyof Tarballs, path: string) => readFileSync(join(unpacked[name], path), 'utf8');
/** Independent child processes, started as soon as the app is installed and awaited by the tests. */
const started = {} as {
  esm: Promise<RunResult>;
  cjs: Promise<RunResult>;
  tsc: Record<TsAppName, Promise<RunResult>>;
  attw: Record<keyof Tarballs, Promise<RunResult>>;
};
let declared: Record<Format, Record<string, DeclaredEntry>> | undefined;
const declarations = () => (declared ??= declaredExports(app, SPECIFIERS));

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'authing-consumer-'));
  app = join(work, 'app');
  const given = process.env.AUTHING_CONSUMER_TARBALLS;
  tarballs = given ? existingTarballs(given) : await packBoth(work);
  for (const name of ['authing-ts', 'authing-local'] as const) {
    contents[name] = await listTarball(tarballs[name]);
    unpacked[name] = await unpack(tarballs[name], join(work, 'unpacked', name));
    packed[name] = JSON.parse(packedFile(name, 'package.json')) as PackageJson;
  }
  await createApp(app, tarballs);
  copyApps(app);
  writeFiles(app, { ...TS_APPS.node16, ...TS_APPS.bundler });

  const node = (args: string[], timeoutMs = 120_000) => run(process.execPath, args, { cwd: app, timeoutMs });
  started.esm = node(['esm-app.mjs']);
  started.cjs = node(['cjs-app.cjs']);
  started.tsc = {
    node16: node([TOOLS.tsc, '-p', 'tsconfig.node16.json', '--pretty', 'false']),
    bundler: node([TOOLS.tsc, '-p', 'tsconfig.bundler.json', '--pretty', 'false']),
  };
  started.attw = {
    'authing-ts': node([TOOLS.attw, ...ATTW['authing-ts'].args, tarballs['authing-ts']]),
    'authing-local': node([TOOLS.attw, ...ATTW['authing-local'].args, tarballs['authing-local']]),
  };
}, 240_000);

afterAll(async () => {
  // Let stray children finish before their directory goes away.
  await Promise.allSettled([started.esm, started.cjs, ...Object.values(started.tsc ?? {}), ...Object.values(started.attw ?? {})]);
  if (!work) return;
  if (process.env.AUTHING_CONSUMER_KEEP) console.log(`[consumer] kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}, 120_000);

describe('the authing-ts tarball', () => {
  it('has every entry point (index, management, authentication, errors) as ESM, CommonJS, .d.ts and .d.cts', () => {
    const expected = Object.values(ENTRIES).flatMap((f) => ['js', 'cjs', 'd.ts', 'd.cts'].map((ext) => `dist/${f}.${ext}`));
    expect(expected.filter((p) => !contents['authing-ts'].includes(p))).toEqual([]);
  });

  it('has every file its package.json points at (main, types, exports)', () => {
    const referenced = referencedFiles(packed['authing-ts']);
    expect(referenced).toContain('dist/management.d.cts');
    expect(referenced.filter((p) => !contents['authing-ts'].includes(p))).toEqual([]);
  });

  it('ships README.md, LICENSE and package.json, as its "files" promises', () => {
    expect(['README.md', 'LICENSE', 'package.json'].filter((p) => !contents['authing-ts'].includes(p))).toEqual([]);
  });

  it('ships no sources, tests or configs, and none of what "files" excludes (source maps)', () => {
    expect(unpublishable(contents['authing-ts'])).toEqual([]);
    expect(excludedButPacked(packed['authing-ts'], contents['authing-ts'])).toEqual([]);
  });

  it('has no JS that points at a source map it does not ship (bundlers and devtools warn about each)', () => {
    const js = contents['authing-ts'].filter((p) => /\.[cm]?js$/.test(p));
    const texts = Object.fromEntries(js.map((p) => [p, packedFile('authing-ts', p)]));
    expect(danglingSourceMaps(texts, contents['authing-ts'])).toEqual([]);
  });

  it('has a README for people installing the package, not the repository quickstart', () => {
    const readme = packedFile('authing-ts', 'README.md');
    // The repository README starts with `npm install && npm run demo` (clone, install, demo):
    // commands that do nothing useful in an app that installed authing-ts from npm.
    expect(readme, 'the tarball README is the repository README').not.toMatch(/^# authing-ts\s+```sh\s+npm install && npm run demo/);
    expect(readme).not.toMatch(/npm run demo/);
    expect(readme, 'the tarball README says how to install the package').toMatch(/(npm (install|i)|pnpm add|yarn add) authing-ts\b/);
  });

  it('has a README whose relative links work on npm (they point into the package)', () => {
    const readme = packedFile('authing-ts', 'README.md');
    expect(brokenReadmeLinks(readme, contents['authing-ts'])).toEqual([]);
  });
});

describe('the authing-local tarball', () => {
  it('has the library, the CLI and its bin, README.md and ERRORS.md', () => {
    const expected = ['dist/index.js', 'dist/index.d.ts', 'dist/cli.js', 'bin/authing-local.js', 'README.md', 'ERRORS.md', 'package.json'];
    expect(expected.filter((p) => !contents['authing-local'].includes(p))).toEqual([]);
    expect(referencedFiles(packed['authing-local']).filter((p) => !contents['authing-local'].includes(p))).toEqual([]);
  });

  it('ships no sources, tests or configs', () => {
    expect(unpublishable(contents['authing-local'])).toEqual([]);
    expect(excludedButPacked(packed['authing-local'], contents['authing-local'])).toEqual([]);
  });

  it('has a README whose relative links work on npm (they point into the package)', () => {
    const readme = packedFile('authing-local', 'README.md');
    expect(brokenReadmeLinks(readme, contents['authing-local'])).toEqual([]);
  });
});

describe.each([
  ['Node ESM app (import)', 'esm', 'import', 'js'],
  ['Node CommonJS app (require)', 'cjs', 'require', 'cjs'],
] as const)('%s', (_title, key, format, jsExt) => {
  const result = async () => resultLine<NodeAppResult>(await started[key]);

  it(`loads every entry point from dist/*.${jsExt}`, async () => {
    const r = await result();
    expect(r.resolved).toEqual(Object.fromEntries(SPECIFIERS.map((s) => [s, `node_modules/authing-ts/dist/${ENTRIES[s]}.${jsExt}`])));
  });

  it('creates a user, grants and checks a permission, and logs in against authing-local', async () => {
    const r = await result();
    expect(r).toMatchObject({ allowed: true, gotToken: true });
    expect(r.loggedInUsername).toBe(r.createdUsername);
    if (key === 'esm') expect(r.deleteAllowed).toBe(false);
  });

  it('gets a wrong password as an AuthingError with code 2333', async () => {
    const r = await result();
    expect(r.wrongPassword).toMatchObject({ isAuthingError: true, name: 'AuthingApiError', code: 2333, statusCode: 200 });
  });

  it('has one AuthingError class, whichever entry point it comes from', async () => {
    const r = await result();
    expect(r.oneAuthingErrorClass).toBe(true);
    expect(r.wrongPassword).toMatchObject(key === 'esm' ? { isErrorsEntryAuthingError: true } : { isRootAuthingError: true });
  });

  it('exports the area classes (UsersClient, RolesClient, GroupsClient, OrgClient, AclClient) that `instanceof` works with', async () => {
    const r = await result();
    expect(r.areaClasses).toEqual({ UsersClient: true, RolesClient: true, GroupsClient: true, OrgClient: true, AclClient: true });
  });

  it(`resolves the types of every entry point to dist/*.${format === 'import' ? 'd.ts' : 'd.cts'}`, () => {
    const entries = declarations()[format];
    const dts = format === 'import' ? 'd.ts' : 'd.cts';
    expect(Object.fromEntries(SPECIFIERS.map((s) => [s, entries[s]?.resolvedFileName?.slice(app.length + 1)]))).toEqual(
      Object.fromEntries(SPECIFIERS.map((s) => [s, `node_modules/authing-ts/dist/${ENTRIES[s]}.${dts}`])),
    );
    expect(entries['authing-ts']?.diagnostics).toEqual([]);
  });

  it(`has at run time every value its ${format === 'import' ? '.d.ts' : '.d.cts'} files export, and nothing they do not (no import that type-checks and then fails)`, async () => {
    const r = await result();
    const entries = declarations()[format];
    for (const s of SPECIFIERS) expect(entries[s]?.exports.length, `${s} declares no exports`).toBeGreaterThan(0);
    expect(compareExports(entries, r.exports)).toEqual({});
  });
});

describe('the installed authing-local on PostgreSQL', () => {
  it('keeps its pool and users in PostgreSQL across a restart, with pg from its own dependencies', async () => {
    const url = new URL(inject('postgresUrl'));
    url.searchParams.set('schema', `consumer_${process.pid}`);
    const graphql = async (base: string, query: string, token?: string) => {
      const r = await fetch(`${base}/graphql/v2`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query }),
      });
      return (await r.json()) as { data?: Record<string, never>; errors?: unknown[] };
    };
    const tokenOf = async (info: { url: string; userPoolId: string; secret: string }) =>
      ((await graphql(info.url, `{ accessToken(userPoolId: "${info.userPoolId}", secret: "${info.secret}") { accessToken } }`)).data as unknown as { accessToken: { accessToken: string } })
        .accessToken.accessToken;
    const first = await startAuthingLocalBin(app, url.toString());
    try {
      const created = await graphql(first.info.url, 'mutation { createUser(userInfo: { username: "kept-in-pg", password: "s3cret-passw0rd" }) { username } }', await tokenOf(first.info));
      expect(created).toEqual({ data: { createUser: { username: 'kept-in-pg' } } });
    } finally {
      await first.stop();
    }
    const second = await startAuthingLocalBin(app, url.toString());
    try {
      expect(second.info.userPoolId).toBe(first.info.userPoolId);
      const listed = await graphql(second.info.url, '{ users(page: 1, limit: 10) { totalCount list { username } } }', await tokenOf(second.info));
      expect(listed).toEqual({ data: { users: { totalCount: 1, list: [{ username: 'kept-in-pg' }] } } });
    } finally {
      await second.stop();
    }
  });
});

describe('TypeScript apps (strict, skipLibCheck false) type-check against the installed declarations', () => {
  it.each([
    ['module node16: an ESM .mts server and a CommonJS .cts worker, Node types, no DOM', 'node16'],
    ['moduleResolution bundler: a browser app with the DOM lib and no Node types', 'bundler'],
  ] as const)('%s', async (_title, name) => {
    const r = await started.tsc[name];
    expect(`${r.stdout}${r.stderr}`.trim(), describeRun(r)).toBe('');
    expect(r.code, describeRun(r)).toBe(0);
  });
});

describe('Are the Types Wrong?', () => {
  it.each([['authing-ts'], ['authing-local']] as const)('finds no problem in the %s tarball', async (name) => {
    const r = await started.attw[name];
    const status = `$ ${r.command}\nexit ${r.code}${r.error ? ` (${r.error})` : ''}\n${r.stderr}`;
    let report: { problems?: Record<string, Array<{ resolutionKind?: string }>> };
    try {
      report = JSON.parse(r.stdout) as typeof report;
    } catch {
      throw new Error(`attw printed no JSON report\n${describeRun(r)}`);
    }
    // The JSON report lists every problem; the exit code honours --profile. Filter the same way.
    const problems = Object.fromEntries(
      Object.entries(report.problems ?? {})
        .map(([kind, list]) => [kind, list.filter((p) => !ATTW[name].ignoredResolutions.includes(p.resolutionKind ?? ''))] as const)
        .filter(([, list]) => list.length > 0),
    );
    expect(problems, status).toEqual({});
    expect(r.code, status).toBe(0);
  });
});

describe('a browser app bundled from the installed package', () => {
  const bundle = (external: string[] = []) =>
    build({
      absWorkingDir: app,
      entryPoints: ['browser/main.js'],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      external,
      write: false,
      metafile: true,
      logLevel: 'silent',
      outfile: 'browser/app.js',
    });

  it('bundles authing-ts/authentication for browsers with no require() and no node: imports', async () => {
    const result = await bundle();
    expect(result.warnings.map((w) => w.text)).toEqual([]);
    const text = result.outputFiles[0]!.text;
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((p) => p.startsWith('node_modules/authing-ts/dist/authentication.js'))).toBe(true);
    expect(inputs.filter((p) => /^node_modules\/authing-ts\/(?!dist\/(fetch\/)?[^/]+\.js$)/.test(p)), 'only the ESM build is bundled').toEqual([]);
    // The `#default-fetch` import resolves to the global fetch in a browser, never to node:http.
    expect(inputs).toContain('node_modules/authing-ts/dist/fetch/default.js');
    expect(inputs).not.toContain('node_modules/authing-ts/dist/fetch/node.js');
    expect(text.match(/\brequire\(/g) ?? []).toEqual([]);
    expect(text.match(/["'`]node:[a-z_/]+["'`]/g) ?? []).toEqual([]);
  });

  it("has no Node globals (process, Buffer, __dirname, require) in authing-ts's own code", async () => {
    // The SDK alone: its dependencies stay external. Whole-bundle `process` mentions come from
    // dependencies' guarded feature checks (openapi-fetch: `typeof process == "object" && …`,
    // graphql: `globalThis.process && …`); the Chromium run below shows they are harmless.
    const installed = JSON.parse(readFileSync(join(app, 'node_modules/authing-ts/package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    const dependencies = Object.keys(installed.dependencies ?? {});
    const result = await bundle(dependencies.flatMap((d) => [d, `${d}/*`]));
    const text = result.outputFiles[0]!.text;
    expect(text.match(/\b(process|Buffer|__dirname|__filename|require)\b|["'`]node:/g) ?? []).toEqual([]);
  });

  it('registers, logs in and gets AuthingError 2333 for a wrong password in Chromium, against authing-local on another origin (CORS)', async () => {
    assertChromium();
    const result = await bundle();
    writeFiles(app, { 'browser/app.js': result.outputFiles[0]!.text });
    const authing = await startAuthingLocalBin(app);
    const site = await serveStatic(join(app, 'browser'));
    try {
      const query = new URLSearchParams({ host: authing.info.url, appId: authing.info.appId, username: 'carol', password: 's3cret-passw0rd' });
      const { result: outcome, log } = await runPage(`${site.url}?${query}`);
      const account = `page result: ${JSON.stringify(outcome)}\nbrowser log:\n${log.join('\n')}`;
      expect(outcome, account).toMatchObject({
        ok: true,
        registeredUsername: 'carol',
        loggedInUsername: 'carol',
        currentUsername: 'carol',
        gotToken: true,
        wrongPassword: { isAuthingError: true, name: 'AuthingApiError', code: 2333 },
      });
    } finally {
      await site.close();
      await authing.stop();
    }
  });
});
