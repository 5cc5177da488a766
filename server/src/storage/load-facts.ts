import type { Kysely } from 'kysely';
import { createPermissionIndex } from '../engine/index.js';
import type { Facts, GrantFact, PermissionIndex } from '../engine/types.js';
import { bulkRows } from './db.js';
import { appAccessFactOf, grantFactOf, policyAssignmentFactOf, policyFactOf } from './fact-rows.js';
import type { Database, GrantsTable } from './tables.js';

/** Grants are handed on this many at a time, so a million never sit in memory as rows at once. */
const GRANT_PAGE = 10_000;

/** The grant columns a fact needs (not the pool, not the timestamps). */
const GRANT_COLUMNS = ['id', 'namespace_id', 'target_type', 'target_id', 'resource', 'resource_type', 'actions', 'effect', 'seq'] as const;

/**
 * Every grant a page at a time, in `seq` order (the order the engine lists grants in), each page
 * one keyset query after the last: the same on every database, no cursor to hold open.
 */
export async function* grantPages(db: Kysely<Database>, pageSize = GRANT_PAGE): AsyncGenerator<GrantFact[]> {
  let after: { seq: number; id: string } | null = null;
  for (;;) {
    let query = db.selectFrom('grants').select(GRANT_COLUMNS).orderBy('seq').orderBy('id').limit(pageSize);
    if (after) {
      const { seq, id } = after;
      query = query.where((eb) => eb.or([eb('seq', '>', seq), eb.and([eb('seq', '=', seq), eb('id', '>', id)])]));
    }
    const rows = await query.execute();
    if (rows.length > 0) yield rows.map(grantFactOf);
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1]!;
    after = { seq: last.seq, id: last.id };
  }
}

/**
 * Every grant a page at a time, read synchronously from the connection: the caller consumes the
 * pages without awaiting, so no other query runs while the statement steps. Null when the database
 * has no raw connection (then {@link grantPages}).
 */
export function grantPagesNow(db: Kysely<Database>, pageSize = GRANT_PAGE): Iterable<GrantFact[]> | null {
  const rows = bulkRows(db, `SELECT ${GRANT_COLUMNS.join(', ')} FROM grants`);
  return rows ? pagesOf(rows, pageSize) : null;
}

function* pagesOf(rows: Iterable<unknown[]>, pageSize: number): Generator<GrantFact[]> {
  let page: GrantFact[] = [];
  for (const [id, namespace_id, target_type, target_id, resource, resource_type, actions, effect, seq] of rows) {
    page.push(
      grantFactOf({
        id: id as string,
        namespace_id: namespace_id as number,
        target_type: target_type as GrantsTable['target_type'],
        target_id: target_id as string,
        resource: resource as string,
        resource_type: resource_type as string,
        actions: actions as string | null,
        effect: effect as GrantsTable['effect'],
        seq: seq as number,
      }),
    );
    if (page.length === pageSize) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

/** Every fact but the grants, read straight from the raw tables (all pools). */
async function loadOtherFacts(db: Kysely<Database>): Promise<Omit<Facts, 'grants'>> {
  const [roles, roleAssignments, groupMembers, nodes, nodeMembers, apps, appAccess, policies, policyAssignments] = await Promise.all([
    db.selectFrom('roles').select(['id', 'namespace_id']).orderBy('id').execute(),
    db.selectFrom('role_assignments').select(['role_id', 'holder_type', 'holder_id']).execute(),
    db.selectFrom('group_members').select(['group_id', 'user_id']).execute(),
    db.selectFrom('nodes').select(['id', 'parent_id']).execute(),
    db.selectFrom('node_members').select(['node_id', 'user_id']).execute(),
    db.selectFrom('applications').select(['id', 'default_strategy']).execute(),
    db.selectFrom('app_access').selectAll().execute(),
    db.selectFrom('policies').select(['id', 'namespace_id', 'statements']).orderBy('id').execute(),
    db.selectFrom('policy_assignments').selectAll().orderBy('created_at').orderBy('id').execute(),
  ]);
  return {
    roles: roles.map((r) => ({ id: r.id, namespaceId: r.namespace_id })),
    roleAssignments: roleAssignments.map((a) => ({ roleId: a.role_id, holderType: a.holder_type, holderId: a.holder_id })),
    groupMembers: groupMembers.map((m) => ({ groupId: m.group_id, userId: m.user_id })),
    nodes: nodes.map((n) => ({ id: n.id, parentId: n.parent_id })),
    nodeMembers: nodeMembers.map((m) => ({ nodeId: m.node_id, userId: m.user_id })),
    appStrategies: apps.map((a) => ({ appId: a.id, defaultStrategy: a.default_strategy })),
    appAccess: appAccess.map(appAccessFactOf),
    policies: policies.map(policyFactOf),
    policyAssignments: policyAssignments.map(policyAssignmentFactOf),
  };
}

/** Every fact the permission engine needs, read straight from the raw tables (all pools). */
export async function loadFacts(db: Kysely<Database>): Promise<Facts> {
  const others = await loadOtherFacts(db);
  const grants: GrantFact[] = [];
  for await (const page of grantPages(db)) grants.push(...page);
  return { ...others, grants };
}

/**
 * The permission index of the database, as a store builds it on start: the memberships, roles and
 * policies first, then the grants streamed in a page at a time into the index.
 */
export async function loadIndex(db: Kysely<Database>): Promise<PermissionIndex> {
  const index = createPermissionIndex({ ...(await loadOtherFacts(db)), grants: [] });
  const now = grantPagesNow(db);
  if (now) for (const page of now) index.load(page);
  else for await (const page of grantPages(db)) index.load(page);
  return index;
}
