import {
  DEFAULT_MAX_RETRIES,
  DEFAULT_RETRY_WHEN,
  MAX_RETRIES_CEILING,
  RETRY_BASE_DELAY,
  RETRY_MAX_DELAY,
  RETRY_MAX_JITTER,
  type RetryOptions,
} from './options.js';

/** A retry policy with every default filled in. */
export interface RetryPolicy {
  readonly maxRetries: number;
  readonly retryWhen: readonly number[];
}

/** The policy that never retries. */
export const NO_RETRY: RetryPolicy = Object.freeze({ maxRetries: 0, retryWhen: [] });

/**
 * Fills in defaults and clamps `maxRetries` to `0..MAX_RETRIES_CEILING`.
 * @param retry - the client option; `false` disables retries
 * @returns a frozen policy that does not share arrays with the caller's object
 */
export function resolveRetry(retry: RetryOptions | false | undefined): RetryPolicy {
  if (retry === false) return NO_RETRY;
  const requested = retry?.maxRetries ?? DEFAULT_MAX_RETRIES;
  const maxRetries = Number.isFinite(requested) ? Math.min(Math.max(Math.floor(requested), 0), MAX_RETRIES_CEILING) : 0;
  return Object.freeze({ maxRetries, retryWhen: Object.freeze([...(retry?.retryWhen ?? DEFAULT_RETRY_WHEN)]) });
}

/**
 * Reads `Retry-After` (delta-seconds or an HTTP date).
 * @param value - the header value
 * @param now - current time in ms, for the date form
 * @returns the wait in seconds, or undefined when absent or unreadable
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(seconds, 0);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max((date - now) / 1000, 0);
}

/**
 * The wait before retry number `retry` (1-based): `Retry-After` when the server sent one, else
 * capped exponential backoff with jitter (node-auth0's formula).
 * @param retry - 1 for the first retry
 * @param retryAfterSeconds - parsed `Retry-After`
 * @param random - source of jitter, injectable for tests
 * @returns milliseconds to wait, or undefined when the server asks for longer than {@link RETRY_MAX_DELAY}
 */
export function retryDelay(retry: number, retryAfterSeconds: number | undefined, random = Math.random): number | undefined {
  if (retryAfterSeconds !== undefined) {
    const ms = retryAfterSeconds * 1000;
    return ms > RETRY_MAX_DELAY ? undefined : ms;
  }
  const backoff = RETRY_BASE_DELAY * 2 ** (retry - 1) + random() * RETRY_MAX_JITTER;
  return Math.min(backoff, RETRY_MAX_DELAY);
}

/**
 * Waits, unless the signal aborts first.
 * @param ms - milliseconds
 * @param signal - ends the wait early with the signal's reason
 * @returns a promise that resolves after `ms`
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
