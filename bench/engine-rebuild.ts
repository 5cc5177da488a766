/**
 * Rebuilding the permission index on start from the database (issue 10): the seeded pool of
 * {@link sizesFor} written into a migrated SQLite file, then timed as authing-local does it when it
 * opens a store — every fact read back by `loadFacts`, then `createPermissionIndex` — with the two
 * steps printed apart. Target: ≤ 5 s at 1 M grants (BENCH_SCALE=full; 100 k by default).
 *
 * The rows are written straight into the tables the loader reads, in one transaction with foreign
 * keys off: the users, groups and org rows they reference are not what is measured and are left
 * out. Run directly: `npx tsx bench/engine-rebuild.ts`.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Libsql from 'libsql';
import type { Kysely } from 'kysely';
import type { Facts } from '../server/src/engine/types.js';
import { openDatabase } from '../server/src/storage/db.js';
import { grantPages, grantPagesNow, loadIndex } from '../server/src/storage/load-facts.js';
import { migrateToLatest } from '../server/src/storage/migrate.js';
import { prng, universe } from './engine.js';
import { sizesFor } from './engine-scale.js';
import { heading, int, ms, note, table, verdict } from './lib/print.js';
import { record } from './lib/results.js';

export interface RebuildRow {
  grants: number;
  fileMB: number;
  seedMs: number;
  /** Reading the grants alone. */
  readMs: number;
  /** The start path: everything read and the index built (`loadIndex`). */
  totalMs: number;
}

const NOW = '2026-01-01T00:00:00.000Z';

