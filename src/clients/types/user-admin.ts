/** What the user administration methods (search, filter, sessions, identities) take and return. */
import type { UserDetail } from './user-detail.js';
import type { OrgNode } from './org.js';
import type { ResourceType } from './common.js';

/** A department filter of `users.search`. */
export interface SearchUserDepartmentOpt {
  departmentId?: string | null;
  /** Also match users of the department's sub-departments. */
  includeChildrenDepartments?: boolean | null;
}

/** A group filter of `users.search`. */
export interface SearchUserGroupOpt {
  code?: string | null;
}

/** A role filter of `users.search`. */
export interface SearchUserRoleOpt {
  /** Namespace code; `default` when omitted. */
  namespace?: string | null;
  code: string;
}

/** An external identity to find a user by (`users.find({ identity })`). */
export interface FindUserByIdentityInput {
  /** The identity provider's identifier (e.g. `wechat`). */
  identifier?: string | null;
  /** The user's id at the identity provider. */
  userIdInIdp?: string | null;
  isSocial?: boolean | null;
  /** Identity provider. */
  provider?: string | null;
}

/** One condition of `users.filter`: `[{ type, value: field }, 'EQ' | 'NEQ', operand]`. */
export type UserFilterCondition = [{ type?: string; value: string }, 'EQ' | 'NEQ', unknown];

/** An application a user is logged in to. */
export interface LoginApplication {
  id: string;
  name: string;
  identifier?: string | null;
  logo?: string | null;
}

/** What `users.checkLoginStatus` answers. */
export interface UserLoginStatus {
  /** Whether the user holds a live session (in the application asked about, if any). */
  isLogin: boolean;
  /** The user, when logged in. */
  user?: UserDetail;
  /** The applications the user is logged in to, when logged in. */
  application?: LoginApplication[];
}

/** `users.linkIdentity`'s identity. */
export interface IdentityLink {
  userId: string;
  /** The user's id at the identity provider. */
  userIdInIdp: string;
  isSocial?: boolean;
  /** Kind of id (e.g. `openid`, `unionid`). */
  type?: string;
  /** The identity provider's identifier (e.g. `wechat`). */
  identifier: string;
  /** Id of the external identity provider. */
  extIdpId?: string;
}

/** `users.unlinkIdentity`'s identity: all of the user's identities of `identifier`, or the one with `userIdInIdp`. */
export interface IdentityUnlink {
  userId: string;
  userIdInIdp?: string;
  isSocial?: boolean;
  type?: string;
  identifier: string;
  extIdpId?: string;
}

/** What the v3 `resignUser` / `resignUserBatch` answer. */
export interface IsSuccess {
  success: boolean;
}

/** A department (organization node) a user belongs to: an item of `users.listDepartment`. */
export interface UserDepartment {
  department: OrgNode;
  /** Whether this is the user's main department. */
  isMainDepartment: boolean;
  /** When the user joined the department. */
  joinedAt: string | null;
}

/** A new login token for a user (`users.refreshToken`). */
export interface UserToken {
  /** The id_token. */
  token: string | null;
  /** Issue time, seconds since the epoch. */
  iat: number | null;
  /** Expiry, seconds since the epoch. */
  exp: number | null;
}

/** A resource a user holds, as the acl REST answers list it (`users.checkResourcePermissionBatch`). */
export interface HeldResource {
  /** Resource code, e.g. `books:1`. */
  code: string;
  type?: ResourceType | null;
  /** Granted actions. */
  actions?: string[] | null;
  /** URL of an API resource. */
  apiIdentifier?: string | null;
}
