/**
 * What the hostile-input tests share: a local server with a file database (so the test can read
 * every table while it runs), a management and an end-user token, a raw HTTP client that sends
 * what `fetch` would refuse to (TRACE, bytes that are no UTF-8, broken percent escapes), and the
 * checks every answer must pass.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalAuthing, type LocalAuthing } from 'authing-local';
import { AuthenticationClient } from 'authing-ts';
import Libsql from 'libsql';

export interface HostileServer {
  server: LocalAuthing;
  /** A management token of the server's pool. */
  managementToken: string;
  /** A login token of an end user of the server's pool. */
  userToken: string;
  /** Everything the server reported as unexpected (its `log` option). */
  log: unknown[];
  /** A hash of every row of every table, read from the database file. */
  dbHash(): string;
  /** SQLite's `data_version` as this reader sees it: it moves whenever the server commits a write. */
  dbVersion(): number;
  close(): Promise<void>;
}

/** Starts authing-local on port 0 over a database file in a fresh temp folder, with both tokens. */
export async function startHostileServer(): Promise<HostileServer> {
  const dir = mkdtempSync(join(tmpdir(), 'authing-hostile-'));
  const file = join(dir, 'authing.db');
  const log: unknown[] = [];
  const server = await startLocalAuthing({ port: 0, db: file, log: (e) => log.push(e) });
  const token = await graphql(server, null, 'query($u: String!, $s: String!) { accessToken(userPoolId: $u, secret: $s) { accessToken } }', {
    u: server.userPoolId,
    s: server.secret,
  });
  if (!token.data) throw new Error(JSON.stringify(token) + String(log[0]) + (log[0] as Error)?.stack);
  const managementToken = (token.data as { accessToken: { accessToken: string } }).accessToken.accessToken;
  const auth = new AuthenticationClient({ appId: server.appId, appHost: server.url });
  await auth.registerByUsername('hostile_user', 'Hostile-Passw0rd');
  const user = await auth.loginByUsername('hostile_user', 'Hostile-Passw0rd');
  const reader = new Libsql(file, { readonly: true });
  return {
    server,
    managementToken,
    userToken: user.token ?? '',
    log,
    dbHash: () => hashTables(reader),
    dbVersion: () => Number(reader.pragma('data_version', { simple: true })),
    close: async () => {
      reader.close();
      await server.close();
      agent.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Counters of wrong guesses, which a refused guess must move: a wrong verification code and a wrong
 * MFA code count against the code (or mfaToken) they tried, so that guessing spends it (pinned by
 * server/test/services/verification-codes.test.ts and test/integration/auth-mfa.test.ts). Every
 * other column of every table must stay as it was.
 */
const GUESS_COUNTERS: Record<string, readonly string[]> = { verification_codes: ['attempts'], mfa_challenges: ['attempts'] };

/**
 * Records a refusal must leave: a failed login is logged as a user action with `success` 0
 * (services/audit.ts, pinned by test/integration/audit.test.ts). Every other row must stay as it was.
 */
const isRefusalRecord = (table: string, row: Record<string, unknown>) => table === 'user_actions' && row.success === 0;

function hashTables(db: Libsql.Database): string {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>;
  const hash = createHash('sha256');
  for (const { name } of tables) {
    const skipped = GUESS_COUNTERS[name] ?? [];
    const withoutCounters = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).filter(([column]) => !skipped.includes(column)));
    const rows = (db.prepare(`SELECT * FROM "${name.replaceAll('"', '""')}"`).all() as Array<Record<string, unknown>>)
      .filter((r) => !isRefusalRecord(name, r))
      .map((r) => JSON.stringify(withoutCounters(r)))
      .sort();
    hash.update(`${name}\n${rows.join('\n')}\n`);
  }
  return hash.digest('hex');
}

/** One GraphQL request over fetch, for setup. */
export async function graphql(server: LocalAuthing, token: string | null, query: string, variables?: unknown): Promise<{ data?: unknown; errors?: unknown[] }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-authing-userpool-id': server.userPoolId };
  if (token) headers.authorization = `Bearer ${token}`;
  const r = await fetch(`${server.url}/graphql/v2`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return (await r.json()) as { data?: unknown; errors?: unknown[] };
}

export interface RawRequest {
  method: string;
  /** Sent as is: percent escapes stay broken, bytes 0x80–0xFF go out as single bytes. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Milliseconds from sending to the last byte of the answer. */
  ms: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: 32 });

