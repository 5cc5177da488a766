import { isValidAllowResource, kindOf, resourceMatches, revokeCovers } from '../engine/match.js';
import type { AuthorizedResourceFact, FactChange, ResourceType, SubjectRef, TargetType } from '../engine/types.js';
import { Errors } from '../errors.js';
import { grantFactOf } from '../storage/fact-rows.js';
import { newId, nowIso } from '../storage/ids.js';
import type { Tx } from '../storage/store.js';
import type { GrantsTable } from '../storage/tables.js';
import { deleteGrantIds } from './cascade.js';
import type { Db, ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { findGroup, findNamespace, findNamespaceRead, findNode, findRole, findUser } from './lookup.js';
import { RESOURCE_TYPES } from './resources.js';

export const TARGET_TYPES: readonly TargetType[] = ['USER', 'ROLE', 'GROUP', 'ORG', 'AK_SK'];

/** One row of `authorizedResources`; `actions` null for grants without actions (MENU/BUTTON). */
export interface WireAuthorizedResource {
  code: string;
  type: ResourceType;
  actions: string[] | null;
  apiIdentifier: string | null;
}

/** One row of `authorizedTargets`, identified the way the wire names targets. */
export interface WireAuthorizedTarget {
  targetType: TargetType;
  targetIdentifier: string;
  actions: string[] | null;
}

function checkTargetType(t: string): TargetType {
  if (!(TARGET_TYPES as readonly string[]).includes(t)) throw ServiceErrors.invalidTargetType(t);
  return t as TargetType;
}

/**
 * The internal id of a wire target: USER by user id, ROLE by code in the namespace, GROUP by
 * code, ORG by node id, AK_SK by account id. Each kind fails with its own "does not exist".
 */
export async function resolveTarget(db: Db, poolId: string, namespaceId: number, targetType: string, identifier: string): Promise<SubjectRef> {
  const t = checkTargetType(targetType);
  switch (t) {
    case 'USER':
      return { targetType: t, targetId: (await findUser(db, poolId, identifier)).id };
    case 'ROLE':
      return { targetType: t, targetId: (await findRole(db, poolId, namespaceId, identifier)).id };
    case 'GROUP':
      return { targetType: t, targetId: (await findGroup(db, poolId, identifier)).id };
    case 'ORG':
      return { targetType: t, targetId: (await findNode(db, poolId, identifier)).id };
    case 'AK_SK': {
      const account = await db
        .selectFrom('programmatic_access_accounts')
        .select('id')
        .where('userpool_id', '=', poolId)
        .where('id', '=', identifier)
        .executeTakeFirst();
      if (!account) throw ServiceErrors.accountNotFound();
      return { targetType: t, targetId: account.id };
    }
  }
}

/** The wire identifier of an internal subject (role code, group code, else the id itself). */
export async function wireIdentifier(db: Db, subject: SubjectRef): Promise<string> {
  if (subject.targetType === 'ROLE') {
    const role = await db.selectFrom('roles').select('code').where('id', '=', subject.targetId).executeTakeFirst();
    return role?.code ?? subject.targetId;
  }
  if (subject.targetType === 'GROUP') {
    const group = await db.selectFrom('groups').select('code').where('id', '=', subject.targetId).executeTakeFirst();
    return group?.code ?? subject.targetId;
  }
  return subject.targetId;
}

export async function findGrant(tx: Tx, namespaceId: number, subject: SubjectRef, resource: string) {
  return tx
    .selectFrom('grants')
    .selectAll()
    .where('namespace_id', '=', namespaceId)
    .where('target_type', '=', subject.targetType)
    .where('target_id', '=', subject.targetId)
    .where('resource', '=', resource)
    .where('effect', '=', 'ALLOW')
    .executeTakeFirst();
}

/** Inserts or replaces an ALLOW grant and pushes its fact. */
export async function putGrant(
  tx: Tx,
  changes: FactChange[],
  poolId: string,
  namespaceId: number,
  subject: SubjectRef,
  resource: string,
  resourceType: ResourceType,
  actions: string[] | null,
): Promise<void> {
  const existing = await findGrant(tx, namespaceId, subject, resource);
  const now = nowIso();
  let row: GrantsTable;
  if (existing) {
    row = { ...existing, resource_type: resourceType, actions: actions === null ? null : JSON.stringify(actions), updated_at: now };
    await tx.updateTable('grants').set({ resource_type: row.resource_type, actions: row.actions, updated_at: now }).where('id', '=', row.id).execute();
  } else {
    const last = await tx.selectFrom('grants').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
    row = {
      id: newId(),
      userpool_id: poolId,
      namespace_id: namespaceId,
      target_type: subject.targetType,
      target_id: subject.targetId,
      resource,
      resource_type: resourceType,
      actions: actions === null ? null : JSON.stringify(actions),
      effect: 'ALLOW',
      seq: Number(last?.seq ?? 0) + 1,
      created_at: now,
      updated_at: now,
    };
    await tx.insertInto('grants').values(row).execute();
  }
  changes.push({ table: 'grants', op: 'put', row: grantFactOf(row) });
}

/**
 * `allow`: grants one action on `type:id` / `type:*` / `*` to users and/or roles (roles of the
 * namespace). Repeated calls accumulate actions on the same grant.
 */
export async function allow(
  ctx: ServiceContext,
  input: {
    resource: string;
    action: string;
    userId?: string | null;
    userIds?: readonly string[] | null;
    roleCode?: string | null;
    roleCodes?: readonly string[] | null;
    namespace?: string | null;
  },
): Promise<void> {
  if (!isValidAllowResource(input.resource)) throw ServiceErrors.invalidAllowResource();
  if (!input.action) throw Errors.invalidInput('action is required', 'action 不能为空');
  const userIds = [...new Set([...(input.userId ? [input.userId] : []), ...(input.userIds ?? [])])];
  const roleCodes = [...new Set([...(input.roleCode ? [input.roleCode] : []), ...(input.roleCodes ?? [])])];
  if (userIds.length === 0 && roleCodes.length === 0) {
    throw Errors.invalidInput('userId, userIds, roleCode or roleCodes is required', '请提供 userId、userIds、roleCode 或 roleCodes');
  }
  await ctx.store.write(async (tx, changes) => {
    const ns = await findNamespace(tx, ctx.poolId, input.namespace);
    const subjects: SubjectRef[] = [];
    for (const id of userIds) subjects.push(await resolveTarget(tx, ctx.poolId, ns.id, 'USER', id));
    for (const code of roleCodes) subjects.push(await resolveTarget(tx, ctx.poolId, ns.id, 'ROLE', code));
    for (const subject of subjects) {
      const existing = await findGrant(tx, ns.id, subject, input.resource);
      if (existing?.actions === null) continue; // already granted with every action
      const held = existing ? (JSON.parse(existing.actions ?? '[]') as string[]) : [];
      if (held.includes(input.action)) continue;
      const type = (existing?.resource_type as ResourceType | undefined) ?? 'DATA';
      await putGrant(tx, changes, ctx.poolId, ns.id, subject, input.resource, type, [...held, input.action]);
    }
  });
}

export interface AuthorizeOpt {
  targetType: TargetType | string;
  targetIdentifier: string;
  actions?: readonly string[] | null;
}

/**
 * `authorizeResource`: grants a kind (`books`) or instance resource to each target with its own
 * actions, replacing that target's earlier actions on the resource. MENU/BUTTON without actions
 * are stored as "granted without actions".
 */
export async function authorizeResource(
  ctx: ServiceContext,
  input: { namespace?: string | null; resource: string; resourceType?: ResourceType | null; opts: readonly AuthorizeOpt[] },
): Promise<void> {
  if (!input.resource) throw Errors.invalidInput('resource is required', 'resource 不能为空');
  if (input.resourceType && !RESOURCE_TYPES.includes(input.resourceType)) throw ServiceErrors.invalidResourceType();
  await ctx.store.write(async (tx, changes) => {
    const ns = await findNamespace(tx, ctx.poolId, input.namespace);
    for (const opt of input.opts) {
      const subject = await resolveTarget(tx, ctx.poolId, ns.id, opt.targetType, opt.targetIdentifier);
      const existing = await findGrant(tx, ns.id, subject, input.resource);
      const type = input.resourceType ?? (existing?.resource_type as ResourceType | undefined) ?? 'DATA';
      const actions = [...new Set(opt.actions ?? [])];
      const stored = actions.length === 0 && (type === 'MENU' || type === 'BUTTON') ? null : actions;
      await putGrant(tx, changes, ctx.poolId, ns.id, subject, input.resource, type, stored);
    }
  });
}

/**
 * Deletes a subject's grants in a namespace that a revoke of `resource` covers (the resource
 * itself and, for a kind, its instances), with their fact changes.
 */
export async function revokeCovered(tx: Tx, changes: FactChange[], namespaceId: number, subject: SubjectRef, resource: string): Promise<void> {
  const grants = await tx
    .selectFrom('grants')
    .select(['id', 'resource'])
    .where('namespace_id', '=', namespaceId)
    .where('target_type', '=', subject.targetType)
    .where('target_id', '=', subject.targetId)
    .execute();
  await deleteGrantIds(tx, changes, grants.filter((g) => revokeCovers(resource, g.resource)).map((g) => g.id));
}

/**
 * `revokeResource`: removes each target's grants on the resource. Revoking the kind `K` also
 * removes the target's `K:*` and `K:x` grants; revoking `K:1` leaves a `K` grant alone.
 */
export async function revokeResource(
  ctx: ServiceContext,
  input: { namespace?: string | null; resource: string; opts: ReadonlyArray<Pick<AuthorizeOpt, 'targetType' | 'targetIdentifier'>> },
): Promise<void> {
  if (!input.resource) throw Errors.invalidInput('resource is required', 'resource 不能为空');
  await ctx.store.write(async (tx, changes) => {
    const ns = await findNamespace(tx, ctx.poolId, input.namespace);
    for (const opt of input.opts) {
      const subject = await resolveTarget(tx, ctx.poolId, ns.id, opt.targetType, opt.targetIdentifier);
      await revokeCovered(tx, changes, ns.id, subject, input.resource);
    }
  });
}

/** `isActionAllowed`: the user's effective permission (direct, roles, groups, org nodes); `namespace` defaults to `default`. */
export async function isAllowed(ctx: ServiceContext, userId: string, resource: string, action: string, namespace?: string | null): Promise<boolean> {
  const ns = await findNamespaceRead(ctx.store, ctx.poolId, namespace);
  return ctx.store.index.isAllowed({ userId, namespaceId: ns.id, resource, action });
}

/** `isActionDenied`: true iff an explicit DENY applying to the user matches (not `!isAllowed`). */
export async function isDenied(ctx: ServiceContext, userId: string, resource: string, action: string, namespace?: string | null): Promise<boolean> {
  const ns = await findNamespaceRead(ctx.store, ctx.poolId, namespace);
  return ctx.store.index.isDenied({ userId, namespaceId: ns.id, resource, action });
}

/** Listing rows with `type`/`apiIdentifier` from the resource definition of the kind when one exists. */
async function withDefinitions(
  db: Db,
  rows: ReadonlyArray<AuthorizedResourceFact & { namespaceId: number }>,
): Promise<WireAuthorizedResource[]> {
  const nsIds = [...new Set(rows.map((r) => r.namespaceId))];
  const defs = nsIds.length
    ? await db.selectFrom('resources').select(['namespace_id', 'code', 'type', 'api_identifier']).where('namespace_id', 'in', nsIds).execute()
    : [];
  const byKey = new Map(defs.map((d) => [`${d.namespace_id}\u0000${d.code}`, d]));
  return rows.map((r) => {
    const def = byKey.get(`${r.namespaceId}\u0000${r.resource}`) ?? byKey.get(`${r.namespaceId}\u0000${kindOf(r.resource)}`);
    return {
      code: r.resource,
      type: (def?.type as ResourceType | undefined) ?? r.resourceType,
      actions: r.actions,
      apiIdentifier: def?.api_identifier ?? null,
    };
  });
}

/**
 * `authorizedResources(targetType, targetIdentifier, namespace, resourceType)`.
 * USER: the effective set (inherited included) in `namespace`, `default` when omitted.
 * ROLE: the role's own grants (the role lives in `namespace`, default `default`).
 * GROUP / ORG / AK_SK: direct grants in `namespace`, or in every namespace when omitted.
 */
export async function listAuthorizedResources(
  ctx: ServiceContext,
  targetType: TargetType | string,
  targetIdentifier: string,
  namespace?: string | null,
  resourceType?: ResourceType | null,
): Promise<{ totalCount: number; list: WireAuthorizedResource[] }> {
  const db = ctx.store.db;
  const t = checkTargetType(targetType);
  const type = resourceType ?? undefined;
  let rows: Array<AuthorizedResourceFact & { namespaceId: number }>;
  if (t === 'USER' || t === 'ROLE') {
    const ns = await findNamespace(db, ctx.poolId, namespace);
    const subject = await resolveTarget(db, ctx.poolId, ns.id, t, targetIdentifier);
    rows =
      t === 'USER'
        ? ctx.store.index.userResources(subject.targetId, ns.id, type).map((r) => ({ ...r, namespaceId: ns.id }))
        : ctx.store.index.subjectResources(subject, ns.id, type);
  } else {
    const ns = namespace ? await findNamespace(db, ctx.poolId, namespace) : null;
    const subject = await resolveTarget(db, ctx.poolId, ns?.id ?? 0, t, targetIdentifier);
    rows = ctx.store.index.subjectResources(subject, ns?.id, type);
  }
  const list = await withDefinitions(db, rows);
  return { totalCount: list.length, list };
}

/** `authorizedTargets`: direct holders of a grant on exactly `resource`, filtered by type and actions. */
export async function getAuthorizedTargets(
  ctx: ServiceContext,
  input: {
    namespace: string;
    resource: string;
    resourceType?: ResourceType | null;
    targetType?: TargetType | null;
    actions?: { op: 'AND' | 'OR'; list: ReadonlyArray<string | null> } | null;
  },
): Promise<{ totalCount: number; list: WireAuthorizedTarget[] }> {
  const db = ctx.store.db;
  const ns = await findNamespace(db, ctx.poolId, input.namespace);
  const actions = input.actions ? { op: input.actions.op, list: input.actions.list.filter((a): a is string => !!a) } : undefined;
  const found = ctx.store.index.authorizedTargets(ns.id, input.resource, {
    ...(input.targetType ? { targetType: input.targetType } : {}),
    ...(actions ? { actions } : {}),
  });
  const list: WireAuthorizedTarget[] = [];
  for (const f of found) {
    list.push({ targetType: f.targetType, targetIdentifier: await wireIdentifier(db, f), actions: f.actions });
  }
  return { totalCount: list.length, list };
}

/**
 * `check-resource-permission-batch`: for each requested code (request order) the actions the
 * user holds on it through matching grants; codes the user holds nothing on are left out.
 */
export async function checkResourcePermissionBatch(
  ctx: ServiceContext,
  input: { userId: string; namespace?: string | null; resources: readonly string[] },
): Promise<Array<{ code: string; actions: string[] | null }>> {
  const ns = await findNamespace(ctx.store.db, ctx.poolId, input.namespace);
  const held = ctx.store.index.userResources(input.userId, ns.id);
  const out: Array<{ code: string; actions: string[] | null }> = [];
  for (const code of input.resources) {
    const matching = held.filter((g) => resourceMatches(g.resource, code));
    if (matching.length === 0) continue;
    let actions: string[] | null = [];
    for (const g of matching) {
      if (g.actions === null) actions = null;
      else if (actions !== null) for (const a of g.actions) if (!actions.includes(a)) actions.push(a);
    }
    out.push({ code, actions });
  }
  return out;
}

/** `get-authorized-resources-of-resource-kind`: the user's instance grants `kind:x` (not `kind:*`), in creation order. */
export async function getAuthorizedResourcesOfResourceKind(
  ctx: ServiceContext,
  input: { userId: string; namespace?: string | null; resource: string },
): Promise<Array<{ code: string; actions: string[] | null }>> {
  const ns = await findNamespace(ctx.store.db, ctx.poolId, input.namespace);
  const kind = input.resource;
  return ctx.store.index
    .userResources(input.userId, ns.id)
    .filter((g) => g.resource.startsWith(`${kind}:`) && g.resource !== `${kind}:*` && kindOf(g.resource) === kind)
    .map((g) => ({ code: g.resource, actions: g.actions }));
}
