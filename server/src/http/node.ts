import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { AuthingServerError, Errors } from '../errors.js';
import { langOfHeader, pathOf, refusal } from './answer.js';
import { BufferedRequest } from './buffered.js';
import { withCorsFor } from './cors.js';
import { ALLOWED_METHODS, HttpErrors, MAX_BODY_BYTES } from './limits.js';

export type FetchHandler = (request: Request) => Promise<Response>;

/** Headers of one hop, which node:http writes itself (a copied `transfer-encoding` next to our `content-length` breaks the answer). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade']);

/**
 * Reads the body, at most {@link MAX_BODY_BYTES}. Past that it answers `null` at once and keeps
 * reading without storing, so the client can finish sending and read the 413 (closing a socket
 * with unread data makes TCP reset it, and the client would see no answer at all).
 */
function readBody(req: IncomingMessage): Promise<Uint8Array<ArrayBuffer> | null> {
  if (Number(req.headers['content-length']) > MAX_BODY_BYTES) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        over = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (over) return;
      const body = new Uint8Array(size);
      let at = 0;
      for (const c of chunks) {
        body.set(c, at);
        at += c.length;
      }
      resolve(body);
    });
    req.on('error', reject);
  });
}

/**
 * The request target as a URL. The `Host` must be a host and nothing more (`a b`, `x:99999`,
 * `x/y`, `u@x` are malformed requests); origin-form (`/path`) is joined to it as text, so a target
 * like `//x/y` stays a path instead of naming a host. A target of no form (`*`) is malformed too.
 */
function targetUrl(req: IncomingMessage, fallbackHost: string): URL {
  const target = req.url ?? '/';
  const host = req.headers.host ?? fallbackHost;
  try {
    const base = new URL(`http://${host}`);
    if (base.pathname !== '/' || base.search || base.hash || base.username || base.password || host.includes('\\')) throw new TypeError('not a host');
    const url = target.startsWith('/') ? new URL(`${base.origin}${target}`) : new URL(target);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('not http');
    return url;
  } catch {
    throw HttpErrors.malformedRequest('Malformed request target or Host header', '请求地址或 Host 请求头格式错误');
  }
}

/** The requests this adapter made: their `signal` is never aborted (a client going away does not abort the request). */
const adapterRequests = new WeakSet<Request>();

/** Whether `request` came through {@link listen} (the fetch handler may pass on its signal only if not: that one stays unaborted). */
export function cameOverHttp(request: Request): boolean {
  return adapterRequests.has(request);
}

/** The WHATWG Request for an incoming request, or the refusal to answer instead. */
async function toRequest(req: IncomingMessage, fallbackHost: string): Promise<Request> {
  const method = req.method ?? 'GET';
  // `new Request` throws for TRACE, CONNECT and TRACK; none of them means anything here.
  if (!(ALLOWED_METHODS as readonly string[]).includes(method)) throw HttpErrors.methodNotAllowed(method);
  const url = targetUrl(req, fallbackHost);
  let body: Uint8Array<ArrayBuffer> | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const read = await readBody(req);
    if (!read) throw HttpErrors.bodyTooLarge();
    body = read;
  }
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
    }
    const request = body ? new BufferedRequest(url, method, headers, body) : new Request(url, { method, headers });
    adapterRequests.add(request);
    return request;
  } catch {
    throw HttpErrors.malformedRequest('Malformed request headers', '请求头格式错误');
  }
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name)) headers[name] = value;
  });
  const setCookies = response.headers.getSetCookie();
  if (setCookies.length > 0) headers['set-cookie'] = setCookies;
  const body = Buffer.from(await response.arrayBuffer());
  headers['content-length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body);
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

/**
 * Answers a request node:http could not parse (bad request line, header bytes, oversized headers,
 * timeouts) in Authing's REST envelope instead of node's bare `400 Bad Request`.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const error =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? HttpErrors.headersTooLarge()
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new AuthingServerError(408, '请求超时', 'Request timeout', undefined, 408)
        : HttpErrors.malformedRequest('Malformed HTTP request', 'HTTP 请求格式错误');
  // An answer to HEAD has no body, and a client reading one would take the body for the next answer.
  const head = (err as { rawPacket?: Buffer }).rawPacket?.subarray(0, 5).toString('latin1') === 'HEAD ';
  const body = head ? '' : JSON.stringify({ code: error.code, message: error.messageFor('zh-CN'), data: null });
  socket.end(
    `HTTP/1.1 ${error.httpStatus} ${REASONS[error.httpStatus] ?? 'Bad Request'}\r\n` +
      `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/** A handler that answers some requests on node's own objects (the protocol providers); false leaves the request to the fetch handler. */
export type NodeRoute = (req: IncomingMessage, res: ServerResponse) => boolean;

/** Serves a fetch handler on node:http, bound to loopback only; `nodeRoute` sees each request first. */
export function listen(handler: FetchHandler, port: number, host = '127.0.0.1', nodeRoute?: NodeRoute): Promise<{ server: Server; url: string }> {
  // The Host a request without one is taken to have named, known once the server listens.
  let fallbackHost = '';
  const server = createServer((req, res) => {
    if (nodeRoute?.(req, res)) return;
    const lang = langOfHeader(req.headers['x-authing-lang'] as string | undefined);
    toRequest(req, fallbackHost)
      .then(handler, (error: unknown) => {
        // A body the client stopped sending, or anything else that kept a Request from being built.
        const refused = error instanceof AuthingServerError ? error : HttpErrors.malformedRequest('Malformed request', '请求格式错误');
        const response = refusal(refused, pathOf(req.url), lang);
        withCorsFor(req.headers.origin, response.headers);
        return response;
      })
      .then((response) => send(res, response))
      .catch(() => {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        void send(res, refusal(Errors.internal(), pathOf(req.url), lang)).catch(() => res.destroy());
      });
  });
  server.on('clientError', answerClientError);
  // Clients subtract a safety margin from the advertised keep-alive timeout (undici: 2 s), so a
  // short one makes every request open a new connection. close() ends idle sockets itself.
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: bound } = server.address() as AddressInfo;
      fallbackHost = `${host}:${bound}`;
      resolve({ server, url: `http://${host}:${bound}` });
    });
  });
}

/** Closes the server and any idle keep-alive connections. */
export function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeIdleConnections();
  });
}
