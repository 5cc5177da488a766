import type { SubjectRef } from '../engine/types.js';
import { Errors } from '../errors.js';
import { newId, nowIso } from '../storage/ids.js';
import type { Tx } from '../storage/store.js';
import type { PolicyAssignmentsTable } from '../storage/tables.js';
import { resolveTarget, wireIdentifier } from './acl.js';
import type { Db, ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { findNamespace } from './lookup.js';
import { slicePage, type Page } from './paging.js';

/**
 * Policy assignments (`policyAssignments`, `addPolicyAssignments`, `removePolicyAssignments`),
 * over the `policies` and `policy_assignments` tables. Policy objects and their effect on
 * permission checks come with the policies issue: until then a pool has no policies, so listings
 * are empty and every assignment names an unknown policy (3601). Assignments do not reach the
 * permission index yet.
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

async function findPolicy(db: Db, poolId: string, namespaceId: number, code: string) {
  const row = await db
    .selectFrom('policies')
    .select(['id', 'code'])
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
  await ctx.store.write(async (tx) => {
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
          continue;
        }
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
    }
  });
}

/** `removePolicyAssignments`: removes every listed policy from every listed target; absent assignments are fine. */
export async function removePolicyAssignments(ctx: ServiceContext, input: AssignmentInput): Promise<void> {
  await ctx.store.write(async (tx) => {
    const { targetType, subjects, policies } = await resolveAssignment(tx, ctx.poolId, input);
    if (subjects.length === 0 || policies.length === 0) return;
    await tx
      .deleteFrom('policy_assignments')
      .where('policy_id', 'in', policies.map((p) => p.id))
      .where('target_type', '=', targetType)
      .where('target_id', 'in', subjects.map((s) => s.targetId))
      .execute();
  });
}

