/**
 * The one fetch wrapper under both GraphQL (graphql-request) and REST (openapi-fetch): headers,
 * bearer token, timeout, caller signal, retries. Each public call gets its own wrapper bound to a
 * {@link CallState}, so per-call options never leak into another call.
 */
import { AuthingError, toAuthingError, type RequestSummary } from './errors.js';
import type { FetchLike, RequestOptions } from './options.js';
import { summarizeRequest } from './redact.js';
import { parseRetryAfter, retryDelay, sleep, type RetryPolicy } from './retry.js';

/** Options a sub-client may pass per call, beyond the public {@link RequestOptions}. */
export interface CallOptions extends RequestOptions {
  /** `false` sends no `Authorization` header (the token request itself, public endpoints). */
  auth?: boolean;
  /** A bearer token for this call only (an MFA token, a user's token) instead of the client's. */
  token?: string;
  /** Marks a POST that only reads (`/api/v2/acl/is-allowed`): it may be retried and replayed. */
  idempotent?: boolean;
}

/** Client-wide settings of the wrapper, resolved once by the transport. */
export interface HttpConfig {
  readonly fetch: FetchLike;
  /** SDK and client headers, empty values already dropped. */
  readonly baseHeaders: Readonly<Record<string, string>>;
  readonly timeout: number;
  readonly retry: RetryPolicy;
  readonly getToken?: (() => Promise<string | undefined>) | undefined;
}

/** What one public call has seen so far; the error mapping reads it. */
export interface CallState {
  readonly options: CallOptions;
  /** Only idempotent calls are retried. */
  readonly idempotent: boolean;
  /** The request as sent; redacted into a {@link RequestSummary} only when an error needs it. */
  sent?: { method: string; url: string; headers: Headers };
  request?: RequestSummary;
  response?: Response;
  timeoutSignal?: AbortSignal;
  /** Stops the current attempt's timeout timer; the transport calls it when the call settles. */
  clearTimer?: () => void;
}

/** The fetch signature both libraries call. */
export type CallFetch = (input: RequestInfo | URL | PlainRequest, init?: RequestInit) => Promise<Response>;

const TEXT_BODY = /json|text|x-www-form-urlencoded|graphql/i;

/**
 * The request openapi-fetch builds (its `Request` option) instead of a WHATWG `Request`: the
 * parts as given, so that the call's fetch sends them without constructing, cloning and reading
 * a `Request` per call (three were built per REST call before, each with a body stream).
 */
export class PlainRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: BodyInit | null | undefined;

  /**
   * @param url - absolute URL
   * @param init - method, headers, body (a string for JSON)
   */
  constructor(url: string | URL, init: RequestInit = {}) {
    this.url = String(url);
    this.method = (init.method ?? 'GET').toUpperCase();
    this.headers = new Headers(init.headers);
    this.body = init.body;
  }
}

interface Outgoing {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly body: BodyInit | undefined;
}

/** Bodies that can be sent again as they are on a retry. */
function isResendable(body: unknown): body is string | Blob | FormData | URLSearchParams | ArrayBuffer | ArrayBufferView {
  return (
    typeof body === 'string' ||
    body instanceof Blob ||
    body instanceof URLSearchParams ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    (typeof FormData !== 'undefined' && body instanceof FormData)
  );
}

/** The parts of what a library passed to fetch, reading a body only when it is a stream. */
async function readOutgoing(input: RequestInfo | URL | PlainRequest, init: RequestInit | undefined): Promise<Outgoing> {
  if (input instanceof PlainRequest && (input.body == null || isResendable(input.body))) {
    return { method: input.method, url: input.url, headers: input.headers, body: input.body ?? undefined };
  }
  if ((typeof input === 'string' || input instanceof URL) && (init?.body == null || isResendable(init.body))) {
    // graphql-request: a URL and an init with a JSON string body.
    const method = (init?.method ?? 'GET').toUpperCase();
    return { method, url: String(input), headers: new Headers(init?.headers), body: init?.body ?? undefined };
  }
  const outgoing = input instanceof PlainRequest ? new Request(input.url, input) : new Request(input, init);
  const contentType = outgoing.headers.get('content-type') ?? '';
  // Read a stream body once so that every attempt can resend it.
  const body = outgoing.body === null ? undefined : TEXT_BODY.test(contentType) ? await outgoing.text() : await outgoing.blob();
  return { method: outgoing.method, url: outgoing.url, headers: outgoing.headers, body };
}

/**
 * The redacted summary of the call's request, made once and only for an error.
 * @param state - the call
 * @returns the summary, or undefined before anything was sent
 */
export function requestSummary(state: CallState): RequestSummary | undefined {
  if (!state.request && state.sent) state.request = summarizeRequest(state.sent.method, state.sent.url, state.sent.headers);
  return state.request;
}

