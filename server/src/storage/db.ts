import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import Libsql from 'libsql';
import type { Database } from './tables.js';

/**
 * Opens a SQLite database (a file, created with its folder if missing, or `:memory:`) through
 * libsql, with foreign keys enforced and, for files, write-ahead logging.
 */
export function openDatabase(path: string): Kysely<Database> {
  const memory = path === ':memory:';
  if (!memory) mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Libsql(path);
  sqlite.pragma('foreign_keys = ON');
  if (!memory) sqlite.pragma('journal_mode = WAL');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}
