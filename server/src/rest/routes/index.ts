import { auditedRoutes } from '../../audit/record.js';
import type { TypedHandlers } from '../typed.js';
import { aclRoutes } from './acl.js';
import { analysisRoutes } from './analysis.js';
import { applicationAdminRoutes } from './application-admin.js';
import { applicationRoutes } from './applications.js';
import { codeRoutes } from './codes.js';
import { eventRoutes } from './events.js';
import { extIdpRoutes } from './ext-idp.js';
import { identityRoutes } from './identities.js';
import { meRoutes } from './me.js';
import { meViewRoutes } from './me-views.js';
import { mfaAdminRoutes } from './mfa-admin.js';
import { mfaRoutes } from './mfa.js';
import { namespaceRoutes } from './namespaces.js';
import { orgRoutes } from './orgs.js';
import { policyRoutes } from './policies.js';
import { principalAdminRoutes } from './principal-admin.js';
import { publicRoutes } from './public.js';
import { qrcodeRoutes } from './qrcode.js';
import { resourceRoutes } from './resources.js';
import { roleRoutes } from './roles.js';
import { signInRoutes } from './sign-in.js';
import { tenantRoutes } from './tenants.js';
import { userRoutes } from './users.js';
import { userpoolRoutes } from './userpool.js';

/**
 * Every REST handler, keyed by the OpenAPI operationId. The annotation makes an operation without
 * a handler a compile error (the router still refuses to start without one, for documents that
 * are not the generated one, as in its tests). Every handler is audited (audit/record.ts).
 */
export const restHandlers: TypedHandlers = auditedRoutes({
  ...publicRoutes,
  ...userRoutes,
  ...meRoutes,
  ...identityRoutes,
  ...meViewRoutes,
  ...aclRoutes,
  ...analysisRoutes,
  ...namespaceRoutes,
  ...orgRoutes,
  ...policyRoutes,
  ...resourceRoutes,
  ...roleRoutes,
  ...applicationRoutes,
  ...applicationAdminRoutes,
  ...qrcodeRoutes,
  ...codeRoutes,
  ...signInRoutes,
  ...userpoolRoutes,
  ...mfaRoutes,
  ...mfaAdminRoutes,
  ...principalAdminRoutes,
  ...tenantRoutes,
  ...extIdpRoutes,
  ...eventRoutes,
});
