import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kysely, PostgresAdapter, SqliteAdapter, SqliteDialect, type DialectAdapter, type SqliteDatabase, type SqliteStatement } from 'kysely';
import Libsql from 'libsql';
import type { Database } from './tables.js';

/** True for a `postgres://` or `postgresql://` connection URL. */
export const isPostgresUrl = (spec: string): boolean => /^postgres(ql)?:\/\//i.test(spec);

/** Prepared statements kept per database; the least recently used is dropped past this many. */
const STATEMENTS_MAX = 500;

/**
 * The database as Kysely's SQLite driver sees it, with each distinct SQL text prepared once.
 * Kysely's driver prepares every query it runs; its queries are built with parameters, so the
 * same few hundred texts come back on every request, and a prepared statement (plus whether it
 * reads) is reused for them. Statements are stepped to the end by `all` and `run` before the next
 * query can run (the driver holds its one connection per query), so one is never in use twice.
 */
function withStatementCache(sqlite: Libsql.Database): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    prepare(sql: string): SqliteStatement {
      const cached = statements.get(sql);
      if (cached) {
        // Most recently used last: Map iteration order is insertion order.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      const prepared: SqliteStatement = {
        reader: statement.reader,
        all: (parameters) => statement.all(parameters) as unknown[],
        run: (parameters) => statement.run(parameters),
        iterate: (parameters) => statement.iterate(parameters) as IterableIterator<unknown>,
      };
      statements.set(sql, prepared);
      if (statements.size > STATEMENTS_MAX) statements.delete(statements.keys().next().value as string);
      return prepared;
    },
    close(): void {
      statements.clear();
      sqlite.close();
    },
  };
}

/**
 * SQLite's DDL is transactional, but Kysely's SQLite adapter says it is not, so its migrator
 * would commit every CREATE TABLE / CREATE INDEX on its own (one WAL fsync each: about 150 on an
 * empty database). Saying so lets the migrator run all pending migrations in one transaction:
 * one commit, and all or nothing if one fails. Nothing else reads this flag.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class AuthingSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/**
 * Opens a SQLite database (a file, created with its folder if missing, or `:memory:`) through
 * libsql, with foreign keys enforced and, for files, write-ahead logging with
 * `synchronous = FULL`: every commit fsyncs the WAL before it returns, so a write the API has
 * acknowledged survives a crash of the process and of the machine (NORMAL survives the process
 * only: the last commits can be lost on power loss until the next checkpoint).
 */
/** The connection under each database Kysely opened here, for bulk reads ({@link bulkRows}). */
const CONNECTIONS = new WeakMap<Kysely<Database>, Libsql.Database>();

/**
 * The rows of `sql` as arrays of column values, stepped synchronously on the database's own
 * connection — for the one bulk read there is (every grant, when the index is built on start),
 * where Kysely's row-by-row async stream costs as much again as SQLite itself. Null for a
 * database not opened by {@link openDatabase}; callers then read through Kysely.
 */
export function bulkRows(db: Kysely<Database>, sql: string): IterableIterator<unknown[]> | null {
  const connection = CONNECTIONS.get(db);
  return connection ? (connection.prepare(sql).raw(true).iterate() as IterableIterator<unknown[]>) : null;
}

export function openDatabase(path: string): Kysely<Database> {
  const memory = path === ':memory:';
  if (!memory) mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Libsql(path);
  sqlite.pragma('foreign_keys = ON');
  if (!memory) {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
  }
  const db = new Kysely<Database>({ dialect: new AuthingSqliteDialect({ database: withStatementCache(sqlite) }) });
  CONNECTIONS.set(db, sqlite);
  return db;
}

/** The two databases authing-local runs on. */
export type Dialect = 'sqlite' | 'postgres';

/** Which database `db` is (from its adapter, so transactions report the same as their database). */
export const dialectOf = (db: Kysely<Database>): Dialect => (db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite');

/**
 * Opens the database `spec` names: a `postgres://` / `postgresql://` URL (see postgres.ts; `pg`
 * is loaded only then), else a SQLite file path or `:memory:`.
 */
export async function openStorage(spec: string): Promise<Kysely<Database>> {
  if (isPostgresUrl(spec)) return (await import('./postgres.js')).openPostgres(spec);
  return openDatabase(spec);
}
