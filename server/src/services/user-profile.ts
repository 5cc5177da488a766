import type { CreateUserInput, UpdateUserInput } from '../generated/graphql.js';

/** Names keys of `T`. A name `T` no longer has fails to compile, so exclusion lists cannot go stale. */
export type KeysOf<T, K extends keyof T> = K;

/**
 * User fields as an administrator (`CreateUserInput`) or the user (`UpdateUserInput`) may set
 * them; every field of either. The password is plaintext by the time a service sees it.
 */
export type UserInput = CreateUserInput & UpdateUserInput;

/**
 * Input fields with storage of their own: the unique keys and the login record have columns, the
 * password is hashed into one, and `registerSource` is a list merged by itself.
 */
type DedicatedField = KeysOf<UserInput, 'username' | 'email' | 'phone' | 'password' | 'loginsCount' | 'lastLogin' | 'lastIP' | 'registerSource'>;

/** Input fields kept in the `profile` JSON column: all the others. */
export type ProfileField = Exclude<keyof UserInput, DedicatedField>;

/** How a profile field is stored, read off its input type; `never` (a compile error) for any other type. */
type KindOf<T> = [NonNullable<T>] extends [boolean] ? 'boolean' : [NonNullable<T>] extends [string] ? 'string' : never;

/**
 * Every profile field with its kind. The annotation makes the record exact: a field added to
 * either input type in the SDL fails to compile here, after `npm run codegen`, until it is
 * listed here (or named a dedicated field above). Order is the wire's key order.
 */
const PROFILE_FIELDS: { [K in ProfileField]: KindOf<UserInput[K]> } = {
  unionid: 'string',
  openid: 'string',
  nickname: 'string',
  photo: 'string',
  oauth: 'string',
  tokenExpiredAt: 'string',
  device: 'string',
  browser: 'string',
  company: 'string',
  name: 'string',
  givenName: 'string',
  familyName: 'string',
  middleName: 'string',
  profile: 'string',
  preferredUsername: 'string',
  website: 'string',
  gender: 'string',
  birthdate: 'string',
  zoneinfo: 'string',
  locale: 'string',
  address: 'string',
  formatted: 'string',
  streetAddress: 'string',
  locality: 'string',
  region: 'string',
  postalCode: 'string',
  city: 'string',
  province: 'string',
  country: 'string',
  externalId: 'string',
  phoneCountryCode: 'string',
  mainDepartmentId: 'string',
  mainDepartmentCode: 'string',
  expiredAt: 'string',
  directManagement: 'string',
  signedUp: 'string',
  emailVerified: 'boolean',
  phoneVerified: 'boolean',
  blocked: 'boolean',
  isDeleted: 'boolean',
};

// `[V] extends [never]` first: a field of unsupported type (kind `never`) is of no kind, not of every kind.
type FieldOfKind<Kind> = { [K in ProfileField]: [(typeof PROFILE_FIELDS)[K]] extends [never] ? never : (typeof PROFILE_FIELDS)[K] extends Kind ? K : never }[ProfileField];
export type ProfileStringField = FieldOfKind<'string'>;
export type ProfileBooleanField = FieldOfKind<'boolean'>;

// Object.keys widens to string[]; the record's annotation is what makes these keys ProfileFields.
const profileFields = Object.keys(PROFILE_FIELDS) as ProfileField[];
export const PROFILE_STRING_FIELDS: readonly ProfileStringField[] = profileFields.filter((k): k is ProfileStringField => PROFILE_FIELDS[k] === 'string');
export const PROFILE_BOOLEAN_FIELDS: readonly ProfileBooleanField[] = profileFields.filter((k): k is ProfileBooleanField => PROFILE_FIELDS[k] === 'boolean');

/** What the `profile` column holds. */
export type StoredProfile = { [K in ProfileField]?: UserInput[K] } & { registerSource?: string[] };

export function parseProfile(json: string): StoredProfile {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' ? (value as StoredProfile) : {};
  } catch {
    return {};
  }
}

/** The profile JSON with the input's profile fields merged over `base`; `undefined` leaves a field as it is. */
export function mergeProfile(base: StoredProfile, input: UserInput): StoredProfile {
  const out: StoredProfile = { ...base };
  for (const k of PROFILE_STRING_FIELDS) {
    const v = input[k];
    if (v !== undefined) out[k] = v;
  }
  for (const k of PROFILE_BOOLEAN_FIELDS) {
    const v = input[k];
    if (v !== undefined) out[k] = v;
  }
  if (input.registerSource) out.registerSource = [...input.registerSource];
  return out;
}

/**
 * Who may change each `UpdateUserInput` field through `updateUser`:
 * - `self`: the user as well, with their own token: the fields the official SDK's `updateProfile`
 *   documents, less `lastIP`, which the server records at login;
 * - `management`: a management token only: account state, verification flags, login records,
 *   identity-provider and organization data;
 * - `verification`: email and phone, which a user changes only with a proof of ownership
 *   (`emailToken` / `phoneToken` from a verification code) that authing-local does not issue yet;
 * - `password`: a user changes it through a flow that checks the old password, never here.
 * The annotation makes the record exact: a field added to the SDL input fails to compile here
 * until it is classified.
 */
export type UpdateFieldAccess = 'self' | 'management' | 'verification' | 'password';

export const UPDATE_FIELD_ACCESS: { [K in keyof UpdateUserInput]-?: UpdateFieldAccess } = {
  username: 'self',
  nickname: 'self',
  photo: 'self',
  company: 'self',
  browser: 'self',
  device: 'self',
  name: 'self',
  givenName: 'self',
  familyName: 'self',
  middleName: 'self',
  profile: 'self',
  preferredUsername: 'self',
  website: 'self',
  gender: 'self',
  birthdate: 'self',
  zoneinfo: 'self',
  locale: 'self',
  address: 'self',
  formatted: 'self',
  streetAddress: 'self',
  locality: 'self',
  region: 'self',
  postalCode: 'self',
  city: 'self',
  province: 'self',
  country: 'self',
  email: 'verification',
  phone: 'verification',
  phoneCountryCode: 'verification',
  password: 'password',
  emailVerified: 'management',
  phoneVerified: 'management',
  blocked: 'management',
  loginsCount: 'management',
  lastLogin: 'management',
  lastIP: 'management',
  tokenExpiredAt: 'management',
  unionid: 'management',
  openid: 'management',
  oauth: 'management',
  externalId: 'management',
  mainDepartmentId: 'management',
  mainDepartmentCode: 'management',
  expiredAt: 'management',
  directManagement: 'management',
};

/** The fields of `input` that are given (`undefined` means "leave as is"; `null` clears, so it counts). */
export function givenFields(input: UpdateUserInput): Array<keyof UpdateUserInput> {
  return (Object.keys(input) as Array<keyof UpdateUserInput>).filter((k) => input[k] !== undefined);
}
