import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { postgresConfig, postgresTarget } from '../../src/storage/postgres.js';

/**
 * Real authing-local processes for the several-process tests: `node --import tsx server/src/cli.ts
 * --port 0 --db <url> --json`, each read from the one JSON line it prints once it listens, and
 * spoken to over HTTP as the SDKs speak (the server's tests do not depend on the SDK).
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
/** How long a process may take to print its line (tsx transpiles the server on the way). */
const START_TIMEOUT_MS = 30_000;

/** What `--json` prints. */
export interface CliInfo {
  url: string;
  userPoolId: string;
  secret: string;
  appId: string;
  appSecret: string;
  publicKey: string;
}

/** An answer of Authing's error contract: GraphQL `errors[0].message` or a REST body, `{code, message}`. */
export class ApiAnswerError extends Error {
  override name = 'ApiAnswerError' as const;
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ServerProcess {
  info: CliInfo;
  /**
   * A GraphQL operation on this process (in en-US), as the pool's management (its access token)
   * or, with `anonymous`, as an end user of the pool's app; the first error is thrown.
   */
  graphql<T>(query: string, variables?: Record<string, unknown>, as?: 'admin' | 'anonymous'): Promise<T>;
  /** A management REST POST on this process; answers `data`, or throws unless `code` is 200. */
  post<T>(path: string, body: unknown): Promise<T>;
  /** Resolves with the exit signal (or code) once the process has ended. */
  exited: Promise<NodeJS.Signals | number | null>;
  /** Ends the process with `signal` (SIGTERM: it closes its database first) and waits for it. */
  stop(signal?: NodeJS.Signals): Promise<NodeJS.Signals | number | null>;
}

const running = new Set<ChildProcess>();

/** Starts one authing-local process on `db`; fails with its stderr if it exits or stays silent. */
export async function startProcess(db: string): Promise<ServerProcess> {
  const env = { ...process.env };
  delete env.NODE_OPTIONS; // the child loads tsx itself; the runner's loaders are not its business
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', '--db', db, '--json'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve(signal ?? code);
    }),
  );
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4_000)));
  const lines = createInterface({ input: child.stdout! });
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`authing-local printed nothing within ${START_TIMEOUT_MS} ms:\n${stderr}`)), START_TIMEOUT_MS);
    lines.once('line', (first) => {
      clearTimeout(timer);
      resolve(first);
    });
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`authing-local exited (${how}) before listening:\n${stderr}`));
    });
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await exited;
    throw error;
  });
  const info = JSON.parse(line) as CliInfo;
  const headers = { 'content-type': 'application/json', 'x-authing-userpool-id': info.userPoolId, 'x-authing-app-id': info.appId, 'x-authing-lang': 'en-US' };
  let admin = '';
  const graphql = async <T>(query: string, variables: Record<string, unknown> = {}, as: 'admin' | 'anonymous' = 'admin'): Promise<T> => {
    const auth: Record<string, string> = as === 'admin' ? { authorization: `Bearer ${admin}` } : {};
    const res = await fetch(`${info.url}/graphql/v2`, { method: 'POST', headers: { ...headers, ...auth }, body: JSON.stringify({ query, variables }) });
    const answer = (await res.json()) as { data?: T; errors?: Array<{ message: { code: number; message: string } }> };
    const error = answer.errors?.[0]?.message;
    if (error) throw new ApiAnswerError(error.code, error.message);
    return answer.data as T;
  };
  const token = await graphql<{ accessToken: { accessToken: string } }>(
    'query($id: String!, $secret: String!) { accessToken(userPoolId: $id, secret: $secret) { accessToken } }',
    { id: info.userPoolId, secret: info.secret },
    'anonymous',
  );
  admin = token.accessToken.accessToken;
  return {
    info,
    graphql,
    async post<T>(path: string, body: unknown): Promise<T> {
      const res = await fetch(`${info.url}${path}`, { method: 'POST', headers: { ...headers, authorization: `Bearer ${admin}` }, body: JSON.stringify(body) });
      const answer = (await res.json()) as { code: number; message: string; data: T };
      if (answer.code !== 200) throw new ApiAnswerError(answer.code, answer.message);
      return answer.data;
    },
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      const how = await exited;
      clearTimeout(timer);
      return how;
    },
  };
}

/** Ends every process this module started that is still running (for afterAll). */
export async function stopAll(): Promise<void> {
  await Promise.all(
    [...running].map(async (child) => {
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await gone;
      clearTimeout(timer);
    }),
  );
}

/** One `pg` connection to the URL's schema, to read what the processes committed, bypassing them. */
export async function openReader(db: string): Promise<pg.Client> {
  const client = new pg.Client(await postgresConfig(postgresTarget(db)));
  await client.connect();
  return client;
}

/** A small seeded generator (mulberry32), so a failing run can be replayed. */
export function randomSource(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * below);
  };
}
