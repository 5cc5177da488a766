/**
 * REST over openapi-fetch: typed helpers over the generated `paths`, and the unwrapping of
 * Authing's envelope `{code, message, data}` (success iff `code === 200`, whatever the HTTP status).
 */
import createClient, { type Client, type ParamsOption, type RequestBodyOption } from 'openapi-fetch';
import { AuthingError, SDK_ERROR_CODE, toAuthingError } from './errors.js';
import type { RequiredKeys } from './graphql.js';
import { failure, PlainRequest, type CallFetch, type CallOptions, type CallState } from './http.js';
import { isRecord, responseContext } from './response.js';

/** HTTP methods as openapi-typescript spells them in `paths`. */
export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch' | 'head' | 'options';

/** Paths of `Paths` that define method `M` (absent methods are generated as `m?: never`). */
export type PathsWithMethod<Paths, M extends HttpMethod> = {
  [P in keyof Paths]: Paths[P] extends { [K in M]: unknown } ? P : never;
}[keyof Paths] &
  string;

/** The operation object of `Paths[P][M]`. */
export type OperationOf<Paths, P extends keyof Paths, M extends HttpMethod> = Paths[P] extends { [K in M]: infer O }
  ? O
  : never;

/** `params` and `body` of an operation, each required exactly when the schema requires it. */
export type RestInit<Op> = ParamsOption<Op> & RequestBodyOption<Op>;

/** Arguments after the path: the init (optional when nothing in it is required), then per-call options. */
export type RestArgs<Op> = [RequiredKeys<RestInit<Op>>] extends [never]
  ? [init?: RestInit<Op>, options?: CallOptions]
  : [init: RestInit<Op>, options?: CallOptions];

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206 | '2XX';

/** The JSON body of an operation's success answers (the whole envelope). */
export type SuccessBody<Op> = Op extends { responses: infer R }
  ? R[Extract<keyof R, SuccessStatus>] extends infer S
    ? S extends { content: { 'application/json': infer B } }
      ? B
      : undefined
    : never
  : never;

/** The envelope's `data`: what a REST helper resolves to (with `undefined` when the schema makes `data` optional). */
export type EnvelopeData<Body> = Body extends { data: infer D }
  ? D
  : Body extends { data?: infer D }
    ? D | undefined
    : undefined;

/** One typed method: `rest.GET('/api/v2/users/{userId}', { params: { path: { userId } } }, options)`. */
export type RestMethod<Paths, M extends HttpMethod, Unwrap extends boolean> = <P extends PathsWithMethod<Paths, M>>(
  path: P,
  ...args: RestArgs<OperationOf<Paths, P, M>>
) => Promise<Unwrap extends true ? EnvelopeData<SuccessBody<OperationOf<Paths, P, M>>> : SuccessBody<OperationOf<Paths, P, M>>>;

/** Typed REST helpers; `Unwrap` selects envelope `data` (true) or the whole body (false). */
export interface RestClient<Paths, Unwrap extends boolean> {
  GET: RestMethod<Paths, 'get', Unwrap>;
  POST: RestMethod<Paths, 'post', Unwrap>;
  PUT: RestMethod<Paths, 'put', Unwrap>;
  PATCH: RestMethod<Paths, 'patch', Unwrap>;
  DELETE: RestMethod<Paths, 'delete', Unwrap>;
}

/** What the typed helpers hand to the transport; `T` is inferred from the helper's return type. */
export type RestSend = <T>(method: HttpMethod, path: string, init: unknown, options: CallOptions | undefined, unwrap: boolean) => Promise<T>;

/**
 * Builds the typed helpers over one untyped sender.
 * @param send - the transport's REST entry point
 * @param unwrap - return the envelope's `data` (true) or the whole body (false)
 * @returns GET/POST/PUT/PATCH/DELETE helpers
 */
export function createRestClient<Paths, Unwrap extends boolean>(send: RestSend, unwrap: Unwrap): RestClient<Paths, Unwrap> {
  const method =
    <M extends HttpMethod>(m: M): RestMethod<Paths, M, Unwrap> =>
    (path, ...args) =>
      send(m, path, args[0], args[1], unwrap);
  return { GET: method('get'), POST: method('post'), PUT: method('put'), PATCH: method('patch'), DELETE: method('delete') };
}

