/**
 * Fetch functions a user could hand to the SDK's `fetch` option, to see what the transport
 * costs: undici's own `fetch` with a keep-alive `Agent` (only when the `undici` package is
 * installed; Node bundles undici but does not expose it by name), and a minimal fetch over
 * node:http with a keep-alive agent. Both are for the bench, not for production use.
 */
import { Agent, request } from 'node:http';
import type { FetchLike } from 'authing-ts';

/** undici's fetch over one keep-alive Agent, or why there is none. */
export async function undiciFetch(): Promise<{ fetch: FetchLike; version: string; close: () => Promise<void> } | { skipped: string }> {
  const name = 'undici'; // a variable, so that neither tsc nor tsx needs the package to exist
  let undici: {
    fetch: (input: string, init: RequestInit & { dispatcher?: unknown }) => Promise<Response>;
    Agent: new (options: { keepAliveTimeout: number; connections: number }) => { close(): Promise<void> };
  };
  try {
    undici = (await import(name)) as typeof undici;
  } catch {
    return { skipped: `the undici package is not installed (Node ${process.version} bundles undici ${process.versions.undici ?? '?'} but does not export it by name)` };
  }
  const dispatcher = new undici.Agent({ keepAliveTimeout: 30_000, connections: 64 });
  let version = '?';
  try {
    const { createRequire } = await import('node:module');
    version = (createRequire(import.meta.url)(`${name}/package.json`) as { version: string }).version;
  } catch {
    // the version is only printed
  }
  return { fetch: (input, init) => undici.fetch(input, { ...init, dispatcher }), version, close: () => dispatcher.close() };
}

/**
 * A fetch over node:http (plain http only) with a keep-alive agent: reads the whole answer and
 * wraps it in a `Response`. Honours `signal`; ignores the options the SDK does not send.
 */
export function nodeHttpFetch(): { fetch: FetchLike; close: () => void } {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const fetch: FetchLike = (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((value, name) => {
        headers[name] = value;
      });
      const body = init.body;
      if (body !== undefined && body !== null && typeof body !== 'string') {
        reject(new TypeError('nodeHttpFetch sends string bodies only'));
        return;
      }
      const req = request(input, { method: init.method ?? 'GET', headers, agent, signal: init.signal ?? undefined }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 500;
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (value !== undefined) for (const v of Array.isArray(value) ? value : [value]) responseHeaders.append(name, v);
          }
          const nullBody = status === 204 || status === 304 || init.method === 'HEAD';
          resolve(new Response(nullBody ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage ?? '', headers: responseHeaders }));
        });
      });
      req.on('error', reject);
      req.end(body ?? undefined);
    });
  return { fetch, close: () => agent.destroy() };
}
