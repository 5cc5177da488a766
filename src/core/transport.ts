/**
 * THE transport: every sub-client method is one call into {@link Transport.graphql} or
 * {@link Transport.rest}. Holds no global state and never changes the options it was given.
 */
import { Deadline } from './deadline.js';
import { AuthingAuthenticationError, AuthingError, attachCallSite, toAuthingError } from './errors.js';
import { describeOperation, GraphQLCaller, type TypedDocument, type VariablesArgs } from './graphql.js';
import { createCallFetch, failure, raceSignal, type CallOptions, type CallState, type HttpConfig } from './http.js';
import {
  DEFAULT_DEADLINE,
  DEFAULT_HOST,
  DEFAULT_LANG,
  DEFAULT_REQUEST_FROM,
  DEFAULT_TIMEOUT,
  SDK_VERSION_HEADER,
  type FetchLike,
  type Lang,
  type RetryOptions,
} from './options.js';
import {
  createLooseClient,
  createRestClient,
  executeRest,
  type HttpMethod,
  type LooseRestClient,
  type RestClient,
} from './rest.js';
import { parseJson, protocolFailure } from './response.js';
import { resolveRetry } from './retry.js';
// Node: node:http with keep-alive (./fetch/node.ts); elsewhere the global fetch (./fetch/default.ts),
// chosen by the package's `imports` conditions so browser bundles never see node:http.
import { defaultFetch } from '#default-fetch';

/** Settings of one {@link Transport}; copied on construction. */
export interface TransportOptions {
  /** Base URL, e.g. `https://core.authing.cn`; a trailing `/` is ignored. Default {@link DEFAULT_HOST}. */
  host?: string;
  userPoolId?: string;
  appId?: string;
  /** Sent as `x-authing-app-tenant-id`. */
  tenantId?: string;
  /** Default {@link DEFAULT_LANG}. */
  lang?: Lang;
  /** Per-attempt timeout in ms; 0 disables it. Default {@link DEFAULT_TIMEOUT}. */
  timeout?: number;
  /**
   * Budget of each whole call in ms (token, attempts, refresh and replay, waits); 0 disables it.
   * Default: the longer of {@link DEFAULT_DEADLINE} and the call's timeout, none when that is 0.
   */
  deadline?: number;
  /** Retry policy for idempotent requests; `false` disables retries. */
  retry?: RetryOptions | false;
  /** Custom fetch. Default: node:http with keep-alive on Node, `globalThis.fetch` elsewhere. */
  fetch?: FetchLike;
  /** Headers added to every request; an empty value removes a default header. */
  headers?: Record<string, string>;
  /** `x-authing-request-from`. Default {@link DEFAULT_REQUEST_FROM}. */
  requestFrom?: string;
  /** Observes every error before it is thrown. Cannot change the outcome; its own exceptions are ignored. */
  onError?: (error: AuthingError) => void;
  /** Supplies the bearer token; `undefined` sends none. */
  getToken?: () => Promise<string | undefined>;
  /**
   * Called with the token a call sent when the server rejected it (2020 / 401). Returns true when
   * a fresh token can be obtained, in which case an idempotent call (a GraphQL query, a REST GET,
   * one passed `idempotent: true`) is sent once more with the token `getToken` then gives.
   */
  invalidateToken?: (rejected: string) => boolean;
}

/** A request of {@link Transport.send}. */
export interface RawCall {
  method: 'GET' | 'POST';
  /** Absolute URL. */
  url: string;
  headers: Record<string, string>;
  body?: string | undefined;
}

/** A success answer of {@link Transport.send}. */
export interface RawAnswer {
  status: number;
  text: string;
  /** The body's JSON value; undefined when the body is empty or not JSON. */
  json: unknown;
}

const IDEMPOTENT_METHODS: ReadonlySet<HttpMethod> = new Set(['get', 'head', 'put', 'delete', 'options']);

/**
 * The request core shared by all sub-clients of a client.
 * @typeParam Paths - the openapi-typescript `paths` the REST helpers are typed against
 */
export class Transport<Paths = Record<string, never>> {
  /** The base URL without trailing `/`. */
  readonly host: string;
  /** `{host}/graphql/v2`. */
  readonly graphqlEndpoint: string;
  /**
   * REST helpers resolving to the envelope's `data`; the SDK's usual way to call REST. `params`
   * and `body` are typed (and required) from `Paths`; per-call options come third.
   * @example
   * const resource = await transport.rest.GET('/api/v2/resources/detail', { params: { query: { id } } }, options);
   */
  readonly rest: RestClient<Paths, true>;
  /** REST helpers resolving to the whole envelope `{code, message, data}` (code 200 still required). */
  readonly restEnvelope: RestClient<Paths, false>;

