/**
 * What callers pass to create, update and register users. `null` sets a field to null; an
 * omitted field is left as it is.
 */

/** Profile of a user created by an administrator (`users.create`). */
export interface CreateUserInput {
  /** Username, unique within the pool. */
  username?: string | null;
  /** Email, unique within the pool (case-insensitive). */
  email?: string | null;
  emailVerified?: boolean | null;
  /** Phone number, unique within the pool. */
  phone?: string | null;
  phoneVerified?: boolean | null;
  unionid?: string | null;
  openid?: string | null;
  nickname?: string | null;
  photo?: string | null;
  /** Password in plain text; the SDK RSA-encrypts it with the pool's public key before sending. */
  password?: string | null;
  registerSource?: string[] | null;
  browser?: string | null;
  oauth?: string | null;
  /** Login count, for migrations from another user system. */
  loginsCount?: number | null;
  lastLogin?: string | null;
  company?: string | null;
  lastIP?: string | null;
  /** Registration time, for migrations from another user system. */
  signedUp?: string | null;
  blocked?: boolean | null;
  isDeleted?: boolean | null;
  device?: string | null;
  name?: string | null;
  givenName?: string | null;
  familyName?: string | null;
  middleName?: string | null;
  profile?: string | null;
  preferredUsername?: string | null;
  website?: string | null;
  gender?: string | null;
  birthdate?: string | null;
  zoneinfo?: string | null;
  locale?: string | null;
  address?: string | null;
  formatted?: string | null;
  streetAddress?: string | null;
  locality?: string | null;
  region?: string | null;
  postalCode?: string | null;
  country?: string | null;
  externalId?: string | null;
  phoneCountryCode?: string | null;
}

/** Fields to change on a user (`users.update`); omitted fields stay as they are. */
export interface UpdateUserInput {
  email?: string | null;
  unionid?: string | null;
  openid?: string | null;
  emailVerified?: boolean | null;
  phone?: string | null;
  phoneVerified?: boolean | null;
  username?: string | null;
  nickname?: string | null;
  /** New password in plain text; the SDK RSA-encrypts it before sending. */
  password?: string | null;
  photo?: string | null;
  company?: string | null;
  browser?: string | null;
  device?: string | null;
  oauth?: string | null;
  tokenExpiredAt?: string | null;
  loginsCount?: number | null;
  lastLogin?: string | null;
  lastIP?: string | null;
  blocked?: boolean | null;
  name?: string | null;
  givenName?: string | null;
  familyName?: string | null;
  middleName?: string | null;
  profile?: string | null;
  preferredUsername?: string | null;
  website?: string | null;
  gender?: string | null;
  birthdate?: string | null;
  zoneinfo?: string | null;
  locale?: string | null;
  address?: string | null;
  formatted?: string | null;
  streetAddress?: string | null;
  locality?: string | null;
  region?: string | null;
  postalCode?: string | null;
  city?: string | null;
  province?: string | null;
  country?: string | null;
  externalId?: string | null;
  phoneCountryCode?: string | null;
  mainDepartmentId?: string | null;
  mainDepartmentCode?: string | null;
  expiredAt?: string | null;
  directManagement?: string | null;
}

/** An external identity to link to a new user (`users.create` option `identity`). */
export interface CreateUserIdentityInput {
  provider: string;
  userIdInIdp: string;
  openid?: string | null;
  isSocial?: boolean | null;
  connectionId?: string | null;
  accessToken?: string | null;
  refreshToken?: string | null;
}

/** Profile fields accepted at registration (`registerByUsername`, `registerByEmail`). */
export interface RegisterProfile {
  ip?: string | null;
  /** Phone number; needs `phoneToken` as proof. */
  phone?: string | null;
  /** Email; needs `emailToken` as proof. */
  email?: string | null;
  oauth?: string | null;
  username?: string | null;
  nickname?: string | null;
  company?: string | null;
  photo?: string | null;
  device?: string | null;
  browser?: string | null;
  name?: string | null;
  givenName?: string | null;
  familyName?: string | null;
  middleName?: string | null;
  profile?: string | null;
  preferredUsername?: string | null;
  website?: string | null;
  gender?: string | null;
  birthdate?: string | null;
  zoneinfo?: string | null;
  locale?: string | null;
  address?: string | null;
  formatted?: string | null;
  streetAddress?: string | null;
  locality?: string | null;
  region?: string | null;
  postalCode?: string | null;
  country?: string | null;
  /** User-defined field values. */
  udf?: UserDdfInput[] | null;
}

/** A user-defined field value given at registration. */
export interface UserDdfInput {
  key: string;
  value: string;
}
