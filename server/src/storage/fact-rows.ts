import type { AppAccessFact, GrantFact, PolicyAssignmentFact, PolicyFact, PolicyStatementFact, ResourceType } from '../engine/types.js';
import type { AppAccessTable, GrantsTable, PoliciesTable, PolicyAssignmentsTable } from './tables.js';

/**
 * Row → fact mappers shared by the start-up loader and the services, so a fact emitted after a
 * write is exactly the fact a restart would load from the same row.
 */

export function grantFactOf(row: Omit<GrantsTable, 'userpool_id' | 'created_at' | 'updated_at'>): GrantFact {
  return {
    id: row.id,
    namespaceId: row.namespace_id,
    targetType: row.target_type,
    targetId: row.target_id,
    resource: row.resource,
    resourceType: row.resource_type as ResourceType,
    actions: row.actions === null ? null : (JSON.parse(row.actions) as string[]),
    effect: row.effect,
    seq: row.seq,
  };
}

export function appAccessFactOf(row: AppAccessTable): AppAccessFact {
  return {
    appId: row.app_id,
    targetType: row.target_type,
    targetId: row.target_id,
    effect: row.effect,
    enabled: row.enabled === 1,
    inheritByChildren: row.inherit_by_children === 1,
  };
}

/** The stored statement JSON, each statement with its `condition` list (empty when absent). */
export function policyFactOf(row: Pick<PoliciesTable, 'id' | 'namespace_id' | 'statements'>): PolicyFact {
  const stored = JSON.parse(row.statements) as Array<Omit<PolicyStatementFact, 'condition'> & { condition?: PolicyStatementFact['condition'] | null }>;
  return {
    id: row.id,
    namespaceId: row.namespace_id,
    statements: stored.map((s) => ({
      resource: s.resource,
      actions: [...s.actions],
      effect: s.effect,
      condition: (s.condition ?? []).map((c) => ({ param: c.param, operator: c.operator, value: String(c.value) })),
    })),
  };
}

export function policyAssignmentFactOf(row: PolicyAssignmentsTable): PolicyAssignmentFact {
  return {
    policyId: row.policy_id,
    targetType: row.target_type,
    targetId: row.target_id,
    enabled: row.enabled === 1,
    inheritByChildren: row.inherit_by_children === 1,
  };
}
