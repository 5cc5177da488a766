import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { allow, isAllowed, revokeResource } from '../../src/services/acl.js';
import { createUser } from '../../src/services/users.js';
import { ensureDefaultPool } from '../../src/storage/bootstrap.js';
import { Store } from '../../src/storage/store.js';
import { normalized } from '../services/helpers.js';
import { testDatabase } from '../support/databases.js';

/**
 * Two stores on one PostgreSQL schema in one process: the change feed in isolation (the
 * several-process tests next to this one run real servers). Each store stands for one process.
 */
const open: Store[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function twoStores() {
  const url = testDatabase();
  const a = await Store.open(url);
  open.push(a);
  const pool = await ensureDefaultPool(a);
  const b = await Store.open(url);
  open.push(b);
  return { a, b, url, ctxA: { store: a, poolId: pool.userPoolId }, ctxB: { store: b, poolId: pool.userPoolId } };
}

describe('following the change feed', () => {
  it("applies the other store's writes on catch-up, in commit order, and its own at once", async () => {
    const { a, b, ctxA, ctxB } = await twoStores();
    const user = await createUser(ctxA, { username: 'reader' });
    await allow(ctxA, { resource: 'books:1', action: 'read', userId: user.id });
    // Read-your-writes in the writer; the other sees it after its next look at the feed.
    expect(await isAllowed(ctxA, user.id, 'books:1', 'read')).toBe(true);
    await b.catchUp();
    expect(await isAllowed(ctxB, user.id, 'books:1', 'read')).toBe(true);
    // Interleaved grants and revokes from both, then both indexes equal the tables.
    for (let i = 0; i < 20; i++) {
      const ctx = i % 2 === 0 ? ctxA : ctxB;
      await allow(ctx, { resource: `books:${i}`, action: 'edit', userId: user.id });
      if (i % 3 === 0) await revokeResource(i % 4 === 0 ? ctxB : ctxA, { resource: `books:${i}`, opts: [{ targetType: 'USER', targetIdentifier: user.id }] });
    }
    await Promise.all([a.catchUp(), b.catchUp()]);
    const tables = normalized(await a.loadFacts());
    expect(tables.grants.length).toBeGreaterThan(10);
    expect(normalized(a.index.snapshot())).toEqual(tables);
    expect(normalized(b.index.snapshot())).toEqual(tables);
    expect(await isAllowed(ctxB, user.id, 'books:3', 'edit')).toBe(false);
    expect(await isAllowed(ctxB, user.id, 'books:4', 'edit')).toBe(true);
  });

  it('without a catch-up call, the poll brings the other store up within its interval', async () => {
    const { ctxA, ctxB } = await twoStores();
    const user = await createUser(ctxA, { username: 'polled' });
    await allow(ctxA, { resource: 'files:9', action: 'read', userId: user.id });
    const started = Date.now();
    while (!(await isAllowed(ctxB, user.id, 'files:9', 'read'))) {
      expect(Date.now() - started, 'visible on the other store within 2 s').toBeLessThan(2_000);
      await new Promise((r) => setTimeout(r, 20));
    }
  });

  it("a store writing before it has looked at the feed applies the other's earlier write first", async () => {
    const { a, b, ctxA, ctxB } = await twoStores();
    const user = await createUser(ctxA, { username: 'ordered' });
    await allow(ctxA, { resource: 'docs:1', action: 'read', userId: user.id });
    await allow(ctxB, { resource: 'docs:2', action: 'read', userId: user.id });
    expect(await isAllowed(ctxB, user.id, 'docs:1', 'read')).toBe(true);
    expect(normalized(b.index.snapshot())).toEqual(normalized(await a.loadFacts()));
  });

  it('a store opened later starts from one snapshot of the tables and the feed, and applies nothing twice', async () => {
    const { a, url, ctxA } = await twoStores();
    const user = await createUser(ctxA, { username: 'restarted' });
    await allow(ctxA, { resource: 'logs:1', action: 'read', userId: user.id });
    const c = await Store.open(url);
    open.push(c);
    expect(normalized(c.index.snapshot())).toEqual(normalized(await a.loadFacts()));
    await c.catchUp();
    expect(normalized(c.index.snapshot())).toEqual(normalized(await a.loadFacts()));
  });

  it('memoized reads are dropped when another store writes', async () => {
    const { b, ctxA } = await twoStores();
    let reads = 0;
    const read = () => b.memo('k', async () => ++reads);
    expect(await read()).toBe(1);
    expect(await read()).toBe(1);
    await createUser(ctxA, { username: 'memo-breaker' });
    await b.catchUp();
    expect(await read()).toBe(2);
  });

  it('two stores racing on one username make one user; the rest are refused with 2026', async () => {
    const { ctxA, ctxB, a } = await twoStores();
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => createUser(i % 2 ? ctxA : ctxB, { username: 'same-name' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as { code?: number }).code).toBe(2026);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM users WHERE username = 'same-name'`.execute(a.db);
    expect(rows[0]!.n).toBe(1);
  });
});
