import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'authing-local-cli-'));
const children: ChildProcess[] = [];

interface Info {
  url: string;
  userPoolId: string;
  secret: string;
  appId: string;
  appSecret: string;
  publicKey: string;
}

function start(args: string[]): Promise<{ info: Info; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => reject(new Error(`authing-local exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ info: JSON.parse(line) as Info, child }));
  });
}

const stop = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });

async function gql(info: Info, query: string, variables: object, token?: string) {
  const res = await fetch(`${info.url}/graphql/v2`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data: Record<string, any>; errors?: unknown[] };
}

const tokenOf = async (info: Info) =>
  (await gql(info, 'query t($u: String!, $s: String!) { accessToken(userPoolId: $u, secret: $s) { accessToken } }', { u: info.userPoolId, s: info.secret }))
    .data.accessToken.accessToken as string;

afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('npx authing-local', () => {
  it('prints one JSON line with the credentials, and a restart on the same file keeps everything', async () => {
    const db = join(dir, 'nested', 'data.db');
    const first = await start(['--port', '0', '--db', db, '--json']);
    expect(Object.keys(first.info).sort()).toEqual(['appId', 'appSecret', 'publicKey', 'secret', 'url', 'userPoolId']);
    expect(first.info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.info.publicKey).toContain('BEGIN PUBLIC KEY');
    const created = await gql(first.info, 'mutation { createUser(userInfo: {username: "persisted", password: "pw-123456"}) { id } }', {}, await tokenOf(first.info));
    const id = created.data.createUser.id as string;
    expect(await stop(first.child)).toBe(0);

    const second = await start(['--port', '0', '--db', db, '--json']);
    expect({ ...second.info, url: '' }).toEqual({ ...first.info, url: '' });
    const found = await gql(second.info, 'query u($id: String) { user(id: $id) { id username password } }', { id }, await tokenOf(second.info));
    expect(found.data.user).toEqual({ id, username: 'persisted', password: null });
    expect(await stop(second.child)).toBe(0);
  });

  it('rejects a bad --port with a clear message and exit code 2', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', 'abc'], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('--port must be an integer');
  });
});
