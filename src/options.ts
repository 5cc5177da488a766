/** Options and defaults shared by both clients; re-exported by every entry point. */
export {
  DEFAULT_DEADLINE,
  DEFAULT_HOST,
  DEFAULT_LANG,
  DEFAULT_MAX_RETRIES,
  DEFAULT_REQUEST_FROM,
  DEFAULT_RETRY_WHEN,
  DEFAULT_TIMEOUT,
  MAX_RETRIES_CEILING,
  SDK_VERSION,
  type FetchLike,
  type Lang,
  type RequestOptions,
  type RetryOptions,
} from './core/options.js';
