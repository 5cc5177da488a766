import type { Plugin, YogaServerInstance } from 'graphql-yoga';
import { RequestContext, type ServerState } from './context.js';
import { AuthingServerError, Errors } from './errors.js';
import { openapiDocument, typeDefs } from './generated/schema.js';
import { authingErrorsText } from './graphql/errors.js';
import type { GraphQLContext } from './graphql/context.js';
import { answerFast, type FastGraphQL } from './graphql/fast-path.js';
import { resolverBudget, withResolverBudget } from './graphql/budget.js';
import { answerLimits } from './graphql/cost.js';
import { graphqlLimits } from './graphql/limits.js';
import { resolvers } from './graphql/resolvers/index.js';
import { GRAPHQL_PATH, json, refusal } from './http/answer.js';
import { isPreflight, preflight, withCors } from './http/cors.js';
import { ALLOWED_METHODS, HttpErrors, MAX_BODY_BYTES, isJsonContentType } from './http/limits.js';
import { cameOverHttp, type FetchHandler } from './http/node.js';
import { langOf } from './i18n.js';
import { CasServer } from './cas/routes.js';
import { SAML_PREFIX, SamlServer } from './saml/routes.js';
import { HOSTED_LOGOUT_PATH, hostedLogout } from './hosted/logout.js';
import { handleLocal } from './local/index.js';
import { OpenApiRouter } from './rest/router.js';
import { restHandlers } from './rest/routes/index.js';
import { forRouter } from './rest/typed.js';

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Rewrites GraphQL errors into Authing's shape (`message` is an object) and always answers 200, as Authing does. */
function authingErrors(state: ServerState): Plugin {
  return {
    onResultProcess({ request, result, setResult }) {
      if (Array.isArray(result) || !('errors' in result) || !result.errors?.length) return;
      const text = authingErrorsText({ data: result.data, errors: result.errors }, langOf(request), state.log);
      setResult({ data: result.data ?? null, extensions: { http: { status: 200 } }, stringify: () => text });
    },
  };
}

/**
 * authing-local as one `(Request) => Promise<Response>`: GraphQL at /graphql/v2 and REST under
 * /api/v2, both validated against the shared schema files.
 *
 * `graphqlFastPath: false` (for tests only) sends every GraphQL request through graphql-yoga, so
 * the fast path's answers can be compared with yoga's.
 */
