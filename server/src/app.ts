import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { RequestContext, type ServerState } from './context.js';
import { AuthingServerError, Errors } from './errors.js';
import { openapiDocument, typeDefs } from './generated/schema.js';
import { toAuthingErrorJson } from './graphql/errors.js';
import type { GraphQLContext } from './graphql/context.js';
import { resolvers } from './graphql/resolvers/index.js';
import type { FetchHandler } from './http/node.js';
import { langOf } from './i18n.js';
import { OpenApiRouter } from './rest/router.js';
import { restHandlers } from './rest/routes/index.js';

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
    context: ({ request }) => ({ rc: new RequestContext(request, state) }),
    plugins: [authingErrors(state)],
  });
  const router = new OpenApiRouter<RequestContext>(openapiDocument, restHandlers);

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

  return async (request) => {
    const requestId = crypto.randomUUID();
    const { pathname } = new URL(request.url);
    let response: Response;
    if (pathname === '/graphql/v2') response = await yoga.fetch(request);
    else if (pathname.startsWith('/api/v2/')) response = await rest(request);
    else if (pathname === '/' || pathname === '/health')
      response = json({ name: 'authing-local', graphql: '/graphql/v2', rest: '/api/v2', ok: true });
    else response = json({ code: 404, message: 'Not found', data: null }, 404);
    const headers = new Headers(response.headers);
    headers.set('x-request-id', requestId);
    return new Response(response.body, { status: response.status, headers });
  };
}
