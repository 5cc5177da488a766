import { Errors } from '../errors.js';
import { policyFactOf } from '../storage/fact-rows.js';
import { newId, nowIso } from '../storage/ids.js';
import type { Tx } from '../storage/store.js';
import type { PoliciesTable } from '../storage/tables.js';
import { deletePolicyIds } from './cascade.js';
import type { Db, ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { findNamespace } from './lookup.js';
import { slicePage, type Page } from './paging.js';
import { findPolicy } from './policy-assignments.js';

/**
 * Policy objects (`createPolicy`, `updatePolicy`, `deletePolicy`, `deletePolicies`, `policy`,
 * `policies`) over the `policies` table. Statements are stored normalized (`effect` defaults to
 * ALLOW, `condition` to `[]`), so they echo with `condition: []` added; every write pushes its
 * fact changes so the permission index sees it.
 */

/** A statement as stored and as returned. */
export interface WireStatement {
  resource: string;
  actions: string[];
  effect: 'ALLOW' | 'DENY';
  condition: Array<{ param: string; operator: string; value: unknown }>;
}

/** A policy on the wire (`Policy`). */
export interface WirePolicy {
  namespace: string;
  code: string;
  isDefault: boolean;
  description: string | null;
  statements: WireStatement[];
  createdAt: string;
  updatedAt: string;
  assignmentsCount: number;
}

interface StatementInput {
  resource: string;
  actions: readonly string[];
  effect?: string | null;
  condition?: ReadonlyArray<{ param: string; operator: string; value: unknown }> | null;
}

const bad = (en: string, zh: string) => Errors.invalidInput(en, zh);

/** Checks and normalizes statements; any bad one refuses the whole call (400). */
export function normalizeStatements(statements: readonly StatementInput[]): WireStatement[] {
  if (!Array.isArray(statements) || statements.length === 0) throw bad('statements must not be empty', 'statements 不能为空');
  return statements.map((s, i) => {
    if (typeof s.resource !== 'string' || s.resource.trim() === '') throw bad(`statements[${i}].resource must not be empty`, `statements[${i}].resource 不能为空`);
    const actions: readonly unknown[] = Array.isArray(s.actions) ? s.actions : [];
    if (actions.length === 0 || actions.some((a) => typeof a !== 'string' || a.trim() === '')) {
      throw bad(`statements[${i}].actions must list non-empty actions`, `statements[${i}].actions 必须为非空字符串数组`);
    }
    const effect = s.effect ?? 'ALLOW';
    if (effect !== 'ALLOW' && effect !== 'DENY') throw bad(`statements[${i}].effect must be ALLOW or DENY`, `statements[${i}].effect 必须为 ALLOW 或 DENY`);
    const conditions: NonNullable<StatementInput['condition']> = s.condition ?? [];
    const condition = conditions.map((c, j) => {
      if (typeof c.param !== 'string' || c.param === '' || typeof c.operator !== 'string' || c.operator === '' || c.value === null || c.value === undefined) {
        throw bad(`statements[${i}].condition[${j}] needs param, operator and value`, `statements[${i}].condition[${j}] 需要 param、operator 和 value`);
      }
      return { param: c.param, operator: c.operator, value: c.value };
    });
    return { resource: s.resource, actions: [...s.actions], effect, condition };
  });
}

async function wirePolicies(db: Db, rows: readonly PoliciesTable[], namespaceCode: string): Promise<WirePolicy[]> {
  const ids = rows.map((r) => r.id);
  const counts = new Map<string, number>();
  if (ids.length > 0) {
    const grouped = await db
      .selectFrom('policy_assignments')
      .select(['policy_id'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('policy_id', 'in', ids)
      .groupBy('policy_id')
      .execute();
    for (const g of grouped) counts.set(g.policy_id, Number(g.n));
  }
  return rows.map((r) => ({
    namespace: namespaceCode,
    code: r.code,
    isDefault: r.is_default === 1,
    description: r.description,
    statements: JSON.parse(r.statements) as WireStatement[],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    assignmentsCount: counts.get(r.id) ?? 0,
  }));
}

async function wirePolicy(db: Db, row: PoliciesTable, namespaceCode: string): Promise<WirePolicy> {
  const [policy] = await wirePolicies(db, [row], namespaceCode);
  if (!policy) throw new Error('unreachable: one row maps to one policy');
  return policy;
}

async function codeTaken(tx: Tx, namespaceId: number, code: string): Promise<boolean> {
  const row = await tx.selectFrom('policies').select('id').where('namespace_id', '=', namespaceId).where('code', '=', code).executeTakeFirst();
  return row !== undefined;
}

function requireCode(code: string | null | undefined, argument: string): string {
  if (typeof code !== 'string' || code.trim() === '') throw bad(`${argument} must not be empty`, `${argument} 不能为空`);
  return code;
}

/** `createPolicy`: duplicate code in the namespace 3602. */
export async function createPolicy(
  ctx: ServiceContext,
  input: { namespace?: string | null; code: string; description?: string | null; statements: readonly StatementInput[] },
): Promise<WirePolicy> {
  const code = requireCode(input.code, 'code');
  const statements = normalizeStatements(input.statements);
  return ctx.store.write(async (tx, changes) => {
    const ns = await findNamespace(tx, ctx.poolId, input.namespace);
    if (await codeTaken(tx, ns.id, code)) throw ServiceErrors.policyExists(code);
    const now = nowIso();
    const row: PoliciesTable = {
      id: newId(),
      userpool_id: ctx.poolId,
      namespace_id: ns.id,
      code,
      description: input.description ?? null,
      statements: JSON.stringify(statements),
      is_default: 0,
      is_auto: 0,
      created_at: now,
      updated_at: now,
    };
    await tx.insertInto('policies').values(row).execute();
    changes.push({ table: 'policies', op: 'put', row: policyFactOf(row) });
    return wirePolicy(tx, row, ns.code);
  });
}

/** `updatePolicy`: description, statements and/or `newCode`; unknown 3601, built-in 3603, taken newCode 3602. */
export async function updatePolicy(
  ctx: ServiceContext,
  input: { namespace?: string | null; code: string; description?: string | null; statements?: readonly StatementInput[] | null; newCode?: string | null },
): Promise<WirePolicy> {
  const statements = input.statements == null ? undefined : normalizeStatements(input.statements);
  const newCode = input.newCode == null ? undefined : requireCode(input.newCode, 'newCode');
  return ctx.store.write(async (tx, changes) => {
    const ns = await findNamespace(tx, ctx.poolId, input.namespace);
    const row = await findPolicy(tx, ctx.poolId, ns.id, input.code);
    if (row.is_default === 1) throw ServiceErrors.defaultPolicyReadonly(row.code);
    if (newCode !== undefined && newCode !== row.code && (await codeTaken(tx, ns.id, newCode))) throw ServiceErrors.policyExists(newCode);
    const next: PoliciesTable = {
      ...row,
      code: newCode ?? row.code,
      description: input.description === undefined ? row.description : input.description,
      statements: statements === undefined ? row.statements : JSON.stringify(statements),
      updated_at: nowIso(),
    };
    await tx
      .updateTable('policies')
      .set({ code: next.code, description: next.description, statements: next.statements, updated_at: next.updated_at })
      .where('id', '=', row.id)
      .execute();
    changes.push({ table: 'policies', op: 'put', row: policyFactOf(next) });
    return wirePolicy(tx, next, ns.code);
  });
}

/** `deletePolicy` / `deletePolicies`: one transaction; any unknown code 3601 and any built-in one 3603 delete nothing. */
export async function deletePolicies(ctx: ServiceContext, input: { codeList: readonly string[]; namespace?: string | null }): Promise<void> {
  const codes = [...new Set(input.codeList)];
  if (codes.length === 0) throw bad('codeList must list policy codes', 'codeList 不能为空');
  for (const code of codes) requireCode(code, 'codeList');
  await ctx.store.write(async (tx, changes) => {
    const ns = await findNamespace(tx, ctx.poolId, input.namespace);
    const ids: string[] = [];
    for (const code of codes) {
      const row = await findPolicy(tx, ctx.poolId, ns.id, code);
      if (row.is_default === 1) throw ServiceErrors.defaultPolicyReadonly(row.code);
      ids.push(row.id);
    }
    await deletePolicyIds(tx, changes, ids);
  });
}

/** `policy(code)`: null when the namespace has no such policy. */
export async function getPolicy(ctx: ServiceContext, input: { code: string; namespace?: string | null }): Promise<WirePolicy | null> {
  const db = ctx.store.db;
  const ns = await findNamespace(db, ctx.poolId, input.namespace);
  const row = await db
    .selectFrom('policies')
    .selectAll()
    .where('userpool_id', '=', ctx.poolId)
    .where('namespace_id', '=', ns.id)
    .where('code', '=', input.code)
    .executeTakeFirst();
  return row ? wirePolicy(db, row, ns.code) : null;
}

/** `policies`: oldest first; `excludeDefault` (default true) leaves built-in policies out. */
export async function listPolicies(
  ctx: ServiceContext,
  input: { page?: number | null; limit?: number | null; namespace?: string | null; excludeDefault?: boolean | null },
): Promise<Page<WirePolicy>> {
  const db = ctx.store.db;
  const ns = await findNamespace(db, ctx.poolId, input.namespace);
  let q = db.selectFrom('policies').selectAll().where('userpool_id', '=', ctx.poolId).where('namespace_id', '=', ns.id);
  if (input.excludeDefault !== false) q = q.where('is_default', '=', 0);
  const rows = await q.orderBy('created_at').orderBy('id').execute();
  const page = slicePage(rows, input.page, input.limit);
  return { totalCount: page.totalCount, list: await wirePolicies(db, page.list, ns.code) };
}
