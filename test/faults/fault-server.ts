/**
 * A misbehaving HTTP server for the SDK's fault tests: node:http on 127.0.0.1, port 0. Each
 * request is recorded, then answered by the fault the test planned for it: forwarded to a real
 * authing-local (the default), a canned answer (HTML, truncated JSON, 429), or a broken one (the
 * socket destroyed before the headers, after them, half-way through the body; no answer at all;
 * the keep-alive socket closed after the answer).
 *
 * In front of authing-local it can also expire management tokens: the tokens it hands out are
 * aliases (`sdk-token-<n>`) of authing-local's; `expireTokens()` makes every alias issued so far
 * stale, and a request with a stale alias reaches authing-local with a token it rejects, so the
 * SDK sees authing-local's own 2020 answer (GraphQL: HTTP 200 with errors; REST: HTTP 401).
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the SDK sent, as the server received it. */
export interface Seen {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The TCP connection that carried it, numbered from 1 in order of arrival. */
  connection: number;
  /** `token` is the management `accessToken` query; `query` / `mutation` other GraphQL. */
  kind: 'token' | 'query' | 'mutation' | 'rest';
  /** The bearer token as the SDK sent it. */
  bearer: string | undefined;
}

/** An answer from authing-local, body decoded. */
export interface Upstream {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One request being answered. */
export interface Exchange {
  readonly seen: Seen;
  readonly res: ServerResponse;
  readonly socket: Socket;
  /** Asks authing-local (token aliases translated); throws when the server has no upstream. */
  forward(): Promise<Upstream>;
}

/** How one request is answered. */
export type Fault = (exchange: Exchange) => void | Promise<void>;

export interface FaultServer {
  /** `http://127.0.0.1:<port>`: the SDK's `host`. */
  readonly url: string;
  /** Every request received, in order. */
  readonly seen: Seen[];
  /** Chooses the fault for each request (default: {@link faults.forward}). */
  plan(choose: (seen: Seen, index: number) => Fault): void;
  /** Requests of one kind received so far. */
  count(kind: Seen['kind']): number;
  /** TCP connections accepted so far. */
  connections(): number;
  /** Makes every token alias handed out so far stale. */
  expireTokens(): void;
  /** Stops listening and destroys every socket, answered or not. */
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'host']);
const ALIAS = /^sdk-token-(\d+)$/;

/**
 * Starts the server.
 * @param upstream - authing-local's URL, for {@link faults.forward}
 * @returns the running server
 */
