import { claimedPoolId, verifyToken, type TokenClaims, type UserClaims } from './auth/jwt.js';
import { readPassword } from './auth/rsa.js';
import { AuthingServerError, Errors, type Lang } from './errors.js';
import { langOf } from './i18n.js';
import type { ServiceContext } from './services/context.js';
import { ServiceErrors } from './services/errors.js';
import { isSessionOpen } from './services/sessions.js';
import type { Store } from './storage/store.js';

/** The secrets of one user pool that the HTTP layer needs. */
export interface PoolKeys {
  id: string;
  secret: string;
  jwtSecret: string;
  publicKey: string;
  privateKey: string;
}

/** Long-lived server state shared by every request. */
export interface ServerState {
  store: Store;
  /** Base URL, used as the `iss` of tokens. */
  issuer: string;
  findPool(id: string): Promise<PoolKeys | null>;
  findAppPool(appId: string): Promise<PoolKeys | null>;
  /** The first pool: what a single-pool server answers for when a public call names none. */
  defaultPool(): Promise<PoolKeys | null>;
  /** Whether a user token (by jti) was ended by logout; persisted, so a restart keeps it ended. */
  isRevoked(jti: string): Promise<boolean>;
  revoke(jti: string, userPoolId: string, exp: number): Promise<void>;
  log(error: unknown): void;
  /** Notices that are no failure (the outbox's messages). */
  info(line: string): void;
}

/** Verified signatures kept per server (at most {@link VERIFIED_TOKENS_MAX} tokens, least recently used dropped first). */
const VERIFIED_TOKENS_MAX = 4096;
const verifiedTokens = new WeakMap<ServerState, Map<string, { claims: TokenClaims; jwtSecret: string }>>();

/**
 * The claims of a token whose signature and expiry check out with the key of the pool it claims
 * (the pool's keys never change). A token's signature is checked once: a token seen before is
 * answered from memory until its `exp` (as jose decides expiry: `exp` must be later than now, in
 * whole seconds) and only while its pool still has the key it was checked with. What can change
 * while a token is unexpired (logout, a blocked user, a deleted pool) is checked by the caller on
 * every request. Any failure is 2020 and is not remembered.
 */
async function verifiedClaims(state: ServerState, token: string): Promise<TokenClaims> {
  let cache = verifiedTokens.get(state);
  if (!cache) verifiedTokens.set(state, (cache = new Map()));
  const hit = cache.get(token);
  if (hit) {
    cache.delete(token);
    const pool = hit.claims.exp > Math.floor(Date.now() / 1000) ? await state.findPool(hit.claims.userPoolId) : null;
    if (pool && pool.jwtSecret === hit.jwtSecret) {
      cache.set(token, hit);
      return hit.claims;
    }
  }
  const claimed = claimedPoolId(token);
  const pool = claimed ? await state.findPool(claimed) : null;
  if (!pool) throw Errors.notLoggedIn();
  const claims = await verifyToken(token, pool.jwtSecret);
  if (claims.userPoolId !== pool.id) throw Errors.notLoggedIn();
  // A token without `exp` (none of ours) is checked every time.
  if (claims.exp > 0) {
    cache.set(token, { claims, jwtSecret: pool.jwtSecret });
    if (cache.size > VERIFIED_TOKENS_MAX) cache.delete(cache.keys().next().value as string);
  }
  return claims;
}

/**
 * Verifies a token with the key of the pool it claims, refusing user tokens ended by logout and
 * tokens of users who were blocked (or deleted) since. Every token check goes through here: forged,
 * expired, revoked and unknown-pool tokens are all 2020.
 */
export async function verifyPoolToken(state: ServerState, token: string): Promise<{ pool: PoolKeys; claims: TokenClaims }> {
  const claims = await verifiedClaims(state, token);
  const pool = await state.findPool(claims.userPoolId);
  if (!pool) throw Errors.notLoggedIn();
  if (claims.kind === 'user' && ((await state.isRevoked(claims.jti)) || !(await isSessionOpen(state.store, claims)))) {
    throw Errors.notLoggedIn();
  }
  return { pool, claims };
}

const foreignToken = () => new AuthingServerError(2020, '令牌不属于该用户池', 'The token does not belong to this user pool', undefined, 401);

/** Password checks (logins, registrations) made per HTTP request: aliases and batched operations share one request. */
const passwordChecks = new WeakMap<Request, number>();

export interface ManagementPrincipal {
  kind: 'management';
  pool: PoolKeys;
  service: ServiceContext;
}

export interface UserPrincipal {
  kind: 'user';
  pool: PoolKeys;
  service: ServiceContext;
  userId: string;
  claims: UserClaims;
  token: string;
}

/**
 * Per-request view of who is calling: the language, the pool named by the headers, and the
 * verified token. Every token is verified with the key of the pool it claims, and must belong
 * to the pool the request names; a token of another pool is refused.
 */
