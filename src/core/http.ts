/**
 * The one fetch wrapper under both GraphQL (graphql-request) and REST (openapi-fetch): headers,
 * bearer token, timeout, deadline, caller signal, retries. Each public call gets its own wrapper
 * bound to a {@link CallState}, so per-call options never leak into another call.
 */
import { MAX_TIMER_MS, type Deadline } from './deadline.js';
import { AuthingConnectionError, AuthingError, AuthingTimeoutError, toAuthingError, type RequestSummary } from './errors.js';
import type { FetchLike, RequestOptions } from './options.js';
import { summarizeRequest } from './redact.js';
import { parseRetryAfter, retryDelay, sleep, type RetryPolicy } from './retry.js';

/** Options a sub-client may pass per call, beyond the public {@link RequestOptions}. */
export interface CallOptions extends RequestOptions {
  /** `false` sends no `Authorization` header (the token request itself, public endpoints). */
  auth?: boolean;
  /** A bearer token for this call only (an MFA token, a user's token) instead of the client's. */
  token?: string;
}

/** Client-wide settings of the wrapper, resolved once by the transport. */
export interface HttpConfig {
  readonly fetch: FetchLike;
  /** SDK and client headers, empty values already dropped. */
  readonly baseHeaders: Readonly<Record<string, string>>;
  readonly timeout: number;
  /** The client's `deadline`; undefined derives it from the timeout ({@link Deadline.budget}). */
  readonly deadline: number | undefined;
  readonly retry: RetryPolicy;
  readonly getToken?: (() => Promise<string | undefined>) | undefined;
}

/** What one public call has seen so far; the error mapping reads it. */
export interface CallState {
  readonly options: CallOptions;
  /** Only idempotent calls are retried. */
  readonly idempotent: boolean;
  /** The whole call's budget, shared by a token refresh's replay. */
  readonly deadline: Deadline;
  /** The client's token as sent (not a per-call `token`): the one to drop if the server rejects it. */
  token?: string;
  /** The request as sent; redacted into a {@link RequestSummary} only when an error needs it. */
  sent?: { method: string; url: string; headers: Headers };
  request?: RequestSummary;
  response?: Response;
  timeoutSignal?: AbortSignal;
  /** What the current attempt's timer stands for: the `timeout`, or the rest of the deadline. */
  timerLimit?: 'timeout' | 'deadline';
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
    // openapi-fetch hands over a Headers object it just built: kept, not copied.
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
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
      const retryable = state.idempotent && retry <= config.retry.maxRetries;
      let response: Response;
      try {
        response = await attempt(config, state, url, { method, headers, body });
      } catch (error) {
        // No answer at all (refused, reset, a keep-alive socket closed under the request): a read
        // may go again. A timeout, an abort or a lapsed deadline ends the call.
        if (!retryable || !unanswered(error) || !(await pause(state, retryDelay(retry, undefined)))) throw error;
        continue;
      }
      state.response = response;
      if (!retryable || !config.retry.retryWhen.includes(response.status)) return response;
      const wait = retryDelay(retry, parseRetryAfter(response.headers.get('retry-after')));
      // A wait the deadline would cut short is not started: the caller gets this answer's error now.
      if (wait === undefined || wait >= state.deadline.remaining()) return response;
      await pause(state, wait);
    }
  };
}

function unanswered(error: unknown): boolean {
  return error instanceof AuthingConnectionError && !(error instanceof AuthingTimeoutError);
}

/**
 * Waits before a retry.
 * @returns false, without waiting, when the wait would not end before the deadline
 * @throws {@link AuthingAbortError} when the caller aborts during the wait
 */
async function pause(state: CallState, ms: number | undefined): Promise<boolean> {
  if (ms === undefined || ms >= state.deadline.remaining()) return false;
  try {
    await sleep(ms, state.options.signal);
  } catch (reason) {
    throw failure(state, reason);
  }
  return true;
}

