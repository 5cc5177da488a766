import type { Kysely } from 'kysely';
import type { Facts } from '../engine/types.js';
import { appAccessFactOf, grantFactOf, policyAssignmentFactOf, policyFactOf } from './fact-rows.js';
import type { Database } from './tables.js';

/** Every fact the permission engine needs, read straight from the raw tables (all pools). */
export async function loadFacts(db: Kysely<Database>): Promise<Facts> {
  const [grants, roles, roleAssignments, groupMembers, nodes, nodeMembers, apps, appAccess, policies, policyAssignments] = await Promise.all([
    db.selectFrom('grants').selectAll().orderBy('seq').orderBy('id').execute(),
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
    grants: grants.map(grantFactOf),
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
