/**
 * The fetch the SDK uses on Node when the caller passes none: node:http / node:https with a
 * keep-alive agent per protocol. Node's global fetch (undici) costs about 0.3 ms more per call
 * than node:http for the small JSON requests Authing answers (WHATWG streams, Request objects),
 * which was most of the SDK's own overhead. Anything this path does not cover (a stream or form
 * body, a redirect) goes to the global fetch, so behaviour stays fetch's.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { FetchLike } from '../options.js';

// Idle sockets close after 4 s: below the 5 s keep-alive of Node servers and most proxies, so a
// reused socket is rarely one the server is closing. Free sockets are unref'd by the agent.
const IDLE_SOCKET_TIMEOUT = 4_000;
const agents = {
  'http:': new HttpAgent({ keepAlive: true, timeout: IDLE_SOCKET_TIMEOUT }),
  'https:': new HttpsAgent({ keepAlive: true, timeout: IDLE_SOCKET_TIMEOUT }),
};
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const NULL_BODY = new Set([101, 204, 205, 304]);

export const defaultFetch: FetchLike = async (input, init) => {
  const url = new URL(input);
  const body = init.body ?? undefined;
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || (body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array))) {
    return globalThis.fetch(input, init);
  }
  const response = await send(url, init, body);
  return response ?? globalThis.fetch(input, init);
};

/** One request; `undefined` hands the request over to the global fetch (a redirect). */
function send(url: URL, init: RequestInit, body: string | Uint8Array | undefined): Promise<Response | undefined> {
  return new Promise((resolve, reject) => {
    const method = (init.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => {
      headers[name] = value;
    });
    if (body !== undefined && headers['content-length'] === undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const options = { method, headers, agent: agents[url.protocol as 'http:' | 'https:'], signal: init.signal ?? undefined };
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, options, (incoming) => {
      if (REDIRECTS.has(incoming.statusCode ?? 0)) {
        incoming.resume();
        resolve(undefined);
        return;
      }
      readAll(incoming).then((bytes) => resolve(toResponse(incoming, method, bytes)), reject);
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

function toResponse(incoming: IncomingMessage, method: string, raw: Buffer): Response {
  const status = incoming.statusCode ?? 502;
  const headers = new Headers();
  const pairs = incoming.rawHeaders;
  for (let i = 0; i + 1 < pairs.length; i += 2) headers.append(pairs[i] ?? '', pairs[i + 1] ?? '');
  const encoding = headers.get('content-encoding')?.trim().toLowerCase();
  const bytes = decode(raw, encoding);
  if (encoding && bytes !== raw) {
    // As fetch does: the body is decoded, so its length and encoding headers no longer apply.
    headers.delete('content-encoding');
    headers.delete('content-length');
  }
  const empty = NULL_BODY.has(status) || method === 'HEAD';
  // Copied into a plain Uint8Array (BodyInit does not take a Buffer); the answers are small.
  return new Response(empty ? null : new Uint8Array(bytes), { status, statusText: incoming.statusMessage ?? '', headers });
}

function decode(raw: Buffer, encoding: string | undefined): Buffer {
  if (raw.length === 0) return raw;
  if (encoding === 'gzip' || encoding === 'x-gzip') return gunzipSync(raw);
  if (encoding === 'deflate') return inflateSync(raw);
  if (encoding === 'br') return brotliDecompressSync(raw);
  return raw;
}
