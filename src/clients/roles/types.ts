/** Arguments of the {@link RolesClient} methods that take an object. */
import type { IterateOptions } from '../../core/paginate.js';

/** Changes for {@link RolesClient.update}. */
export interface RoleUpdates {
  description?: string;
  /** A new code for the role. */
  newCode?: string;
  /** The namespace the role is in (default `default`). */
  namespace?: string;
}

/** Paging and namespace of role listings. */
export interface RoleListOptions {
  page?: number;
  limit?: number;
  namespace?: string;
}

/** Options of {@link RolesClient.findUsers}. */
export interface RoleFindUsersOptions extends RoleListOptions {
  /** Keeps users whose username, email, phone, nickname or name contains it (case-insensitive). */
  search?: string;
}

/** Options of {@link RolesClient.listUsers}. */
export interface RoleListUsersOptions extends RoleListOptions {
  /**
   * Also fetch each user's custom data (the `roleWithUsersWithCustomData` query), decoded as
   * `{ key: value }`. Default false.
   */
  withCustomData?: boolean;
}

/** Options of {@link RolesClient.iterateUsers}. */
export interface RoleIterateUsersOptions extends IterateOptions {
  /** Namespace code of the role (default `default`). */
  namespace?: string;
  /** Also fetch each user's custom data, decoded as `{ key: value }`. Default false. */
  withCustomData?: boolean;
}
