import { Errors } from '../errors.js';
import { newId, newSecret, nowIso } from '../storage/ids.js';
import type { Tx } from '../storage/store.js';
import type { ProgrammaticAccessAccountsTable } from '../storage/tables.js';
import { deleteGrantsOfTarget } from './cascade.js';
import type { ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { findApp } from './lookup.js';
import { slicePage, type Page } from './paging.js';

/** A programmatic access account (AK/SK): the id is the access key, `secret` the secret key. */
export interface WireProgrammaticAccount {
  id: string;
  appId: string;
  secret: string;
  remarks: string | null;
  tokenLifetime: number;
  enabled: boolean;
  userId: string | null;
  createdAt: string;
  updatedAt: string;
}

const toWire = (row: ProgrammaticAccessAccountsTable): WireProgrammaticAccount => ({
  id: row.id,
  appId: row.app_id,
  secret: row.secret,
  remarks: row.remarks,
  tokenLifetime: row.token_lifetime,
  enabled: row.enabled === 1,
  userId: row.user_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

async function findAccount(tx: Tx, poolId: string, id: string) {
  const row = await tx.selectFrom('programmatic_access_accounts').selectAll().where('userpool_id', '=', poolId).where('id', '=', id).executeTakeFirst();
  if (!row) throw ServiceErrors.accountNotFound();
  return row;
}

/** `programmaticAccessAccountList`: the app's accounts in creation order; 2011 for an unknown app. */
export async function listProgrammaticAccounts(
  ctx: ServiceContext,
  appId: string,
  page?: number | null,
  limit?: number | null,
): Promise<Page<WireProgrammaticAccount>> {
  const db = ctx.store.db;
  await findApp(db, ctx.poolId, appId);
  const rows = await db.selectFrom('programmatic_access_accounts').selectAll().where('app_id', '=', appId).orderBy('created_at').orderBy('id').execute();
  const slice = slicePage(rows, page, limit);
  return { totalCount: slice.totalCount, list: slice.list.map(toWire) };
}

/** `createProgrammaticAccessAccount`: an enabled account with a server-generated secret (tokenLifetime 600 s by default). */
export async function createProgrammaticAccount(
  ctx: ServiceContext,
  appId: string,
  input: { tokenLifetime?: number | null; remarks?: string | null } = {},
): Promise<WireProgrammaticAccount> {
  const tokenLifetime = input.tokenLifetime ?? 600;
  if (!Number.isInteger(tokenLifetime) || tokenLifetime <= 0) {
    throw Errors.invalidInput('tokenLifetime must be a positive number of seconds', 'tokenLifetime 必须为正整数（秒）');
  }
  const row = await ctx.store.write(async (tx) => {
    await findApp(tx, ctx.poolId, appId);
    const now = nowIso();
    const row: ProgrammaticAccessAccountsTable = {
      id: newId(),
      app_id: appId,
      userpool_id: ctx.poolId,
      secret: newSecret(),
      remarks: input.remarks ?? null,
      token_lifetime: tokenLifetime,
      enabled: 1,
      user_id: null,
      created_at: now,
      updated_at: now,
    };
    await tx.insertInto('programmatic_access_accounts').values(row).execute();
    return row;
  });
  return toWire(row);
}

/**
 * `PATCH .../programmatic-access-accounts`: with `enabled` toggles the account (and sets `secret`
 * if given); without it refreshes the secret, generating a new one server-side unless the caller
 * sends one. 3701 for an unknown account.
 */
export async function updateProgrammaticAccount(
  ctx: ServiceContext,
  id: string,
  input: { enabled?: boolean | null; secret?: string | null },
): Promise<WireProgrammaticAccount> {
  const row = await ctx.store.write(async (tx) => {
    const current = await findAccount(tx, ctx.poolId, id);
    const toggling = input.enabled !== undefined && input.enabled !== null;
    let secret = input.secret || current.secret;
    if (!toggling && !input.secret) {
      do secret = newSecret();
      while (secret === current.secret);
    }
    const next: ProgrammaticAccessAccountsTable = {
      ...current,
      secret,
      enabled: toggling ? (input.enabled ? 1 : 0) : current.enabled,
      updated_at: nowIso(),
    };
    await tx.updateTable('programmatic_access_accounts').set(next).where('id', '=', id).execute();
    return next;
  });
  return toWire(row);
}

/** `enable/disableProgrammaticAccessAccount`. */
export function setProgrammaticAccountEnabled(ctx: ServiceContext, id: string, enabled: boolean): Promise<WireProgrammaticAccount> {
  return updateProgrammaticAccount(ctx, id, { enabled });
}

/** `refreshProgrammaticAccessAccountSecret`: a new secret (server-generated when none is sent). */
export function refreshProgrammaticAccountSecret(ctx: ServiceContext, id: string, secret?: string | null): Promise<WireProgrammaticAccount> {
  return updateProgrammaticAccount(ctx, id, { secret: secret ?? null });
}

/** `deleteProgrammaticAccessAccount`: also removes every grant to the account (AK_SK). */
export async function deleteProgrammaticAccount(ctx: ServiceContext, id: string): Promise<void> {
  await ctx.store.write(async (tx, changes) => {
    await findAccount(tx, ctx.poolId, id);
    await deleteGrantsOfTarget(tx, changes, 'AK_SK', id);
    await tx.deleteFrom('programmatic_access_accounts').where('id', '=', id).execute();
  });
}

/** The account behind an access key, for `client_credentials`: null when unknown or disabled. */
export async function findEnabledAccount(ctx: ServiceContext, id: string): Promise<WireProgrammaticAccount | null> {
  const row = await ctx.store.db
    .selectFrom('programmatic_access_accounts')
    .selectAll()
    .where('userpool_id', '=', ctx.poolId)
    .where('id', '=', id)
    .where('enabled', '=', 1)
    .executeTakeFirst();
  return row ? toWire(row) : null;
}
