import { afterAll, expect } from 'vitest';
import type { Facts } from '../../src/engine/types.js';
import { AuthingServerError } from '../../src/errors.js';
import type { ServiceContext } from '../../src/services/context.js';
import { ensureDefaultPool, type PoolCredentials } from '../../src/storage/bootstrap.js';
import { Store } from '../../src/storage/store.js';
import { onPostgres, testDatabase } from '../support/databases.js';

export interface Fixture {
  store: Store;
  ctx: ServiceContext;
  pool: PoolCredentials;
}

/**
 * Stores opened by {@link fixture} on PostgreSQL, closed when the test file ends: each holds a
 * connection pool, a LISTEN connection and a poll timer (an in-memory SQLite store needs no closing).
 */
const opened: Store[] = [];
afterAll(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close().catch(() => undefined)));
});

/** A fresh store with the default pool (in memory, or a schema of its own on PostgreSQL). */
export async function fixture(): Promise<Fixture> {
  const store = await Store.open(testDatabase());
  if (onPostgres) opened.push(store);
  const pool = await ensureDefaultPool(store);
  return { store, ctx: { store, poolId: pool.userPoolId }, pool };
}

/** Expects `promise` to reject with an AuthingServerError of `code`. */
export async function expectCode(promise: Promise<unknown>, code: number): Promise<AuthingServerError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected error ${code}`).toBeInstanceOf(AuthingServerError);
  const e = error as AuthingServerError;
  expect(e.code).toBe(code);
  expect(e.zh.length).toBeGreaterThan(0);
  expect(e.en.length).toBeGreaterThan(0);
  return e;
}

/** Facts with every table sorted, so two sources compare regardless of row order. */
export function normalized(f: Facts): Facts {
  const sort = <T>(rows: readonly T[]): T[] => [...rows].map((r) => JSON.stringify(r)).sort().map((s) => JSON.parse(s) as T);
  return {
    grants: sort(f.grants),
    roles: sort(f.roles),
    roleAssignments: sort(f.roleAssignments),
    groupMembers: sort(f.groupMembers),
    nodes: sort(f.nodes),
    nodeMembers: sort(f.nodeMembers),
    appStrategies: sort(f.appStrategies),
    policies: sort(f.policies),
    policyAssignments: sort(f.policyAssignments),
    appAccess: sort(f.appAccess),
  };
}

/** References from polymorphic columns (no foreign key can guard them) that point at nothing. */
export async function danglingRefs(store: Store): Promise<string[]> {
  const db = store.db;
  const ids = async (table: 'users' | 'roles' | 'groups' | 'nodes' | 'programmatic_access_accounts'): Promise<Set<string>> =>
    new Set((await db.selectFrom(table).select('id').execute()).map((r) => r.id));
  const users = await ids('users');
  const roles = await ids('roles');
  const groups = await ids('groups');
  const nodes = await ids('nodes');
  const accounts = await ids('programmatic_access_accounts');
  const bySubject: Record<string, Set<string>> = { USER: users, ROLE: roles, GROUP: groups, ORG: nodes, NODE: nodes, AK_SK: accounts };
  const out: string[] = [];
  for (const g of await db.selectFrom('grants').select(['id', 'target_type', 'target_id']).execute()) {
    if (!bySubject[g.target_type]?.has(g.target_id)) out.push(`grant ${g.id} → ${g.target_type}:${g.target_id}`);
  }
  for (const a of await db.selectFrom('role_assignments').selectAll().execute()) {
    if (!bySubject[a.holder_type]?.has(a.holder_id)) out.push(`assignment ${a.role_id} → ${a.holder_type}:${a.holder_id}`);
  }
  for (const r of await db.selectFrom('app_access').selectAll().execute()) {
    if (!bySubject[r.target_type]?.has(r.target_id)) out.push(`app access ${r.id} → ${r.target_type}:${r.target_id}`);
  }
  return out;
}

/** The index holds exactly the facts of the tables, and nothing dangles. */
export async function expectConsistent(store: Store): Promise<void> {
  expect(normalized(store.index.snapshot())).toEqual(normalized(await store.loadFacts()));
  expect(await danglingRefs(store)).toEqual([]);
}