export async function startFaultServer(upstream?: string): Promise<FaultServer> {
  const seen: Seen[] = [];
  const sockets = new Set<Socket>();
  const connectionIds = new WeakMap<Socket, number>();
  const realTokens: string[] = [];
  let validFrom = 0;
  let choose: (seen: Seen, index: number) => Fault = () => faults.forward;

  const forward = async (entry: Seen): Promise<Upstream> => {
    if (!upstream) throw new Error('this fault server has no upstream');
    const headers = new Headers();
    for (const [name, value] of Object.entries(entry.headers)) {
      if (!HOP_BY_HOP.has(name) && typeof value === 'string') headers.set(name, value);
    }
    headers.set('accept-encoding', 'identity');
    const alias = entry.bearer === undefined ? undefined : ALIAS.exec(entry.bearer);
    if (alias) {
      const generation = Number(alias[1]);
      // A stale alias reaches authing-local as a token it cannot verify: its genuine 2020.
      headers.set('authorization', generation >= validFrom ? `Bearer ${realTokens[generation]}` : 'Bearer expired-management-token');
    }
    const hasBody = entry.method !== 'GET' && entry.method !== 'HEAD';
    const answer = await fetch(`${upstream}${entry.path}`, { method: entry.method, headers, body: hasBody ? entry.body : undefined });
    const out: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (!HOP_BY_HOP.has(name)) out[name] = value;
    });
    let body = await answer.text();
    if (entry.kind === 'token') body = aliasTokenAnswer(body, realTokens);
    return { status: answer.status, headers: out, body };
  };

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  server.keepAliveTimeout = 30_000;
  let connectionCount = 0;
  server.on('connection', (socket) => {
    connectionIds.set(socket, ++connectionCount);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const auth = req.headers.authorization;
    const entry: Seen = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      body,
      connection: connectionIds.get(req.socket) ?? 0,
      kind: kindOf(req.url ?? '/', body),
      bearer: auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : undefined,
    };
    seen.push(entry);
    const fault = choose(entry, seen.length - 1);
    try {
      await fault({ seen: entry, res, socket: req.socket, forward: () => forward(entry) });
    } catch {
      req.socket.destroy();
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    plan(next) {
      choose = next;
    },
    count: (kind) => seen.filter((s) => s.kind === kind).length,
    connections: () => connectionCount,
    expireTokens() {
      validFrom = realTokens.length;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function kindOf(path: string, body: string): Seen['kind'] {
  if (!path.startsWith('/graphql')) return 'rest';
  let query = '';
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && 'query' in parsed && typeof parsed.query === 'string') query = parsed.query;
  } catch {
    return 'query';
  }
  if (/^\s*mutation\b/.test(query)) return 'mutation';
  return /\baccessToken\s*\(\s*userPoolId/.test(query) ? 'token' : 'query';
}

/** Replaces the token in an `accessToken` answer with the next alias, remembering the real one. */
function aliasTokenAnswer(body: string, realTokens: string[]): string {
  const parsed = JSON.parse(body) as { data?: { accessToken?: { accessToken?: string } | null } | null };
  const issued = parsed.data?.accessToken;
  if (!issued?.accessToken) return body;
  realTokens.push(issued.accessToken);
  issued.accessToken = `sdk-token-${realTokens.length - 1}`;
  return JSON.stringify(parsed);
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

/** The faults a test plans. */
export const faults = {
  /** authing-local's own answer. */
  forward: (async ({ res, forward }) => {
    const answer = await forward();
    send(res, answer.status, answer.headers, answer.body);
  }) satisfies Fault,

  /** The socket is destroyed as soon as the request has arrived: no byte of an answer. */
  reset: (({ socket }) => {
    socket.destroy();
  }) satisfies Fault,

  /** `200` headers promising a JSON body, then the socket is destroyed. */
  resetAfterHeaders: (({ res, socket }) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '512' });
    res.flushHeaders();
    setTimeout(() => socket.destroy(), 20);
  }) satisfies Fault,

  /** authing-local's answer with its full length announced, half of it sent, then the socket destroyed. */
  resetMidBody: (async ({ res, socket, forward }) => {
    const answer = await forward();
    const bytes = Buffer.from(answer.body);
    res.writeHead(answer.status, { ...answer.headers, 'content-length': String(bytes.length) });
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
    setTimeout(() => socket.destroy(), 20);
  }) satisfies Fault,

  /** Never answers. */
  stall: (() => undefined) satisfies Fault,

  /**
   * @param ms - how long to wait first
   * @param then - the fault applied after the wait
   * @returns a fault that answers late
   */
  delay: (ms: number, then: Fault): Fault => async (exchange) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    if (!exchange.socket.destroyed) await then(exchange);
  },

  /**
   * @param status - HTTP status
   * @param body - the body as sent
   * @param headers - response headers
   * @returns a fault that answers this
   */
  answer: (status: number, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }): Fault => ({ res }) =>
    send(res, status, headers, body),

  /**
   * @param status - HTTP status
   * @returns a proxy's HTML error page
   */
  html: (status: number): Fault => faults.answer(status, `<html><body><h1>${status} Bad Gateway</h1><hr>nginx</body></html>`, { 'content-type': 'text/html' }),

  /**
   * @param status - HTTP status
   * @returns JSON cut off half-way, complete as far as HTTP is concerned (length matches)
   */
  truncatedJson: (status: number): Fault => faults.answer(status, '{"data":{"user":{"id":"u1","userna'),

  /**
   * @param retryAfter - the `Retry-After` value (seconds or an HTTP date)
   * @returns a 429 in Authing's envelope
   */
  rateLimited: (retryAfter: string): Fault =>
    faults.answer(429, JSON.stringify({ code: 429, message: 'Too many requests', data: null }), { 'content-type': 'application/json', 'retry-after': retryAfter }),

  /**
   * @param then - how to answer
   * @returns a fault that answers, then closes the keep-alive socket once the answer is sent
   */
  closeAfter: (then: Fault): Fault => async (exchange) => {
    exchange.res.on('finish', () => setTimeout(() => exchange.socket.destroy(), 10));
    await then(exchange);
  },
};