/**
 * Creates the fetch function for one call.
 * @param config - client-wide settings
 * @param state - this call's options and observations
 * @returns a fetch that sends with SDK headers, timeout, signal and retries
 * @throws {@link AuthingError} connection, timeout or abort errors; a token error from `getToken`
 */
export function createCallFetch(config: HttpConfig, state: CallState): CallFetch {
  return async (input, init) => {
    const { method, url, headers: fromLibrary, body } = await readOutgoing(input, init);
    const headers = await buildHeaders(config, state, fromLibrary);
    state.sent = { method, url, headers };

    for (let retry = 1; ; retry++) {
      const response = await attempt(config, state, url, { method, headers, body });
      state.response = response;
      if (!state.idempotent || retry > config.retry.maxRetries || !config.retry.retryWhen.includes(response.status)) {
        return response;
      }
      const wait = retryDelay(retry, parseRetryAfter(response.headers.get('retry-after')));
      if (wait === undefined) return response;
      await response.body?.cancel().catch(() => undefined);
      try {
        await sleep(wait, state.options.signal);
      } catch (reason) {
        throw failure(state, reason);
      }
    }
  };
}

async function buildHeaders(config: HttpConfig, state: CallState, fromLibrary: Headers): Promise<Headers> {
  const { options } = state;
  const headers = new Headers(config.baseHeaders);
  fromLibrary.forEach((value, name) => headers.set(name, value));
  const token = options.auth === false ? undefined : (options.token ?? (await readToken(config, state)));
  if (token) headers.set('authorization', `Bearer ${token}`);
  for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
  const empty: string[] = [];
  headers.forEach((value, name) => {
    if (value.trim() === '') empty.push(name);
  });
  for (const name of empty) headers.delete(name);
  return headers;
}

async function readToken(config: HttpConfig, state: CallState): Promise<string | undefined> {
  const signal = state.options.signal;
  try {
    const pending = config.getToken?.();
    // The token request is shared by concurrent calls, so one caller's abort stops waiting, not the request.
    return await (pending && signal ? raceSignal(pending, signal) : pending);
  } catch (cause) {
    if (cause instanceof AuthingError) throw cause;
    if (signal?.aborted) throw failure(state, cause);
    throw toAuthingError({ kind: 'authentication', message: 'Could not obtain an access token', cause });
  }
}

async function attempt(config: HttpConfig, state: CallState, url: string, init: RequestInit): Promise<Response> {
  const caller = state.options.signal;
  if (caller?.aborted) throw failure(state, caller.reason);
  const ms = state.options.timeout ?? config.timeout;
  state.clearTimer?.();
  // A plain timer, cleared when the call settles: AbortSignal.timeout costs about a millisecond a
  // call on Node 20 (a weakly held timer per signal), which was most of the SDK's own overhead.
  let timeoutSignal: AbortSignal | undefined;
  if (ms > 0 && Number.isFinite(ms)) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException('The operation timed out', 'TimeoutError')), ms);
    state.clearTimer = () => clearTimeout(timer);
    timeoutSignal = controller.signal;
  }
  state.timeoutSignal = timeoutSignal;
  const signal = anySignal([caller, timeoutSignal]);
  try {
    const pending = config.fetch(url, signal ? { ...init, signal } : init);
    // Race the signal too: an injected fetch that ignores `signal` must still time out.
    return await (signal ? raceSignal(pending, signal) : pending);
  } catch (cause) {
    throw failure(state, cause);
  }
}

/**
 * Classifies something thrown while no usable answer exists: caller abort, timeout, or network.
 * @param state - the call, whose signals tell abort from timeout
 * @param cause - what was thrown
 * @returns the AuthingError to throw (an AuthingError `cause` is returned as is)
 */
export function failure(state: CallState, cause: unknown): AuthingError {
  if (cause instanceof AuthingError) return cause;
  const request = requestSummary(state);
  if (state.options.signal?.aborted) {
    return toAuthingError({ kind: 'abort', message: 'The request was aborted by the caller', request, cause: state.options.signal.reason });
  }
  if (state.timeoutSignal?.aborted) {
    return toAuthingError({ kind: 'timeout', message: 'The request timed out', request, cause });
  }
  const target = request ? ` (${request.method} ${stripQuery(request.url)})` : '';
  return toAuthingError({ kind: 'network', message: `The request failed before any response${target}`, request, cause });
}

function stripQuery(url: string): string {
  const at = url.search(/[?#]/);
  return at === -1 ? url : url.slice(0, at);
}

function anySignal(signals: readonly (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  if (present.length <= 1) return present[0];
  if (typeof AbortSignal.any === 'function') return AbortSignal.any(present);
  // Node 20.0–20.2 lack AbortSignal.any.
  const controller = new AbortController();
  for (const s of present) {
    if (s.aborted) {
      controller.abort(s.reason);
      break;
    }
    s.addEventListener('abort', () => controller.abort(s.reason), { once: true });
  }
  return controller.signal;
}

function raceSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
