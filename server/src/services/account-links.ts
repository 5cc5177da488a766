import type { ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { findUser } from './lookup.js';
import { unlinkIdentity } from './user-identities.js';
import { deleteUser } from './users.js';

/**
 * `linkAccount` / `unLinkAccount` of the AuthenticationClient (`POST /api/v2/users/link|unlink`):
 * a user who signed up twice, once with a social account, merges the social account into the main
 * one. As Authing documents, the secondary account's identities move to the primary and the
 * secondary account is then deleted (archived, its sessions ended): it can no longer log in, and
 * logging in with its identity reaches the primary account.
 */

/**
 * Moves the secondary user's identities to the primary user, then deletes the secondary user.
 * 3904 for one user twice, 3903 when the secondary has no identity (it is no social account:
 * merging it would only delete it).
 */
export async function linkAccounts(ctx: ServiceContext, primaryId: string, secondaryId: string): Promise<void> {
  if (primaryId === secondaryId) throw ServiceErrors.linkSameAccount();
  await ctx.store.write(async (tx) => {
    await findUser(tx, ctx.poolId, primaryId);
    await findUser(tx, ctx.poolId, secondaryId);
    const [moved] = await tx.updateTable('user_identities').set({ user_id: primaryId }).where('user_id', '=', secondaryId).execute();
    if (Number(moved?.numUpdatedRows ?? 0) === 0) throw ServiceErrors.nothingToLink();
  });
  // Its own transaction (deleteUser archives, then cascades): the identities are already the primary's.
  await deleteUser(ctx, secondaryId);
}

/** Removes the primary user's identities of `provider` (3902 when it has none). */
export function unlinkAccount(ctx: ServiceContext, primaryId: string, provider: string): Promise<void> {
  return unlinkIdentity(ctx, { userId: primaryId, identifier: provider });
}
