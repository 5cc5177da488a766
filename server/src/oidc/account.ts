import type { Account, AccountClaims, KoaContextWithOIDC } from 'oidc-provider';
import type { Store } from '../storage/store.js';
import { isLocked } from '../services/sessions.js';
import { toWireUser, type WireUser } from '../services/user-wire.js';
import { poolOfClient } from './clients.js';

/** The claims each scope releases, named as Authing's OIDC provider names them. */
export const SCOPE_CLAIMS = {
  // With `sub`: how and when the user signed in (amr: pwd, sms, email, otp), in every id_token.
  openid: ['sub', 'amr', 'auth_time'],
  profile: ['name', 'nickname', 'given_name', 'family_name', 'middle_name', 'preferred_username', 'profile', 'picture', 'website', 'gender', 'birthdate', 'zoneinfo', 'locale', 'updated_at'],
  username: ['username'],
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
  address: ['address'],
} as const;

/** Every claim a user can have, from the wire user (names per OpenID Connect Core §5.1). */
export function claimsOf(user: WireUser): AccountClaims {
  const address = { formatted: user.address, street_address: user.streetAddress, locality: user.locality, region: user.region, postal_code: user.postalCode, country: user.country };
  const claims: AccountClaims = {
    sub: user.id,
    name: user.name,
    nickname: user.nickname,
    given_name: user.givenName,
    family_name: user.familyName,
    middle_name: user.middleName,
    preferred_username: user.preferredUsername,
    profile: user.profile,
    picture: user.photo,
    website: user.website,
    gender: user.gender,
    birthdate: user.birthdate,
    zoneinfo: user.zoneinfo,
    locale: user.locale,
    updated_at: Math.floor(Date.parse(user.updatedAt ?? user.createdAt ?? '') / 1000) || undefined,
    username: user.username,
    email: user.email,
    email_verified: user.emailVerified,
    phone_number: user.phone,
    phone_number_verified: user.phoneVerified,
    address: Object.values(address).some((v) => v) ? address : undefined,
  };
  // A claim the user has no value for is left out, as OpenID Connect Core §5.3.2 asks.
  for (const key of Object.keys(claims)) if (claims[key] === null || claims[key] === undefined) delete claims[key];
  return claims;
}

/**
 * oidc-provider's `findAccount`: the user `sub` of the pool the requesting client belongs to. A
 * user of another pool, a deleted user and a blocked one are no account, so their codes, refresh
 * tokens and userinfo calls fail from that moment on.
 */
export function accountFinder(store: Store) {
  return async (ctx: KoaContextWithOIDC, sub: string): Promise<Account | undefined> => {
    const client = ctx.oidc.client;
    const poolId = client ? poolOfClient(client) : null;
    let query = store.db.selectFrom('users').selectAll().where('id', '=', sub);
    if (poolId) query = query.where('userpool_id', '=', poolId);
    const row = await query.executeTakeFirst();
    if (!row || isLocked(row)) return undefined;
    const user = toWireUser(row);
    return { accountId: sub, claims: () => claimsOf(user) };
  };
}