  readonly #http: HttpConfig;
  readonly #restClient: LooseRestClient;
  readonly #graphql: GraphQLCaller;
  readonly #onError: ((error: AuthingError) => void) | undefined;
  readonly #invalidateToken: ((rejected: string) => boolean) | undefined;
  readonly #reported = new WeakSet<AuthingError>();

  /**
   * @param options - settings; the object is read, never kept or changed
   * @throws {@link AuthingValidationError} when `host` is not an absolute http(s) URL, or `timeout` or `deadline` is negative
   */
  constructor(options: TransportOptions = {}) {
    this.host = normalizeHost(options.host ?? DEFAULT_HOST);
    this.graphqlEndpoint = `${this.host}/graphql/v2`;
    const timeout = options.timeout ?? DEFAULT_TIMEOUT;
    if (!(timeout >= 0)) throw toAuthingError({ kind: 'validation', argument: 'timeout', message: 'timeout must be a number of milliseconds ≥ 0' });
    checkDeadline(options.deadline);
    const customFetch = options.fetch;
    this.#http = Object.freeze({
      fetch: customFetch ?? defaultFetch,
      baseHeaders: Object.freeze(
        withoutEmpty({
          'x-authing-userpool-id': options.userPoolId,
          'x-authing-app-id': options.appId,
          'x-authing-app-tenant-id': options.tenantId,
          'x-authing-request-from': options.requestFrom ?? DEFAULT_REQUEST_FROM,
          'x-authing-sdk-version': SDK_VERSION_HEADER,
          'x-authing-lang': options.lang ?? DEFAULT_LANG,
          ...options.headers,
        }),
      ),
      timeout,
      deadline: options.deadline,
      retry: resolveRetry(options.retry),
      getToken: options.getToken,
    });
    this.#onError = options.onError;
    this.#invalidateToken = options.invalidateToken;
    this.#restClient = createLooseClient(this.host);
    this.#graphql = new GraphQLCaller(this.graphqlEndpoint);
    this.rest = createRestClient<Paths, true>((...a) => this.#sendRest(...a), true);
    this.restEnvelope = createRestClient<Paths, false>((...a) => this.#sendRest(...a), false);
  }

  /**
   * Runs a GraphQL operation against `{host}/graphql/v2`.
   * @param document - a generated typed document, e.g. `AccessTokenDocument`
   * @param args - the variables (required exactly when the operation has required variables), then per-call options
   * @returns the operation's `data`
   * @throws {@link AuthingError} the first GraphQL error's code and message, with every error in `errors` and any partial data in `partialData`
   * @example
   * const { accessToken } = await transport.graphql(AccessTokenDocument, { userPoolId, secret }, { auth: false });
   */
  async graphql<TResult, TVariables>(
    document: TypedDocument<TResult, TVariables>,
    ...args: VariablesArgs<TVariables, CallOptions>
  ): Promise<TResult> {
    // Taken before the first await, so it still holds the caller's frames.
    const callSite = new Error();
    const [variables, options = {}] = args;
    const operation = describeOperation(document);
    return this.#run(callSite, options, options.idempotent ?? operation.isQuery, (state, fetch) =>
      this.#graphql.execute<TResult>(operation, variables ?? undefined, fetch, state),
    );
  }

  /**
   * Sends a request whose answer is not Authing's envelope (the identity protocols' raw bodies:
   * token sets, userinfo, CAS text) with everything a typed call gets: headers, timeout, deadline,
   * retries of idempotent requests, the caller's signal and `onError`. An answer that is not a
   * success is an {@link AuthingProtocolError} (the OAuth `error` kept) or an HTTP error.
   * @param call - method, absolute URL, headers and a string body
   * @param idempotent - whether a lost answer may be asked for again
   * @param options - per-call options (no bearer token unless `auth` is set: protocol calls carry their own credentials)
   * @returns the status, the body's text and, when it is JSON, its value
   */
  send(call: RawCall, idempotent: boolean, options: CallOptions = {}): Promise<RawAnswer> {
    const callSite = new Error();
    return this.#run(callSite, { auth: false, ...options }, idempotent, async (state, fetch) => {
      const response = await fetch(call.url, { method: call.method, headers: call.headers, body: call.body });
      const text = await response.text();
      const json = text === '' ? undefined : parseJson(text);
      if (!response.ok) throw protocolFailure(state, response.status, json);
      return { status: response.status, text, json };
    });
  }

  #sendRest<T>(method: HttpMethod, path: string, init: unknown, options: CallOptions | undefined, unwrap: boolean): Promise<T> {
    const callSite = new Error();
    return this.#run(callSite, options ?? {}, options?.idempotent ?? IDEMPOTENT_METHODS.has(method), async (state, fetch) => {
      const payload = await executeRest(this.#restClient, method, path, init, fetch, state, unwrap);
      // The one unchecked step: the body is the server's JSON, typed by the OpenAPI document.
      return payload as T;
    });
  }

  /**
   * One public call: its deadline, its attempts, and after a rejected token one refresh and one
   * replay (idempotent calls only). Every failure leaves as an AuthingError, at the latest when
   * the deadline passes, whatever the fetch or the libraries are still doing.
   */
  async #run<T>(
    callSite: Error | undefined,
    options: CallOptions,
    idempotent: boolean,
    send: (state: CallState, fetch: ReturnType<typeof createCallFetch>) => Promise<T>,
  ): Promise<T> {
    let deadline: Deadline;
    try {
      checkDeadline(options.deadline);
      deadline = new Deadline(Deadline.budget(options.deadline ?? this.#http.deadline, options.timeout ?? this.#http.timeout));
    } catch (thrown) {
      throw this.#fail(asAuthingError(thrown), callSite);
    }
    let state: CallState = { options, idempotent, deadline };
    const once = async (): Promise<T> => {
      const current: CallState = (state = { options, idempotent, deadline });
      try {
        return await send(current, createCallFetch(this.#http, current));
      } finally {
        current.clearTimer?.();
      }
    };
    const withReplay = async (): Promise<T> => {
      try {
        return await once();
      } catch (thrown) {
        const error = asAuthingError(thrown);
        const rejected = state.token;
        if (rejected === undefined || !this.#shouldRefreshToken(error, options)) throw error;
        // Told even for a mutation, so that the next call fetches a fresh token.
        const canRetry = this.#invalidateToken?.(rejected) ?? false;
        if (!canRetry || !idempotent) throw error;
        return await once();
      }
    };
    try {
      const signal = deadline.signal;
      return await (signal ? raceSignal(withReplay(), signal) : withReplay());
    } catch (thrown) {
      // Only the deadline's own reason can arrive here unmapped.
      throw this.#fail(thrown instanceof AuthingError ? thrown : failure(state, thrown), callSite);
    } finally {
      deadline.clear();
    }
  }

  #fail(error: AuthingError, callSite: Error | undefined): AuthingError {
    attachCallSite(error, callSite);
    this.#report(error);
    return error;
  }

  /** Only a server's rejection of the client's own token says anything about that token. */
  #shouldRefreshToken(error: AuthingError, options: CallOptions): boolean {
    return (
      error instanceof AuthingAuthenticationError &&
      error.statusCode !== undefined &&
      options.auth !== false &&
      options.token === undefined &&
      this.#http.getToken !== undefined
    );
  }

  #report(error: AuthingError): void {
    if (!this.#onError || this.#reported.has(error)) return;
    this.#reported.add(error);
    try {
      this.#onError(error);
    } catch {
      // The hook only observes; a failing logger must not replace the real error.
    }
  }
}

function checkDeadline(deadline: number | undefined): void {
  if (deadline !== undefined && !(deadline >= 0)) {
    throw toAuthingError({ kind: 'validation', argument: 'deadline', message: 'deadline must be a number of milliseconds ≥ 0' });
  }
}

function asAuthingError(thrown: unknown): AuthingError {
  if (thrown instanceof AuthingError) return thrown;
  // Not expected: every path maps its failures. Keep the original as cause, with a fixed message.
  return toAuthingError({ kind: 'network', message: 'Unexpected failure in the SDK transport', cause: thrown });
}

function normalizeHost(host: string): string {
  const trimmed = host.trim().replace(/\/+$/, '');
  let url: URL | undefined;
  try {
    url = new URL(trimmed);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw toAuthingError({ kind: 'validation', argument: 'host', message: 'host must be an absolute http(s) URL' });
  }
  return trimmed;
}

function withoutEmpty(headers: Record<string, string | undefined>): Record<string, string> {
  // Merge case-insensitively first, so that `{ 'X-Authing-Lang': '' }` removes the default.
  const merged = new Map<string, string | undefined>();
  for (const [name, value] of Object.entries(headers)) merged.set(name.toLowerCase(), value);
  const result: Record<string, string> = {};
  for (const [name, value] of merged) {
    if (value !== undefined && value.trim() !== '') result[name] = value;
  }
  return result;
}
