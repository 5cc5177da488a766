/**
 * The management access token: fetched with the user pool secret, reused until one hour before it
 * expires (Authing's rule), fetched at most once at a time however many calls wait for it.
 */
import { AccessTokenDocument, type AccessTokenQuery, type AccessTokenQueryVariables } from '../generated/graphql.js';
import { toAuthingError } from './errors.js';
import { jwtPayload } from './jwt-payload.js';
import type { TypedDocument } from './graphql.js';
import type { CallOptions } from './http.js';

/** A cached token is replaced this many seconds before its `exp` (the official SDKs use one hour). */
export const TOKEN_REFRESH_LEEWAY_SECONDS = 3600;

/** The part of {@link Transport} the provider needs: running the token query without a token. */
export interface TokenQueryRunner {
  graphql(
    document: TypedDocument<AccessTokenQuery, AccessTokenQueryVariables>,
    variables: AccessTokenQueryVariables,
    options?: CallOptions,
  ): Promise<AccessTokenQuery>;
}

/** How the provider gets its token: a fixed `accessToken`, or `secret` to fetch one. */
export type ManagementTokenProviderOptions = {
  /** Runs the `accessToken` query; usually the client's {@link Transport}. */
  transport: TokenQueryRunner;
  userPoolId: string;
  /** Clock in ms, injectable for tests. Default `Date.now`. */
  now?: () => number;
} & ({ secret: string; accessToken?: undefined } | { accessToken: string; secret?: undefined });

interface CachedToken {
  readonly token: string;
  /** Seconds since the epoch; undefined when neither the answer nor the JWT says. */
  readonly exp: number | undefined;
}

/**
 * Supplies the `Authorization` token of a ManagementClient.
 * @example
 * const provider = new ManagementTokenProvider({ transport, userPoolId, secret });
 * const transport = new Transport({ host, userPoolId, getToken: () => provider.getToken(), invalidateToken: () => provider.invalidate() });
 */
export class ManagementTokenProvider {
  readonly #transport: TokenQueryRunner;
  readonly #userPoolId: string;
  readonly #secret: string | undefined;
  readonly #fixed: string | undefined;
  readonly #now: () => number;
  #cached: CachedToken | undefined;
  #fetchedOnce = false;
  #pending: Promise<string> | undefined;

  /**
   * @param options - a fixed `accessToken`, or a `secret` to fetch tokens with
   * @throws {@link AuthingValidationError} when `userPoolId`, or both `secret` and `accessToken`, are missing
   */
  constructor(options: ManagementTokenProviderOptions) {
    if (!options.userPoolId) {
      throw toAuthingError({ kind: 'validation', argument: 'userPoolId', message: 'userPoolId is required' });
    }
    if (!options.secret && !options.accessToken) {
      throw toAuthingError({ kind: 'validation', argument: 'secret', message: 'Provide either secret or accessToken' });
    }
    this.#transport = options.transport;
    this.#userPoolId = options.userPoolId;
    this.#secret = options.secret || undefined;
    this.#fixed = options.accessToken || undefined;
    this.#now = options.now ?? Date.now;
  }

  /**
   * The token to send. A given `accessToken` is returned as is; otherwise the cached token while
   * it has more than {@link TOKEN_REFRESH_LEEWAY_SECONDS} left, else a fresh one. Concurrent
   * callers share one request; a failed request is not cached.
   * @returns the access token
   * @throws {@link AuthingError} when the token request fails (e.g. 2020 for a wrong secret)
   */
  getToken(): Promise<string> {
    if (this.#fixed !== undefined) return Promise.resolve(this.#fixed);
    const cached = this.#cached;
    if (cached && this.#isFresh(cached)) return Promise.resolve(cached.token);
    this.#pending ??= this.#fetch().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  /**
   * Drops the cached token after the server rejected it. Concurrent calls rejected with the same
   * token all land here; only the first drops it, so a token already fetched to replace it is
   * kept and every one of them waits for, or reuses, the same single replacement.
   * @param rejected - the token the server rejected; without it the cached token is dropped
   * @returns true when fetching a new token may help: false for a fixed `accessToken`, and false
   * before any token was fetched (then the secret itself is wrong and a retry would fail again)
   */
  invalidate(rejected?: string): boolean {
    if (this.#fixed !== undefined) return false;
    if (rejected === undefined || this.#cached?.token === rejected) this.#cached = undefined;
    return this.#fetchedOnce;
  }

  #isFresh(cached: CachedToken): boolean {
    // No expiry known: keep it until the server rejects it and invalidate() drops it.
    if (cached.exp === undefined) return true;
    return cached.exp * 1000 > this.#now() + TOKEN_REFRESH_LEEWAY_SECONDS * 1000;
  }

  async #fetch(): Promise<string> {
    const secret = this.#secret ?? '';
    const answer = await this.#transport.graphql(
      AccessTokenDocument,
      { userPoolId: this.#userPoolId, secret },
      { auth: false },
    );
    const token = answer.accessToken.accessToken;
    if (!token) throw toAuthingError({ kind: 'authentication', message: 'The server returned no access token' });
    this.#cached = { token, exp: answer.accessToken.exp ?? jwtExp(token) };
    this.#fetchedOnce = true;
    return token;
  }
}

function jwtExp(token: string): number | undefined {
  try {
    const { exp } = jwtPayload(token);
    return typeof exp === 'number' ? exp : undefined;
  } catch {
    return undefined;
  }
}
