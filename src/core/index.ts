/**
 * Public pieces of the core: what users catch, configure and pass per call. The transport,
 * token provider and encryption are SDK internals, used by `src/clients`.
 */
export {
  AuthingAbortError,
  AuthingApiError,
  AuthingAuthenticationError,
  AuthingConnectionError,
  AuthingError,
  AuthingPermissionError,
  AuthingRateLimitError,
  AuthingTimeoutError,
  AuthingValidationError,
  SDK_ERROR_CODE,
  type AuthingErrorInit,
  type AuthingGraphQLError,
  type RequestSummary,
} from './errors.js';
export {
  DEFAULT_DEADLINE,
  DEFAULT_HOST,
  DEFAULT_LANG,
  DEFAULT_MAX_RETRIES,
  DEFAULT_REQUEST_FROM,
  DEFAULT_RETRY_WHEN,
  DEFAULT_TIMEOUT,
  MAX_RETRIES_CEILING,
  RETRY_BASE_DELAY,
  RETRY_MAX_DELAY,
  RETRY_MAX_JITTER,
  SDK_VERSION,
  type FetchLike,
  type Lang,
  type RequestOptions,
  type RetryOptions,
} from './options.js';
export type { TypedDocument } from './graphql.js';
