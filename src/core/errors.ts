/**
 * Every failure the SDK reports is an {@link AuthingError}. The transport never builds one with
 * `new`: it describes what happened and {@link toAuthingError} picks the class.
 *
 * Which class each fault ends in (server down, socket lost mid-body, slow, garbled body, 429,
 * expired token, deadline passed), and what is sent again: docs/errors.md.
 */

/** A redacted copy of the request that failed: credentials are masked, the body is never kept. */
export interface RequestSummary {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** One entry of a GraphQL `errors` array, as Authing sends it (`message` is `{code, message, data}`). */
export interface AuthingGraphQLError {
  readonly code: number;
  readonly message: string;
  readonly data?: unknown;
  readonly path?: readonly (string | number)[];
}

/** Codes the SDK uses where the server gave no business code. */
export const SDK_ERROR_CODE = {
  /** An argument was rejected before any request; also Authing's own code for invalid input. */
  validation: 400,
  /** No usable answer: network failure, timeout, or a body that is not Authing's shape. Same as the v4 SDK. */
  connection: 500,
  /** No token could be obtained for the request (Authing's "not logged in"). */
  unauthenticated: 2020,
  /** The caller aborted the call through its `signal` ("client closed request"). */
  aborted: 499,
} as const;

/** Fields common to every {@link AuthingError}. */
export interface AuthingErrorInit {
  code: number;
  message: string;
  statusCode?: number | undefined;
  requestId?: string | undefined;
  data?: unknown;
  partialData?: unknown;
  errors?: readonly AuthingGraphQLError[] | undefined;
  request?: RequestSummary | undefined;
  response?: Response | undefined;
  cause?: unknown;
}

/**
 * Base class of every SDK error. Catch this to handle anything the SDK throws; check `code` for
 * Authing's business code (2004 "user does not exist", 2020 "not logged in", ...).
 */
export class AuthingError extends Error {
  override name: string = 'AuthingError';
  /** Authing's business code, or one of {@link SDK_ERROR_CODE} when the server gave none. */
  readonly code: number;
  /** HTTP status of the answer; absent when no answer arrived. */
  declare readonly statusCode?: number;
  /** The server's `x-request-id`, to quote when asking Authing support. */
  declare readonly requestId?: string;
  /** The `data` of Authing's error (e.g. `{ mfaToken }` for code 1635). */
  declare readonly data?: unknown;
  /** For GraphQL: the `data` that did resolve next to the errors. */
  declare readonly partialData?: unknown;
  /** For GraphQL: every error of the answer; `code`/`message` are the first one's. */
  declare readonly errors?: readonly AuthingGraphQLError[];
  /** What was sent, with credentials redacted. */
  declare readonly request?: RequestSummary;
  /** The raw `Response` (non-enumerable, so it never ends up in logs; its body is already read). */
  declare readonly response?: Response;

  /**
   * @param init - code, message and the context of the failure
   */
  constructor(init: AuthingErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    if (init.statusCode !== undefined) this.statusCode = init.statusCode;
    if (init.requestId !== undefined) this.requestId = init.requestId;
    if (init.data !== undefined) this.data = init.data;
    if (init.partialData !== undefined) this.partialData = init.partialData;
    if (init.errors !== undefined) this.errors = init.errors;
    if (init.request !== undefined) this.request = init.request;
    Object.defineProperty(this, 'response', { value: init.response, enumerable: false, configurable: true });
    Error.captureStackTrace?.(this, new.target);
  }
}

/** Thrown when Authing answered with a business error that no more specific class covers. */
export class AuthingApiError extends AuthingError {
  override name = 'AuthingApiError' as const;
}

/**
 * Thrown when the credentials are missing, wrong or expired: business code 2020, HTTP 401, or a
 * token request that returned no token.
 */
export class AuthingAuthenticationError extends AuthingError {
  override name = 'AuthingAuthenticationError' as const;
}

/** Thrown when the caller is authenticated but not allowed to do this: HTTP 403, or business code 403, 2018 or 2019. */
export class AuthingPermissionError extends AuthingError {
  override name = 'AuthingPermissionError' as const;
}

/**
 * Thrown before any request when an argument is invalid (then `argument` names it), and when the
 * server rejects the request as malformed (HTTP 400 or business code 400).
 */
export class AuthingValidationError extends AuthingError {
  override name = 'AuthingValidationError' as const;
  /** The offending argument, for client-side checks. */
  declare readonly argument?: string;

