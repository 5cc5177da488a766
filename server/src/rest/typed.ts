import type { RequestContext } from '../context.js';
import type { operations } from '../generated/openapi.js';
import type { Reply, RestHandler } from './router.js';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : undefined;
type Params<Op, Where extends string> = Op extends { parameters: infer P } ? (P extends { [K in Where]?: infer X } ? NonNullable<X> : object) : object;

/** What the OpenAPI document says a handler of `K` receives (after validation and coercion). */
export interface TypedInput<K extends keyof operations> {
  path: Params<operations[K], 'path'>;
  query: Params<operations[K], 'query'>;
  body: operations[K] extends { requestBody?: infer B } ? Json<NonNullable<B>> : undefined;
  request: Request;
}

/** The `data` of the operation's 200 envelope. */
export type TypedData<K extends keyof operations> = operations[K] extends { responses: { 200: infer R } }
  ? Json<R> extends { data?: infer D }
    ? D
    : never
  : never;

export type TypedHandler<K extends keyof operations> = (input: TypedInput<K>, rc: RequestContext) => Promise<TypedData<K> | Reply>;

/**
 * Declares REST handlers keyed by operationId, each typed by the OpenAPI document. The router has
 * validated the input against the same document, which is what makes the one cast below sound.
 */
export function routes<K extends keyof operations>(handlers: { [P in K]: TypedHandler<P> }): Record<string, RestHandler<RequestContext>> {
  return handlers as unknown as Record<string, RestHandler<RequestContext>>;
}
