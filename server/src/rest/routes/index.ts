import type { TypedHandlers } from '../typed.js';
import { aclRoutes } from './acl.js';
import { applicationRoutes } from './applications.js';
import { codeRoutes } from './codes.js';
import { namespaceRoutes } from './namespaces.js';
import { orgRoutes } from './orgs.js';
import { publicRoutes } from './public.js';
import { resourceRoutes } from './resources.js';
import { roleRoutes } from './roles.js';
import { userRoutes } from './users.js';

/**
 * Every REST handler, keyed by the OpenAPI operationId. The annotation makes an operation without
 * a handler a compile error (the router still refuses to start without one, for documents that
 * are not the generated one, as in its tests).
 */
export const restHandlers: TypedHandlers = {
  ...publicRoutes,
  ...userRoutes,
  ...aclRoutes,
  ...namespaceRoutes,
  ...orgRoutes,
  ...resourceRoutes,
  ...roleRoutes,
  ...applicationRoutes,
  ...codeRoutes,
};
