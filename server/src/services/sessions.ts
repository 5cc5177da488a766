import type { Store } from '../storage/store.js';
import type { UsersTable } from '../storage/tables.js';
import type { ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { findUser } from './lookup.js';
import { parseProfile } from './user-profile.js';
import { toWireUser, type WireUser } from './user-wire.js';

/**
 * User sessions. A user token is good while its user exists, is neither blocked nor suspended, and
 * the token belongs to the user's current session generation: blocking a user moves the generation
 * on (users.updateUser), so tokens issued before stay void even after the user is unblocked.
 */

/** A user with the session generation a token issued now must carry. */
export interface Session {
  user: WireUser;
  sessionVersion: number;
}

/** Whether the row may hold a session at all (not blocked, suspended or resigned). */
export const isLocked = (row: Pick<UsersTable, 'profile' | 'status'>): boolean =>
  parseProfile(row.profile).blocked === true || row.status === 'Suspended' || row.status === 'Resigned';

/** Whether a verified user token still opens a session (checked on every request that carries one). */
export async function isSessionOpen(store: Store, claims: { userPoolId: string; userId: string; sessionVersion: number }): Promise<boolean> {
  const row = await store.db
    .selectFrom('users')
    .select(['profile', 'status', 'session_version'])
    .where('userpool_id', '=', claims.userPoolId)
    .where('id', '=', claims.userId)
    .executeTakeFirst();
  return row !== undefined && !isLocked(row) && row.session_version === claims.sessionVersion;
}

/** The session a new token for `userId` opens (`refreshToken`): 2004 when missing, 2005 when blocked. */
export async function sessionOf(ctx: ServiceContext, userId: string): Promise<Session> {
  const row = await findUser(ctx.store.db, ctx.poolId, userId);
  if (isLocked(row)) throw ServiceErrors.userLocked();
  return { user: toWireUser(row), sessionVersion: row.session_version };
}
