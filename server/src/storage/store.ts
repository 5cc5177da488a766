import type { Kysely, Transaction } from 'kysely';
import { LoginGuard, type LoginLockoutOptions } from '../auth/login-guard.js';
import { scryptHasher, type PasswordHasher } from '../auth/password.js';
import type { FactChange, Facts, PermissionIndex } from '../engine/types.js';
import { openDatabase } from './db.js';
import { loadFacts, loadIndex } from './load-facts.js';
import { migrateToLatest } from './migrate.js';
import type { Database } from './tables.js';
import { verificationCodeSettings, type VerificationCodeOptions } from '../services/verification-codes.js';
import { qrCodeSettings, type QrCodeOptions } from '../services/qrcode-options.js';

/** Memoized reads a store keeps at most ({@link Store.memo}). */
const MEMOS_MAX = 10_000;

/** A transaction over the authing-local schema. */
export type Tx = Transaction<Database>;

/** How the server treats passwords; the defaults are scrypt and 5 failures in 10 minutes lock for 10 minutes. */
export interface StoreOptions {
  passwordHasher?: PasswordHasher;
  /** `false` turns the lockout off. */
  loginLockout?: LoginLockoutOptions | false;
  /** Expiry, resend interval, tries and length of verification codes. */
  verificationCodes?: VerificationCodeOptions;
  /** Expiry of QR codes and of their tickets. */
  qrcode?: QrCodeOptions;
}

/**
 * The database plus the in-memory permission index that mirrors its fact tables.
 *
 * Every write goes through {@link Store.write}: one transaction that also collects the
 * `FactChange`s of what it wrote; after the commit the changes reach the index before `write`
 * returns (read-your-writes). Writes are serialized so changes reach the index in commit order, so
 * nothing slow may run inside `fn`: password hashing happens before `write` (with `passwords`).
 *
 * The store also carries the server's in-memory credential state that services share: the
 * password hasher and the failed-login counters (`logins`), one of each per server.
 */
export class Store {
  private queue: Promise<unknown> = Promise.resolve();
  private current: PermissionIndex;
  /** Bumped whenever a write may have committed: memoized reads of an older generation are stale. */
  private generation = 0;
  private readonly memos = new Map<string, unknown>();
  readonly passwords: PasswordHasher;
  readonly logins: LoginGuard;
  readonly codes: Required<VerificationCodeOptions>;
  readonly qrcode: Required<QrCodeOptions>;

  private constructor(
    readonly db: Kysely<Database>,
    index: PermissionIndex,
    options: StoreOptions,
  ) {
    this.current = index;
    this.passwords = options.passwordHasher ?? scryptHasher;
    this.logins = new LoginGuard(options.loginLockout ?? {});
    this.codes = verificationCodeSettings(options.verificationCodes);
    this.qrcode = qrCodeSettings(options.qrcode);
  }

  /** Opens (creating if needed) and migrates the database, then builds the index from its rows. */
  static async open(path: string, options: StoreOptions = {}): Promise<Store> {
    const db = openDatabase(path);
    try {
      await migrateToLatest(db as unknown as Kysely<unknown>);
      return new Store(db, await loadIndex(db), options);
    } catch (error) {
      await db.destroy();
      throw error;
    }
  }

  get index(): PermissionIndex {
    return this.current;
  }

  /**
   * Runs `fn` in one transaction. `fn` must use `tx` only: the connection is held for the whole
   * transaction, so a query on `store.db` inside it would wait forever. On failure nothing is
   * committed and no change reaches the index.
   */
  write<T>(fn: (tx: Tx, changes: FactChange[]) => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      const changes: FactChange[] = [];
      let result: T;
      try {
        result = await this.db.transaction().execute((tx) => fn(tx, changes));
      } finally {
        this.generation++;
        this.memos.clear();
      }
      try {
        this.current.apply(changes);
      } catch (error) {
        // The rows are committed; rebuilding from them keeps the index truthful.
        this.current = await loadIndex(this.db);
        throw error;
      }
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * A read of `store.db` remembered under `key` until the next write (any {@link write} forgets
   * every memo, whatever it wrote): for the few lookups every request makes, such as a namespace by
   * its code. A read that fails is not remembered, nor one that a write overtook. At most
   * {@link MEMOS_MAX} are kept (past that all are dropped). Only for rows that {@link write} is
   * the only writer of.
   */
  async memo<T>(key: string, read: () => Promise<T>): Promise<T> {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const generation = this.generation;
    const value = await read();
    if (generation === this.generation) {
      if (this.memos.size >= MEMOS_MAX) this.memos.clear();
      this.memos.set(key, value);
    }
    return value;
  }

  /** The facts as the raw tables hold them now (start-up load and differential tests). */
  loadFacts(): Promise<Facts> {
    return loadFacts(this.db);
  }

  /** Waits for pending writes, then closes the database. */
  async close(): Promise<void> {
    await this.queue;
    await this.db.destroy();
  }
}
