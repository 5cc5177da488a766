import type { RequestContext } from '../context.js';
import type { operations } from '../generated/openapi.js';
import type { Reply, RestHandler } from './router.js';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : undefined;
type Params<Op, Where extends string> = Op extends { parameters: infer P } ? (P extends { [K in Where]?: infer X } ? NonNullable<X> : object) : object;

/** An operationId of the OpenAPI document. */
export type OperationId = keyof operations;

/** What the OpenAPI document says a handler of `K` receives (after validation and coercion). */
export interface TypedInput<K extends OperationId> {
  path: Params<operations[K], 'path'>;
  query: Params<operations[K], 'query'>;
  body: operations[K] extends { requestBody?: infer B } ? Json<NonNullable<B>> : undefined;
  request: Request;
}

/** The `data` of the operation's 200 envelope. */
export type TypedData<K extends OperationId> = operations[K] extends { responses: { 200: infer R } }
  ? Json<R> extends { data?: infer D }
    ? D
    : never
  : never;

export type TypedHandler<K extends OperationId> = (input: TypedInput<K>, rc: RequestContext) => Promise<TypedData<K> | Reply>;

/**
 * One handler per operation of the OpenAPI document, no more and no less. An object literal of
 * this type that omits an operation, or names one the document does not have, fails to compile,
 * so a new operation in `schema/openapi/authing.yaml` cannot ship without its handler.
 */
export type TypedHandlers = { [K in OperationId]: TypedHandler<K> };

/**
 * Declares one area's REST handlers, keyed by operationId and each typed by the OpenAPI document.
 * A key that is not an operationId is an error; completeness is checked where the areas meet
 * (`TypedHandlers` in routes/index.ts).
 */
export function routes<K extends OperationId>(handlers: { [P in K]: TypedHandler<P> }): { [P in K]: TypedHandler<P> } {
  return handlers;
}

/**
 * The handlers as the router takes them. The router has validated every input against the same
 * document the types come from, which is what makes this one cast sound.
 */
export function forRouter(handlers: TypedHandlers): Record<string, RestHandler<RequestContext>> {
  return handlers as unknown as Record<string, RestHandler<RequestContext>>;
}
