/** A user as the REST API returns it (`users.detail`). */
import type { UdfDataType, UserStatus } from './common.js';
import type { CustomData } from './udf.js';
import type { User } from './users.js';

/**
 * A user from `GET /api/v2/users/{userId}`: the fields of {@link User}, optional here, plus its
 * identities and (with `withCustomData`) its custom data.
 */
export interface UserDetail {
  id: string;
  arn: string;
  status?: UserStatus | null;
  userPoolId: string;
  username?: string | null;
  email?: string | null;
  emailVerified?: boolean | null;
  phone?: string | null;
  phoneVerified?: boolean | null;
  unionid?: string | null;
  openid?: string | null;
  identities?: UserDetailIdentity[] | null;
  nickname?: string | null;
  registerSource?: string[] | null;
  photo?: string | null;
  password?: string | null;
  oauth?: string | null;
  token?: string | null;
  tokenExpiredAt?: string | null;
  loginsCount?: number | null;
  lastLogin?: string | null;
  lastIP?: string | null;
  signedUp?: string | null;
  blocked?: boolean | null;
  isDeleted?: boolean | null;
  device?: string | null;
  browser?: string | null;
  company?: string | null;
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
  createdAt?: string | null;
  updatedAt?: string | null;
  externalId?: string | null;
  /** Present when asked for with `with_custom_data`. */
  customData?: UserDetailCustomData[] | null;
  phoneCountryCode?: string | null;
  mainDepartmentId?: string | null;
  mainDepartmentCode?: string | null;
  newlyCreated?: boolean | null;
  expiredAt?: string | null;
  directManagement?: string | null;
}

/**
 * A user from `users.detail` and `users.batch` with `withCustomData: true`: a {@link UserDetail}
 * whose `customData` is decoded.
 */
export interface UserDetailWithCustomData extends Omit<UserDetail, 'customData'> {
  /** Field key → value, decoded by the field's type (as `users.getUdfValue` answers it); fields without a value are left out. */
  customData: CustomData;
}

/** An external identity linked to a {@link UserDetail}. */
export interface UserDetailIdentity {
  openid?: string | null;
  /** The user's id at the identity provider. */
  userIdInIdp?: string | null;
  /** The user's profile at the identity provider (JSON string). */
  userInfoInIdp?: string | null;
  userId?: string | null;
  connectionId?: string | null;
  /** Whether the provider is a social login. */
  isSocial?: boolean | null;
  /** Identity provider. */
  provider?: string | null;
  userPoolId?: string | null;
  type?: string | null;
  extIdpId?: string | null;
}

/** One user-defined field value of a {@link UserDetail}. */
export interface UserDetailCustomData {
  key: string;
  /** The value, serialized as a string. */
  value?: string | null;
  label?: string | null;
  dataType: UdfDataType;
}
