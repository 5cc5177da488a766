/** The object arguments of `managementClient.users`. */
import type { IterateOptions } from '../../core/paginate.js';
import type {
  CreateUserIdentityInput,
  FindUserByIdentityInput,
  SearchUserDepartmentOpt,
  SearchUserGroupOpt,
  SearchUserRoleOpt,
  SortByEnum,
  UserFilterCondition,
} from '../types.js';

/** Options of {@link UsersClient.create}. */
export interface CreateUserOptions {
  /** Sent as `keepPassword`; the password itself is still RSA-encrypted in transit, as the official SDK does. */
  keepPassword?: boolean;
  /** Make the user choose a new password at first login. */
  resetPasswordOnFirstLogin?: boolean;
  /** An external identity to link to the new user. */
  identity?: CreateUserIdentityInput;
  /**
   * Custom data written with the user, field key → value (a `Date` for DATETIME fields); the
   * fields must exist ({@link UdfClient.set}). The new user is then answered with its `customData`.
   */
  customData?: Record<string, unknown>;
}

/** Identifiers for {@link UsersClient.exists}; any one that matches counts. */
export interface UserIdentifiers {
  username?: string;
  email?: string;
  phone?: string;
  externalId?: string;
}

/** Options of {@link UsersClient.list} and {@link UsersClient.iterate}. */
export interface ListUsersOptions {
  /** Leave out users that belong to an organization node. */
  excludeUsersInOrg?: boolean;
  /** Order: by creation or update time, descending or ascending (default `CREATEDAT_DESC`, newest first). */
  sortBy?: SortByEnum;
  /** Add each user's `customData` (the `usersWithCustomData` query). */
  withCustomData?: boolean;
}

/** {@link UsersClient.iterate}: the listing options, the page size and per-call options. */
export interface IterateUsersOptions extends IterateOptions, ListUsersOptions {}

/** Options of {@link UsersClient.batch}. */
export interface BatchUsersOptions {
  /** What the ids are: `id` (default), `username`, `email`, `phone` or `externalId`. */
  queryField?: 'id' | 'username' | 'email' | 'phone' | 'externalId';
  /** Add each user's `customData`. */
  withCustomData?: boolean;
}

/** Options of {@link UsersClient.filter}. */
export interface FilterUsersOptions {
  page?: number;
  limit?: number;
  /** Conditions that must all hold. */
  filter?: UserFilterCondition[];
}

/** What {@link UsersClient.find} looks a user up by. */
export interface FindUserOptions extends UserIdentifiers {
  /** An external identity linked to the user. */
  identity?: FindUserByIdentityInput;
  /** Add the user's `customData` (the `findUserWithCustomData` query). */
  withCustomData?: boolean;
}

/** Options of {@link UsersClient.search}. */
export interface SearchUsersOptions {
  /** The user fields searched (default username, email, phone, nickname, name, externalId). */
  fields?: string[];
  page?: number;
  limit?: number;
  /** Only users in one of these departments. */
  departmentOpts?: SearchUserDepartmentOpt[];
  /** Only users in one of these groups. */
  groupOpts?: SearchUserGroupOpt[];
  /** Only users holding one of these roles. */
  roleOpts?: SearchUserRoleOpt[];
  /** Add each user's `customData` (the `searchUserWithCustomData` query). */
  withCustomData?: boolean;
}

/** {@link UsersClient.iterateSearch}: the search options without page and limit, the page size and per-call options. */
export interface IterateSearchOptions extends IterateOptions, Omit<SearchUsersOptions, 'page' | 'limit'> {}