export function createApp(state: ServerState, options: { graphqlFastPath?: boolean } = {}): FetchHandler {
  const contextOf = (request: Request): GraphQLContext => ({ rc: new RequestContext(request, state) });
  /** Set once yoga is built: plain requests of documents yoga has validated are run beside it (graphql/fast-path.ts). */
  let fast: FastGraphQL | null = null;
  /**
   * GraphQL is made on its first request, graphql-yoga imported then: loading and building it was
   * most of what start-up spent before the first answer, and many uses of authing-local only call REST.
   */
  let yogaServer: Promise<YogaServerInstance<object, GraphQLContext>> | null = null;
  const yoga = () =>
    (yogaServer ??= import('graphql-yoga').then(({ createSchema, createYoga }) => {
      const schema = createSchema<GraphQLContext>({ typeDefs, resolvers: withResolverBudget(resolvers) });
      const limits = graphqlLimits();
      const server = createYoga<object, GraphQLContext>({
        schema,
        graphqlEndpoint: GRAPHQL_PATH,
        maskedErrors: false,
        landingPage: false,
        logging: false,
        graphiql: { title: 'authing-local' },
        // CORS is answered once for GraphQL and REST alike, below (http/cors.ts).
        cors: false,
        context: ({ request }) => contextOf(request),
        // The fast path applies the same limits (graphql/fast-path.ts): change both together.
        plugins: [limits, answerLimits(), resolverBudget(), authingErrors(state)],
        // graphqlLimits parses and validates each document text once (graphql/limits.ts), in place of yoga's cache.
        parserAndValidationCache: false,
        // The body is read in full before yoga sees it (graphql(), below), within MAX_BODY_BYTES.
        maxRequestBodySize: false,
      });
      if (options.graphqlFastPath !== false) fast = { schema, validated: (text) => limits.validated(text, schema), context: contextOf, log: state.log };
      return server;
    }).catch((error: unknown) => {
      yogaServer = null; // a failed load is tried again by the next request, not remembered
      throw error;
    }));
  const router = new OpenApiRouter<RequestContext>(openapiDocument, forRouter(restHandlers));
  const cas = new CasServer(state);
  const saml = new SamlServer(state);

  async function rest(request: Request): Promise<Response> {
    const rc = new RequestContext(request, state);
    // v3 paths answer v3's envelope: `statusCode` (an HTTP-like status) and, on errors, `apiCode`.
    const v3 = new URL(request.url).pathname.startsWith('/api/v3/');
    try {
      const result = await router.handle(request, rc);
      const notFound = rc.lang === 'en-US' ? 'Not found' : '资源不存在';
      if (!result) return json(v3 ? { statusCode: 404, apiCode: 404, message: notFound } : { code: 404, message: notFound, data: null }, 404);
      const message = result.message ?? (rc.lang === 'en-US' ? 'Success' : '成功');
      return json(v3 ? { statusCode: 200, message, data: result.data ?? null } : { code: 200, message, data: result.data ?? null });
    } catch (error) {
      const e = error instanceof AuthingServerError ? error : (state.log(error), Errors.internal());
      if (v3) return json({ statusCode: e.httpStatus === 200 ? 400 : e.httpStatus, apiCode: e.code, message: e.messageFor(rc.lang) }, e.httpStatus);
      return json({ code: e.code, message: e.messageFor(rc.lang), data: e.data ?? null }, e.httpStatus);
    }
  }

  /**
   * What yoga is given of a GraphQL request. Authing answers JSON only: a POST must send JSON (yoga
   * would also read forms and `application/graphql`, and answer 415 with no body to the rest), and
   * every answer is JSON whatever `Accept` says (yoga would stream event-stream or multipart, or
   * answer 406). Only a browser opening /graphql/v2 gets GraphiQL.
   */
  function graphql(request: Request, url: URL): Promise<Response> | Response {
    const lang = langOf(request);
    if (!['GET', 'HEAD', 'POST'].includes(request.method)) return refusal(HttpErrors.methodNotAllowed(request.method), GRAPHQL_PATH, lang, { allow: 'GET, POST' });
    const contentType = request.headers.get('content-type');
    if (request.method === 'POST' && !isJsonContentType(contentType)) return refusal(HttpErrors.unsupportedMediaType(contentType), GRAPHQL_PATH, lang);
    // yoga JSON.parses these itself and would report a SyntaxError as an unexpected failure.
    for (const name of ['variables', 'extensions']) {
      const value = url.searchParams.get(name);
      if (value !== null && value !== '' && !parsesAsJson(value)) {
        return refusal(Errors.invalidInput(`The ${name} parameter is not valid JSON`, `${name} 参数不是合法的 JSON`), GRAPHQL_PATH, lang);
      }
    }
    const wantsGraphiQL = request.method === 'GET' && !url.searchParams.has('query') && (request.headers.get('accept') ?? '').includes('text/html');
    if (wantsGraphiQL) return yoga().then((y) => y.fetch(request));
    return request.method === 'POST' ? request.text().then((body) => toYoga(request, body, lang)) : toYoga(request, undefined, lang);
  }

  /**
   * The request as yoga is given it: yoga's own Request class (no stream to copy: the body is the
   * text already read, and yoga's JSON parser takes it as it is), `Accept: application/json`.
   */
  async function toYoga(request: Request, body: string | undefined, lang: ReturnType<typeof langOf>): Promise<Response> {
    // The node adapter stops reading at the limit; this covers callers of the fetch handler that send no length.
    if (body !== undefined && body.length > MAX_BODY_BYTES / 3 && Buffer.byteLength(body) > MAX_BODY_BYTES) return refusal(HttpErrors.bodyTooLarge(), GRAPHQL_PATH, lang);
    // Most requests are plain ones of documents already seen: answered beside yoga, as yoga would.
    // Only those over HTTP, whose signal never aborts: yoga stops at a caller's abort, the fast path does not.
    const answered = fast && body !== undefined && cameOverHttp(request) ? answerFast(fast, request, body, lang) : null;
    if (answered) return answered;
    const server = await yoga();
    const headers = new server.fetchAPI.Headers(request.headers);
    headers.set('accept', 'application/json');
    // The adapter's requests are never aborted: their signal (made when first read) is left alone,
    // and yoga, given none, watches none.
    const init: RequestInit = { method: request.method, headers, body };
    if (!cameOverHttp(request)) init.signal = request.signal;
    return server.fetch(request.url, init);
  }

  async function route(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const lang = langOf(request);
    if (!(ALLOWED_METHODS as readonly string[]).includes(request.method)) return refusal(HttpErrors.methodNotAllowed(request.method), url.pathname, lang);
    // The node adapter stops reading at the limit; this covers callers of the fetch handler itself.
    if (Number(request.headers.get('content-length')) > MAX_BODY_BYTES) return refusal(HttpErrors.bodyTooLarge(), url.pathname, lang);
    if (url.pathname === GRAPHQL_PATH) return graphql(request, url);
    // SAML's endpoints sit under /api/v2 but answer XML and pages, not the REST envelope.
    if (url.pathname.startsWith(SAML_PREFIX)) {
      const answered = await saml.handle(request, url);
      if (answered) return answered;
    }
    // `/logout` is where the official SDK's `users.logout` goes (no `/api/v2`); v3 paths share the router.
    if (url.pathname.startsWith('/api/v2/') || url.pathname.startsWith('/api/v3/') || url.pathname === '/logout') return rest(request);
    // Enterprise-directory sync (org.startSync) lives outside /api/v2, as on Authing.
    if (url.pathname.startsWith('/connections/')) return rest(request);
    // authing-local's own endpoints (the outbox, the QR phone): not Authing's, documented in the README.
    if (url.pathname.startsWith('/__local/')) return handleLocal(request, url, state);
    // CAS (`/cas-idp/...`, `/cas/session`); OIDC and OAuth are served on node:http (oidc/mount.ts).
    if (url.pathname.startsWith('/cas-idp/') || url.pathname === '/cas/session') {
      const answered = await cas.handle(request, url);
      if (answered) return answered;
    }
    if (url.pathname === HOSTED_LOGOUT_PATH && request.method === 'GET') return hostedLogout(request, url, state.store.db);
    if (url.pathname === '/' || url.pathname === '/health') return json({ name: 'authing-local', graphql: GRAPHQL_PATH, rest: '/api/v2', ok: true });
    return json({ code: 404, message: 'Not found', data: null }, 404);
  }

  return async (request) => {
    const requestId = crypto.randomUUID();
    const response = isPreflight(request) ? preflight(request) : await route(request);
    // Every answer, errors included, carries CORS headers: a page must be able to read a 401's body.
    // The answers made here can take them as they are; one whose headers are immutable (as a
    // fetched Response's are) is copied, which its first `append` tells before anything changed.
    try {
      withCors(request, response.headers).set('x-request-id', requestId);
      return response;
    } catch {
      const headers = withCors(request, new Headers(response.headers));
      headers.set('x-request-id', requestId);
      return new Response(response.body, { status: response.status, headers });
    }
  };
}
