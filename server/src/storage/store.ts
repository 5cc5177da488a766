import type { Kysely, Transaction } from 'kysely';
import { createPermissionIndex } from '../engine/index.js';
import type { FactChange, Facts, PermissionIndex } from '../engine/types.js';
import { openDatabase } from './db.js';
import { loadFacts } from './load-facts.js';
import { migrateToLatest } from './migrate.js';
import type { Database } from './tables.js';

/** A transaction over the authing-local schema. */
export type Tx = Transaction<Database>;

/**
 * The database plus the in-memory permission index that mirrors its fact tables.
 *
 * Every write goes through {@link Store.write}: one transaction that also collects the
 * `FactChange`s of what it wrote; after the commit the changes reach the index before `write`
 * returns (read-your-writes). Writes are serialized so changes reach the index in commit order.
 */
export class Store {
  private queue: Promise<unknown> = Promise.resolve();
  private current: PermissionIndex;

  private constructor(
    readonly db: Kysely<Database>,
    index: PermissionIndex,
  ) {
    this.current = index;
  }

  /** Opens (creating if needed) and migrates the database, then builds the index from its rows. */
  static async open(path: string): Promise<Store> {
    const db = openDatabase(path);
    try {
      await migrateToLatest(db as unknown as Kysely<unknown>);
      return new Store(db, createPermissionIndex(await loadFacts(db)));
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
      const result = await this.db.transaction().execute((tx) => fn(tx, changes));
      try {
        this.current.apply(changes);
      } catch (error) {
        // The rows are committed; rebuilding from them keeps the index truthful.
        this.current = createPermissionIndex(await loadFacts(this.db));
        throw error;
      }
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
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
