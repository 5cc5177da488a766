/**
 * What authing-local refuses at the HTTP layer, before any handler runs, and the one bound every
 * paginated listing shares. Each refusal is an `AuthingServerError` with a code of its own (see
 * ERRORS.md, "Limits"), answered in Authing's shape by http/answer.ts.
 */
import { AuthingServerError } from '../errors.js';

/** The largest request body accepted (1 MiB); a larger one is refused with 413 before it is read. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The largest page a listing answers (`limit`); Authing's own listings page, so must callers. */
export const MAX_PAGE_SIZE = 200;

/** The largest page number: GraphQL's `Int` ends here, and REST is held to the same. */
export const MAX_PAGE = 2_147_483_647;

/** The methods some route answers; anything else (TRACE, CONNECT, PROPFIND, ...) is 405. */
export const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

export const HttpErrors = {
  methodNotAllowed: (method: string) =>
    new AuthingServerError(405, `不支持 ${method} 请求方法`, `Method ${method} is not allowed here`, undefined, 405),
  bodyTooLarge: () =>
    new AuthingServerError(
      413,
      `请求体过大，最大 ${MAX_BODY_BYTES} 字节`,
      `The request body is larger than ${MAX_BODY_BYTES} bytes`,
      undefined,
      413,
    ),
  unsupportedMediaType: (type: string | null) =>
    new AuthingServerError(
      415,
      `不支持的 Content-Type：${type ?? '（无）'}，请使用 application/json`,
      `Unsupported content type ${type ?? '(none)'}: send application/json`,
      undefined,
      415,
    ),
  headersTooLarge: () => new AuthingServerError(431, '请求头过大', 'The request headers are too large', undefined, 431),
  malformedRequest: (en: string, zh = en) => new AuthingServerError(400, zh, en, undefined, 400),
} as const;

/** Whether a request's `content-type` is JSON (`application/json`, `application/graphql+json`, any `+json`; parameters allowed). */
export function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const type = value.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/**
 * Checks a `page` or `limit` argument as the wire sends it: `page` from 1 to {@link MAX_PAGE},
 * `limit` from 1 to {@link MAX_PAGE_SIZE}. Authing's `limit: -1` ("every row") is refused too:
 * one request must not read a whole table. Absent values (defaults apply) and values of another
 * type (the schema's own check reports them) pass.
 */
export function pagingProblem(name: 'page' | 'limit', value: unknown): AuthingServerError | null {
  if (typeof value !== 'number') return null;
  const max = name === 'page' ? MAX_PAGE : MAX_PAGE_SIZE;
  if (Number.isInteger(value) && value >= 1 && value <= max) return null;
  return new AuthingServerError(400, `${name} 必须是 1 到 ${max} 之间的整数`, `${name} must be an integer from 1 to ${max}`, undefined, 400);
}
