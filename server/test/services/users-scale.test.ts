import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalAuthing, type LocalAuthing } from '../../src/index.js';
import { ensureDefaultPool } from '../../src/storage/bootstrap.js';
import { Store } from '../../src/storage/store.js';

/**
 * 10,000 users, written straight into the store (the API would take minutes), then read over
 * HTTP: `users` and `searchUser` page through them in the right order, and the listing orders
 * read an index (migration 0004) instead of sorting the pool.
 */
const N = 10_000;
const dir = mkdtempSync(join(tmpdir(), 'authing-local-scale-'));
const db = join(dir, 'scale.db');
let server: LocalAuthing;
let token: string;

const pad = (i: number) => String(i).padStart(5, '0');
/** User i was created i seconds after the epoch of the test: user N-1 is the newest. */
const createdAt = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString();

beforeAll(async () => {
  const store = await Store.open(db);
  const pool = await ensureDefaultPool(store);
  await store.write(async (tx) => {
    for (let start = 0; start < N; start += 500) {
      const rows = Array.from({ length: Math.min(500, N - start) }, (_, k) => {
        const i = start + k;
        return {
          id: `u${pad(i)}`,
          userpool_id: pool.userPoolId,
          username: `scale_${pad(i)}`,
          email: `scale_${pad(i)}@${i % 2 === 0 ? 'even' : 'odd'}.example.com`,
          phone: null,
          password_hash: null,
          profile: JSON.stringify({ nickname: i % 100 === 7 ? `lucky ${i}` : `n${i}`, registerSource: ['import:manual'] }),
          status: 'Activated',
          logins_count: 0,
          last_login: null,
          last_ip: null,
          session_version: 0,
          created_at: createdAt(i),
          // Updated in the reverse order of creation.
          updated_at: createdAt(2 * N - i),
        };
      });
      await tx.insertInto('users').values(rows).execute();
    }
  });
  const plan = await sql<{ detail: string }>`EXPLAIN QUERY PLAN SELECT * FROM users WHERE userpool_id = ${pool.userPoolId} ORDER BY created_at DESC, id DESC LIMIT 200 OFFSET 400`.execute(store.db);
  expect(plan.rows.map((r) => r.detail).join(' ')).toContain('users_pool_created');
  expect(plan.rows.map((r) => r.detail).join(' ')).not.toContain('TEMP B-TREE');
  await store.close();

  server = await startLocalAuthing({ port: 0, db, log: () => undefined });
  const answer = await gql('query($u: String!, $s: String!) { accessToken(userPoolId: $u, secret: $s) { accessToken } }', { u: server.userPoolId, s: server.secret });
  token = (answer.data?.accessToken as { accessToken: string }).accessToken;
}, 120_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function gql(query: string, variables: Record<string, unknown>) {
  const res = await fetch(`${server.url}/graphql/v2`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data: Record<string, unknown> | null; errors?: Array<{ message: { code: number } }> };
}

type Page = { totalCount: number; list: Array<{ id: string }> };
const usersPage = async (page: number, limit: number, sortBy?: string) =>
  (await gql('query($p: Int, $l: Int, $s: SortByEnum) { users(page: $p, limit: $l, sortBy: $s) { totalCount list { id } } }', { p: page, l: limit, s: sortBy })).data?.users as Page;
const searchPage = async (query: string, page: number, limit: number, fields?: string[]) =>
  (await gql('query($q: String!, $f: [String], $p: Int, $l: Int) { searchUser(query: $q, fields: $f, page: $p, limit: $l) { totalCount list { id } } }', { q: query, f: fields, p: page, l: limit })).data
    ?.searchUser as Page;
const ids = (from: number, to: number, step = -1) => Array.from({ length: Math.abs(to - from) + 1 }, (_, k) => `u${pad(from + k * step)}`);

describe(`users at ${N.toLocaleString('en')}`, () => {
  it('users pages newest first, every page the right slice, to the last one', async () => {
    const first = await usersPage(1, 200);
    expect(first.totalCount).toBe(N);
    expect(first.list.map((u) => u.id)).toEqual(ids(N - 1, N - 200));
    expect((await usersPage(37, 200)).list.map((u) => u.id)).toEqual(ids(N - 1 - 36 * 200, N - 37 * 200));
    expect((await usersPage(50, 200)).list.map((u) => u.id)).toEqual(ids(199, 0));
    expect((await usersPage(51, 200)).list).toEqual([]);
  });

  it('sortBy takes effect at size', async () => {
    expect((await usersPage(1, 3, 'CREATEDAT_ASC')).list.map((u) => u.id)).toEqual(['u00000', 'u00001', 'u00002']);
    expect((await usersPage(1, 3, 'UPDATEDAT_DESC')).list.map((u) => u.id)).toEqual(['u00000', 'u00001', 'u00002']);
    expect((await usersPage(2, 3, 'UPDATEDAT_ASC')).list.map((u) => u.id)).toEqual([`u${pad(N - 4)}`, `u${pad(N - 5)}`, `u${pad(N - 6)}`]);
  });

  it('searchUser finds and pages at size', async () => {
    expect(await searchPage('scale_07777', 1, 10)).toEqual({ totalCount: 1, list: [{ id: 'u07777' }] });
    const lucky = await searchPage('LUCKY', 2, 30, ['nickname']);
    expect(lucky.totalCount).toBe(N / 100);
    expect(lucky.list.map((u) => u.id)).toEqual(Array.from({ length: 30 }, (_, k) => `u${pad(N - 100 * (30 + k) - 93)}`));
    const odd = await searchPage('@odd.', 25, 200, ['email']);
    expect(odd.totalCount).toBe(N / 2);
    expect(odd.list.map((u) => u.id)).toEqual(Array.from({ length: 200 }, (_, k) => `u${pad(N - 1 - 2 * (24 * 200 + k))}`));
  });

  it('page and limit outside the bounds are refused with 400', async () => {
    const tooBig = await gql('{ users(page: 1, limit: 201) { totalCount } }', {});
    expect(tooBig.errors?.[0]?.message.code).toBe(400);
    const zero = await gql('{ searchUser(query: "x", page: 0) { totalCount } }', {});
    expect(zero.errors?.[0]?.message.code).toBe(400);
  });
});
