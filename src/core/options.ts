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

/** Retry policy for idempotent requests (GET, HEAD, PUT, DELETE, GraphQL queries). */
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
  /** Extra headers for this call; an empty string removes a header the SDK would send. */
  headers?: Record<string, string>;
}
