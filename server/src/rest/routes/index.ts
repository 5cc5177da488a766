import type { RequestContext } from '../../context.js';
import type { RestHandler } from '../router.js';
import { aclRoutes } from './acl.js';
import { applicationRoutes } from './applications.js';
import { namespaceRoutes } from './namespaces.js';
import { publicRoutes } from './public.js';
import { resourceRoutes } from './resources.js';
import { userRoutes } from './users.js';

/** Every REST handler, keyed by the OpenAPI operationId (the router refuses to start if one is missing). */
export const restHandlers: Record<string, RestHandler<RequestContext>> = {
  ...publicRoutes,
  ...userRoutes,
  ...aclRoutes,
  ...namespaceRoutes,
  ...resourceRoutes,
  ...applicationRoutes,
};