async function buildHeaders(config: HttpConfig, state: CallState, fromLibrary: Headers): Promise<Headers> {
  const { options } = state;
  const headers = new Headers(config.baseHeaders);
  fromLibrary.forEach((value, name) => headers.set(name, value));
  let token = options.auth === false ? undefined : options.token;
  if (token === undefined && options.auth !== false) {
    token = await readToken(config, state);
    state.token = token || undefined;
  }
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
  // Nothing is sent once the deadline has passed: the caller has been told the call failed.
  if (state.deadline.expired) throw failure(state, undefined);
  state.response = undefined;
  const timeout = state.options.timeout ?? config.timeout;
  const left = state.deadline.remaining();
  const bounded = timeout > 0 && timeout <= MAX_TIMER_MS;
  const ms = bounded ? Math.min(timeout, left) : left;
  state.clearTimer?.();
  // A plain timer, cleared when the call settles: AbortSignal.timeout costs about a millisecond a
  // call on Node 20 (a weakly held timer per signal), which was most of the SDK's own overhead.
  let timeoutSignal: AbortSignal | undefined;
  if (Number.isFinite(ms)) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException('The operation timed out', 'TimeoutError')), ms);
    state.clearTimer = () => clearTimeout(timer);
    state.timerLimit = bounded && timeout < left ? 'timeout' : 'deadline';
    timeoutSignal = controller.signal;
  }
  state.timeoutSignal = timeoutSignal;
  const signal = anySignal([caller, timeoutSignal]);
  let headersArrived = false;
  try {
    const pending = config.fetch(url, signal ? { ...init, signal } : init);
    // Race the signal too: an injected fetch that ignores `signal` must still time out.
    const response = await (signal ? raceSignal(pending, signal) : pending);
    headersArrived = true;
    // The body belongs to the attempt: losing it half-way is a failed attempt like losing the
    // headers (an AuthingConnectionError, retried for reads), never a "malformed answer".
    const text = response.text();
    return buffered(response, await (signal ? raceSignal(text, signal) : text));
  } catch (cause) {
    throw failure(state, cause, headersArrived);
  }
}

/**
 * Serves a body already read to the two readers graphql-request and openapi-fetch call. Patching
 * them on this instance costs nothing measurable; a second `Response` costs tens of microseconds.
 * @param response - the answer, its body consumed
 * @param text - that body
 * @returns the same response
 */
function buffered(response: Response, text: string): Response {
  response.text = () => Promise.resolve(text);
  // JSON.parse's SyntaxError on a garbled body reaches the libraries as `json()`'s would.
  response.json = () => Promise.resolve(text).then((body): unknown => JSON.parse(body));
  return response;
}

/**
 * Classifies something thrown while no usable answer exists: caller abort, timeout, or network.
 * @param state - the call, whose signals tell abort from timeout
 * @param cause - what was thrown
 * @param midBody - the headers had arrived, the body had not
 * @returns the AuthingError to throw (an AuthingError `cause` is returned as is)
 */
export function failure(state: CallState, cause: unknown, midBody = false): AuthingError {
  if (cause instanceof AuthingError) return cause;
  const request = requestSummary(state);
  if (state.options.signal?.aborted) {
    return toAuthingError({ kind: 'abort', message: 'The request was aborted by the caller', request, cause: state.options.signal.reason });
  }
  const timedOut = state.timeoutSignal?.aborted === true;
  if (timedOut ? state.timerLimit === 'deadline' : state.deadline.expired) {
    const message = `The call did not finish within its deadline of ${state.deadline.ms} ms`;
    return toAuthingError({ kind: 'timeout', message, request, cause });
  }
  if (timedOut) {
    return toAuthingError({ kind: 'timeout', message: 'The request timed out', request, cause });
  }
  const target = request ? ` (${request.method} ${stripQuery(request.url)})` : '';
  const message = midBody ? `The connection was lost while the answer was read${target}` : `The request failed before any response${target}`;
  return toAuthingError({ kind: 'network', message, request, cause });
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

/**
 * Settles with `promise`, or rejects with the signal's reason as soon as it aborts; a later
 * rejection of `promise` is then handled, never reported as unhandled.
 * @param promise - the work
 * @param signal - what ends the wait
 * @returns the work's value
 */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
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
