import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectOf } from '../../src/storage/db.js';
import { postgresTarget } from '../../src/storage/postgres.js';
import { Store } from '../../src/storage/store.js';
import { testDatabase } from '../support/databases.js';

/** What storage/postgres.ts makes PostgreSQL do as SQLite does, read back from a migrated schema. */
let store: Store;
beforeAll(async () => {
  store = await Store.open(testDatabase());
});
afterAll(() => store.close());

describe('PostgreSQL as SQLite behaves', () => {
  it('opens through the PostgreSQL dialect in the URL schema', async () => {
    expect(dialectOf(store.db)).toBe('postgres');
    const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(store.db);
    expect(rows[0]!.schema).toMatch(/^t_[0-9a-f]{12}$/);
  });

  it('widens integer columns to 64 bits (millisecond timestamps) and text to byte order', async () => {
    const { rows } = await sql<{ column_name: string; data_type: string; collation_name: string | null }>`
      SELECT column_name, data_type, collation_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'audit_logs'`.execute(store.db);
    const types = Object.fromEntries(rows.map((r) => [r.column_name, [r.data_type, r.collation_name]]));
    expect(types.timestamp).toEqual(['bigint', null]);
    expect(types.operation_name).toEqual(['text', 'C']);
    const { rows: integers } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM information_schema.columns
      WHERE table_schema = current_schema() AND data_type = 'integer'`.execute(store.db);
    expect(integers[0]!.n).toBe(0);
  });

  it('orders and compares text byte by byte, and answers counts and 64-bit values as numbers', async () => {
    const now = Date.now();
    await store.db
      .insertInto('audit_logs')
      .values(['b', 'B', 'a', 'A', '_'].map((name, i) => ({
        id: `log${i}`,
        userpool_id: 'p',
        operator_type: 'USER',
        operator_id: 'u',
        operator_name: name,
        app_id: null,
        client_ip: '127.0.0.1',
        operation_name: name,
        resource_type: 'x',
        resource_desc: 'x',
        timestamp: now,
      })))
      .execute();
    const names = await store.db.selectFrom('audit_logs').select('operation_name').orderBy('operation_name').execute();
    expect(names.map((r) => r.operation_name)).toEqual(['A', 'B', '_', 'a', 'b']);
    const row = await store.db
      .selectFrom('audit_logs')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('timestamp').as('t')])
      .where('operation_name', '=', 'a')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ n: 1, t: now });
  });

  it("takes authing-local's schema parameter off the URL and refuses one that is not an identifier", () => {
    expect(postgresTarget('postgres://u:p@h:5432/db?schema=staging&sslmode=disable')).toEqual({
      connectionString: 'postgres://u:p@h:5432/db?sslmode=disable',
      schema: 'staging',
    });
    expect(() => postgresTarget('postgres://h/db?schema=a;drop')).toThrow(/not a plain identifier/);
  });
});
