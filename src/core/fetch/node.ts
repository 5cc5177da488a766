/**
 * The fetch the SDK uses on Node when the caller passes none: node:http / node:https with a
 * keep-alive agent per protocol. Node's global fetch (undici) costs about 0.3 ms more per call
 * than node:http for the small JSON requests Authing answers (WHATWG streams, Request objects),
 * which was most of the SDK's own overhead. Anything this path does not cover (a stream or form
 * body, a redirect) goes to the global fetch, so behaviour stays fetch's.
 */
import type { IncomingMessage, RequestOptions } from 'node:http';
import type { FetchLike } from '../options.js';

// Idle sockets close after 4 s: below the 5 s keep-alive of Node servers and most proxies, so a
// reused socket is rarely one the server is closing. Free sockets are unref'd by the agent.
const IDLE_SOCKET_TIMEOUT = 4_000;

interface Transport {
  readonly request: (url: URL, options: RequestOptions, onResponse: (incoming: IncomingMessage) => void) => import('node:http').ClientRequest;
  readonly agent: import('node:http').Agent;
}

// Loaded on the first request, not at import: node:https brings in TLS, which costs more to load
// than the whole SDK.
const transports: Partial<Record<'http:' | 'https:', Promise<Transport>>> = {};
function transportFor(protocol: 'http:' | 'https:'): Promise<Transport> {
  return (transports[protocol] ??=
    protocol === 'https:'
      ? import('node:https').then(({ Agent, request }) => ({ request, agent: new Agent({ keepAlive: true, timeout: IDLE_SOCKET_TIMEOUT }) }))
      : import('node:http').then(({ Agent, request }) => ({ request, agent: new Agent({ keepAlive: true, timeout: IDLE_SOCKET_TIMEOUT }) })));
}
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const NULL_BODY = new Set([101, 204, 205, 304]);

export const defaultFetch: FetchLike = async (input, init) => {
  const url = new URL(input);
  const body = init.body ?? undefined;
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || (body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array))) {
    return globalThis.fetch(input, init);
  }
  const response = await send(await transportFor(url.protocol), url, init, body);
  return response ?? globalThis.fetch(input, init);
};

/** One request; `undefined` hands the request over to the global fetch (a redirect). */
function send(transport: Transport, url: URL, init: RequestInit, body: string | Uint8Array | undefined): Promise<Response | undefined> {
  return new Promise((resolve, reject) => {
    const method = (init.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = {};
    // The SDK passes a Headers object; anything else is normalised through one.
    (init.headers instanceof Headers ? init.headers : new Headers(init.headers)).forEach((value, name) => {
      headers[name] = value;
    });
    if (body !== undefined && headers['content-length'] === undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const options = { method, headers, agent: transport.agent, signal: init.signal ?? undefined };
    const request = transport.request(url, options, (incoming) => {
      if (REDIRECTS.has(incoming.statusCode ?? 0)) {
        incoming.resume();
        resolve(undefined);
        return;
      }
      readAll(incoming)
        .then((bytes) => toResponse(incoming, method, bytes))
        .then(resolve, reject);
    });
    // No resend here, not even for a reused socket the server was closing: the server may have
    // the request already, and the transport alone decides what is sent again (idempotent calls).
    request.on('error', reject);
    request.end(body);
  });
}

function readAll(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => resolve(Buffer.concat(chunks)));
    incoming.on('error', reject);
    incoming.on('aborted', () => reject(Object.assign(new Error('The connection closed before the answer was complete'), { code: 'ECONNRESET' })));
  });
}

async function toResponse(incoming: IncomingMessage, method: string, raw: Buffer): Promise<Response> {
  const status = incoming.statusCode ?? 502;
  const headers = new Headers();
  const pairs = incoming.rawHeaders;
  for (let i = 0; i + 1 < pairs.length; i += 2) headers.append(pairs[i] ?? '', pairs[i + 1] ?? '');
  const encoding = headers.get('content-encoding')?.trim().toLowerCase();
  const bytes = encoding && encoding !== 'identity' ? await decode(raw, encoding) : raw;
  if (encoding && bytes !== raw) {
    // As fetch does: the body is decoded, so its length and encoding headers no longer apply.
    headers.delete('content-encoding');
    headers.delete('content-length');
  }
  const empty = NULL_BODY.has(status) || method === 'HEAD';
  // Copied into a plain Uint8Array (BodyInit does not take a Buffer); the answers are small.
  return new Response(empty ? null : new Uint8Array(bytes), { status, statusText: incoming.statusMessage ?? '', headers });
}

async function decode(raw: Buffer, encoding: string): Promise<Buffer> {
  if (raw.length === 0) return raw;
  // Only for an answer compressed unasked (the SDK sends no accept-encoding): loaded on demand.
  const { brotliDecompressSync, gunzipSync, inflateSync } = await import('node:zlib');
  if (encoding === 'gzip' || encoding === 'x-gzip') return gunzipSync(raw);
  if (encoding === 'deflate') return inflateSync(raw);
  if (encoding === 'br') return brotliDecompressSync(raw);
  return raw;
}
