import type { FactChange, SubjectRef } from '../engine/types.js';
import { Errors } from '../errors.js';
import { newId, nowIso } from '../storage/ids.js';
import { policyAssignmentFactOf } from '../storage/fact-rows.js';
import type { Tx } from '../storage/store.js';
import type { PolicyAssignmentsTable } from '../storage/tables.js';
import { resolveTarget, wireIdentifier } from './acl.js';
import type { Db, ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { findNamespace } from './lookup.js';
import { slicePage, type Page } from './paging.js';

/**
 * Policy assignments (`policyAssignments`, `addPolicyAssignments`, `removePolicyAssignments`,
 * `enablePolicyAssignment`, `disbalePolicyAssignment`) over the `policy_assignments` table; every
 * write pushes its fact changes so the permission index sees it.
 */

type PolicyTargetType = PolicyAssignmentsTable['target_type'];
const POLICY_TARGET_TYPES: readonly PolicyTargetType[] = ['USER', 'ROLE', 'GROUP', 'ORG'];

/** One row of `policyAssignments`, targets named the way the wire names them. */
export interface WirePolicyAssignment {
  code: string;
  targetType: PolicyTargetType;
  targetIdentifier: string;
}

function policyTargetType(t: string): PolicyTargetType {
  if (!(POLICY_TARGET_TYPES as readonly string[]).includes(t)) throw ServiceErrors.invalidTargetType(t);
  return t as PolicyTargetType;
}

export async function findPolicy(db: Db, poolId: string, namespaceId: number, code: string) {
  const row = await db
    .selectFrom('policies')
    .selectAll()
    .where('userpool_id', '=', poolId)
    .where('namespace_id', '=', namespaceId)
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row) throw ServiceErrors.policyNotFound(code);
  return row;
}

/** `policyAssignments`: by policy `code` and/or target, in assignment order; unknown policy 3601, unknown target its own code. */
export async function listPolicyAssignments(
  ctx: ServiceContext,
  args: {
    namespace?: string | null;
    code?: string | null;
    targetType?: string | null;
    targetIdentifier?: string | null;
    page?: number | null;
    limit?: number | null;
  },
): Promise<Page<WirePolicyAssignment>> {
  const db = ctx.store.db;
  const ns = await findNamespace(db, ctx.poolId, args.namespace);
  if (args.targetIdentifier && !args.targetType) throw Errors.invalidInput('targetType is required with targetIdentifier', '请同时提供 targetType');
  let q = db
    .selectFrom('policy_assignments')
    .innerJoin('policies', 'policies.id', 'policy_assignments.policy_id')
    .select(['policies.code', 'policy_assignments.target_type', 'policy_assignments.target_id'])
    .where('policies.namespace_id', '=', ns.id);
  if (args.code) q = q.where('policies.id', '=', (await findPolicy(db, ctx.poolId, ns.id, args.code)).id);
  if (args.targetType) {
    const targetType = policyTargetType(args.targetType);
    q = q.where('policy_assignments.target_type', '=', targetType);
    if (args.targetIdentifier) {
      const subject = await resolveTarget(db, ctx.poolId, ns.id, targetType, args.targetIdentifier);
      q = q.where('policy_assignments.target_id', '=', subject.targetId);
    }
  }
  const rows = await q.orderBy('policy_assignments.created_at').orderBy('policy_assignments.id').execute();
  const page = slicePage(rows, args.page, args.limit);
  const list: WirePolicyAssignment[] = [];
  for (const r of page.list) {
    const subject: SubjectRef = { targetType: r.target_type, targetId: r.target_id };
    list.push({ code: r.code, targetType: r.target_type, targetIdentifier: await wireIdentifier(db, subject) });
  }
  return { totalCount: page.totalCount, list };
}

interface AssignmentInput {
  policies: readonly string[];
  targetType: string;
  targetIdentifiers?: readonly string[] | null;
  namespace?: string | null;
}

/** Every target and every policy of the call, failing on the first unknown one (before anything is written). */
async function resolveAssignment(tx: Tx, poolId: string, input: AssignmentInput) {
  const codes = [...new Set(input.policies)];
  const identifiers = [...new Set(input.targetIdentifiers ?? [])];
  if (codes.length === 0 || codes.some((c) => !c)) throw Errors.invalidInput('policies must list policy codes', 'policies 不能为空');
  if (identifiers.length === 0 || identifiers.some((i) => !i)) {
    throw Errors.invalidInput('targetIdentifiers must list targets', 'targetIdentifiers 不能为空');
  }
  const targetType = policyTargetType(input.targetType);
  const ns = await findNamespace(tx, poolId, input.namespace);
  const subjects: SubjectRef[] = [];
  for (const id of identifiers) subjects.push(await resolveTarget(tx, poolId, ns.id, targetType, id));
  const policies = [];
  for (const code of codes) policies.push(await findPolicy(tx, poolId, ns.id, code));
  return { targetType, subjects, policies };
}

