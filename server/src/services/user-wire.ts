import type { User, UserStatus } from '../generated/graphql.js';
import type { UsersTable } from '../storage/tables.js';
import { PROFILE_STRING_FIELDS, parseProfile, type KeysOf, type ProfileStringField } from './user-profile.js';

/** The default avatar Authing gives users without a photo. */
export const DEFAULT_PHOTO = 'https://files.authing.co/authing-console/default-user-avatar.png';

/**
 * `User` fields that take arguments and have field resolvers (graphql/resolvers/users.ts, which
 * checks it defines every one), so the model does not carry them.
 */
export type NestedUserField = KeysOf<User, 'roles' | 'groups' | 'departments' | 'authorizedResources'>;

/**
 * Lists the model leaves empty: `identities`, which GraphQL answers through the `User.identities`
 * resolver (graphql/resolvers/users.ts) and REST user reads add (services/user-identities.ts), and
 * `customData`, which GraphQL answers through the
 * `User.customData` resolver (graphql/resolvers/udf.ts) and REST with `with_custom_data`
 * (services/custom-data.ts). Typed `never[]` so the model also fits the REST `User`, whose list
 * items are not nullable as GraphQL's are.
 */
type EmptyListField = KeysOf<User, 'identities' | 'customData'>;

/** The fields of the generated `User` that the model carries. */
type WireField = Exclude<keyof User, '__typename' | NestedUserField>;

/**
 * A user as GraphQL and REST send it: every carried field of the generated `User`, none optional.
 * A field added to `User` in the SDL therefore fails to compile in `toWireUser` after
 * `npm run codegen`, instead of resolving to `null` unnoticed.
 */
export type WireUser = { [K in Exclude<WireField, EmptyListField>]: Exclude<User[K], undefined> } & { [K in EmptyListField]: never[] };

/**
 * Maps a users row to the wire `User`: the profile's string fields first (in PROFILE_FIELDS
 * order), then the rest; `photo` and `signedUp` keep their place among the former. Built by
 * assignment, not as `{ ...strings, id, ... }`: V8 adds each property after a spread one at a time
 * through its slow path, which made one user 50 µs to map instead of 3.
 */
export function toWireUser(row: UsersTable): WireUser {
  const p = parseProfile(row.profile);
  // PROFILE_STRING_FIELDS is exactly ProfileStringField, and indexing WireUser by it proves each
  // of them is a field of `User`.
  const strings = {} as Pick<WireUser, ProfileStringField>;
  for (const k of PROFILE_STRING_FIELDS) strings[k] = p[k] ?? null;
  return Object.assign(strings, {
    id: row.id,
    arn: `arn:cn:authing:${row.userpool_id}:user:${row.id}`,
    // Only services write the column, and only UserStatus values.
    status: row.status as UserStatus,
    userPoolId: row.userpool_id,
    username: row.username,
    email: row.email,
    phone: row.phone,
    emailVerified: p.emailVerified ?? false,
    phoneVerified: p.phoneVerified ?? false,
    identities: [],
    customData: [],
    registerSource: p.registerSource ?? [],
    photo: p.photo ?? DEFAULT_PHOTO,
    // Never sent, not even the hash.
    password: null,
    // Set by login and registration only.
    token: null,
    loginsCount: row.logins_count,
    lastLogin: row.last_login,
    lastIP: row.last_ip,
    signedUp: p.signedUp ?? row.created_at,
    blocked: p.blocked ?? false,
    isDeleted: p.isDeleted ?? false,
    newlyCreated: false,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  } satisfies Partial<WireUser>);
}
