/**
 * Domain types of the public API: named interfaces written out field by field, so that hovers
 * show `User` or `Paginated<Role>` rather than generated names. `types/checks.ts` holds each one
 * equal to its generated counterpart, so a schema change fails to compile until it is mirrored
 * here. Times (`createdAt`, `lastLogin`, `tokenExpiredAt`, ...) are ISO 8601 strings.
 */
export type * from './types/common.js';
export type * from './types/users.js';
export type * from './types/user-admin.js';
export type * from './types/user-detail.js';
export type * from './types/user-inputs.js';
export type * from './types/roles-groups.js';
export type * from './types/org.js';
export type * from './types/acl.js';
export type * from './types/policies.js';
export type * from './types/applications.js';
export type * from './types/udf.js';
export type * from './types/userpool.js';
