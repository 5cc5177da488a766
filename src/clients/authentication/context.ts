/**
 * What the AuthenticationClient's parts share: its transport, password encryptor and the session
 * (the user token) of that one client instance, never a global.
 */
import { toAuthingError } from '../../core/errors.js';
import { jwtPayload } from '../../core/jwt-payload.js';
import type { Transport } from '../../core/transport.js';
import type { paths } from '../../generated/openapi.js';
import type { PasswordEncryptor } from '../public-key.js';

/** The session of one client: the user token and, once known, its user's id. */
export class Session {
  #token: string | undefined;
  #userId: string | undefined;

  constructor(token?: string) {
    this.#token = token || undefined;
  }

  get token(): string | undefined {
    return this.#token;
  }

  /** Starts a session from a token whose user is not known yet. */
  set(token: string): void {
    this.#token = token;
    this.#userId = undefined;
  }

  /** Keeps a returned user's token as the session; `sessionUser` marks answers about the session's own user. */
  remember<T extends { id: string; token?: string | null } | null>(user: T, sessionUser = false): T {
    if (user?.token) {
      this.#token = user.token;
      this.#userId = user.id;
    } else if (user && sessionUser) {
      this.#userId = user.id;
    }
    return user;
  }

  /**
   * The session user's id: the remembered user's, else the token's `sub` or `data.id` (as the
   * official SDKs read it).
   * @throws {@link AuthingAuthenticationError} without a session
   */
  userId(): string {
    if (this.#userId) return this.#userId;
    const claims = this.#token === undefined ? undefined : safeDecode(this.#token);
    const data = claims?.data;
    const id = claims?.sub ?? (typeof data === 'object' && data !== null && 'id' in data ? data.id : undefined);
    if (typeof id === 'string' && id) return id;
    throw notLoggedIn();
  }

  /** The token, or a typed error without one (for calls that need a logged-in user). */
  requireToken(): string {
    if (this.#token === undefined) throw notLoggedIn();
    return this.#token;
  }

  clear(): void {
    this.#token = undefined;
    this.#userId = undefined;
  }
}

const notLoggedIn = () => toAuthingError({ kind: 'authentication', message: 'Not logged in: log in or call setToken() first' });

function safeDecode(token: string): Record<string, unknown> | undefined {
  try {
    return jwtPayload(token);
  } catch {
    return undefined;
  }
}

/** The state one AuthenticationClient hands to its parts and sub-clients. */
export interface AuthContext {
  readonly appId: string;
  readonly transport: Transport<paths>;
  readonly passwords: PasswordEncryptor;
  readonly session: Session;
  /** The transport to the websocket host (AD logins), made on first use. */
  readonly websocket: () => Transport<paths>;
}
