/**
 * An injected fetch that records what the transport sends and answers with canned responses
 * (openapi-fetch's `createObservedClient` idea). No mocking library.
 */
import { AuthingError } from '../../src/core/errors.js';
import type { FetchLike } from '../../src/core/options.js';
import type { TypedDocument } from '../../src/core/graphql.js';

export interface Sent {
  url: string;
  method: string;
  headers: Headers;
  body: string | undefined;
  signal: AbortSignal | undefined;
}

export type Handler = (sent: Sent, index: number) => Response | Promise<Response>;

/** A fetch that records each request and answers with `handler`. */
export function observedFetch(handler: Handler = () => json({ data: {} })): { fetch: FetchLike; sent: Sent[] } {
  const sent: Sent[] = [];
  const fetch: FetchLike = async (input, init) => {
    const body = typeof init.body === 'string' ? init.body : init.body instanceof Blob ? await init.body.text() : undefined;
    const entry: Sent = {
      url: input,
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body,
      signal: init.signal ?? undefined,
    };
    sent.push(entry);
    return handler(entry, sent.length - 1);
  };
  return { fetch, sent };
}

/** A JSON response. */
export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  return new Response(JSON.stringify(body), { ...init, headers });
}

/** The parsed JSON body of a recorded request. */
export function bodyOf(sent: Sent | undefined): Record<string, unknown> {
  if (!sent?.body) throw new Error('request had no body');
  const parsed: unknown = JSON.parse(sent.body);
  if (typeof parsed !== 'object' || parsed === null) throw new Error('body is not an object');
  return { ...parsed };
}

/** A typed document for tests, like the ones graphql-codegen emits. */
export function doc<TResult, TVariables>(source: string): TypedDocument<TResult, TVariables> {
  // A String object, as graphql-codegen's string mode emits (a WeakMap key, unlike a primitive).
  return new String(source);
}

export const UserQuery = doc<{ user: { id: string; username: string | null } | null }, { id: string }>(
  'query user($id: String!) { user(id: $id) { id username } }',
);

export const LoginMutation = doc<
  { loginByEmail: { id: string; token: string | null } | null },
  { input: { email: string; password: string } }
>('mutation loginByEmail($input: LoginByEmailInput!) { loginByEmail(input: $input) { id token } }');

export const PingQuery = doc<{ ping: boolean }, { [key: string]: never }>('query ping { ping }');

/** The AuthingError a promise rejects with; fails the test when it resolves or rejects otherwise. */
export async function rejection(promise: Promise<unknown>): Promise<AuthingError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AuthingError) return error;
    throw error;
  }
  throw new Error('expected the call to reject');
}

/** The AuthingError a function throws synchronously. */
export function thrownBy(fn: () => unknown): AuthingError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AuthingError) return error;
    throw error;
  }
  throw new Error('expected the call to throw');
}
