import { startLocalAuthing, type LocalAuthing } from 'authing-local';
import { AuthenticationClient, AuthingError, ManagementClient } from 'authing-ts';
import { afterAll, beforeAll } from 'vitest';
import { testDatabase } from '../../server/test/support/databases.js';

export interface Harness {
  server: LocalAuthing;
  management: ManagementClient;
  /** A fresh AuthenticationClient for the server's app (each has its own token storage). */
  authentication(): AuthenticationClient;
  /** Records every request the SDK sends, for wire assertions. */
  requests: Array<{ method: string; url: string; headers: Headers; body: string | null }>;
}

/**
 * Starts one fresh authing-local (port 0, in memory) for the calling test file and closes it after.
 * Access the returned object's fields inside tests (they are filled in `beforeAll`).
 */
export function useLocalAuthing(): Harness {
  const h = { requests: [] } as unknown as Harness;
  const recordingFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.clone().text();
    h.requests.push({ method: request.method, url: request.url, headers: request.headers, body });
    return fetch(request);
  };
  beforeAll(async () => {
    h.server = await startLocalAuthing({ port: 0, db: testDatabase(), log: () => undefined });
    h.management = new ManagementClient({
      userPoolId: h.server.userPoolId,
      secret: h.server.secret,
      host: h.server.url,
      fetch: recordingFetch,
    });
    h.authentication = () => new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url, fetch: recordingFetch });
  });
  afterAll(async () => {
    await h.server?.close();
  });
  return h;
}

/** A unique suffix so tests in one file never collide. */
export const uid = (() => {
  let n = 0;
  return (prefix = 'x') => `${prefix}_${Date.now().toString(36)}_${(n++).toString(36)}`;
})();

/** Awaits a call that must fail and returns its error, which must be an {@link AuthingError}. */
export async function failure(promise: Promise<unknown>): Promise<AuthingError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof AuthingError)) throw new Error(`expected an AuthingError, got ${String(outcome)}`);
  return outcome;
}

/** A management token of a pool (the harness's, or any server's), for raw requests the SDK has no method for. */
export async function adminToken(h: Harness | { server: { url: string; userPoolId: string; secret: string } }): Promise<string> {
  const res = await fetch(`${h.server.url}/graphql/v2`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'query($u: String!, $s: String!) { accessToken(userPoolId: $u, secret: $s) { accessToken } }', variables: { u: h.server.userPoolId, s: h.server.secret } }),
  });
  return ((await res.json()) as { data: { accessToken: { accessToken: string } } }).data.accessToken.accessToken;
}
