import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import Libsql from 'libsql';
import { afterAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/services/users.js';
import { ensureDefaultPool } from '../../src/storage/bootstrap.js';
import { openDatabase } from '../../src/storage/db.js';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { Store } from '../../src/storage/store.js';

const dir = mkdtempSync(join(tmpdir(), 'authing-local-durability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pragma = async (db: Kysely<unknown>, name: string) => (await sql<Record<string, unknown>>`pragma ${sql.raw(name)}`.execute(db)).rows[0]?.[name];

describe('durability settings', () => {
  it('a file database runs WAL with synchronous = FULL (every commit fsyncs the WAL) and foreign keys on', async () => {
    const store = await Store.open(join(dir, 'pragmas.db'));
    const db = store.db as unknown as Kysely<unknown>;
    expect(await pragma(db, 'journal_mode')).toBe('wal');
    expect(await pragma(db, 'synchronous')).toBe(2); // 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA
    expect(await pragma(db, 'foreign_keys')).toBe(1);
    await store.close();
  });

  it(':memory: keeps foreign keys on', async () => {
    const store = await Store.open(':memory:');
    expect(await pragma(store.db as unknown as Kysely<unknown>, 'foreign_keys')).toBe(1);
    await store.close();
  });

  it('a write is committed when it resolves: another connection reads it at once', async () => {
    const file = join(dir, 'commit.db');
    const store = await Store.open(file);
    const pool = await ensureDefaultPool(store);
    const reader = new Libsql(file);
    try {
      const user = await createUser({ store, poolId: pool.userPoolId }, { username: 'durable' });
      expect((reader.prepare('select username from users where id = ?').get(user.id) as { username: string } | undefined)?.username).toBe('durable');
    } finally {
      reader.close();
      await store.close();
    }
  });

  it('the migrations of an empty database commit together, and a second run finds nothing to do', async () => {
    const file = join(dir, 'migrations.db');
    const db = openDatabase(file) as unknown as Kysely<unknown>;
    await migrateToLatest(db);
    const names = (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)).rows.map((r) => r.name);
    expect(names[0]).toBe('0001_initial');
    expect(names).toContain('0024_seq_indexes');
    await migrateToLatest(db);
    expect((await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(db)).rows[0]?.n).toBe(names.length);
    // max(seq) of a new grant is an index lookup, not a scan of every grant.
    const plan = (await sql<{ detail: string }>`explain query plan select max(seq) from grants`.execute(db)).rows.map((r) => r.detail).join(' ');
    expect(plan).toContain('grants_seq');
    await db.destroy();
  });

  it('a failing migration leaves the database as it was (all pending migrations are one transaction)', async () => {
    const file = join(dir, 'failing.db');
    const db = openDatabase(file) as unknown as Kysely<unknown>;
    // A table in the way of the first migration's second table: the first one must not stay behind.
    await sql`create table applications (x integer)`.execute(db);
    await expect(migrateToLatest(db)).rejects.toThrow(/applications/);
    const tables = (await sql<{ name: string }>`select name from sqlite_master where type = 'table' order by name`.execute(db)).rows.map((r) => r.name);
    expect(tables).not.toContain('userpools');
    expect((await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(db)).rows[0]?.n).toBe(0);
    await db.destroy();
  });
});
