import type { ResourceType, SubjectRef, TargetType } from '../engine/types.js';
import { Errors } from '../errors.js';
import { deleteGrantIds } from './cascade.js';
import type { ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { findGrant, listAuthorizedResources, putGrant, resolveTarget, revokeCovered, type WireAuthorizedResource } from './acl.js';
import { findNamespace } from './lookup.js';
import { RESOURCE_TYPES } from './resources.js';

/**
 * The batch grant calls of the newest SDK (4.23.55): `authorize-resources`, `revoke-resources`
 * and `list-authorized-resources-batch`. Each write is one transaction over the same grant rows
 * and index facts as `authorizeResource` / `revokeResource`: all of it or none of it, visible to
 * the next `isAllowed`.
 */

/** One item of a batch: several targets of one type, several resources each with its actions. */
export interface GrantBatchItem {
  targetType: TargetType | string;
  targetIdentifiers: readonly string[];
  resources: ReadonlyArray<{ code: string; actions?: readonly string[] | null; resourceType?: ResourceType | null }>;
}

/** Refuses a malformed batch before the transaction starts (400, or 3103 for a resource type). */
function checkBatch(opts: readonly GrantBatchItem[]): void {
  if (opts.length === 0) throw Errors.invalidInput('opts must list at least one item', 'opts 不能为空');
  opts.forEach((opt, i) => {
    if (opt.targetIdentifiers.length === 0 || opt.targetIdentifiers.some((t) => !t)) {
      throw Errors.invalidInput(`opts[${i}].targetIdentifiers must list targets`, `opts[${i}].targetIdentifiers 不能为空`);
    }
    if (opt.resources.length === 0) throw Errors.invalidInput(`opts[${i}].resources must list resources`, `opts[${i}].resources 不能为空`);
    for (const r of opt.resources) {
      if (!r.code) throw Errors.invalidInput(`opts[${i}].resources[].code is required`, `opts[${i}].resources[].code 不能为空`);
      if (r.resourceType && !RESOURCE_TYPES.includes(r.resourceType)) throw ServiceErrors.invalidResourceType();
      if (r.actions?.some((a) => !a)) throw Errors.invalidInput('actions must be non-empty strings', 'actions 不能包含空字符串');
    }
  });
}

/**
 * `authorize-resources`: each target gets each resource with its actions, replacing the target's
 * earlier actions on that resource; the same target and resource twice in one call merge their
 * actions. MENU/BUTTON without actions are stored as "granted without actions".
 */
export async function authorizeResources(ctx: ServiceContext, input: { namespace?: string | null; opts: readonly GrantBatchItem[] }): Promise<void> {
  checkBatch(input.opts);
  await ctx.store.write(async (tx, changes) => {
    const ns = await findNamespace(tx, ctx.poolId, input.namespace);
    const planned = new Map<string, { subject: SubjectRef; resource: string; type: ResourceType | null; actions: Set<string> }>();
    for (const opt of input.opts) {
      for (const identifier of opt.targetIdentifiers) {
        const subject = await resolveTarget(tx, ctx.poolId, ns.id, opt.targetType, identifier);
        for (const r of opt.resources) {
          const key = `${subject.targetType}\u0000${subject.targetId}\u0000${r.code}`;
          const entry = planned.get(key) ?? { subject, resource: r.code, type: null, actions: new Set<string>() };
          entry.type = r.resourceType ?? entry.type;
          for (const a of r.actions ?? []) entry.actions.add(a);
          planned.set(key, entry);
        }
      }
    }
    for (const { subject, resource, type: asked, actions } of planned.values()) {
      const existing = await findGrant(tx, ns.id, subject, resource);
      const type = asked ?? (existing?.resource_type as ResourceType | undefined) ?? 'DATA';
      const stored = actions.size === 0 && (type === 'MENU' || type === 'BUTTON') ? null : [...actions];
      await putGrant(tx, changes, ctx.poolId, ns.id, subject, resource, type, stored);
    }
  });
}

/**
 * `revoke-resources`: for each target and resource, the listed actions leave the target's grant on
 * exactly that code (the grant goes when none is left, or when it was held without actions);
 * without actions the grant goes whole, and revoking a kind `K` also removes the target's `K:x`
 * grants, as `revokeResource` does. Nothing held is not an error.
 */
export async function revokeResources(ctx: ServiceContext, input: { namespace?: string | null; opts: readonly GrantBatchItem[] }): Promise<void> {
  checkBatch(input.opts);
  await ctx.store.write(async (tx, changes) => {
    const ns = await findNamespace(tx, ctx.poolId, input.namespace);
    for (const opt of input.opts) {
      for (const identifier of opt.targetIdentifiers) {
        const subject = await resolveTarget(tx, ctx.poolId, ns.id, opt.targetType, identifier);
        for (const r of opt.resources) {
          const listed = [...new Set(r.actions ?? [])];
          if (listed.length === 0) {
            await revokeCovered(tx, changes, ns.id, subject, r.code);
            continue;
          }
          const grant = await findGrant(tx, ns.id, subject, r.code);
          if (!grant) continue;
          const remaining = grant.actions === null ? [] : (JSON.parse(grant.actions) as string[]).filter((a) => !listed.includes(a));
          if (remaining.length === 0) await deleteGrantIds(tx, changes, [grant.id]);
          else await putGrant(tx, changes, ctx.poolId, ns.id, subject, r.code, grant.resource_type as ResourceType, remaining);
        }
      }
    }
  });
}

/** `list-authorized-resources-batch`: one `authorizedResources` answer per target, in request order. */
export async function listAuthorizedResourcesBatch(
  ctx: ServiceContext,
  input: {
    namespace?: string | null;
    resourceType?: ResourceType | null;
    targets: ReadonlyArray<{ targetType: TargetType | string; targetIdentifier: string }>;
  },
): Promise<{ list: Array<{ totalCount: number; list: WireAuthorizedResource[] }> }> {
  if (input.targets.length === 0) throw Errors.invalidInput('targets must list at least one target', 'targets 不能为空');
  const list = [];
  for (const t of input.targets) {
    list.push(await listAuthorizedResources(ctx, t.targetType, t.targetIdentifier, input.namespace, input.resourceType));
  }
  return { list };
}
