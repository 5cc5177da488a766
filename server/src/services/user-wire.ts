import type { UsersTable } from '../storage/tables.js';

/** The default avatar Authing gives users without a photo. */
export const DEFAULT_PHOTO = 'https://files.authing.co/authing-console/default-user-avatar.png';

/** Free-text profile fields kept in the `profile` JSON column. */
export const PROFILE_STRING_FIELDS = [
  'unionid',
  'openid',
  'nickname',
  'photo',
  'oauth',
  'tokenExpiredAt',
  'device',
  'browser',
  'company',
  'name',
  'givenName',
  'familyName',
  'middleName',
  'profile',
  'preferredUsername',
  'website',
  'gender',
  'birthdate',
  'zoneinfo',
  'locale',
  'address',
  'formatted',
  'streetAddress',
  'locality',
  'region',
  'postalCode',
  'city',
  'province',
  'country',
  'externalId',
  'phoneCountryCode',
  'mainDepartmentId',
  'mainDepartmentCode',
  'expiredAt',
  'directManagement',
  'signedUp',
] as const;

/** Boolean profile fields kept in the `profile` JSON column. */
export const PROFILE_BOOLEAN_FIELDS = ['emailVerified', 'phoneVerified', 'blocked', 'isDeleted'] as const;

export type ProfileStringField = (typeof PROFILE_STRING_FIELDS)[number];
export type ProfileBooleanField = (typeof PROFILE_BOOLEAN_FIELDS)[number];

/** What the `profile` column holds. */
export type StoredProfile = Partial<Record<ProfileStringField, string | null>> &
  Partial<Record<ProfileBooleanField, boolean | null>> & { registerSource?: string[] };

/** A user as the wire sends it: every field of Authing's `User`, `password` always null. */
export type WireUser = {
  id: string;
  arn: string;
  status: 'Suspended' | 'Resigned' | 'Activated' | 'Archived';
  userPoolId: string;
  username: string | null;
  email: string | null;
  phone: string | null;
  emailVerified: boolean;
  phoneVerified: boolean;
  identities: never[];
  customData: never[];
  registerSource: string[];
  password: null;
  token: string | null;
  loginsCount: number;
  lastLogin: string | null;
  lastIP: string | null;
  blocked: boolean;
  isDeleted: boolean;
  newlyCreated: boolean;
  createdAt: string;
  updatedAt: string;
} & Record<Exclude<ProfileStringField, 'photo' | 'signedUp'>, string | null> & { photo: string; signedUp: string };

export function parseProfile(json: string): StoredProfile {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' ? (value as StoredProfile) : {};
  } catch {
    return {};
  }
}

/** Maps a users row to the wire `User`. */
export function toWireUser(row: UsersTable): WireUser {
  const p = parseProfile(row.profile);
  const strings = Object.fromEntries(PROFILE_STRING_FIELDS.map((k) => [k, p[k] ?? null])) as Record<ProfileStringField, string | null>;
  return {
    ...strings,
    id: row.id,
    arn: `arn:cn:authing:${row.userpool_id}:user:${row.id}`,
    status: row.status as WireUser['status'],
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
    password: null,
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
  };
}
