/** Users as the GraphQL API returns them, and the status of a login token. */
import type { UdfDataType, UserStatus } from './common.js';
import type { CustomData } from './udf.js';

/**
 * A user of a user pool: every scalar field of GraphQL `User`. What `users.create`, `users.update`,
 * `roles.listUsers`, `groups.listUsers`, the org member listings and registration return.
 */
export interface User {
  /** User id. */
  id: string;
  /** Resource name, `arn:cn:authing:<userPoolId>:user:<id>`. */
  arn: string;
  /** Account status. */
  status: UserStatus | null;
  /** User pool id. */
  userPoolId: string;
  /** Username, unique within the pool. */
  username: string | null;
  /** Email, unique within the pool (case-insensitive). */
  email: string | null;
  /** Whether the email has been verified. */
  emailVerified: boolean | null;
  /** Phone number, unique within the pool. */
  phone: string | null;
  /** Whether the phone number has been verified. */
  phoneVerified: boolean | null;
  unionid: string | null;
  openid: string | null;
  /** Nickname, not unique. */
  nickname: string | null;
  /** How the user was registered. */
  registerSource: string[] | null;
  /** Avatar URL. */
  photo: string | null;
  /** Password hash (never the plaintext). */
  password: string | null;
  /** Raw profile returned by the social identity provider, if any. */
  oauth: string | null;
  /** The user's login token (an id_token JWT); set by login and register. */
  token: string | null;
  /** Expiry of `token`. */
  tokenExpiredAt: string | null;
  /** Number of logins. */
  loginsCount: number | null;
  /** Time of the last login. */
  lastLogin: string | null;
  /** IP address of the last login. */
  lastIP: string | null;
  /** Registration time. */
  signedUp: string | null;
  /** Whether the account is blocked. */
  blocked: boolean | null;
  /** Whether the account is soft-deleted. */
  isDeleted: boolean | null;
  device: string | null;
  browser: string | null;
  company: string | null;
  name: string | null;
  givenName: string | null;
  familyName: string | null;
  middleName: string | null;
  profile: string | null;
  preferredUsername: string | null;
  website: string | null;
  gender: string | null;
  birthdate: string | null;
  zoneinfo: string | null;
  locale: string | null;
  address: string | null;
  formatted: string | null;
  streetAddress: string | null;
  locality: string | null;
  region: string | null;
  postalCode: string | null;
  city: string | null;
  province: string | null;
  country: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  /** Id of the user in an external system. */
  externalId: string | null;
  /** Country calling code of `phone`. */
  phoneCountryCode: string | null;
  /** Id of the user's main department. */
  mainDepartmentId: string | null;
  /** Code of the user's main department. */
  mainDepartmentCode: string | null;
  /** True when the login call created the user (auto-register). */
  newlyCreated: boolean | null;
  /** Account expiry time. */
  expiredAt: string | null;
  directManagement: string | null;
}

/** A user with its linked identities: an item of `users.list`. */
export interface UserWithIdentities extends User {
  /** External identities (social and enterprise logins) linked to the user. */
  identities: (Identity | null)[] | null;
}

/**
 * An item of `users.list` (and `users.iterate`) with `withCustomData: true`: a user with its
 * identities and its custom data.
 */
export interface UserWithIdentitiesAndCustomData extends UserWithIdentities {
  /** Field key → value, decoded by the field's type (as `users.getUdfValue` answers it); fields without a value are left out. */
  customData: CustomData;
}

/** An external identity linked to a user. */
export interface Identity {
  openid: string | null;
  /** The user's id at the identity provider. */
  userIdInIdp: string | null;
  userId: string | null;
  connectionId: string | null;
  /** Whether the provider is a social login. */
  isSocial: boolean | null;
  /** Identity provider. */
  provider: string | null;
  type: string | null;
  userPoolId: string | null;
  extIdpId: string | null;
}

/** One user-defined field value of a user. */
export interface UserCustomData {
  key: string;
  /** The value, serialized as a string. */
  value: string | null;
  dataType: UdfDataType;
  /** Display label of the field. */
  label: string | null;
}

/** Status of a login token (`checkLoginStatus`); never an error for an invalid token. */
export interface LoginStatus {
  /** Business code: 200 when the token is valid. */
  code: number | null;
  message: string | null;
  /** Whether the token is valid and not expired. */
  status: boolean | null;
  /** Expiry, seconds since the epoch. */
  exp: number | null;
  /** Issue time, seconds since the epoch. */
  iat: number | null;
  /** Who the token belongs to. */
  data: LoginStatusData | null;
}

/** The subject of a login token. */
export interface LoginStatusData {
  /** User id. */
  id: string | null;
  userPoolId: string | null;
  /** User resource name. */
  arn: string | null;
}
