/**
 * `authing-ts/errors`: the error classes and codes alone, for code that only catches.
 * @example
 * import { AuthingError } from 'authing-ts/errors';
 * const isAuthing = (e: unknown): e is AuthingError => e instanceof AuthingError;
 */
export {
  AuthingAbortError,
  AuthingApiError,
  AuthingAuthenticationError,
  AuthingConnectionError,
  AuthingError,
  AuthingPermissionError,
  AuthingProtocolError,
  AuthingRateLimitError,
  AuthingTimeoutError,
  AuthingValidationError,
  SDK_ERROR_CODE,
  type AuthingErrorInit,
  type AuthingGraphQLError,
  type RequestSummary,
} from './core/errors.js';
