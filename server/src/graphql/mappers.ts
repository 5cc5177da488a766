/**
 * What resolvers return for each object type: the services' wire models. Nested fields with
 * arguments (a user's roles, a group's users, …) are left to field resolvers, so the models
 * need not carry them. Referenced by `mappers` in codegen.yml. `UserModel` is derived from the
 * generated `User` itself (services/user-wire.ts), so a new SDL field cannot go unanswered.
 */
export type { WireUser as UserModel } from '../services/users.js';
export type { WireRole as RoleModel } from '../services/roles.js';
export type { WireGroup as GroupModel } from '../services/groups.js';
export type { WireNode as NodeModel, WireOrg as OrgModel } from '../services/orgs.js';
