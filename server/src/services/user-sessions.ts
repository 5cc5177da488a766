import type { Tx } from '../storage/store.js';
import type { ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { findUser } from './lookup.js';
import { toWireUser, type WireUser } from './user-wire.js';

/**
 * Who is logged in, seen from the management side. Every user token issued is recorded by `jti`
 * (`user_tokens`) until it expires, so an administrator can ask whether a user holds a live session
 * and where (`checkLoginStatus`), end them all (`kick`, by moving the user's session generation on,
 * services/sessions.ts) or end those of one application (`logout`, by revoking their `jti`s).
 */

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Records a user token just issued (and forgets the pool's expired ones). */
export async function recordUserToken(
  ctx: ServiceContext,
  token: { jti: string; userId: string; appId: string | null; sessionVersion: number; exp: number },
): Promise<void> {
  await ctx.store.write(async (tx) => {
    await tx.deleteFrom('user_tokens').where('userpool_id', '=', ctx.poolId).where('exp', '<', nowSeconds()).execute();
    await tx
      .insertInto('user_tokens')
      .values({ jti: token.jti, userpool_id: ctx.poolId, user_id: token.userId, app_id: token.appId, session_version: token.sessionVersion, exp: token.exp })
      .onConflict((oc) => oc.column('jti').doNothing())
      .execute();
  });
}

/** Moves a user's session generation on inside a write: every token issued before stops working. */
export async function endAllSessions(tx: Tx, userId: string): Promise<void> {
  const row = await tx.selectFrom('users').select('session_version').where('id', '=', userId).executeTakeFirstOrThrow();
  await tx.updateTable('users').set({ session_version: row.session_version + 1 }).where('id', '=', userId).execute();
  await tx.deleteFrom('user_tokens').where('user_id', '=', userId).execute();
}

/** `users.kick`: ends every session of every listed user; an unknown id is 2004 and nothing is ended. */
export async function kickUsers(ctx: ServiceContext, userIds: readonly string[]): Promise<void> {
  await ctx.store.write(async (tx) => {
    for (const id of userIds) await findUser(tx, ctx.poolId, id);
    for (const id of new Set(userIds)) await endAllSessions(tx, id);
  });
}

/**
 * `users.logout` (`GET /logout?userId&appId`): ends the user's sessions in `appId` (its tokens
 * issued for that application are revoked), or all of them without `appId`. 2004 for an unknown user.
 */
export async function logoutUser(ctx: ServiceContext, userId: string, appId?: string | null): Promise<void> {
  await ctx.store.write(async (tx) => {
    await findUser(tx, ctx.poolId, userId);
    if (!appId) return endAllSessions(tx, userId);
    const tokens = await tx.selectFrom('user_tokens').select(['jti', 'exp']).where('user_id', '=', userId).where('app_id', '=', appId).execute();
    for (const t of tokens) {
      await tx.insertInto('revoked_tokens').values({ jti: t.jti, userpool_id: ctx.poolId, exp: t.exp }).onConflict((oc) => oc.column('jti').doNothing()).execute();
    }
    await tx.deleteFrom('user_tokens').where('user_id', '=', userId).where('app_id', '=', appId).execute();
  });
}

/** An application a user is logged in to. */
export interface LoginApplication {
  id: string;
  name: string;
  identifier: string | null;
  logo: string | null;
}

export interface LoginStatus {
  isLogin: boolean;
  user?: WireUser;
  application?: LoginApplication[];
}

/**
 * `users.checkLoginStatus(userId, appId?)`: whether the user holds a live token (unexpired, not
 * revoked, of its current session generation), in `appId` when given; with the user and the
 * applications it is logged in to when it does. 2004 for an unknown user.
 */
export async function loginStatus(ctx: ServiceContext, userId: string, appId?: string | null): Promise<LoginStatus> {
  const db = ctx.store.db;
  const user = await findUser(db, ctx.poolId, userId);
  let q = db
    .selectFrom('user_tokens')
    .select('user_tokens.app_id')
    .where('user_tokens.user_id', '=', userId)
    .where('user_tokens.session_version', '=', user.session_version)
    .where('user_tokens.exp', '>=', nowSeconds())
    .where('user_tokens.jti', 'not in', db.selectFrom('revoked_tokens').select('jti'));
  if (appId) q = q.where('user_tokens.app_id', '=', appId);
  const live = await q.execute();
  if (live.length === 0) return { isLogin: false };
  const appIds = [...new Set(live.map((t) => t.app_id).filter((id): id is string => id !== null))];
  const apps =
    appIds.length === 0
      ? []
      : await db.selectFrom('applications').select(['id', 'name', 'identifier', 'logo']).where('userpool_id', '=', ctx.poolId).where('id', 'in', appIds).orderBy('name').execute();
  return { isLogin: true, user: toWireUser(user), application: apps };
}

/** Refuses an empty id list (`kick`, `resignUserBatch`). */
export function requireUserIds(userIds: readonly string[]): void {
  if (userIds.length === 0 || userIds.some((id) => id.trim() === '')) throw ServiceErrors.userIdsRequired();
}
