import type { Resolvers } from '../../generated/graphql.js';
import * as acl from '../../services/acl.js';
import { manage, ok, resourceTypeArg } from './shared.js';

/** Grants and checks: `allow`, `authorizeResource`, `isActionAllowed`, listings. */
export const aclResolvers: Resolvers = {
  Query: {
    async isActionAllowed(_p, { userId, resource, action, namespace }, { rc }) {
      return acl.isAllowed(await manage(rc), userId, resource, action, namespace);
    },
    async isActionDenied(_p, { userId, resource, action, namespace }, { rc }) {
      return acl.isDenied(await manage(rc), userId, resource, action, namespace);
    },
    async authorizedResources(_p, { targetType, targetIdentifier, namespace, resourceType }, { rc }) {
      const s = await manage(rc);
      return acl.listAuthorizedResources(s, targetType ?? 'USER', targetIdentifier ?? '', namespace, resourceTypeArg(resourceType));
    },
    async authorizedTargets(_p, { namespace, resource, resourceType, targetType, actions }, { rc }) {
      return acl.getAuthorizedTargets(await manage(rc), {
        namespace,
        resource,
        resourceType: resourceTypeArg(resourceType),
        targetType,
        actions: actions ? { op: actions.op, list: actions.list ?? [] } : null,
      });
    },
  },
  Mutation: {
    async allow(_p, args, { rc }) {
      await acl.allow(await manage(rc), args);
      return ok(rc, 'Granted', '授权成功');
    },
    async authorizeResource(_p, { namespace, resource, resourceType, opts }, { rc }) {
      await acl.authorizeResource(await manage(rc), {
        namespace,
        resource: resource ?? '',
        resourceType: resourceTypeArg(resourceType),
        opts: (opts ?? []).flatMap((o) => (o ? [{ targetType: o.targetType, targetIdentifier: o.targetIdentifier, actions: o.actions }] : [])),
      });
      return ok(rc, 'Granted', '授权成功');
    },
  },
};
