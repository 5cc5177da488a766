/**
 * Answers in Authing's shapes, for the places that answer without a handler: refusals of the HTTP
 * layer (method, size, content type, malformed requests), unknown routes and REST envelopes.
 */
import type { AuthingServerError, Lang } from '../errors.js';
import { BufferedResponse } from './buffered.js';

export const GRAPHQL_PATH = '/graphql/v2';

const JSON_TYPE = 'application/json; charset=utf-8';

/** A JSON answer. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return jsonText(JSON.stringify(body), status, headers);
}

/** A JSON answer whose text is already made. */
export function jsonText(text: string, status = 200, headers: Record<string, string> = {}): Response {
  return new BufferedResponse(text, { status, headers: { 'content-type': JSON_TYPE, ...headers } });
}

/** The language a raw `x-authing-lang` value asks for (the same rule as i18n.ts, for requests not yet built). */
export function langOfHeader(value: string | null | undefined): Lang {
  return (value ?? '').toLowerCase().startsWith('en') ? 'en-US' : 'zh-CN';
}

/**
 * A refusal in the shape the path speaks: GraphQL's `errors[].message = {code, message}` at
 * /graphql/v2, the REST envelope `{code, message, data}` everywhere else. The HTTP status is the
 * error's own (413, 415, ...).
 */
export function refusal(error: AuthingServerError, pathname: string, lang: Lang, headers: Record<string, string> = {}): Response {
  const message = error.messageFor(lang);
  const data = error.data ?? null;
  if (pathname === GRAPHQL_PATH) {
    const body = { data: null, errors: [{ message: { code: error.code, message, ...(error.data === undefined ? {} : { data }) }, extensions: { code: error.code } }] };
    return json(body, error.httpStatus, headers);
  }
  return json({ code: error.code, message, data }, error.httpStatus, headers);
}

/** The pathname of a request target (`/a/b?c` → `/a/b`) without parsing it as a URL, which may fail. */
export function pathOf(target: string | undefined): string {
  const t = target ?? '/';
  const end = t.search(/[?#]/);
  return end === -1 ? t : t.slice(0, end);
}
