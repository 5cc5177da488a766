import type { Kysely, Transaction } from 'kysely';
import { LoginGuard, type LoginLockoutOptions } from '../auth/login-guard.js';
import { scryptHasher, type PasswordHasher } from '../auth/password.js';
import type { FactChange, Facts, PermissionIndex } from '../engine/types.js';
import { randomUUID } from 'node:crypto';
import { appendEntry, entriesAfter, feedBounds, FOLLOW_INTERVAL_MS, listenForChanges, lockWrites, RETAIN_MS, type FeedEntry, type FeedListener } from './change-feed.js';
import { dialectOf, openStorage } from './db.js';
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
 * On PostgreSQL several processes may serve one database: each write also takes the database-wide
 * write lock and appends its changes to the change feed (change-feed.ts), and every process follows
 * the feed — on each notification, at least every {@link FOLLOW_INTERVAL_MS}, and inside each of its
 * own writes before applying them — so another process's write reaches this index (and clears the
 * memoized reads) within that bound, in commit order.
 *
 * The store also carries the server's in-memory credential state that services share: the
 * password hasher and the failed-login counters (`logins`), one of each per server process.
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
  /** PostgreSQL only: this process's name in the change feed, the last seq applied, and the followers. */
  private readonly origin = randomUUID();
  private seen = 0;
  private caughtUpAt = Date.now();
  private following: { timer: NodeJS.Timeout; listener: FeedListener } | null = null;
  private catchingUp: Promise<void> | null = null;

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

  /**
   * Opens (creating if needed) and migrates the database — a SQLite path, `:memory:`, or a
   * `postgres://` URL — then builds the index from its rows (on PostgreSQL, and starts following
   * the change feed).
   */
  static async open(spec: string, options: StoreOptions = {}): Promise<Store> {
    const db = await openStorage(spec);
    let store: Store | undefined;
    try {
      await migrateToLatest(db as unknown as Kysely<unknown>);
      if (dialectOf(db) === 'sqlite') return new Store(db, await loadIndex(db), options);
      const { index, seq } = await snapshotIndex(db);
      store = new Store(db, index, options);
      store.seen = seq;
      // A failed look (database briefly unreachable) is simply tried again on the next tick.
      const follow = () => void store!.catchUp().catch(() => undefined);
      const listener = await listenForChanges(spec, follow);
      const timer = setInterval(follow, FOLLOW_INTERVAL_MS).unref();
      store.following = { timer, listener };
      return store;
    } catch (error) {
      await db.destroy();
      throw error;
    }
  }

  /** Whether writes go through the change feed (PostgreSQL). */
  private get shared(): boolean {
    return this.following !== null;
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
      const shared = this.shared;
      let earlier: FeedEntry[] = [];
      let seq = 0;
      let result: T;
      try {
        result = await this.db.transaction().execute(async (tx) => {
          if (shared) await lockWrites(tx);
          const value = await fn(tx, changes);
          if (shared) {
            // Under the lock: what other processes committed since this one last looked, then this write.
            earlier = await entriesAfter(tx, this.seen);
            seq = await appendEntry(tx, this.origin, changes);
          }
          return value;
        });
      } finally {
        this.generation++;
        this.memos.clear();
      }
      try {
        this.applyEntries(earlier);
        this.current.apply(changes);
        if (shared) this.seen = seq;
      } catch (error) {
        // The rows are committed; rebuilding from them keeps the index truthful.
        await this.resync();
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

  /**
   * Brings the index up to the change feed (PostgreSQL): the other processes' writes since the
   * last look, in commit order, through the write queue so they interleave with this process's
   * own writes in commit order too. Calls while one runs share it. Resolves when applied.
   */
  catchUp(): Promise<void> {
    if (!this.shared) return Promise.resolve();
    this.catchingUp ??= this.enqueue(async () => {
      this.catchingUp = null;
      if (Date.now() - this.caughtUpAt > RETAIN_MS / 2) {
        // Asleep long enough that entries may have been dropped from the feed: start over.
        await this.resync();
        return;
      }
      const entries = await entriesAfter(this.db, this.seen);
      try {
        this.applyEntries(entries);
      } catch (error) {
        await this.resync();
        throw error;
      }
      this.caughtUpAt = Date.now();
    });
    return this.catchingUp;
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Applies other processes' entries (own ones already reached the index at commit). */
  private applyEntries(entries: readonly FeedEntry[]): void {
    if (entries.length === 0) return;
    this.generation++;
    this.memos.clear();
    for (const entry of entries) {
      if (entry.origin !== this.origin) this.current.apply(entry.changes);
      this.seen = entry.seq;
    }
  }

  /** Rebuilds the index from the tables (and, on PostgreSQL, the feed position of that snapshot). */
  private async resync(): Promise<void> {
    this.generation++;
    this.memos.clear();
    if (!this.shared) {
      this.current = await loadIndex(this.db);
      return;
    }
    const { index, seq } = await snapshotIndex(this.db);
    this.current = index;
    this.seen = seq;
    this.caughtUpAt = Date.now();
  }

  /** The facts as the raw tables hold them now (start-up load and differential tests). */
  loadFacts(): Promise<Facts> {
    return loadFacts(this.db);
  }

  /** Waits for pending writes, stops following the feed, then closes the database. */
  async close(): Promise<void> {
    const following = this.following;
    if (following) {
      clearInterval(following.timer);
      await following.listener.close();
    }
    await this.queue;
    this.following = null;
    await this.db.destroy();
  }
}

/**
 * The index and the feed position it reflects, read in one REPEATABLE READ snapshot so no write
 * falls between the two (PostgreSQL).
 */
async function snapshotIndex(db: Kysely<Database>): Promise<{ index: PermissionIndex; seq: number }> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      const { latest } = await feedBounds(tx);
      return { index: await loadIndex(tx), seq: latest };
    });
}
