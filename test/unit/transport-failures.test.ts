import { describe, expect, it } from 'vitest';
import {
  AuthingAbortError,
  AuthingApiError,
  AuthingConnectionError,
  AuthingError,
  AuthingTimeoutError,
} from '../../src/core/errors.js';
import type { FetchLike } from '../../src/core/options.js';
import { Transport } from '../../src/core/transport.js';
import type { paths } from './fixtures/paths.js';
import { json, LoginMutation, observedFetch, rejection, UserQuery } from './helpers.js';

const never: FetchLike = () => new Promise<Response>(() => undefined);
const ok = () => json({ code: 200, message: 'ok', data: true });
const unavailable = () => json({ code: 503, message: 'busy' }, { status: 503, headers: { 'retry-after': '0' } });

describe('Transport failures', () => {
  it('maps a network failure to AuthingConnectionError with the cause', async () => {
    const cause = new TypeError('fetch failed');
    const transport = new Transport({ host: 'https://h.example', fetch: () => Promise.reject(cause) });
    const error = await rejection(transport.graphql(UserQuery, { id: 'u1' }));
    expect(error).toBeInstanceOf(AuthingConnectionError);
    expect(error).toMatchObject({ code: 500, message: 'The request failed before any response (POST https://h.example/graphql/v2)' });
    expect(error.cause).toBe(cause);
    expect(error.statusCode).toBeUndefined();
  });

  it('times out a fetch that never answers, even one that ignores the signal', async () => {
    const transport = new Transport({ host: 'https://h.example', fetch: never, timeout: 50 });
    const started = Date.now();
    const error = await rejection(transport.graphql(UserQuery, { id: 'u1' }));
    expect(error).toBeInstanceOf(AuthingTimeoutError);
    expect(error).toBeInstanceOf(AuthingConnectionError);
    expect(error.message).toBe('The request timed out');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('lets the per-call timeout win over the client timeout', async () => {
    const transport = new Transport<paths>({ host: 'https://h.example', fetch: never, timeout: 60_000 });
    const error = await rejection(transport.rest.GET('/api/v2/ping', undefined, { timeout: 20 }));
    expect(error).toBeInstanceOf(AuthingTimeoutError);
  });

  it('throws AuthingAbortError when the caller aborts, before or during the request', async () => {
    const { fetch, sent } = observedFetch(() => new Promise<Response>(() => undefined));
    const transport = new Transport({ host: 'https://h.example', fetch });
    const controller = new AbortController();
    const pending = rejection(transport.graphql(UserQuery, { id: 'u1' }, { signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const reason = new Error('user left');
    controller.abort(reason);
    const error = await pending;
    expect(error).toBeInstanceOf(AuthingAbortError);
    expect(error).toMatchObject({ code: 499, message: 'The request was aborted by the caller' });
    expect(error.cause).toBe(reason);
    expect(sent[0]?.signal?.aborted).toBe(true);

    const early = await rejection(transport.graphql(UserQuery, { id: 'u1' }, { signal: AbortSignal.abort() }));
    expect(early).toBeInstanceOf(AuthingAbortError);
    expect(sent).toHaveLength(1);
  });

  it('stops waiting for a slow token when the caller aborts', async () => {
    const { fetch, sent } = observedFetch(ok);
    const transport = new Transport({ host: 'https://h.example', fetch, getToken: () => new Promise<string>(() => undefined) });
    const error = await rejection(transport.graphql(UserQuery, { id: 'u1' }, { signal: AbortSignal.timeout(20) }));
    expect(error).toBeInstanceOf(AuthingAbortError);
    expect(sent).toHaveLength(0);
  });

  it('retries a GET on 503 honouring Retry-After: 0', async () => {
    const { fetch, sent } = observedFetch((_, i) => (i < 2 ? unavailable() : ok()));
    const transport = new Transport<paths>({ host: 'https://h.example', fetch });
    await expect(transport.rest.GET('/api/v2/ping')).resolves.toBe(true);
    expect(sent).toHaveLength(3);
  });

  it('gives up after maxRetries and reports the last answer', async () => {
    const { fetch, sent } = observedFetch(unavailable);
    const transport = new Transport<paths>({ host: 'https://h.example', fetch, retry: { maxRetries: 1 } });
    const error = await rejection(transport.rest.GET('/api/v2/ping'));
    expect(error).toMatchObject({ code: 503, statusCode: 503 });
    expect(sent).toHaveLength(2);
  });

  it('retries GraphQL queries but never POSTs or mutations, and not with retry: false', async () => {
    const post = observedFetch(unavailable);
    const rest = new Transport<paths>({ host: 'https://h.example', fetch: post.fetch });
    await rejection(rest.rest.POST('/api/v2/resources', { body: { code: 'x' } }));
    expect(post.sent).toHaveLength(1);

    const mutation = observedFetch(unavailable);
    const gql = new Transport({ host: 'https://h.example', fetch: mutation.fetch });
    await rejection(gql.graphql(LoginMutation, { input: { email: 'a', password: 'p' } }));
    expect(mutation.sent).toHaveLength(1);

    const query = observedFetch((_, i) => (i === 0 ? unavailable() : json({ data: { user: null } })));
    const gql2 = new Transport({ host: 'https://h.example', fetch: query.fetch });
    await expect(gql2.graphql(UserQuery, { id: 'u1' })).resolves.toEqual({ user: null });
    expect(query.sent).toHaveLength(2);

    const off = observedFetch(unavailable);
    const noRetry = new Transport<paths>({ host: 'https://h.example', fetch: off.fetch, retry: false });
    await rejection(noRetry.rest.GET('/api/v2/ping'));
    expect(off.sent).toHaveLength(1);
  });

  it('does not wait out a Retry-After longer than the maximum delay', async () => {
    const { fetch, sent } = observedFetch(() => json({ code: 429, message: 'slow' }, { status: 429, headers: { 'retry-after': '3600' } }));
    const transport = new Transport<paths>({ host: 'https://h.example', fetch });
    const error = await rejection(transport.rest.GET('/api/v2/ping'));
    expect(error).toMatchObject({ name: 'AuthingRateLimitError', retryAfter: 3600 });
    expect(sent).toHaveLength(1);
  });

  it('calls onError once with the error, and cannot change the outcome', async () => {
    const seen: AuthingError[] = [];
    const { fetch } = observedFetch(() => json({ errors: [{ message: { code: 2004, message: 'User does not exist' } }] }));
    const transport = new Transport({
      host: 'https://h.example',
      fetch,
      onError: (error) => {
        seen.push(error);
        throw new Error('logger crashed');
      },
    });
    const error = await rejection(transport.graphql(UserQuery, { id: 'u1' }));
    expect(error).toBeInstanceOf(AuthingApiError);
    expect(seen).toEqual([error]);

    const quiet = new Transport({ host: 'https://h.example', fetch: observedFetch(() => json({ data: { user: null } })).fetch, onError: () => seen.push() });
    await expect(quiet.graphql(UserQuery, { id: 'u1' })).resolves.toEqual({ user: null });
  });

  it("appends the caller's stack to the error", async () => {
    const transport = new Transport({ host: 'https://h.example', fetch: () => Promise.reject(new TypeError('fetch failed')) });
    const error = await rejection(transport.graphql(UserQuery, { id: 'u1' }));
    expect(error.stack).toContain('--- called from ---');
    expect(error.stack?.split('--- called from ---')[1]).toContain('transport-failures.test.ts');
    expect(error.stack?.startsWith('AuthingConnectionError: The request failed')).toBe(true);
  });

  it('redacts credentials in the request summary and keeps the request id', async () => {
    const { fetch } = observedFetch(() => json({ code: 2004, message: 'nope' }, { headers: { 'x-request-id': 'rid-1' } }));
    const callHeaders = { 'x-authing-app-secret': 's3cr3t', 'x-other': 'visible' };
    const transport = new Transport<paths>({ host: 'https://h.example', fetch, getToken: async () => 'tok-abc' });
    const error = await rejection(transport.rest.GET('/api/v2/ping', undefined, { headers: callHeaders }));
    expect(error.requestId).toBe('rid-1');
    expect(error.request?.headers).toMatchObject({
      authorization: 'Bearer [REDACTED]',
      'x-authing-app-secret': '[REDACTED]',
      'x-other': 'visible',
    });
    expect(callHeaders['x-authing-app-secret']).toBe('s3cr3t');
    const serialized = JSON.stringify(error);
    expect(serialized).not.toContain('tok-abc');
    expect(serialized).not.toContain('s3cr3t');
  });
});