/** Sends one request with node:http, which sends methods and paths `fetch` would change or refuse. */
export function send(base: string, req: RawRequest, timeoutMs = 10_000): Promise<RawResponse> {
  const url = new URL(base);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, 'utf8');
    const headers: Record<string, string> = { ...req.headers };
    if (body && !Object.keys(headers).some((h) => ['content-length', 'transfer-encoding'].includes(h.toLowerCase()))) headers['content-length'] = String(body.length);
    const r = httpRequest(
      { host: url.hostname, port: url.port, method: req.method, path: req.path, headers, agent, insecureHTTPParser: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }));
        res.on('error', reject);
      },
    );
    r.setTimeout(timeoutMs, () => r.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    r.on('error', reject);
    r.end(body);
  });
}

/** Writes bytes to a fresh socket and reads until the server closes it: for request lines node:http will not send. */
export function sendBytes(base: string, bytes: string | Buffer, timeoutMs = 5000): Promise<{ status: number; text: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.write(bytes));
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      // One answer is all we want; keep-alive would hold the socket open.
      const text = Buffer.concat(chunks).toString('utf8');
      const head = text.indexOf('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(text)?.[1];
      if (head !== -1 && length !== undefined && Buffer.byteLength(text) >= head + 4 + Number(length)) socket.end();
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), text: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
    socket.on('error', reject);
  });
}

/** One refusal as Authing sends it: a numeric code and a message. */
export interface Refusal {
  code: number;
  message: string;
}

/**
 * Reads an answer in Authing's shapes and returns its refusals ([] for a success). Throws when the
 * answer is in no Authing shape: not JSON, a REST envelope without a numeric code, a GraphQL error
 * whose `message` is not `{code, message}`, or a non-200 status that carries no refusal.
 */
export function refusals(response: RawResponse, graphqlPath: boolean): Refusal[] {
  const type = String(response.headers['content-type'] ?? '');
  if (response.status === 200 && type.startsWith('text/html')) return [];
  if (response.text === '' && response.status < 300) return [];
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch {
    throw new Error(`HTTP ${response.status}: not JSON: ${response.text.slice(0, 200)}`);
  }
  const found: Refusal[] = [];
  const isRefusal = (v: unknown): v is Refusal =>
    typeof v === 'object' && v !== null && typeof (v as Refusal).code === 'number' && typeof (v as Refusal).message === 'string';
  if (graphqlPath && typeof body === 'object' && body !== null && 'errors' in body) {
    const errors = (body as { errors: unknown }).errors;
    if (!Array.isArray(errors) || errors.length === 0) throw new Error(`GraphQL errors is not a non-empty list: ${response.text.slice(0, 200)}`);
    for (const e of errors) {
      const message = (e as { message?: unknown }).message;
      if (!isRefusal(message)) throw new Error(`GraphQL error not in Authing's shape: ${JSON.stringify(e).slice(0, 200)}`);
      found.push(message);
    }
  } else if (!graphqlPath && typeof body === 'object' && body !== null && 'statusCode' in body && !('code' in body)) {
    // The v3 envelope (/api/v3/*): `{statusCode: 200, message, data}`, or `{statusCode, apiCode, message}` refused.
    const v3 = body as { statusCode?: unknown; apiCode?: unknown; message?: unknown };
    if (typeof v3.statusCode !== 'number' || typeof v3.message !== 'string') throw new Error(`REST answer not in Authing's v3 envelope: ${response.text.slice(0, 200)}`);
    if (v3.statusCode !== 200) {
      if (typeof v3.apiCode !== 'number') throw new Error(`v3 refusal without an apiCode: ${response.text.slice(0, 200)}`);
      found.push({ code: v3.apiCode, message: v3.message });
    }
  } else if (!graphqlPath || (typeof body === 'object' && body !== null && 'code' in body)) {
    if (!isRefusal(body) || !('data' in body)) throw new Error(`REST answer not in Authing's envelope: ${response.text.slice(0, 200)}`);
    if (body.code !== 200) found.push(body);
  }
  if (response.status !== 200 && found.length === 0) throw new Error(`HTTP ${response.status} without a refusal: ${response.text.slice(0, 200)}`);
  return found;
}

/** Whether a GraphQL answer did nothing: errors and no root field with a value. */
export function graphqlRefusedWhole(response: RawResponse): boolean {
  try {
    const body = JSON.parse(response.text) as { data?: Record<string, unknown> | null; errors?: unknown[] };
    if (!body.errors?.length) return false;
    return !body.data || Object.values(body.data).every((v) => v === null);
  } catch {
    return false;
  }
}
