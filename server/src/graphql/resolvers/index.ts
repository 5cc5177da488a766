import { auditedResolver } from '../../audit/record.js';
import type { Resolvers } from '../../generated/graphql.js';
import { aclResolvers } from './acl.js';
import { authenticationResolvers } from './authentication.js';
import { bindingResolvers } from './bindings.js';
import { codeResolvers } from './codes.js';
import { groupResolvers } from './groups.js';
import { orgResolvers } from './org.js';
import { passwordResolvers } from './passwords.js';
import { policyResolvers } from './policies.js';
import { roleResolvers } from './roles.js';
import { tokenResolvers } from './token.js';
import { udfResolvers } from './udf.js';
import { userResolvers } from './users.js';
import { userpoolResolvers } from './userpool.js';

const areas: Resolvers[] = [tokenResolvers, userResolvers, authenticationResolvers, bindingResolvers, roleResolvers, groupResolvers, orgResolvers, aclResolvers, udfResolvers, policyResolvers, codeResolvers, passwordResolvers, userpoolResolvers];

/** Every area's resolvers merged per type; a field defined by two areas is a start-up error. Mutations are audited (audit/record.ts). */
export const resolvers: Resolvers = (() => {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const area of areas) {
    for (const [typeName, fields] of Object.entries(area)) {
      const target = (merged[typeName] ??= {});
      for (const [field, fn] of Object.entries(fields as Record<string, unknown>)) {
        if (field in target) throw new Error(`Resolver ${typeName}.${field} is defined twice`);
        target[field] = auditedResolver(typeName, field, fn);
      }
    }
  }
  return merged as Resolvers;
})();
