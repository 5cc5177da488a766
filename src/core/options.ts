/**
 * Option types shared by every client, and their defaults as named constants so that the
 * documentation can reference the value instead of repeating it.
 */

/** The languages Authing answers in (`x-authing-lang`). */
export type Lang = 'zh-CN' | 'en-US';

/**
 * The SDK version. The release script rewrites this line; it is not read from package.json
 * because the SDK must also run in browsers, where there is no package.json to read.
 */
export const SDK_VERSION = '0.1.0';

/** Value of the `x-authing-sdk-version` header, in the `js:<version>` form Authing expects. */
export const SDK_VERSION_HEADER = `js:${SDK_VERSION}`;

/** Authing's public cloud endpoint. */
export const DEFAULT_HOST = 'https://core.authing.cn';

/** Per-attempt request timeout in milliseconds. */
export const DEFAULT_TIMEOUT = 10_000;

/**
 * Budget of one whole call in milliseconds: the token request, every attempt and the waits
 * between retries. When no `deadline` is set, a call gets the longer of this and its `timeout`
 * (and none when `timeout` is 0), so raising `timeout` alone never makes attempts end early.
 */
export const DEFAULT_DEADLINE = 30_000;

/** Language sent when none is configured (Authing's own default). */
export const DEFAULT_LANG: Lang = 'zh-CN';

/** Value of `x-authing-request-from` unless the client sets `requestFrom`. */
export const DEFAULT_REQUEST_FROM = 'sdk';

/** Retries after the first attempt, for idempotent requests only. */
export const DEFAULT_MAX_RETRIES = 2;

/** Upper bound for `retry.maxRetries`; larger values are clamped. */
export const MAX_RETRIES_CEILING = 10;

/** HTTP statuses retried by default. */
export const DEFAULT_RETRY_WHEN: readonly number[] = [429, 503];

/** First backoff step in milliseconds; attempt n waits `RETRY_BASE_DELAY * 2^(n-1)` plus jitter. */
export const RETRY_BASE_DELAY = 500;

/** Largest random jitter added to a backoff step, in milliseconds. */
export const RETRY_MAX_JITTER = 250;

/**
 * Longest wait between attempts in milliseconds. A `Retry-After` longer than this is not waited
 * out: the error is thrown with its `retryAfter` so that the caller decides.
 */
export const RETRY_MAX_DELAY = 10_000;

/**
 * Retry policy for idempotent requests (GET, HEAD, PUT, DELETE, GraphQL queries, and calls passed
 * `idempotent: true`). They are retried on the `retryWhen` statuses and when no whole answer
 * arrived (connection refused or reset, socket lost mid-body); never after a timeout, and never
 * when the wait would end after the call's `deadline`.
 */
export interface RetryOptions {
  /** Retries after the first attempt. Default {@link DEFAULT_MAX_RETRIES}, at most {@link MAX_RETRIES_CEILING}. */
  maxRetries?: number;
  /** HTTP statuses that trigger a retry. Default {@link DEFAULT_RETRY_WHEN}. */
  retryWhen?: readonly number[];
}

/**
 * The subset of `fetch` the SDK calls: a URL string and an init object. `globalThis.fetch`,
 * undici's and most polyfills fit.
 */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Options accepted by every SDK method as its last argument. Per-call values win over client options. */
export interface RequestOptions {
  /** Aborts the call; the SDK then throws an `AuthingAbortError`. */
  signal?: AbortSignal;
  /** Per-attempt timeout in milliseconds (0 disables it), overriding the client's `timeout`. */
  timeout?: number;
  /**
   * Longest time in milliseconds this whole call may take, overriding the client's `deadline`:
   * the token request, every attempt, a token refresh and its replay, and the waits between
   * retries (0 disables it). When it passes the call throws an `AuthingTimeoutError`; a wait for
   * a retry that would end after it is not started, and the last answer's error is thrown instead
   * (an `AuthingRateLimitError` with `retryAfter` for a 429). Default: the longer of
   * {@link DEFAULT_DEADLINE} and `timeout`, none when `timeout` is 0.
   */
  deadline?: number;
  /**
   * Declares whether sending this call more than once is safe. By default reads are (GET, HEAD,
   * PUT, DELETE, GraphQL queries, POSTs that only read) and are retried, and sent again after the
   * management token was refreshed; mutations and other POSTs are sent exactly once, whatever
   * fails. `true` opts a mutation in (e.g. one your server deduplicates); `false` opts a read out.
   */
  idempotent?: boolean;
  /** Extra headers for this call; an empty string removes a header the SDK would send. */
  headers?: Record<string, string>;
}
