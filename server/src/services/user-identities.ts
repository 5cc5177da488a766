import { newId, nowIso } from '../storage/ids.js';
import type { UserIdentitiesTable } from '../storage/tables.js';
import type { Db, ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { findUser } from './lookup.js';

/**
 * External identities linked to users (`users.linkIdentity` / `unlinkIdentity`, `findUser` by
 * `identity`, `User.identities`). One identity (provider + id at the provider) belongs to at most
 * one user of a pool.
 */

/** An identity as GraphQL's `Identity` sends it (REST's lacks the two tokens). */
export interface WireIdentity {
  openid: string | null;
  userIdInIdp: string;
  userInfoInIdp: string | null;
  userId: string;
  connectionId: string | null;
  isSocial: boolean;
  provider: string;
  userPoolId: string;
  refreshToken: string | null;
  accessToken: string | null;
  type: string | null;
  extIdpId: string | null;
}

const toWire = (row: UserIdentitiesTable): WireIdentity => ({
  openid: row.type === 'openid' ? row.user_id_in_idp : null,
  userIdInIdp: row.user_id_in_idp,
  userInfoInIdp: null,
  userId: row.user_id,
  connectionId: null,
  isSocial: row.is_social === 1,
  provider: row.provider,
  userPoolId: row.userpool_id,
  refreshToken: null,
  accessToken: null,
  type: row.type,
  extIdpId: row.ext_idp_id,
});

export interface IdentityLink {
  userId: string;
  userIdInIdp: string;
  identifier: string;
  isSocial?: boolean;
  type?: string;
  extIdpId?: string;
}

/** `users.linkIdentity`: 2004 for an unknown user, 3901 when another user holds the identity; linking it again is a no-op. */
export async function linkIdentity(ctx: ServiceContext, link: IdentityLink): Promise<void> {
  await ctx.store.write(async (tx) => {
    await findUser(tx, ctx.poolId, link.userId);
    const held = await tx
      .selectFrom('user_identities')
      .selectAll()
      .where('userpool_id', '=', ctx.poolId)
      .where('provider', '=', link.identifier)
      .where('user_id_in_idp', '=', link.userIdInIdp)
      .executeTakeFirst();
    if (held && held.user_id !== link.userId) throw ServiceErrors.identityTaken();
    if (held) return;
    await tx
      .insertInto('user_identities')
      .values({
        id: newId(),
        userpool_id: ctx.poolId,
        user_id: link.userId,
        provider: link.identifier,
        user_id_in_idp: link.userIdInIdp,
        is_social: link.isSocial ? 1 : 0,
        type: link.type ?? null,
        ext_idp_id: link.extIdpId ?? null,
        created_at: nowIso(),
      })
      .execute();
  });
}

/**
 * `users.unlinkIdentity`: removes the user's identities of `identifier` (only the one with
 * `userIdInIdp` when given); 2004 for an unknown user, 3902 when nothing matches.
 */
export async function unlinkIdentity(ctx: ServiceContext, unlink: { userId: string; identifier: string; userIdInIdp?: string }): Promise<void> {
  await ctx.store.write(async (tx) => {
    await findUser(tx, ctx.poolId, unlink.userId);
    let q = tx.deleteFrom('user_identities').where('user_id', '=', unlink.userId).where('provider', '=', unlink.identifier);
    if (unlink.userIdInIdp) q = q.where('user_id_in_idp', '=', unlink.userIdInIdp);
    const [result] = await q.execute();
    if (Number(result?.numDeletedRows ?? 0) === 0) throw ServiceErrors.identityNotLinked();
  });
}

/** A user's identities, oldest first. */
export async function identitiesOf(db: Db, userId: string): Promise<WireIdentity[]> {
  const rows = await db.selectFrom('user_identities').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toWire);
}

/** The identities of several users at once, each user's oldest first (what {@link identitiesOf} answers for each). */
export async function identitiesOfUsers(db: Db, userIds: readonly string[]): Promise<Map<string, WireIdentity[]>> {
  const out = new Map<string, WireIdentity[]>(userIds.map((id) => [id, []]));
  const unique = [...out.keys()];
  // Within SQLite's bound on parameters per statement.
  for (let at = 0; at < unique.length; at += 500) {
    const rows = await db
      .selectFrom('user_identities')
      .selectAll()
      .where('user_id', 'in', unique.slice(at, at + 500))
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    for (const row of rows) out.get(row.user_id)?.push(toWire(row));
  }
  return out;
}

/** The id of the user holding an identity (`findUser(identity)`: `provider`, or else `identifier`, and `userIdInIdp`). */
export async function userIdByIdentity(db: Db, poolId: string, identity: { provider?: string | null; identifier?: string | null; userIdInIdp?: string | null }): Promise<string | null> {
  const provider = identity.provider || identity.identifier;
  if (!provider || !identity.userIdInIdp) throw ServiceErrors.invalidSearchInput('identity needs provider (or identifier) and userIdInIdp');
  const row = await db
    .selectFrom('user_identities')
    .select('user_id')
    .where('userpool_id', '=', poolId)
    .where('provider', '=', provider)
    .where('user_id_in_idp', '=', identity.userIdInIdp)
    .executeTakeFirst();
  return row?.user_id ?? null;
}

/** `social.unlinkExtIdp`: removes every identity of one external IdP from the user; 3902 when there is none. */
export async function unlinkExtIdp(ctx: ServiceContext, userId: string, extIdpId: string): Promise<void> {
  await ctx.store.write(async (tx) => {
    const [result] = await tx.deleteFrom('user_identities').where('userpool_id', '=', ctx.poolId).where('user_id', '=', userId).where('ext_idp_id', '=', extIdpId).execute();
    if (Number(result?.numDeletedRows ?? 0) === 0) throw ServiceErrors.identityNotLinked();
  });
}
