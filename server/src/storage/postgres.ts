import {
  DataTypeNode,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  PostgresQueryCompiler,
  sql,
  type ColumnDefinitionNode,
  type DialectAdapter,
  type QueryCompiler,
} from 'kysely';
import type { Pool, PoolConfig } from 'pg';
import type { Database } from './tables.js';

/** Connections each authing-local process keeps open to PostgreSQL at most. */
const POOL_MAX = 10;

/**
 * The schema the migrations write in SQLite's types; on PostgreSQL the same column types are widened
 * where SQLite's are: `integer` is 64-bit in SQLite (millisecond timestamps live in such columns), so
 * it is `bigint` here, `serial` and an auto-increment integer are `bigserial`, `blob` is `bytea`, and `text` compares byte by byte
 * (`collate "C"`) as SQLite's BINARY collation does, so orderings and equality agree between the two.
 * Only column definitions are rewritten (CREATE TABLE, ADD COLUMN), never casts in queries.
 */
class AuthingPostgresQueryCompiler extends PostgresQueryCompiler {
  protected override visitColumnDefinition(node: ColumnDefinitionNode): void {
    const type = node.dataType.kind === 'DataTypeNode' ? (node.dataType as DataTypeNode).dataType : null;
    // SQLite's `integer primary key autoincrement` is PostgreSQL's bigserial.
    if (type === 'integer' && node.autoIncrement) return super.visitColumnDefinition({ ...node, autoIncrement: false, dataType: DataTypeNode.create('bigserial') });
    const wider = type === 'integer' ? 'bigint' : type === 'serial' ? 'bigserial' : type === 'blob' ? 'bytea' : null;
    if (wider) return super.visitColumnDefinition({ ...node, dataType: DataTypeNode.create(wider) });
    if (type === 'text') {
      const collate = sql.raw('collate "C"').toOperationNode();
      return super.visitColumnDefinition({ ...node, frontModifiers: [collate, ...(node.frontModifiers ?? [])] });
    }
    super.visitColumnDefinition(node);
  }
}

class AuthingPostgresDialect extends PostgresDialect {
  override createQueryCompiler(): QueryCompiler {
    return new AuthingPostgresQueryCompiler();
  }
  override createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }
}

/** What authing-local takes from a PostgreSQL URL beyond what `pg` reads: `?schema=` (default `public`). */
export interface PostgresTarget {
  /** The URL without authing-local's own parameters, as `pg` is given it. */
  connectionString: string;
  /** The schema every table lives in: created when missing, put first on each connection's search_path. */
  schema: string | null;
}

/** Splits authing-local's `schema` parameter off a PostgreSQL URL. */
export function postgresTarget(url: string): PostgresTarget {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  if (schema !== null && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`authing-local: schema "${schema}" in the database URL is not a plain identifier (letters, digits, _)`);
  }
  return { connectionString: parsed.toString(), schema };
}

/** The `pg` settings both the pool and the change-feed listener connect with. */
export async function postgresConfig(target: PostgresTarget): Promise<PoolConfig> {
  const { default: pg } = await import('pg');
  return {
    connectionString: target.connectionString,
    // COUNT(*) and 64-bit columns arrive as strings from pg; every such value here fits a double
    // (counts, millisecond timestamps, sequence numbers), and SQLite gives numbers for them.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
  };
}

/** The connection pool under each database opened by {@link openPostgres}. */
const POOLS = new WeakMap<Kysely<Database>, Pool>();

/** The pg pool of a database opened by {@link openPostgres}; undefined for SQLite. */
export const poolOf = (db: Kysely<Database>): Pool | undefined => POOLS.get(db);

/**
 * Opens a PostgreSQL database through a `pg` pool of {@link POOL_MAX} connections. `pg` is loaded
 * here, on first use, so SQLite users never load it. With `?schema=name` the schema is created
 * if missing and every connection works in it.
 */
export async function openPostgres(url: string): Promise<Kysely<Database>> {
  const target = postgresTarget(url);
  const { default: pg } = await import('pg');
  const config = await postgresConfig(target);
  if (target.schema) {
    const client = new pg.Client({ ...config, options: undefined });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${target.schema}"`);
    } catch (error) {
      // Two processes creating it at once: the loser sees a unique violation; the schema exists.
      if ((error as { code?: string }).code !== '23505') throw error;
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({ ...config, max: POOL_MAX });
  // An idle connection the server drops (restart, idle timeout) must not crash the process.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new AuthingPostgresDialect({ pool }) });
  POOLS.set(db, pool);
  return db;
}
