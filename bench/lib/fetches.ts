/**
 * A fetch a user could hand to the SDK's `fetch` option, to see what the transport costs:
 * undici's own `fetch` with a keep-alive `Agent`, only when the `undici` package is installed
 * (Node bundles undici but does not expose it by name). For the bench, not for production use.
 */
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
