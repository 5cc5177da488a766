import { sql, type Expression, type Kysely } from 'kysely';
import { dialectOf } from './db.js';
import type { Database } from './tables.js';

/**
 * SQL that SQLite and PostgreSQL spell differently, spelled once here so services stay
 * dialect-neutral.
 */

/**
 * The string at top-level key `field` of the JSON text in `column` (null when absent): SQLite's
 * `json_extract`, PostgreSQL's `->>` on the text cast to json.
 */
export function jsonTextField(db: Kysely<Database>, column: Expression<string>, field: string): Expression<string | null> {
  return dialectOf(db) === 'postgres'
    ? sql<string | null>`(${column}::json ->> ${field})`
    : sql<string | null>`json_extract(${column}, ${`$.${field}`})`;
}
