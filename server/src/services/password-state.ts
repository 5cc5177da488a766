import type { Tx } from '../storage/store.js';

/**
 * A user's password state (`user_passwords`, migration 0009): the first-login mark and when the
 * password last changed. Kept apart from services/passwords.ts so user creation can set the mark
 * without importing the password flows.
 */

/** Marks the user so that its next password login answers 1639 (`createUser(..., resetPasswordOnFirstLogin: true)`). */
export async function requireResetOnFirstLogin(tx: Tx, poolId: string, userId: string): Promise<void> {
  await tx
    .insertInto('user_passwords')
    .values({ user_id: userId, userpool_id: poolId, reset_on_first_login: 1, changed_at: null })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ reset_on_first_login: 1 }))
    .execute();
}

/** Records a new password: the first-login mark is cleared and the forced-change cycle starts again. */
export async function recordPasswordChange(tx: Tx, poolId: string, userId: string, now: number): Promise<void> {
  await tx
    .insertInto('user_passwords')
    .values({ user_id: userId, userpool_id: poolId, reset_on_first_login: 0, changed_at: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ reset_on_first_login: 0, changed_at: now }))
    .execute();
}

/** Forgets a deleted user's password state and pending tickets (services/cascade.ts). */
export async function deletePasswordState(tx: Tx, userId: string): Promise<void> {
  await tx.deleteFrom('password_tickets').where('user_id', '=', userId).execute();
  await tx.deleteFrom('user_passwords').where('user_id', '=', userId).execute();
}
