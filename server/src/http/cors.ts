/**
 * CORS for browser apps, which call authing-local from their own origin (a dev server on
 * http://127.0.0.1:5173 calling http://127.0.0.1:3000), as they may call Authing itself.
 */

/** Every method a REST operation or GraphQL uses. */
const METHODS = 'GET, POST, PUT, PATCH, DELETE';

/** The request id the SDKs put on `AuthingError.requestId`; a browser hides it unless exposed. */
const EXPOSED = 'x-request-id';

/** A preflight may be cached this long (seconds), so a page does not pay one before every call. */
const MAX_AGE = '600';

/** A CORS preflight: OPTIONS asking whether a method (and headers) may be used. */
export function isPreflight(request: Request): boolean {
  return request.method === 'OPTIONS' && request.headers.has('access-control-request-method');
}

/**
 * The answer to a preflight (`withCors` adds the origin part, as to every answer). It grants the
 * headers the browser asks for: the SDKs' own (`authorization`, `content-type`,
 * `x-authing-userpool-id`, `x-authing-app-id`, `x-authing-lang`, …) and any a caller adds per
 * call; a development server has no reason to refuse one.
 */
export function preflight(request: Request): Response {
  const headers = new Headers({ 'access-control-allow-methods': METHODS, 'access-control-max-age': MAX_AGE });
  const asked = request.headers.get('access-control-request-headers');
  if (asked) headers.set('access-control-allow-headers', asked);
  // Chrome's Private Network Access asks this before a public page may reach a loopback server.
  if (request.headers.get('access-control-request-private-network') === 'true') headers.set('access-control-allow-private-network', 'true');
  headers.set('vary', 'Access-Control-Request-Headers');
  return new Response(null, { status: 204, headers });
}

/**
 * Adds the CORS answer for the request's origin to `headers` (and returns them). The origin is
 * reflected rather than `*` because the official authing-js-sdk sends credentials
 * (`withCredentials: true`), and a browser refuses `*` for those. Without an `Origin` (servers,
 * tests, curl) only `Vary` is added, which keeps a cache from serving one origin's answer to another.
 */
export function withCors(request: Request, headers: Headers): Headers {
  return withCorsFor(request.headers.get('origin'), headers);
}

/** {@link withCors} for a request known only by its `Origin` (one refused before a Request was built). */
export function withCorsFor(origin: string | null | undefined, headers: Headers): Headers {
  headers.append('vary', 'Origin');
  if (!origin) return headers;
  headers.set('access-control-allow-origin', origin);
  headers.set('access-control-allow-credentials', 'true');
  headers.set('access-control-expose-headers', EXPOSED);
  return headers;
}
