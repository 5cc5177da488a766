import type { FactChange, TargetType } from '../engine/types.js';
import { appAccessFactOf, policyAssignmentFactOf } from '../storage/fact-rows.js';
import type { Tx } from '../storage/store.js';
import type { Db } from './context.js';
import { deleteValuesOfTarget } from './custom-data.js';
import { deletePasswordState } from './password-state.js';
import { syncMainDepartment } from './main-department.js';

/**
 * Cascading deletes. Each helper deletes child rows explicitly and pushes one fact change per
 * deleted fact row, so the index loses exactly what the tables lose ("nothing dangles").
 */

/** Deletes every grant held by one subject (any namespace). */
export async function deleteGrantsOfTarget(tx: Tx, changes: FactChange[], targetType: TargetType, targetId: string): Promise<void> {
  const rows = await tx.selectFrom('grants').select('id').where('target_type', '=', targetType).where('target_id', '=', targetId).execute();
  await deleteGrantIds(tx, changes, rows.map((r) => r.id));
}

/** Deletes grants by id. */
export async function deleteGrantIds(tx: Tx, changes: FactChange[], ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.deleteFrom('grants').where('id', 'in', [...ids]).execute();
  for (const id of ids) changes.push({ table: 'grants', op: 'delete', id });
}

/** Deletes every application access record naming one target. */
export async function deleteAppAccessOfTarget(
  tx: Tx,
  changes: FactChange[],
  targetType: 'USER' | 'ROLE' | 'GROUP' | 'ORG',
  targetId: string,
): Promise<void> {
  const rows = await tx.selectFrom('app_access').selectAll().where('target_type', '=', targetType).where('target_id', '=', targetId).execute();
  if (rows.length === 0) return;
  await tx.deleteFrom('app_access').where('target_type', '=', targetType).where('target_id', '=', targetId).execute();
  for (const row of rows) changes.push({ table: 'appAccess', op: 'delete', row: appAccessFactOf(row) });
}

/** Deletes every policy assignment naming one target. */
export async function deletePolicyAssignmentsOfTarget(
  tx: Tx,
  changes: FactChange[],
  targetType: 'USER' | 'ROLE' | 'GROUP' | 'ORG',
  targetId: string,
): Promise<void> {
  const rows = await tx.selectFrom('policy_assignments').selectAll().where('target_type', '=', targetType).where('target_id', '=', targetId).execute();
  if (rows.length === 0) return;
  await tx.deleteFrom('policy_assignments').where('target_type', '=', targetType).where('target_id', '=', targetId).execute();
  for (const row of rows) changes.push({ table: 'policyAssignments', op: 'delete', row: policyAssignmentFactOf(row) });
}

/** Deletes policies by id with their assignments: each assignment delete first, then the policy's. */
export async function deletePolicyIds(tx: Tx, changes: FactChange[], policyIds: readonly string[]): Promise<void> {
  if (policyIds.length === 0) return;
  const ids = [...policyIds];
  const assignments = await tx.selectFrom('policy_assignments').selectAll().where('policy_id', 'in', ids).execute();
  await tx.deleteFrom('policy_assignments').where('policy_id', 'in', ids).execute();
  for (const row of assignments) changes.push({ table: 'policyAssignments', op: 'delete', row: policyAssignmentFactOf(row) });
  await tx.deleteFrom('policies').where('id', 'in', ids).execute();
  for (const id of ids) changes.push({ table: 'policies', op: 'delete', id });
}

/** Deletes every role assignment held by one user, group or node. */
export async function deleteAssignmentsOfHolder(
  tx: Tx,
  changes: FactChange[],
  holderType: 'USER' | 'GROUP' | 'NODE',
  holderId: string,
): Promise<void> {
  const rows = await tx
    .selectFrom('role_assignments')
    .select('role_id')
    .where('holder_type', '=', holderType)
    .where('holder_id', '=', holderId)
    .execute();
  if (rows.length === 0) return;
  await tx.deleteFrom('role_assignments').where('holder_type', '=', holderType).where('holder_id', '=', holderId).execute();
  for (const r of rows) changes.push({ table: 'roleAssignments', op: 'delete', row: { roleId: r.role_id, holderType, holderId } });
}

/** Deletes a role with its assignments, its grants, the app access records naming it and its custom data. */
export async function deleteRoleCascade(tx: Tx, changes: FactChange[], roleId: string): Promise<void> {
  const assignments = await tx.selectFrom('role_assignments').select(['holder_type', 'holder_id']).where('role_id', '=', roleId).execute();
  await tx.deleteFrom('role_assignments').where('role_id', '=', roleId).execute();
  for (const a of assignments) {
    changes.push({ table: 'roleAssignments', op: 'delete', row: { roleId, holderType: a.holder_type, holderId: a.holder_id } });
  }
  await deleteGrantsOfTarget(tx, changes, 'ROLE', roleId);
  await deleteAppAccessOfTarget(tx, changes, 'ROLE', roleId);
  await deletePolicyAssignmentsOfTarget(tx, changes, 'ROLE', roleId);
  await deleteValuesOfTarget(tx, 'ROLE', roleId);
  await tx.deleteFrom('roles').where('id', '=', roleId).execute();
  changes.push({ table: 'roles', op: 'delete', id: roleId });
}