/** Writes `facts` into the tables of a migrated database file. */
export function seed(file: string, facts: Facts): void {
  const db = new Libsql(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = OFF');
  const insert = (sql: string) => db.prepare(sql);
  const namespace = insert(`INSERT INTO namespaces (id, userpool_id, code, name, status, created_at, updated_at) VALUES (?, 'pool', ?, ?, 1, ?, ?)`);
  const role = insert(`INSERT INTO roles (id, userpool_id, namespace_id, code, is_system, created_at, updated_at) VALUES (?, 'pool', ?, ?, 0, ?, ?)`);
  const assignment = insert(`INSERT OR IGNORE INTO role_assignments (role_id, holder_type, holder_id, userpool_id, created_at) VALUES (?, ?, ?, 'pool', ?)`);
  const groupMember = insert(`INSERT OR IGNORE INTO group_members (group_id, user_id, created_at) VALUES (?, ?, ?)`);
  const node = insert(`INSERT INTO nodes (id, org_id, userpool_id, parent_id, name, created_at, updated_at) VALUES (?, 'org', 'pool', ?, ?, ?, ?)`);
  const nodeMember = insert(`INSERT OR IGNORE INTO node_members (node_id, user_id, is_main_department, joined_at) VALUES (?, ?, 0, ?)`);
  const grant = insert(
    `INSERT INTO grants (id, userpool_id, namespace_id, target_type, target_id, resource, resource_type, actions, effect, seq, created_at, updated_at) VALUES (?, 'pool', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const policy = insert(`INSERT INTO policies (id, userpool_id, namespace_id, code, statements, created_at, updated_at) VALUES (?, 'pool', ?, ?, ?, ?, ?)`);
  const policyAssignment = insert(
    `INSERT INTO policy_assignments (id, userpool_id, policy_id, target_type, target_id, inherit_by_children, enabled, created_at, updated_at) VALUES (?, 'pool', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const namespaces = new Set([...facts.roles.map((r) => r.namespaceId), ...facts.grants.map((g) => g.namespaceId), ...facts.policies.map((p) => p.namespaceId)]);
  db.exec('BEGIN');
  for (const id of namespaces) namespace.run([id, `ns${id}`, `ns${id}`, NOW, NOW]);
  for (const r of facts.roles) role.run([r.id, r.namespaceId, r.id, NOW, NOW]);
  for (const a of facts.roleAssignments) assignment.run([a.roleId, a.holderType, a.holderId, NOW]);
  for (const m of facts.groupMembers) groupMember.run([m.groupId, m.userId, NOW]);
  for (const n of facts.nodes) node.run([n.id, n.parentId, n.id, NOW, NOW]);
  for (const m of facts.nodeMembers) nodeMember.run([m.nodeId, m.userId, NOW]);
  for (const g of facts.grants) {
    grant.run([g.id, g.namespaceId, g.targetType, g.targetId, g.resource, g.resourceType, g.actions === null ? null : JSON.stringify(g.actions), g.effect, g.seq, NOW, NOW]);
  }
  for (const p of facts.policies) policy.run([p.id, p.namespaceId, p.id, JSON.stringify(p.statements), NOW, NOW]);
  facts.policyAssignments.forEach((a, i) => policyAssignment.run([`PA${i}`, a.policyId, a.targetType, a.targetId, a.inheritByChildren ? 1 : 0, a.enabled ? 1 : 0, NOW, NOW]));
  db.exec('COMMIT');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** One size: seed a fresh file, then read every fact back and build the index from them, timed apart. */
export async function measureRebuild(grants: number): Promise<RebuildRow> {
  const dir = mkdtempSync(join(tmpdir(), 'authing-rebuild-'));
  const file = join(dir, 'pool.db');
  try {
    const migrated = openDatabase(file);
    await migrateToLatest(migrated as unknown as Kysely<unknown>);
    await migrated.destroy();

    const facts = universe(prng(42), sizesFor(grants));
    const s0 = performance.now();
    seed(file, facts);
    const seedMs = performance.now() - s0;

    const db = openDatabase(file);
    try {
      // Reading alone (every page stepped and turned into facts, nothing kept), then the start path itself.
      const t0 = performance.now();
      let read = 0;
      for await (const page of grantPagesNow(db) ?? grantPages(db)) read += page.length;
      const readMs = performance.now() - t0;
      const t1 = performance.now();
      const index = await loadIndex(db);
      const totalMs = performance.now() - t1;
      if (index.snapshot().grants.length !== read) throw new Error('the rebuilt index does not hold every grant');
      return { grants: read, fileMB: statSync(file).size / 2 ** 20, seedMs, readMs, totalMs };
    } finally {
      await db.destroy();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 100 k grants by default; BENCH_SCALE=full adds 1 M (a few GB of heap while the rows are read). */
export async function runRebuild(): Promise<RebuildRow[]> {
  const sizes = process.env.BENCH_SCALE === 'full' ? [100_000, 1_000_000] : [100_000];
  const rows: RebuildRow[] = [];
  for (const grants of sizes) rows.push(await measureRebuild(grants));
  return rows;
}

export function printRebuild(rows: readonly RebuildRow[]): void {
  heading('Index rebuilt on start from the database (loadFacts, then createPermissionIndex; BENCH_SCALE=full adds 1 M)');
  table(
    ['grants', 'database', 'seeded in', 'grants read alone', 'read + index built', 'target'],
    rows.map((r) => [
      int(r.grants),
      `${r.fileMB.toFixed(0)} MB`,
      ms(r.seedMs, 0),
      ms(r.readMs, 0),
      ms(r.totalMs, 0),
      r.grants >= 1_000_000 ? verdict(r.totalMs <= 5_000, '≤ 5 s at 1 M') : '(target at 1 M)',
    ]),
  );
  note('reading: libsql stepping every row on the connection (no Kysely per row), one fact object per row, 10,000 to a page');
  for (const r of rows) {
    record({
      part: 'rebuild',
      measure: `index rebuilt from ${int(r.grants)} grants in the database`,
      unit: 'ms',
      ours: Math.round(r.totalMs),
      comparison: null,
      target: r.grants >= 1_000_000 ? { better: 'lower', value: 5_000 } : null,
    });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printRebuild(await runRebuild());
}
