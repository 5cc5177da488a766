/** A real browser for the consumer suite: Debian's Chromium driven by playwright-core. */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { userEnv } from './exec.js';

export const CHROMIUM = '/usr/bin/chromium';

/** Fails (never skips) without Chromium: the browser case is part of the contract. */
export function assertChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing, so the browser bundle cannot be run. Install Debian's Chromium: ` +
        'apt-get update && apt-get install -y --no-install-recommends chromium (.ci/run does this).',
    );
  }
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

/** Serves the files of `dir` on 127.0.0.1 (a free port): the page's origin. */
export async function serveStatic(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface LocalAuthingInfo {
  url: string;
  userPoolId: string;
  secret: string;
  appId: string;
}

/** Starts the installed `authing-local` bin (`--port 0 --db :memory: --json`) and reads its JSON line. */
export async function startAuthingLocalBin(appDir: string, db = ':memory:'): Promise<{ info: LocalAuthingInfo; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [join(appDir, 'node_modules/.bin/authing-local'), '--port', '0', '--db', db, '--json'], {
    cwd: appDir,
    env: userEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  try {
    const info = await new Promise<LocalAuthingInfo>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`authing-local printed no JSON line in 20 s\n${stdout}\n${stderr}`)), 20_000);
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        const line = stdout.split('\n').find((l) => l.startsWith('{'));
        if (line && stdout.includes('\n')) {
          clearTimeout(timer);
          resolve(JSON.parse(line) as LocalAuthingInfo);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`authing-local exited (${code}) before it was ready\n${stdout}\n${stderr}`));
      });
    });
    return { info, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface PageRun {
  /** What the page put in `window.__result`, or undefined when it never did. */
  result: unknown;
  /** Console messages, page errors and failed requests: the browser's own account. */
  log: string[];
}

/** Opens `url` in headless Chromium and waits for the page to set `window.__result`. */
export async function runPage(url: string, timeoutMs = 20_000): Promise<PageRun> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const log: string[] = [];
  try {
    const page = await browser.newPage();
    page.on('console', (m) => log.push(`console.${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => log.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => log.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`));
    await page.goto(url);
    const result = await page
      .waitForFunction(() => (window as unknown as { __result?: unknown }).__result, undefined, { timeout: timeoutMs })
      .then((handle) => handle.jsonValue())
      .catch((error: unknown) => {
        log.push(`no result: ${String(error)}`);
        return undefined;
      });
    return { result, log };
  } finally {
    await browser.close();
  }
}