/** Ends a user's group and node memberships, role assignments, grants and app access records (resigning keeps the user). */
export async function detachUser(tx: Tx, changes: FactChange[], userId: string): Promise<void> {
  const groups = await tx.selectFrom('group_members').select('group_id').where('user_id', '=', userId).execute();
  await tx.deleteFrom('group_members').where('user_id', '=', userId).execute();
  for (const g of groups) changes.push({ table: 'groupMembers', op: 'delete', row: { groupId: g.group_id, userId } });

  const nodes = await tx.selectFrom('node_members').select('node_id').where('user_id', '=', userId).execute();
  await tx.deleteFrom('node_members').where('user_id', '=', userId).execute();
  for (const n of nodes) changes.push({ table: 'nodeMembers', op: 'delete', row: { nodeId: n.node_id, userId } });

  await deleteAssignmentsOfHolder(tx, changes, 'USER', userId);
  await deleteGrantsOfTarget(tx, changes, 'USER', userId);
  await deleteAppAccessOfTarget(tx, changes, 'USER', userId);
  await deletePolicyAssignmentsOfTarget(tx, changes, 'USER', userId);
}

/** Deletes a user with memberships (tenant ones too), role assignments, grants, app access records, custom data, identities, sessions and principal authentication. */
export async function deleteUserCascade(tx: Tx, changes: FactChange[], userId: string): Promise<void> {
  await detachUser(tx, changes, userId);
  await deleteValuesOfTarget(tx, 'USER', userId);
  await tx.deleteFrom('user_identities').where('user_id', '=', userId).execute();
  await tx.deleteFrom('user_tokens').where('user_id', '=', userId).execute();
  await deletePasswordState(tx, userId);
  await tx.deleteFrom('principal_authentications').where('user_id', '=', userId).execute();
  await tx.deleteFrom('tenant_members').where('user_id', '=', userId).execute();
  await tx.updateTable('programmatic_access_accounts').set({ user_id: null }).where('user_id', '=', userId).execute();
  await tx.deleteFrom('users').where('id', '=', userId).execute();
}

/** Deletes a group with its members, role assignments, grants, app access records and custom data. */
export async function deleteGroupCascade(tx: Tx, changes: FactChange[], groupId: string): Promise<void> {
  const members = await tx.selectFrom('group_members').select('user_id').where('group_id', '=', groupId).execute();
  await tx.deleteFrom('group_members').where('group_id', '=', groupId).execute();
  for (const m of members) changes.push({ table: 'groupMembers', op: 'delete', row: { groupId, userId: m.user_id } });
  await deleteAssignmentsOfHolder(tx, changes, 'GROUP', groupId);
  await deleteGrantsOfTarget(tx, changes, 'GROUP', groupId);
  await deleteAppAccessOfTarget(tx, changes, 'GROUP', groupId);
  await deletePolicyAssignmentsOfTarget(tx, changes, 'GROUP', groupId);
  await deleteValuesOfTarget(tx, 'GROUP', groupId);
  await tx.deleteFrom('groups').where('id', '=', groupId).execute();
}

/** Ids of a node and every node below it, parents before children. */
export async function subtreeIds(db: Db, nodeId: string): Promise<string[]> {
  const out = [nodeId];
  for (let i = 0; i < out.length; i++) {
    const children = await db
      .selectFrom('nodes')
      .select('id')
      .where('parent_id', '=', out[i] ?? '')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    for (const c of children) if (!out.includes(c.id)) out.push(c.id);
  }
  return out;
}

/** Deletes a node and its whole subtree, with memberships, role assignments, grants, app access and custom data. */
export async function deleteNodeSubtree(tx: Tx, changes: FactChange[], nodeId: string): Promise<void> {
  const ids = await subtreeIds(tx, nodeId);
  const former = new Set<string>();
  for (const id of ids) {
    const members = await tx.selectFrom('node_members').select('user_id').where('node_id', '=', id).execute();
    await tx.deleteFrom('node_members').where('node_id', '=', id).execute();
    for (const m of members) changes.push({ table: 'nodeMembers', op: 'delete', row: { nodeId: id, userId: m.user_id } });
    for (const m of members) former.add(m.user_id);
    await deleteAssignmentsOfHolder(tx, changes, 'NODE', id);
    await deleteGrantsOfTarget(tx, changes, 'ORG', id);
    await deleteAppAccessOfTarget(tx, changes, 'ORG', id);
    await deletePolicyAssignmentsOfTarget(tx, changes, 'ORG', id);
    await deleteValuesOfTarget(tx, 'NODE', id);
  }
  // Children first: a parent row must not go while a child still points at it.
  for (const id of [...ids].reverse()) {
    await tx.deleteFrom('nodes').where('id', '=', id).execute();
    changes.push({ table: 'nodes', op: 'delete', id });
  }
  await syncMainDepartment(tx, former);
}

/** Deletes a namespace with its roles (and everything hanging off them), resources and grants. */
export async function deleteNamespaceCascade(tx: Tx, changes: FactChange[], namespaceId: number): Promise<void> {
  const roles = await tx.selectFrom('roles').select('id').where('namespace_id', '=', namespaceId).execute();
  for (const r of roles) await deleteRoleCascade(tx, changes, r.id);
  const grants = await tx.selectFrom('grants').select('id').where('namespace_id', '=', namespaceId).execute();
  await deleteGrantIds(tx, changes, grants.map((g) => g.id));
  await tx.deleteFrom('resources').where('namespace_id', '=', namespaceId).execute();
  // The namespace's policies with their assignments.
  const policies = await tx.selectFrom('policies').select('id').where('namespace_id', '=', namespaceId).execute();
  await deletePolicyIds(tx, changes, policies.map((p) => p.id));
  await tx.deleteFrom('namespaces').where('id', '=', namespaceId).execute();
}
