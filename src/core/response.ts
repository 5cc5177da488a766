/** Small readers of an HTTP answer, shared by the GraphQL and REST paths. */
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
