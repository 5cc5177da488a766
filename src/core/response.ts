/** Small readers of an HTTP answer, shared by the GraphQL, REST and protocol paths. */
import { AuthingProtocolError, toAuthingError, type AuthingError } from './errors.js';
import { requestSummary, type CallState } from './http.js';
import { parseRetryAfter } from './retry.js';

/**
 * The server's request id, from `x-request-id` or `x-authing-request-id`.
 * @param headers - response headers
 * @returns the id, if any
 */
export function readRequestId(headers: Headers | undefined): string | undefined {
  return headers?.get('x-request-id') ?? headers?.get('x-authing-request-id') ?? undefined;
}

/**
 * The context every error built from an answer carries.
 * @param state - the call (last response, redacted request)
 * @param status - the HTTP status of the answer
 * @returns fields for `toAuthingError({ kind: 'response', ... })`
 */
export function responseContext(state: CallState, status: number) {
  const response = state.response;
  return {
    statusCode: status,
    requestId: readRequestId(response?.headers),
    request: requestSummary(state),
    response,
    retryAfter: parseRetryAfter(response?.headers.get('retry-after') ?? null),
  };
}

/**
 * @param text - a response body
 * @returns the parsed JSON, or undefined when it is not JSON
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * @param value - anything
 * @returns whether it is a non-null, non-array object
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The error of an identity-protocol answer that is not a success: an {@link AuthingProtocolError}
 * keeping the OAuth `error` when the body has one, else a plain HTTP error.
 * @param state - the call
 * @param status - the HTTP status
 * @param body - the parsed body, if it was JSON
 * @returns the error to throw
 */
export function protocolFailure(state: CallState, status: number, body: unknown): AuthingError {
  const context = responseContext(state, status);
  if (isRecord(body) && typeof body.error === 'string') {
    const description = typeof body.error_description === 'string' ? body.error_description : undefined;
    return new AuthingProtocolError({ ...context, code: status, message: description ? `${body.error}: ${description}` : body.error }, body.error, description);
  }
  return toAuthingError({ kind: 'response', ...context, code: status, message: `HTTP ${status}` });
}