  /**
   * @param init - code, message and context
   * @param argument - the argument that failed the check
   */
  constructor(init: AuthingErrorInit, argument?: string) {
    super(init);
    if (argument !== undefined) this.argument = argument;
  }
}

/** Thrown when no answer arrived: DNS, refused or reset connection, TLS failure, CORS. */
export class AuthingConnectionError extends AuthingError {
  override name: string = 'AuthingConnectionError';
}

/** Thrown when an attempt took longer than `timeout`; a kind of {@link AuthingConnectionError}. */
export class AuthingTimeoutError extends AuthingConnectionError {
  override name = 'AuthingTimeoutError' as const;
}

/**
 * Thrown when the caller's `signal` aborted the call. It is an AuthingError, like every SDK
 * failure; the signal's reason is its `cause`.
 */
export class AuthingAbortError extends AuthingError {
  override name = 'AuthingAbortError' as const;
}

/** Thrown on HTTP 429 once retries (if any) are used up. */
export class AuthingRateLimitError extends AuthingError {
  override name = 'AuthingRateLimitError' as const;
  /** Seconds the server asked to wait (`Retry-After`), when it said. */
  declare readonly retryAfter?: number;

  /**
   * @param init - code, message and context
   * @param retryAfter - seconds from `Retry-After`
   */
  constructor(init: AuthingErrorInit, retryAfter?: number) {
    super(init);
    if (retryAfter !== undefined) this.retryAfter = retryAfter;
  }
}

/**
 * Thrown when an identity-protocol endpoint (OIDC / OAuth 2.0 token, userinfo, introspection,
 * revocation) answers an OAuth error: `error` keeps the protocol's code (`invalid_grant`,
 * `invalid_client`, ...), `code` is the HTTP status.
 */
export class AuthingProtocolError extends AuthingError {
  override name = 'AuthingProtocolError' as const;
  /** The OAuth 2.0 error code, e.g. `invalid_grant`. */
  readonly error: string;
  /** The server's `error_description`, when it gave one. */
  declare readonly errorDescription?: string;

  /**
   * @param init - code (the HTTP status), message and context
   * @param error - the OAuth error code
   * @param errorDescription - the OAuth error description
   */
  constructor(init: AuthingErrorInit, error: string, errorDescription?: string) {
    super(init);
    this.error = error;
    if (errorDescription !== undefined) this.errorDescription = errorDescription;
  }
}

/**
 * Business codes that mean "not allowed": 403, 2018 (the caller may not change that field) and
 * 2019 (a password change needs verification).
 */
const PERMISSION_CODES: ReadonlySet<number> = new Set([403, 2018, 2019]);

/** What went wrong, as the transport observed it; {@link toAuthingError} turns it into a class. */
export type AuthingErrorInput =
  | ({ kind: 'response'; retryAfter?: number | undefined } & AuthingErrorInit)
  | ({ kind: 'network' | 'timeout' | 'abort' } & Omit<AuthingErrorInit, 'code'>)
  | { kind: 'validation'; argument: string; message: string; cause?: unknown }
  | { kind: 'authentication'; message: string; cause?: unknown; request?: RequestSummary | undefined };

/**
 * The one place that chooses an error class.
 * @param input - the failure as observed
 * @returns the matching {@link AuthingError} subclass
 */
export function toAuthingError(input: AuthingErrorInput): AuthingError {
  switch (input.kind) {
    case 'validation':
      return new AuthingValidationError(
        { code: SDK_ERROR_CODE.validation, message: input.message, cause: input.cause },
        input.argument,
      );
    case 'authentication':
      return new AuthingAuthenticationError({ ...input, code: SDK_ERROR_CODE.unauthenticated });
    case 'network':
      return new AuthingConnectionError({ ...input, code: SDK_ERROR_CODE.connection });
    case 'timeout':
      return new AuthingTimeoutError({ ...input, code: SDK_ERROR_CODE.connection });
    case 'abort':
      return new AuthingAbortError({ ...input, code: SDK_ERROR_CODE.aborted });
    case 'response': {
      const { code, statusCode } = input;
      if (statusCode === 429) return new AuthingRateLimitError(input, input.retryAfter);
      if (code === 2020 || statusCode === 401) return new AuthingAuthenticationError(input);
      if (PERMISSION_CODES.has(code) || statusCode === 403) return new AuthingPermissionError(input);
      if (code === 400 || statusCode === 400) return new AuthingValidationError(input);
      return new AuthingApiError(input);
    }
  }
}

/**
 * Appends the stack captured where the public method was called, so that an error thrown after
 * several `await`s still points at the caller's line (stripe's `attachCallSiteToError`).
 * @param error - the error about to be thrown
 * @param callSite - an `Error` created synchronously at the start of the call; its stack is only
 *   formatted here, on failure, because formatting a stack costs far more than capturing it
 */
export function attachCallSite(error: AuthingError, callSite: Error | undefined): void {
  const frames = callSite?.stack?.split('\n').slice(1).join('\n');
  if (!frames) return;
  error.stack = `${error.stack ?? `${error.name}: ${error.message}`}\n    --- called from ---\n${frames}`;
}
