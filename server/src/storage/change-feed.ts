import { sql, type Kysely } from 'kysely';
import type { FactChange } from '../engine/types.js';
import { postgresConfig, postgresTarget } from './postgres.js';
import type { Database } from './tables.js';

/**
 * The change feed several authing-local processes on one PostgreSQL database follow.
 *
 * Every write (Store.write) takes one transaction-scoped advisory lock first, so writes from all
 * processes are serialized as SQLite's single writer serializes them: a check-then-insert (is the
 * username taken?) sees every earlier commit, and the `seq` a write appends at its end is in commit
 * order. The row carries the write's fact changes; `NOTIFY` in the same transaction wakes the
 * other processes at commit, and each also polls every {@link FOLLOW_INTERVAL_MS} in case a
 * notification was missed (listener reconnecting, a dropped connection): the version check.
 */

/** The advisory lock key of authing-local's writes ("authing" as a 64-bit integer's worth of text). */
const WRITE_LOCK = 0x61757468696e67n;
/**
 * The channel a write's commit notifies: one per schema (notifications reach every listener of the
 * database, and several authing-local schemas may share one), named after `current_schema()`.
 */
const channelOf = (schema: string): string => `authing_local_changes:${schema}`;
/** How often a process checks the feed without a notification: the bound on propagation. */
export const FOLLOW_INTERVAL_MS = 500;
/** Rows older than this are deleted; a process that fell further behind rebuilds its index. */
export const RETAIN_MS = 10 * 60_000;

export interface FeedEntry {
  seq: number;
  origin: string;
  changes: FactChange[];
}

/** Waits for the write lock: held until the transaction ends. */
export async function lockWrites(tx: Kysely<Database>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${sql.lit(WRITE_LOCK.toString())}::bigint)`.execute(tx);
}

/** The feed after `seq`, oldest first. */
export async function entriesAfter(db: Kysely<Database>, seq: number): Promise<FeedEntry[]> {
  const rows = await db.selectFrom('change_feed').select(['seq', 'origin', 'changes']).where('seq', '>', seq).orderBy('seq').execute();
  return rows.map((r) => ({ seq: r.seq, origin: r.origin, changes: JSON.parse(r.changes) as FactChange[] }));
}

/** The newest seq (0 for an empty feed) and the oldest still kept (null when empty). */
export async function feedBounds(db: Kysely<Database>): Promise<{ latest: number; oldest: number | null }> {
  const row = await db
    .selectFrom('change_feed')
    .select((eb) => [eb.fn.max('seq').as('latest'), eb.fn.min('seq').as('oldest')])
    .executeTakeFirst();
  return { latest: row?.latest ?? 0, oldest: row?.oldest ?? null };
}

/**
 * Appends the write's changes (under the lock) and notifies; returns its seq. Now and then the
 * rows past {@link RETAIN_MS} are dropped in the same transaction.
 */
export async function appendEntry(tx: Kysely<Database>, origin: string, changes: readonly FactChange[]): Promise<number> {
  const now = Date.now();
  // One round trip: the row, and the notification its commit delivers.
  const { rows } = await sql<{ seq: number }>`
    WITH entry AS (
      INSERT INTO change_feed (origin, changes, created_at) VALUES (${origin}, ${JSON.stringify(changes)}, ${now}) RETURNING seq
    )
    SELECT seq, pg_notify(${sql.lit(channelOf(''))} || current_schema(), seq::text) FROM entry`.execute(tx);
  const seq = rows[0]!.seq;
  if (seq % 1000 === 0) await tx.deleteFrom('change_feed').where('created_at', '<', now - RETAIN_MS).execute();
  return seq;
}

/** A LISTEN connection that calls `wake` on each notification and reconnects when dropped. */
export interface FeedListener {
  close(): Promise<void>;
}

export async function listenForChanges(url: string, wake: () => void): Promise<FeedListener> {
  const { default: pg } = await import('pg');
  const config = await postgresConfig(postgresTarget(url));
  let client: InstanceType<typeof pg.Client> | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (first = false): Promise<void> => {
    const next = new pg.Client(config);
    next.on('notification', wake);
    next.on('error', () => {
      // The poll keeps the index current meanwhile; reconnect and catch up once listening again.
      if (closed || client !== next) return;
      client = null;
      next.end().catch(() => undefined);
      retry = setTimeout(() => void connect().catch(() => undefined), FOLLOW_INTERVAL_MS).unref();
    });
    try {
      await next.connect();
      const { rows } = await next.query<{ schema: string }>('SELECT current_schema() AS schema');
      await next.query(`LISTEN "${channelOf(rows[0]!.schema).replaceAll('"', '""')}"`);
    } catch (error) {
      await next.end().catch(() => undefined);
      if (first) throw error; // start-up fails loudly: the database is unreachable or refuses LISTEN
      if (closed) return;
      retry = setTimeout(() => void connect().catch(() => undefined), FOLLOW_INTERVAL_MS).unref();
      throw error;
    }
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    wake();
  };
  await connect(true);
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
      client = null;
    },
  };
}
