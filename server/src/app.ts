import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { RequestContext, type ServerState } from './context.js';
import { AuthingServerError, Errors } from './errors.js';
import { openapiDocument, typeDefs } from './generated/schema.js';
import { toAuthingErrorJson } from './graphql/errors.js';
import type { GraphQLContext } from './graphql/context.js';
import { resolvers } from './graphql/resolvers/index.js';
import { isPreflight, preflight, withCors } from './http/cors.js';
import type { FetchHandler } from './http/node.js';
import { langOf } from './i18n.js';
import { OpenApiRouter } from './rest/router.js';
import { restHandlers } from './rest/routes/index.js';
import { forRouter } from './rest/typed.js';

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });

/** Rewrites GraphQL errors into Authing's shape (`message` is an object) and always answers 200, as Authing does. */
function authingErrors(state: ServerState): Plugin {
  return {
    onResultProcess({ request, result, setResult }) {
      if (Array.isArray(result) || !('errors' in result) || !result.errors?.length) return;
      const lang = langOf(request);
      const errors = result.errors.map((e) => toAuthingErrorJson(e, lang, state.log));
      setResult({
        data: result.data ?? null,
        extensions: { http: { status: 200 } },
        stringify: () => JSON.stringify({ data: result.data ?? null, errors }),
      });
    },
  };
}

/**
 * authing-local as one `(Request) => Promise<Response>`: GraphQL at /graphql/v2 and REST under
 * /api/v2, both validated against the shared schema files.
 */
export function createApp(state: ServerState): FetchHandler {
  const yoga = createYoga<object, GraphQLContext>({
    schema: createSchema<GraphQLContext>({ typeDefs, resolvers }),
    graphqlEndpoint: '/graphql/v2',
    maskedErrors: false,
    landingPage: false,
    logging: false,
    graphiql: { title: 'authing-local' },
    // CORS is answered once for GraphQL and REST alike, below (http/cors.ts).
    cors: false,
    context: ({ request }) => ({ rc: new RequestContext(request, state) }),
    plugins: [authingErrors(state)],
  });
  const router = new OpenApiRouter<RequestContext>(openapiDocument, forRouter(restHandlers));

  async function rest(request: Request): Promise<Response> {
    const rc = new RequestContext(request, state);
    try {
      const result = await router.handle(request, rc);
      if (!result) return json({ code: 404, message: rc.lang === 'en-US' ? 'Not found' : '资源不存在', data: null }, 404);
      return json({ code: 200, message: result.message ?? (rc.lang === 'en-US' ? 'Success' : '成功'), data: result.data ?? null });
    } catch (error) {
      const e = error instanceof AuthingServerError ? error : (state.log(error), Errors.internal());
      return json({ code: e.code, message: e.messageFor(rc.lang), data: e.data ?? null }, e.httpStatus);
    }
  }

  async function route(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === '/graphql/v2') return yoga.fetch(request);
    if (pathname.startsWith('/api/v2/')) return rest(request);
    if (pathname === '/' || pathname === '/health') return json({ name: 'authing-local', graphql: '/graphql/v2', rest: '/api/v2', ok: true });
    return json({ code: 404, message: 'Not found', data: null }, 404);
  }

  return async (request) => {
    const requestId = crypto.randomUUID();
    const response = isPreflight(request) ? preflight(request) : await route(request);
    // Every answer, errors included, carries CORS headers: a page must be able to read a 401's body.
    const headers = withCors(request, new Headers(response.headers));
    headers.set('x-request-id', requestId);
    return new Response(response.body, { status: response.status, headers });
  };
}
