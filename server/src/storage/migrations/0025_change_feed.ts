import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * `change_feed`: on PostgreSQL, every write appends one row here in its own transaction (the fact
 * changes it made, as JSON, and which process made it), so the other processes serving the same
 * database bring their permission indexes and memoized reads up to date (storage/change-feed.ts).
 * Writes are serialized by an advisory lock, so `seq` order is commit order. SQLite has the table
 * too, unused: one process owns a SQLite file.
 *
 * On PostgreSQL the log tables get the `rowid` SQLite gives every table implicitly: listings
 * break ties between records of the same millisecond by insertion order, on both databases alike.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('change_feed')
    // SQLite numbers an INTEGER PRIMARY KEY itself; serial becomes bigserial on PostgreSQL (postgres.ts).
    .addColumn('seq', postgres ? 'serial' : 'integer', (c) => c.primaryKey())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('change_feed_created').on('change_feed').column('created_at').execute();
  if (postgres) {
    await sql`ALTER TABLE user_actions ADD COLUMN rowid bigserial`.execute(db);
    await sql`ALTER TABLE audit_logs ADD COLUMN rowid bigserial`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`ALTER TABLE audit_logs DROP COLUMN rowid`.execute(db);
    await sql`ALTER TABLE user_actions DROP COLUMN rowid`.execute(db);
  }
  await db.schema.dropTable('change_feed').execute();
}