/** `addPolicyAssignments`: assigns every policy to every target (an existing assignment keeps its row, `inheritByChildren` updated). */
export async function addPolicyAssignments(ctx: ServiceContext, input: AssignmentInput & { inheritByChildren?: boolean | null }): Promise<void> {
  await ctx.store.write(async (tx, changes) => {
    const { targetType, subjects, policies } = await resolveAssignment(tx, ctx.poolId, input);
    const inherit = input.inheritByChildren ? 1 : 0;
    for (const policy of policies) {
      for (const subject of subjects) {
        const now = nowIso();
        const existing = await tx
          .selectFrom('policy_assignments')
          .select('id')
          .where('policy_id', '=', policy.id)
          .where('target_type', '=', targetType)
          .where('target_id', '=', subject.targetId)
          .executeTakeFirst();
        if (existing) {
          await tx.updateTable('policy_assignments').set({ inherit_by_children: inherit, updated_at: now }).where('id', '=', existing.id).execute();
        } else {
          await tx
            .insertInto('policy_assignments')
            .values({
              id: newId(),
              userpool_id: ctx.poolId,
              policy_id: policy.id,
              target_type: targetType,
              target_id: subject.targetId,
              inherit_by_children: inherit,
              enabled: 1,
              created_at: now,
              updated_at: now,
            })
            .execute();
        }
        await pushAssignment(tx, changes, policy.id, targetType, subject.targetId);
      }
    }
  });
}

/** `removePolicyAssignments`: removes every listed policy from every listed target; absent assignments are fine. */
export async function removePolicyAssignments(ctx: ServiceContext, input: AssignmentInput): Promise<void> {
  await ctx.store.write(async (tx, changes) => {
    const { targetType, subjects, policies } = await resolveAssignment(tx, ctx.poolId, input);
    const rows = await tx
      .selectFrom('policy_assignments')
      .selectAll()
      .where('policy_id', 'in', policies.map((p) => p.id))
      .where('target_type', '=', targetType)
      .where('target_id', 'in', subjects.map((s) => s.targetId))
      .execute();
    if (rows.length === 0) return;
    await tx.deleteFrom('policy_assignments').where('id', 'in', rows.map((r) => r.id)).execute();
    for (const row of rows) changes.push({ table: 'policyAssignments', op: 'delete', row: policyAssignmentFactOf(row) });
  });
}

/** Pushes the stored assignment row of (policy, target) as a `put`. */
async function pushAssignment(tx: Tx, changes: FactChange[], policyId: string, targetType: PolicyTargetType, targetId: string): Promise<void> {
  const row = await tx
    .selectFrom('policy_assignments')
    .selectAll()
    .where('policy_id', '=', policyId)
    .where('target_type', '=', targetType)
    .where('target_id', '=', targetId)
    .executeTakeFirstOrThrow();
  changes.push({ table: 'policyAssignments', op: 'put', row: policyAssignmentFactOf(row) });
}

/**
 * `enablePolicyAssignment` / `disbalePolicyAssignment`: switches one existing assignment on or off
 * (unknown policy 3601, unknown target its own code, no such assignment 3604).
 */
export async function setPolicyAssignmentEnabled(
  ctx: ServiceContext,
  input: { policy: string; targetType: string; targetIdentifier: string; namespace?: string | null },
  enabled: boolean,
): Promise<void> {
  await ctx.store.write(async (tx, changes) => {
    const { targetType, subjects, policies } = await resolveAssignment(tx, ctx.poolId, {
      policies: [input.policy],
      targetType: input.targetType,
      targetIdentifiers: [input.targetIdentifier],
      namespace: input.namespace,
    });
    const [policy] = policies;
    const [subject] = subjects;
    if (!policy || !subject) return;
    const result = await tx
      .updateTable('policy_assignments')
      .set({ enabled: enabled ? 1 : 0, updated_at: nowIso() })
      .where('policy_id', '=', policy.id)
      .where('target_type', '=', targetType)
      .where('target_id', '=', subject.targetId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw ServiceErrors.policyAssignmentNotFound(input.policy);
    await pushAssignment(tx, changes, policy.id, targetType, subject.targetId);
  });
}

