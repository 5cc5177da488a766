/**
 * GraphQL over graphql-request, with Authing's error shape (`errors[].message` is an object
 * `{code, message, data}`) mapped to {@link AuthingError} here. graphql-request's own
 * `ClientError` puts the variables into its message, so it is read and dropped, never rethrown
 * and never kept as a `cause`.
 */
import type { GraphQLClient } from 'graphql-request';
import { AuthingError, SDK_ERROR_CODE, toAuthingError, type AuthingGraphQLError } from './errors.js';
import { failure, type CallFetch, type CallState } from './http.js';
import { isRecord, parseJson, responseContext as context } from './response.js';

/**
 * An operation document as codegen emits it (`documentMode: string`): the operation's text,
 * carrying its result and variables types. Structurally the `TypedDocumentString` of the
 * generated file, so no GraphQL AST exists at run time.
 */
export interface TypedDocument<TResult = Record<string, unknown>, TVariables = Record<string, unknown>> {
  toString(): string;
  /** Type carrier only; never set at runtime. */
  __apiType?: (variables: TVariables) => TResult;
}

/** Keys of `T` that are not optional. An index signature (`{[key: string]: never}`) has none. */
export type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];

/**
 * Arguments after the document: variables are required exactly when the operation declares a
 * required variable; the per-call options always come last and are optional.
 */
export type VariablesArgs<TVariables, TOptions> = [RequiredKeys<TVariables>] extends [never]
  ? [variables?: TVariables, options?: TOptions]
  : [variables: TVariables, options?: TOptions];

/** What the transport needs to know about a document. */
export interface OperationInfo {
  readonly query: string;
  /** Only queries are retried; a mutation is never sent twice. */
  readonly isQuery: boolean;
}

const infoCache = new WeakMap<object, OperationInfo>();

/**
 * Reads a document's text once and remembers whether it is a query.
 * @param document - a generated document (a `String` object, so it can key the cache)
 * @returns its text and kind
 */
export function describeOperation(document: TypedDocument<unknown, never> & object): OperationInfo {
  let info = infoCache.get(document);
  if (!info) {
    const query = document.toString();
    info = { query, isQuery: isQueryText(query) };
    infoCache.set(document, info);
  }
  return info;
}

/** Codegen writes the operation first, so its keyword starts the text (`{ ... }` is a query too). */
function isQueryText(query: string): boolean {
  return /^\s*(?:query\b|\{)/.test(query);
}

/**
 * One graphql-request client for all calls of a transport. graphql-request takes `fetch` per
 * client, not per call, so each call registers its own fetch wrapper under a private
 * `AbortSignal` it passes as the call's signal, and the client's fetch looks the wrapper up by it.
 */
export class GraphQLCaller {
  readonly #endpoint: string;
  #client: Promise<GraphQLClient> | undefined;
  readonly #calls = new WeakMap<AbortSignal, CallFetch>();

  /** @param endpoint - `{host}/graphql/v2` */
  constructor(endpoint: string) {
    this.#endpoint = endpoint;
  }

  /** graphql-request (and the graphql package under it) loads on the first GraphQL call, not at import. */
  #load(): Promise<GraphQLClient> {
    return (this.#client ??= import('graphql-request').then((library) => {
      ClientErrorClass = library.ClientError;
      return this.#create(library.GraphQLClient);
    }));
  }

  #create(Client: typeof GraphQLClient): GraphQLClient {
    return new Client(this.#endpoint, {
      errorPolicy: 'all',
      // Without it graphql-request parses every document to find its name.
      excludeOperationName: true,
      fetch: (input: RequestInfo | URL, init?: RequestInit) => {
        const call = init?.signal ? this.#calls.get(init.signal) : undefined;
        if (!call) return Promise.reject(new Error('GraphQL request outside an SDK call'));
        const { signal: _key, ...rest } = init ?? {};
        return call(input, rest);
      },
    });
  }

  /**
   * Sends one operation and returns its `data`.
   * @param operation - from {@link describeOperation}
   * @param variables - the operation's variables
   * @param fetch - the call's fetch wrapper
   * @param state - the call, for error context
   * @returns the operation's data
   * @throws {@link AuthingError} for GraphQL errors (partial data kept), bad answers and transport failures
   */
  async execute<TResult>(operation: OperationInfo, variables: object | undefined, fetch: CallFetch, state: CallState): Promise<TResult> {
    const client = await this.#load().catch((cause: unknown) => {
      throw toAuthingError({ kind: 'network', message: 'Could not load graphql-request', cause });
    });
    const key = new AbortController().signal;
    this.#calls.set(key, fetch);
    try {
      const { data, errors, status, body } = await client
        .rawRequest<TResult | null | undefined>({ query: operation.query, variables, signal: key })
        .catch((thrown: unknown) => {
          throw mapThrown(thrown, state);
        });
      if (errors && errors.length > 0) throw fromGraphQLErrors(errors, data, status, state);
      if (data === null || data === undefined) throw fromBody(body, status, state);
      return data;
    } finally {
      this.#calls.delete(key);
    }
  }
}