// openapi-fetch is typed against the caller's `paths`; inside the transport the path is only known
// as a string, so the client is typed against this permissive shape instead.
interface LooseOperation {
  parameters: {
    query?: Record<string, unknown>;
    header?: Record<string, unknown>;
    path?: Record<string, unknown>;
    cookie?: Record<string, unknown>;
  };
  requestBody?: { content: { 'application/json': unknown } };
  responses: { 200: { content: { 'application/json': unknown } } };
}
type LoosePaths = Record<string, { [M in HttpMethod]: LooseOperation }>;

/** The openapi-fetch client the transport sends REST calls through. */
export type LooseRestClient = Client<LoosePaths>;

/**
 * @param baseUrl - the host, without trailing `/`
 * @returns an openapi-fetch client; every call passes its own fetch wrapper
 */
export function createLooseClient(baseUrl: string): LooseRestClient {
  // PlainRequest: openapi-fetch's request goes straight to the call's fetch, which reads its parts.
  return createClient<LoosePaths>({ baseUrl, Request: PlainRequest as unknown as typeof Request });
}

/**
 * Sends one REST call and unwraps the envelope.
 * @param client - from {@link createLooseClient}
 * @param method - HTTP method
 * @param path - the path template, e.g. `/api/v2/users/{userId}`
 * @param init - `{ params, body }` as the typed helper received it
 * @param fetch - the call's fetch wrapper
 * @param state - the call, for error context
 * @param unwrap - return `data` (true) or the whole body (false)
 * @returns the payload
 * @throws {@link AuthingError} when the envelope's code is not 200, on HTTP errors and transport failures
 */
export async function executeRest(
  client: LooseRestClient,
  method: HttpMethod,
  path: string,
  init: unknown,
  fetch: CallFetch,
  state: CallState,
  unwrap: boolean,
): Promise<unknown> {
  const source = isRecord(init) ? init : {};
  const params = isRecord(source.params) ? source.params : {};
  const options = { params: readParams(params), body: source.body, fetch };
  const { data, error, response } = await client.request(method, path, options).catch((thrown: unknown) => {
    throw mapThrown(thrown, state);
  });
  const body: unknown = response.ok ? data : error;
  if (isRecord(body) && typeof body.code === 'number') {
    if (body.code === 200) return unwrap ? body.data : body;
    const message = typeof body.message === 'string' ? body.message : `Authing error ${body.code}`;
    throw toAuthingError({ kind: 'response', code: body.code, message, data: body.data ?? undefined, ...responseContext(state, response.status) });
  }
  // The v3 envelope (`/api/v3/*`): `statusCode` 200 on success, else `apiCode` is the business code.
  if (isRecord(body) && typeof body.statusCode === 'number') {
    if (body.statusCode === 200) return unwrap ? body.data : body;
    const code = typeof body.apiCode === 'number' ? body.apiCode : body.statusCode;
    const message = typeof body.message === 'string' ? body.message : `Authing error ${code}`;
    throw toAuthingError({ kind: 'response', code, message, data: body.data ?? undefined, ...responseContext(state, response.status) });
  }
  if (response.ok) return unwrap ? undefined : body;
  const message = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  throw toAuthingError({ kind: 'response', code: response.status, message, ...responseContext(state, response.status) });
}

function readParams(params: Record<string, unknown>): LooseOperation['parameters'] {
  const pick = (key: string) => (isRecord(params[key]) ? params[key] : undefined);
  return { query: pick('query'), header: pick('header'), path: pick('path'), cookie: pick('cookie') };
}

function mapThrown(thrown: unknown, state: CallState): AuthingError {
  if (thrown instanceof AuthingError || !state.response || state.options.signal?.aborted || state.timeoutSignal?.aborted) {
    return failure(state, thrown);
  }
  // openapi-fetch could not parse a 2xx body as JSON.
  const status = state.response.status;
  return toAuthingError({ kind: 'response', code: SDK_ERROR_CODE.connection, message: 'The answer is not valid JSON', ...responseContext(state, status) });
}
