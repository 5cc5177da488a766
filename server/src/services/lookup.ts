import { Errors } from '../errors.js';
import type { Db } from './context.js';
import { ServiceErrors } from './errors.js';
import type { Store } from '../storage/store.js';

/**
 * Row look-ups shared by the areas, each scoped to one user pool and throwing the area's
 * "does not exist" error. They take a connection or a transaction.
 */

/** The namespace with `code` (`default` when omitted). */
export async function findNamespace(db: Db, poolId: string, code?: string | null) {
  const row = await db
    .selectFrom('namespaces')
    .selectAll()
    .where('userpool_id', '=', poolId)
    .where('code', '=', code || 'default')
    .executeTakeFirst();
  if (!row) throw ServiceErrors.namespaceNotFound();
  return row;
}

/**
 * {@link findNamespace} outside a transaction, remembered by the store until its next write (the
 * permission checks read it on every call; namespaces are written only through `store.write`).
 * Callers must not change the row.
 */
export function findNamespaceRead(store: Store, poolId: string, code?: string | null): ReturnType<typeof findNamespace> {
  return store.memo(`namespace\u0000${poolId}\u0000${code || 'default'}`, () => findNamespace(store.db, poolId, code));
}

export async function findRole(db: Db, poolId: string, namespaceId: number, code: string) {
  const row = await db
    .selectFrom('roles')
    .selectAll()
    .where('userpool_id', '=', poolId)
    .where('namespace_id', '=', namespaceId)
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row) throw ServiceErrors.roleNotFound(code);
  return row;
}

export async function findGroup(db: Db, poolId: string, code: string) {
  const row = await db.selectFrom('groups').selectAll().where('userpool_id', '=', poolId).where('code', '=', code).executeTakeFirst();
  if (!row) throw ServiceErrors.groupNotFound(code);
  return row;
}

export async function findNode(db: Db, poolId: string, nodeId: string) {
  const row = await db.selectFrom('nodes').selectAll().where('userpool_id', '=', poolId).where('id', '=', nodeId).executeTakeFirst();
  if (!row) throw ServiceErrors.nodeNotFound();
  return row;
}

export async function findUser(db: Db, poolId: string, userId: string) {
  const row = await db.selectFrom('users').selectAll().where('userpool_id', '=', poolId).where('id', '=', userId).executeTakeFirst();
  if (!row) throw Errors.userNotFound();
  return row;
}

export async function findApp(db: Db, poolId: string, appId: string) {
  const row = await db.selectFrom('applications').selectAll().where('userpool_id', '=', poolId).where('id', '=', appId).executeTakeFirst();
  if (!row) throw ServiceErrors.appNotFound();
  return row;
}

/** Throws 2004 unless every id names a user of the pool; returns the distinct ids in order. */
export async function requireUsers(db: Db, poolId: string, userIds: readonly string[]): Promise<string[]> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return ids;
  const found = await db.selectFrom('users').select('id').where('userpool_id', '=', poolId).where('id', 'in', ids).execute();
  if (found.length !== ids.length) throw Errors.userNotFound();
  return ids;
}