/** Set when graphql-request has loaded; only errors thrown by it are ever tested against it. */
let ClientErrorClass: typeof import('graphql-request').ClientError | undefined;

function mapThrown(thrown: unknown, state: CallState): AuthingError {
  if (ClientErrorClass && thrown instanceof ClientErrorClass) {
    const { errors, data, status, body } = thrown.response;
    return errors && errors.length > 0 ? fromGraphQLErrors(errors, data, status, state) : fromBody(body, status, state);
  }
  if (thrown instanceof AuthingError || !state.response || state.options.signal?.aborted || state.timeoutSignal?.aborted) {
    return failure(state, thrown);
  }
  // graphql-request could not parse a 2xx answer; its error text quotes the body, so it is not kept.
  return responseError(state, state.response.status, SDK_ERROR_CODE.connection, 'The GraphQL answer is not valid JSON');
}

function fromGraphQLErrors(raw: readonly unknown[], data: unknown, status: number, state: CallState): AuthingError {
  const fallback = status >= 200 && status < 300 ? SDK_ERROR_CODE.connection : status;
  const errors = raw.map((e) => readError(e, fallback));
  const first = errors[0] ?? { code: fallback, message: 'Unknown GraphQL error' };
  return toAuthingError({
    kind: 'response',
    code: first.code,
    message: first.message,
    data: first.data,
    errors,
    partialData: data ?? undefined,
    ...context(state, status),
  });
}

function readError(raw: unknown, fallbackCode: number): AuthingGraphQLError {
  const error = isRecord(raw) ? raw : {};
  const path = Array.isArray(error.path)
    ? error.path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number')
    : undefined;
  const inner = error.message;
  if (isRecord(inner)) {
    return {
      code: typeof inner.code === 'number' ? inner.code : fallbackCode,
      message: typeof inner.message === 'string' ? inner.message : 'Unknown GraphQL error',
      ...(inner.data === undefined || inner.data === null ? {} : { data: inner.data }),
      ...(path ? { path } : {}),
    };
  }
  const extensions = isRecord(error.extensions) ? error.extensions : {};
  return {
    code: typeof extensions.code === 'number' ? extensions.code : fallbackCode,
    message: typeof inner === 'string' ? withoutVariableValues(inner) : 'Unknown GraphQL error',
    ...(path ? { path } : {}),
  };
}

/**
 * graphql-js coercion errors quote the rejected value (`Variable "$input" got invalid value
 * {password: "..."}`), which may be a password: keep only the variable's name.
 */
function withoutVariableValues(message: string): string {
  const match = /^(Variable "\$[^"]+") got invalid value/.exec(message);
  return match ? `${match[1]} got an invalid value` : message;
}

/** A non-GraphQL body: Authing's REST envelope `{code, message}` if it is one, else the HTTP status. */
function fromBody(body: string, status: number, state: CallState): AuthingError {
  const envelope = parseJson(body);
  if (isRecord(envelope) && typeof envelope.code === 'number' && typeof envelope.message === 'string') {
    return toAuthingError({ kind: 'response', code: envelope.code, message: envelope.message, data: envelope.data ?? undefined, ...context(state, status) });
  }
  const ok = status >= 200 && status < 300;
  const message = ok ? 'The GraphQL answer has neither data nor errors' : `HTTP ${status} from the GraphQL endpoint`;
  return responseError(state, status, ok ? SDK_ERROR_CODE.connection : status, message);
}

function responseError(state: CallState, status: number, code: number, message: string): AuthingError {
  return toAuthingError({ kind: 'response', code, message, ...context(state, status) });
}
