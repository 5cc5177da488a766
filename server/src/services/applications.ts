/**
 * Applications, beyond their settings (pools.ts) and access records (app-access.ts): who is
 * logged in to one, a new secret, and its registration agreements.
 */
import type { Selectable } from 'kysely';
import { Errors } from '../errors.js';
import { newSecret, nowIso } from '../storage/ids.js';
import type { Tx } from '../storage/store.js';
import type { AgreementsTable } from '../storage/tables.js';
import type { Db, ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { findApp } from './lookup.js';
import { slicePage, type Page } from './paging.js';
import { toWireApplication, type WireApplication } from './pools.js';
import { toWireUser, type WireUser } from './user-wire.js';

/**
 * `applications.activeUsers`: the users holding a live token in the app (unexpired, not revoked,
 * of their current session generation), the most recently issued first.
 */
export async function listActiveUsers(ctx: ServiceContext, appId: string, page?: number | null, limit?: number | null): Promise<Page<WireUser>> {
  const db = ctx.store.db;
  await findApp(db, ctx.poolId, appId);
  const rows = await db
    .selectFrom('user_tokens')
    .innerJoin('users', 'users.id', 'user_tokens.user_id')
    .selectAll('users')
    .select((eb) => eb.fn.max('user_tokens.exp').as('last_exp'))
    .where('user_tokens.app_id', '=', appId)
    .where('users.userpool_id', '=', ctx.poolId)
    .whereRef('user_tokens.session_version', '=', 'users.session_version')
    .where('user_tokens.exp', '>=', Math.floor(Date.now() / 1000))
    .where('user_tokens.jti', 'not in', db.selectFrom('revoked_tokens').select('jti'))
    .groupBy('users.id')
    .orderBy('last_exp', 'desc')
    .orderBy('users.id')
    .execute();
  const slice = slicePage(rows, page, limit);
  return { totalCount: slice.totalCount, list: slice.list.map(({ last_exp: _exp, ...user }) => toWireUser(user)) };
}

/** `applications.refreshApplicationSecret`: a new random secret; the old one matches nothing from now on. */
export async function refreshAppSecret(ctx: ServiceContext, appId: string): Promise<WireApplication> {
  const row = await ctx.store.write(async (tx) => {
    const current = await findApp(tx, ctx.poolId, appId);
    const next = { ...current, secret: newSecret(), updated_at: nowIso() };
    await tx.updateTable('applications').set({ secret: next.secret, updated_at: next.updated_at }).where('id', '=', appId).execute();
    return next;
  });
  return toWireApplication(row);
}

/** An agreement as the official SDK's `AgreementDetail`. */
export interface WireAgreement {
  id: number;
  appId: string;
  userPoolId: string;
  title: string;
  required: boolean;
  lang: string;
  order: number;
}

const LANGS: readonly string[] = ['zh-CN', 'en-US', 'zh-TW', 'ja-JP'];

const toWireAgreement = (row: Selectable<AgreementsTable>): WireAgreement => ({
  id: row.id,
  appId: row.app_id,
  userPoolId: row.userpool_id,
  title: row.title,
  required: row.required === 1,
  lang: row.lang,
  order: row.sort_order,
});

export interface AgreementChange {
  title?: string | null;
  required?: boolean | null;
  lang?: string | null;
}

function checkChange(change: AgreementChange, titleRequired: boolean): void {
  if (change === null || typeof change !== 'object') throw Errors.invalidInput('an agreement object is required', '需要协议内容');
  const { title, required, lang } = change;
  if ((titleRequired || (title !== undefined && title !== null)) && (typeof title !== 'string' || title.trim() === '')) {
    throw Errors.invalidInput('title is required', '协议标题不能为空');
  }
  if (required !== undefined && required !== null && typeof required !== 'boolean') throw Errors.invalidInput('required must be a boolean', 'required 必须为布尔值');
  if (lang !== undefined && lang !== null && !LANGS.includes(lang)) throw Errors.invalidInput(`lang must be one of ${LANGS.join(', ')}`, `lang 必须为 ${LANGS.join('、')} 之一`);
}

async function agreementRows(tx: Db | Tx, appId: string) {
  return tx.selectFrom('agreements').selectAll().where('app_id', '=', appId).orderBy('sort_order').orderBy('id').execute();
}

/** `listAgreement`: all of the app's agreements, in their order. */
export async function listAgreements(ctx: ServiceContext, appId: string): Promise<Page<WireAgreement>> {
  await findApp(ctx.store.db, ctx.poolId, appId);
  const rows = await agreementRows(ctx.store.db, appId);
  return { totalCount: rows.length, list: rows.map(toWireAgreement) };
}

/** `createAgreement`: appended at the end; `required` defaults to true and `lang` to zh-CN. */
export async function createAgreement(ctx: ServiceContext, appId: string, input: AgreementChange): Promise<WireAgreement> {
  checkChange(input, true);
  return ctx.store.write(async (tx) => {
    await findApp(tx, ctx.poolId, appId);
    const last = await tx.selectFrom('agreements').select((eb) => eb.fn.max('sort_order').as('n')).where('app_id', '=', appId).executeTakeFirst();
    const now = nowIso();
    const row = {
      userpool_id: ctx.poolId,
      app_id: appId,
      title: input.title as string,
      required: input.required === false ? 0 : 1,
      lang: input.lang ?? 'zh-CN',
      sort_order: last?.n === null || last?.n === undefined ? 0 : Number(last.n) + 1,
      created_at: now,
      updated_at: now,
    };
    const { id } = await tx.insertInto('agreements').values(row).returning('id').executeTakeFirstOrThrow();
    return toWireAgreement({ ...row, id });
  });
}

async function findAgreement(tx: Tx, appId: string, agreementId: number) {
  const row = await tx.selectFrom('agreements').selectAll().where('app_id', '=', appId).where('id', '=', agreementId).executeTakeFirst();
  if (!row) throw ServiceErrors.agreementNotFound();
  return row;
}

/** `modifyAgreement`: changes the fields given; 2012 for an agreement not of the app. */
export async function modifyAgreement(ctx: ServiceContext, appId: string, agreementId: number, input: AgreementChange): Promise<WireAgreement> {
  checkChange(input, false);
  return ctx.store.write(async (tx) => {
    await findApp(tx, ctx.poolId, appId);
    const current = await findAgreement(tx, appId, agreementId);
    const next = {
      ...current,
      title: input.title ?? current.title,
      required: input.required === undefined || input.required === null ? current.required : input.required ? 1 : 0,
      lang: input.lang ?? current.lang,
      updated_at: nowIso(),
    };
    await tx.updateTable('agreements').set(next).where('id', '=', agreementId).execute();
    return toWireAgreement(next);
  });
}

/** `deleteAgreement`: the ones after it move up, so the order stays 0, 1, ... */
export async function deleteAgreement(ctx: ServiceContext, appId: string, agreementId: number): Promise<void> {
  await ctx.store.write(async (tx) => {
    await findApp(tx, ctx.poolId, appId);
    await findAgreement(tx, appId, agreementId);
    await tx.deleteFrom('agreements').where('id', '=', agreementId).execute();
    await renumber(tx, (await agreementRows(tx, appId)).map((r) => r.id));
  });
}

async function renumber(tx: Tx, ids: readonly number[]): Promise<void> {
  for (const [index, id] of ids.entries()) await tx.updateTable('agreements').set({ sort_order: index }).where('id', '=', id).execute();
}

/**
 * `sortAgreement`: the app's agreements in the order of `ids`, which must name each of them
 * exactly once (2012 for an id not of the app, 400 for a missing or repeated one).
 */
export async function sortAgreements(ctx: ServiceContext, appId: string, ids: readonly number[]): Promise<void> {
  if (!Array.isArray(ids) || ids.some((id) => !Number.isInteger(id))) throw Errors.invalidInput('ids must be an array of agreement ids', 'ids 必须为协议 ID 数组');
  await ctx.store.write(async (tx) => {
    await findApp(tx, ctx.poolId, appId);
    const current = new Set((await agreementRows(tx, appId)).map((r) => r.id));
    if (ids.some((id) => !current.has(id))) throw ServiceErrors.agreementNotFound();
    if (new Set(ids).size !== ids.length || ids.length !== current.size) {
      throw Errors.invalidInput('ids must list each agreement of the application exactly once', 'ids 必须恰好列出应用的每个协议一次');
    }
    await renumber(tx, ids);
  });
}
