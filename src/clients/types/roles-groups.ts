/** Roles and groups, and their members with custom data. */
import type { CustomData } from './udf.js';
import type { User } from './users.js';

/** A role's own fields: what a {@link Role}'s `parent` carries. */
export interface RoleBase {
  id: string;
  /** Code of the namespace (permission group) the role belongs to. */
  namespace: string;
  /** Code, unique within the namespace. */
  code: string;
  /** Resource name of the role. */
  arn: string;
  description: string | null;
  /** Built-in roles cannot be deleted. */
  isSystem: boolean | null;
  createdAt: string | null;
  updatedAt: string | null;
}

/** A role, identified by its code within a namespace (default `default`). */
export interface Role extends RoleBase {
  /** The parent role, if any (one level: the parent's own `parent` is not selected). */
  parent: RoleBase | null;
}

/** A user group, identified by its pool-wide code. */
export interface Group {
  /** Unique code. */
  code: string;
  name: string;
  description: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

/**
 * A member of a role or a group with its custom data: an item of `roles.listUsers` and
 * `groups.listUsers` (and their iterators) with `withCustomData: true`.
 */
export interface UserWithCustomData extends User {
  /**
   * The user's custom data, field key → value decoded by the field's type (as `users.getUdfValue`
   * answers it); fields without a value are left out.
   */
  customData: CustomData;
}
