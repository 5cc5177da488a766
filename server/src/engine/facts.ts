import type { AppAccessFact, FactChange, Facts } from './types.js';

/** Empty fact tables. */
export function emptyFacts(): Facts {
  return {
    grants: [],
    roles: [],
    roleAssignments: [],
    groupMembers: [],
    nodes: [],
    nodeMembers: [],
    appStrategies: [],
    appAccess: [],
    policies: [],
    policyAssignments: [],
  };
}

/** Replace the row with the same key in place, or append. */
function put<T>(rows: readonly T[], row: T, sameKey: (a: T, b: T) => boolean): T[] {
  const i = rows.findIndex((r) => sameKey(r, row));
  if (i < 0) return [...rows, row];
  const next = [...rows];
  next[i] = row;
  return next;
}

const sameAppAccess = (a: AppAccessFact, b: AppAccessFact): boolean =>
  a.appId === b.appId && a.targetType === b.targetType && a.targetId === b.targetId && a.effect === b.effect;

/**
 * Apply changes to plain rows, the way storage would: a put of an existing key replaces the row,
 * deleting a missing key is a no-op, and nothing cascades (services emit every delete they need).
 * Keys: grants/roles/nodes/policies by id, appStrategies by appId, policy assignments by
 * (policyId, targetType, targetId), set-like tables by all identifying fields.
 */
export function applyChangesToFacts(facts: Facts, changes: readonly FactChange[]): Facts {
  let f: Facts = { ...facts };
  for (const c of changes) {
    switch (c.table) {
      case 'grants':
        f = { ...f, grants: c.op === 'put' ? put(f.grants, c.row, (a, b) => a.id === b.id) : f.grants.filter((r) => r.id !== c.id) };
        break;
      case 'roles':
        f = { ...f, roles: c.op === 'put' ? put(f.roles, c.row, (a, b) => a.id === b.id) : f.roles.filter((r) => r.id !== c.id) };
        break;
      case 'nodes':
        f = { ...f, nodes: c.op === 'put' ? put(f.nodes, c.row, (a, b) => a.id === b.id) : f.nodes.filter((r) => r.id !== c.id) };
        break;
      case 'appStrategies':
        f = {
          ...f,
          appStrategies:
            c.op === 'put'
              ? put(f.appStrategies, c.row, (a, b) => a.appId === b.appId)
              : f.appStrategies.filter((r) => r.appId !== c.appId),
        };
        break;
      case 'roleAssignments': {
        const same = (a: typeof c.row, b: typeof c.row): boolean =>
          a.roleId === b.roleId && a.holderType === b.holderType && a.holderId === b.holderId;
        f = {
          ...f,
          roleAssignments: c.op === 'put' ? put(f.roleAssignments, c.row, same) : f.roleAssignments.filter((r) => !same(r, c.row)),
        };
        break;
      }
      case 'groupMembers': {
        const same = (a: typeof c.row, b: typeof c.row): boolean => a.groupId === b.groupId && a.userId === b.userId;
        f = { ...f, groupMembers: c.op === 'put' ? put(f.groupMembers, c.row, same) : f.groupMembers.filter((r) => !same(r, c.row)) };
        break;
      }
      case 'nodeMembers': {
        const same = (a: typeof c.row, b: typeof c.row): boolean => a.nodeId === b.nodeId && a.userId === b.userId;
        f = { ...f, nodeMembers: c.op === 'put' ? put(f.nodeMembers, c.row, same) : f.nodeMembers.filter((r) => !same(r, c.row)) };
        break;
      }
      case 'policies':
        f = { ...f, policies: c.op === 'put' ? put(f.policies, c.row, (a, b) => a.id === b.id) : f.policies.filter((r) => r.id !== c.id) };
        break;
      case 'policyAssignments': {
        const same = (a: typeof c.row, b: typeof c.row): boolean =>
          a.policyId === b.policyId && a.targetType === b.targetType && a.targetId === b.targetId;
        f = {
          ...f,
          policyAssignments: c.op === 'put' ? put(f.policyAssignments, c.row, same) : f.policyAssignments.filter((r) => !same(r, c.row)),
        };
        break;
      }
      case 'appAccess':
        f = {
          ...f,
          appAccess: c.op === 'put' ? put(f.appAccess, c.row, sameAppAccess) : f.appAccess.filter((r) => !sameAppAccess(r, c.row)),
        };
        break;
    }
  }
  return f;
}
