import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { jsonTextField } from '../storage/sql.js';
import type { Database } from '../storage/tables.js';
import { subtreeIds } from './cascade.js';
import type { ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { findGroup, findNamespace, findNode, findRole } from './lookup.js';
import { pageWindow, type Page } from './paging.js';
import { PROFILE_STRING_FIELDS } from './user-profile.js';
import { toWireUser, type WireUser } from './user-wire.js';

/**
 * Searching and filtering the users of a pool in SQL, so a page of a large pool reads one page
 * (the `users_pool_created` index orders it, migration 0004) and a count.
 */

type UsersEb = ExpressionBuilder<Database, 'users'>;

/** Fields with a column of their own; every other searchable field is a string of the profile JSON. */
const COLUMNS = ['username', 'email', 'phone'] as const;
type Column = (typeof COLUMNS)[number];
const isColumn = (f: string): f is Column => (COLUMNS as readonly string[]).includes(f);
const isProfileField = (f: string) => (PROFILE_STRING_FIELDS as readonly string[]).includes(f);

/** What `searchUser` looks in without `fields`. */
export const DEFAULT_SEARCH_FIELDS = ['username', 'email', 'phone', 'nickname', 'name', 'externalId'] as const;

/** The SQL value of a user field: its column, or its string in the profile JSON. */
function fieldRef(db: Kysely<Database>, eb: UsersEb, field: string): Expression<string | null> {
  if (isColumn(field)) return eb.ref(field);
  if (!isProfileField(field)) throw ServiceErrors.invalidSearchType(`field ${field}`);
  return jsonTextField(db, eb.ref('profile'), field);
}

/** `LIKE` with the text's own `%`, `_` and `\` taken literally. */
const likePattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface SearchOptions {
  fields?: ReadonlyArray<string | null> | null;
  page?: number | null;
  limit?: number | null;
  departmentOpts?: ReadonlyArray<{ departmentId?: string | null; includeChildrenDepartments?: boolean | null } | null> | null;
  groupOpts?: ReadonlyArray<{ code?: string | null } | null> | null;
  roleOpts?: ReadonlyArray<{ namespace?: string | null; code: string } | null> | null;
}

const present = <T>(list: ReadonlyArray<T | null> | null | undefined): T[] => (list ?? []).filter((x): x is T => x !== null);

/** Ids of the users in any of the departments (a department's subtree with `includeChildrenDepartments`). */
async function departmentNodes(ctx: ServiceContext, opts: SearchOptions['departmentOpts']): Promise<string[] | null> {
  const list = present(opts);
  if (list.length === 0) return null;
  const nodes = new Set<string>();
  for (const o of list) {
    if (!o.departmentId) throw ServiceErrors.invalidSearchInput('departmentOpts[].departmentId is required');
    await findNode(ctx.store.db, ctx.poolId, o.departmentId);
    for (const id of o.includeChildrenDepartments ? await subtreeIds(ctx.store.db, o.departmentId) : [o.departmentId]) nodes.add(id);
  }
  return [...nodes];
}

async function groupIds(ctx: ServiceContext, opts: SearchOptions['groupOpts']): Promise<string[] | null> {
  const list = present(opts);
  if (list.length === 0) return null;
  const ids: string[] = [];
  for (const o of list) {
    if (!o.code) throw ServiceErrors.invalidSearchInput('groupOpts[].code is required');
    ids.push((await findGroup(ctx.store.db, ctx.poolId, o.code)).id);
  }
  return ids;
}

async function roleIds(ctx: ServiceContext, opts: SearchOptions['roleOpts']): Promise<string[] | null> {
  const list = present(opts);
  if (list.length === 0) return null;
  const ids: string[] = [];
  for (const o of list) {
    const namespace = await findNamespace(ctx.store.db, ctx.poolId, o.namespace);
    ids.push((await findRole(ctx.store.db, ctx.poolId, namespace.id, o.code)).id);
  }
  return ids;
}

/** One page and the total of the pool's users matching `where`, newest first. */
async function pageOf(ctx: ServiceContext, where: (eb: UsersEb) => Expression<SqlBool>, page?: number | null, limit?: number | null): Promise<Page<WireUser>> {
  const base = ctx.store.db.selectFrom('users').where('userpool_id', '=', ctx.poolId).where(where);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const w = pageWindow(page, limit);
  let q = base.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc');
  if (w.limit !== null) q = q.limit(w.limit).offset(w.offset);
  return { totalCount: Number(total.n), list: (await q.execute()).map(toWireUser) };
}

/**
 * `searchUser`: users any of whose `fields` contains `query` (case-insensitive), and who are in
 * one of the `departmentOpts` departments, one of the `groupOpts` groups and hold one of the
 * `roleOpts` roles, as far as each is given; newest first. An unknown field is 2015; an unknown
 * department, group or role its own not-found error.
 */
export async function searchUsers(ctx: ServiceContext, query: string, opts: SearchOptions = {}): Promise<Page<WireUser>> {
  const fields = present(opts.fields);
  const searched = fields.length > 0 ? fields : DEFAULT_SEARCH_FIELDS;
  const [nodes, groups, roles] = [await departmentNodes(ctx, opts.departmentOpts), await groupIds(ctx, opts.groupOpts), await roleIds(ctx, opts.roleOpts)];
  const db = ctx.store.db;
  const pattern = likePattern(query);
  return pageOf(
    ctx,
    (eb) => {
      const conditions: Array<Expression<SqlBool>> = [];
      if (query !== '') conditions.push(eb.or(searched.map((f) => sql<SqlBool>`lower(${fieldRef(db, eb, f)}) like ${pattern} escape '\\'`)));
      if (nodes) conditions.push(eb('id', 'in', db.selectFrom('node_members').select('user_id').where('node_id', 'in', nodes)));
      if (groups) conditions.push(eb('id', 'in', db.selectFrom('group_members').select('user_id').where('group_id', 'in', groups)));
      if (roles) {
        conditions.push(eb('id', 'in', db.selectFrom('role_assignments').select('holder_id').where('holder_type', '=', 'USER').where('role_id', 'in', roles)));
      }
      return eb.and(conditions);
    },
    opts.page,
    opts.limit,
  );
}

/** One condition of `users.filter`: `[{type, value: field}, 'EQ' | 'NEQ', operand]`. */
export type FilterCondition = [{ type?: string; value: string }, 'EQ' | 'NEQ', unknown];

/** A custom-data value as stored (decoded): a string as itself, anything else as JSON. */
const storedValue = (operand: unknown) => (typeof operand === 'string' ? operand : JSON.stringify(operand));

/**
 * `POST /api/v2/users/filter`: users for whom every condition holds, newest first. A condition of
 * type `userDefinedFields` compares the user's custom-data value of the key; any other type
 * compares the user field `value` names (a missing field never equals). An unknown field is 2015.
 */
export async function filterUsers(ctx: ServiceContext, filter: readonly FilterCondition[], page?: number | null, limit?: number | null): Promise<Page<WireUser>> {
  const db = ctx.store.db;
  return pageOf(
    ctx,
    (eb) =>
      eb.and(
        filter.map(([field, op, operand]) => {
          if (field.type === 'userDefinedFields') {
            const holders = db
              .selectFrom('udf_values')
              .select('target_id')
              .where('userpool_id', '=', ctx.poolId)
              .where('target_type', '=', 'USER')
              .where('key', '=', field.value)
              .where('value', '=', storedValue(operand));
            return op === 'EQ' ? eb('id', 'in', holders) : eb('id', 'not in', holders);
          }
          const ref = fieldRef(db, eb, field.value);
          if (operand === null || typeof operand === 'object') throw ServiceErrors.invalidSearchInput(`the value of ${field.value} must be a string, number or boolean`);
          const value = String(operand);
          return op === 'EQ' ? eb(ref, '=', value) : eb.or([eb(ref, 'is', null), eb(ref, '!=', value)]);
        }),
      ),
    page,
    limit,
  );
}
