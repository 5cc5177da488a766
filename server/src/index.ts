import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { createApp } from './app.js';
import type { LoginLockoutOptions } from './auth/login-guard.js';
import type { PasswordHasher } from './auth/password.js';
import { close, listen, type FetchHandler } from './http/node.js';
import { protocolRoutes } from './oidc/mount.js';
import { createServerState } from './state.js';
import { createFirstPool, createUserPool, findDefaultPool, generatePoolKeyPair, type PoolCredentials } from './storage/bootstrap.js';
import { Store } from './storage/store.js';

export { createApp } from './app.js';
export type { FetchHandler } from './http/node.js';
export type { PoolCredentials } from './storage/bootstrap.js';
export type { LoginLockoutOptions } from './auth/login-guard.js';
export type { PasswordHasher } from './auth/password.js';
export type { VerificationCodeOptions } from './services/verification-codes.js';
import type { VerificationCodeOptions } from './services/verification-codes.js';
export type { QrCodeOptions } from './services/qrcode-options.js';
import type { QrCodeOptions } from './services/qrcode-options.js';

/** Options of {@link startLocalAuthing}. */
export interface StartOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. Default 3000. */
  port?: number;
  /**
   * SQLite file, `:memory:` (the default) for a throwaway server, or a PostgreSQL URL
   * `postgres://user:pass@host:port/db` (`?schema=name` keeps the tables in that schema). Several
   * processes may serve one PostgreSQL database: each follows the others' writes (Store).
   */
  db?: string;
  /** Where unexpected errors are reported. Default: console.error. */
  log?: (error: unknown) => void;
  /** Where notices are written (a message authing-local stored in its outbox instead of sending it). Default: console.info. */
  info?: (line: string) => void;
  /**
   * Brute-force protection of every password login (per user pool): an account is locked after
   * `maxFailures` failures (default 5 in 600 s, for 600 s), a client IP refused after
   * `ipMaxFailures` (default 100 in 300 s), both answering 2000; failures past half a limit are
   * answered after a delay from `slowDelayMs` (100) doubling up to `maxDelayMs` (500). A pool's
   * enabled `loginPasswordFailCheck` / `loginFailCheck` replace the account / IP limits. `false`
   * turns it all off.
   */
  loginLockout?: LoginLockoutOptions | false;
  /** How passwords are hashed and checked. Default: scrypt (N=16384, r=8, p=1). */
  passwordHasher?: PasswordHasher;
  /**
   * Verification codes sent to the outbox (SMS and mail): default valid 300 s, one per recipient
   * and channel per 60 s, spent after 5 wrong tries, 6 digits.
   */
  verificationCodes?: VerificationCodeOptions;
  /** QR-code logins: a code can be scanned and confirmed for 120 s, its ticket exchanged for 60 s (default). */
  qrcode?: QrCodeOptions;
}


/** A running authing-local. */
export interface LocalAuthing extends PoolCredentials {
  /** Base URL, e.g. `http://127.0.0.1:3000`: use it as `host` / `appHost` of the SDKs. */
  url: string;
  /** The same server as a fetch handler, for in-process use. */
  fetch: FetchHandler;
  /** Adds another user pool (with its own app and keys) to this server. */
  createUserPool(name?: string): Promise<PoolCredentials>;
  /** Stops listening and closes the database. */
  close(): Promise<void>;
}

/**
 * Starts authing-local: opens (or creates) the database, makes sure a user pool, an app and the
 * `default` namespace exist, and serves GraphQL at `/graphql/v2` and REST at `/api/v2`.
 *
 * @example
 * const s = await startLocalAuthing({ port: 0, db: ':memory:' });
 * // new ManagementClient({ userPoolId: s.userPoolId, secret: s.secret, host: s.url })
 * await s.close();
 */
export async function startLocalAuthing(options: StartOptions = {}): Promise<LocalAuthing> {
  const path = options.db ?? ':memory:';
  // A new database needs the first pool's RSA key: it is made on the thread pool from here on, while
  // the migrations and createApp run on this thread, and only waited for before listening.
  const firstKeys = path === ':memory:' || !existsSync(path) ? generatePoolKeyPair() : undefined;
  firstKeys?.catch(() => undefined); // unused when start-up fails first
  const store = await Store.open(path, { loginLockout: options.loginLockout, passwordHasher: options.passwordHasher, verificationCodes: options.verificationCodes, qrcode: options.qrcode });
  let server: Server | undefined;
  // On an empty database the first pool is created while the app is built; nothing listens before it exists.
  let creating: Promise<PoolCredentials> | undefined;
  try {
    const existing = await findDefaultPool(store);
    creating = existing ? undefined : createFirstPool(store, firstKeys);
    const state = createServerState(
      store,
      'http://127.0.0.1',
      options.log ?? ((e) => console.error('[authing-local]', e)),
      options.info ?? ((line) => console.info('[authing-local]', line)),
    );
    const handler = createApp(state);
    const credentials = existing ?? (await creating!);
    const listening = await listen(handler, options.port ?? 3000, '127.0.0.1', protocolRoutes(state));
    server = listening.server;
    state.setIssuer(listening.url);
    const running = server;
    return {
      ...credentials,
      url: listening.url,
      fetch: handler,
      createUserPool: (name = 'Another pool') => createUserPool(store, name),
      close: async () => {
        await close(running);
        await store.close();
      },
    };
  } catch (error) {
    // A pool still being created writes after its key is made: let it finish (or fail) first.
    await creating?.catch(() => undefined);
    if (server) await close(server).catch(() => undefined);
    await store.close();
    throw error;
  }
}
