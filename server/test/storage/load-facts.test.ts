import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/db.js';
import { grantPages, grantPagesNow, loadFacts, loadIndex } from '../../src/storage/load-facts.js';
import { migrateToLatest } from '../../src/storage/migrate.js';

/** The two ways grants are read on start (straight off the connection, and through Kysely) agree. */
describe('loading grants for the index', () => {
  const dir = mkdtempSync(join(tmpdir(), 'authing-load-facts-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the same facts both ways, in pages, and builds an index that holds them all', async () => {
    const db = openDatabase(join(dir, 'pool.db'));
    try {
      await migrateToLatest(db as unknown as Kysely<unknown>);
      // Only the tables the loader reads are filled: the pool and the targets they name are not.
      await sql`PRAGMA foreign_keys = OFF`.execute(db);
      await db.insertInto('namespaces').values({ id: 1, userpool_id: 'p', code: 'ns', name: 'ns', status: 1, created_at: 'x', updated_at: 'x' } as never).execute();
      const rows = Array.from({ length: 2_345 }, (_, i) => ({
        id: `g${i}`,
        userpool_id: 'p',
        namespace_id: 1,
        target_type: i % 3 === 0 ? 'ROLE' : 'USER',
        target_id: `t${i % 50}`,
        resource: `books:${i}`,
        resource_type: 'DATA',
        actions: i % 7 === 0 ? null : JSON.stringify(['read', `books:${i % 5}`]),
        effect: i % 11 === 0 ? 'DENY' : 'ALLOW',
        seq: i,
        created_at: 'x',
        updated_at: 'x',
      }));
      for (let i = 0; i < rows.length; i += 500) await db.insertInto('grants').values(rows.slice(i, i + 500) as never).execute();

      const now = grantPagesNow(db, 1_000);
      expect(now).not.toBeNull();
      const direct = [...now!];
      expect(direct.map((p) => p.length)).toEqual([1_000, 1_000, 345]);
      const streamed = [];
      for await (const page of grantPages(db, 1_000)) streamed.push(...page);
      const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
      expect(direct.flat().sort(byId)).toEqual(streamed.sort(byId));
      expect((await loadFacts(db)).grants.sort(byId)).toEqual(streamed);

      const index = await loadIndex(db);
      expect(index.snapshot().grants.sort(byId)).toEqual(streamed);
      expect(index.isAllowed({ userId: 't1', namespaceId: 1, resource: 'books:1', action: 'read' })).toBe(true);
      expect(index.isAllowed({ userId: 't11', namespaceId: 1, resource: 'books:11', action: 'read' })).toBe(false);
    } finally {
      await db.destroy();
    }
  });
});