export class RequestContext {
  readonly lang: Lang;
  private principalPromise: Promise<ManagementPrincipal | UserPrincipal | null> | undefined;

  constructor(
    readonly request: Request,
    readonly state: ServerState,
  ) {
    this.lang = langOf(request);
  }

  header(name: string): string | null {
    const v = this.request.headers.get(name);
    return v && v.trim() !== '' ? v.trim() : null;
  }

  bearer(): string | null {
    const auth = this.header('authorization');
    if (!auth) return null;
    const m = /^Bearer\s+(.+)$/i.exec(auth);
    return m?.[1]?.trim() ?? null;
  }

  /** The verified caller, or null when no token was sent. A bad token is an error, never anonymous. */
  principal(): Promise<ManagementPrincipal | UserPrincipal | null> {
    this.principalPromise ??= this.resolvePrincipal();
    return this.principalPromise;
  }

  private async resolvePrincipal(): Promise<ManagementPrincipal | UserPrincipal | null> {
    const token = this.bearer();
    if (!token) return null;
    const { pool, claims } = await this.verify(token);
    const service: ServiceContext = { store: this.state.store, poolId: pool.id };
    if (claims.kind === 'management') return { kind: 'management', pool, service };
    return { kind: 'user', pool, service, userId: claims.userId, claims, token };
  }

  /**
   * Verifies a token (the Bearer one, or one passed as an argument, e.g. to `refreshAccessToken`)
   * and checks it belongs to the pool this request names by `x-authing-userpool-id`, or else by
   * `x-authing-app-id`: a token is only ever used, or refreshed, by its own pool.
   */
  async verify(token: string): Promise<{ pool: PoolKeys; claims: TokenClaims }> {
    const verified = await verifyPoolToken(this.state, token);
    const named = this.header('x-authing-userpool-id');
    if (named && named !== verified.claims.userPoolId) throw foreignToken();
    const appHeader = this.header('x-authing-app-id');
    if (!named && appHeader) {
      const appPool = await this.state.findAppPool(appHeader);
      if (appPool && appPool.id !== verified.claims.userPoolId) throw foreignToken();
    }
    return verified;
  }

  /**
   * Claims this request's one password check. Logins and registrations cost a password hash each,
   * so one request may carry one of them, whatever aliases or batching it uses; a second is 400.
   */
  claimPasswordCheck(): void {
    const used = passwordChecks.get(this.request) ?? 0;
    if (used >= 1) throw ServiceErrors.onePasswordCheckPerRequest();
    passwordChecks.set(this.request, used + 1);
  }

  /** Management operations need a management token of the pool. */
  async management(): Promise<ManagementPrincipal> {
    const p = await this.principal();
    if (!p) throw Errors.notLoggedIn();
    if (p.kind !== 'management') throw Errors.forbidden('A management token is required', '需要用户池管理员令牌');
    return p;
  }

  /** Calls made as a logged-in user (the AuthenticationClient's Bearer id_token). */
  async user(): Promise<UserPrincipal> {
    const p = await this.principal();
    if (!p || p.kind !== 'user') throw Errors.notLoggedIn();
    return p;
  }

  /** Either kind of caller, for fields that serve both (e.g. `user(id)`, `updateUser`). */
  async anyPrincipal(): Promise<ManagementPrincipal | UserPrincipal> {
    const p = await this.principal();
    if (!p) throw Errors.notLoggedIn();
    return p;
  }

  /** Public authentication calls (register, login) name their application in `x-authing-app-id`. */
  async app(): Promise<{ appId: string; pool: PoolKeys; service: ServiceContext }> {
    const appId = this.header('x-authing-app-id');
    if (appId) {
      const pool = await this.state.findAppPool(appId);
      if (!pool) throw new AuthingServerError(2011, '应用不存在', 'Application does not exist');
      return { appId, pool, service: { store: this.state.store, poolId: pool.id } };
    }
    throw Errors.invalidInput('The x-authing-app-id header is required', '请求头 x-authing-app-id 不能为空');
  }

  /** The pool a public call is about: from the app header, else the user pool header. */
  async publicPool(): Promise<PoolKeys> {
    const appId = this.header('x-authing-app-id');
    const pool = appId ? await this.state.findAppPool(appId) : null;
    if (pool) return pool;
    const poolId = this.header('x-authing-userpool-id');
    const byId = poolId ? await this.state.findPool(poolId) : null;
    if (byId) return byId;
    // A single-pool server answers for its pool even when a client sends no header (e.g. curl).
    const fallback = await this.state.defaultPool();
    if (fallback) return fallback;
    throw Errors.invalidInput('Name the user pool with x-authing-userpool-id or x-authing-app-id');
  }

  /** Decrypts an RSA-encrypted password field with the pool's private key. */
  password(value: string, pool: PoolKeys): string {
    return readPassword(value, pool.privateKey);
  }
}
