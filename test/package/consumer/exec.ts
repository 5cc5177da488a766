/** Child processes for the consumer suite: commands run the way a user's shell would run them. */
import { spawn, type ChildProcess } from 'node:child_process';

export interface RunResult {
  command: string;
  /** Exit code; null when the process was killed (see `error`). */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the process could not start or ran past its timeout. */
  error?: string;
}

/**
 * The environment of a user's terminal: without what vitest and `npm test` add (NODE_ENV=test,
 * VITEST_*, npm_package_* and npm_lifecycle_* of this repo), which would leak into npm and node.
 */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(VITEST|NODE_ENV$|TEST$|npm_package_|npm_lifecycle_|npm_config_workspaces?$|INIT_CWD$)/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/** Runs a command to completion. Never rejects: failures are in the result, for assertions. */
export function run(command: string, args: string[], options: { cwd: string; timeoutMs?: number; env?: NodeJS.ProcessEnv }): Promise<RunResult> {
  const shown = [command, ...args].join(' ');
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(command, args, { cwd: options.cwd, env: options.env ?? userEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      resolve({ command: shown, code: null, stdout: '', stderr: '', error: String(error) });
      return;
    }
    let stdout = '';
    let stderr = '';
    let error: string | undefined;
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      error = `timed out after ${options.timeoutMs} ms`;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 120_000);
    child.on('error', (e) => (error = String(e)));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ command: shown, code, stdout, stderr, ...(error === undefined ? {} : { error }) });
    });
  });
}

/** The end of a long output, for failure messages. */
export const tail = (text: string, chars = 4000) => (text.length > chars ? `…${text.slice(-chars)}` : text);

/** A one-paragraph account of a command that did not do what was expected. */
export function describeRun(r: RunResult): string {
  return [`$ ${r.command}`, `exit ${r.code}${r.error ? ` (${r.error})` : ''}`, r.stdout && `stdout:\n${tail(r.stdout)}`, r.stderr && `stderr:\n${tail(r.stderr)}`]
    .filter(Boolean)
    .join('\n');
}

/** Runs a command that must succeed; throws with its output otherwise. */
export async function runOk(command: string, args: string[], options: { cwd: string; timeoutMs?: number; env?: NodeJS.ProcessEnv }): Promise<RunResult> {
  const r = await run(command, args, options);
  if (r.code !== 0) throw new Error(describeRun(r));
  return r;
}

/** The last line of stdout that is a JSON object: what the consumer apps print as their result. */
export function resultLine<T>(r: RunResult): T {
  const line = r.stdout
    .split('\n')
    .reverse()
    .find((l) => l.trim().startsWith('{'));
  if (r.code !== 0 || line === undefined) throw new Error(`the app did not print a result\n${describeRun(r)}`);
  return JSON.parse(line) as T;
}
