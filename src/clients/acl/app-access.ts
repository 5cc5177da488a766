/** Who may log in to an application (access policies), over REST. The public docs are on {@link AclClient}. */
import type { RequestOptions } from '../../core/options.js';
import type { ClientContext } from '../context.js';
import type { Application, ApplicationAccessRecord, DefaultStrategy, Paginated } from '../types.js';
import { checkDefaultStrategy, checkTargetType, requireId, requireIds } from '../validate.js';
import type { ApplicationAccessPolicy } from './types.js';

/** Lists an application's access records (allow/deny per target). */
export async function getApplicationAccessPolicies(context: ClientContext, options: { appId: string; page?: number; limit?: number }, requestOptions?: RequestOptions): Promise<Paginated<ApplicationAccessRecord>> {
  const { appId, page = 1, limit = 10 } = options;
  requireId('appId', appId);
  const params = { path: { appId }, query: { page, limit } };
  return context.transport.rest.GET('/api/v2/applications/{appId}/authorization/records', { params }, requestOptions);
}

/** Enables the targets' access records. */
export function enableApplicationAccessPolicy(context: ClientContext, policy: ApplicationAccessPolicy, requestOptions?: RequestOptions): Promise<boolean> {
  return change(context, '/api/v2/applications/{appId}/authorization/enable-effect', policy, requestOptions);
}

/** Disables the targets' access records (kept, but no longer applied). */
export function disableApplicationAccessPolicy(context: ClientContext, policy: ApplicationAccessPolicy, requestOptions?: RequestOptions): Promise<boolean> {
  return change(context, '/api/v2/applications/{appId}/authorization/disable-effect', policy, requestOptions);
}

/** Deletes the targets' access records. */
export function deleteApplicationAccessPolicy(context: ClientContext, policy: ApplicationAccessPolicy, requestOptions?: RequestOptions): Promise<boolean> {
  return change(context, '/api/v2/applications/{appId}/authorization/revoke', policy, requestOptions);
}

/** Adds allow records: the targets may log in to the application, whatever the default strategy. */
export function allowAccessApplication(context: ClientContext, policy: ApplicationAccessPolicy, requestOptions?: RequestOptions): Promise<boolean> {
  return change(context, '/api/v2/applications/{appId}/authorization/allow', policy, requestOptions);
}

/** Adds deny records: the targets may not log in to the application (a deny beats an allow). */
export function denyAccessApplication(context: ClientContext, policy: ApplicationAccessPolicy, requestOptions?: RequestOptions): Promise<boolean> {
  return change(context, '/api/v2/applications/{appId}/authorization/deny', policy, requestOptions);
}

/** Sets what happens to users no access record matches. */
export async function updateDefaultApplicationAccessPolicy(context: ClientContext, options: { appId: string; defaultStrategy: DefaultStrategy }, requestOptions?: RequestOptions): Promise<Application> {
  const { appId, defaultStrategy } = options;
  requireId('appId', appId);
  checkDefaultStrategy('defaultStrategy', defaultStrategy);
  const init = { params: { path: { appId } }, body: { permissionStrategy: { defaultStrategy } } };
  return context.transport.rest.POST('/api/v2/applications/{appId}', init, requestOptions);
}

type AccessAction = 'enable-effect' | 'disable-effect' | 'revoke' | 'allow' | 'deny';

/**
 * The five record changes share one endpoint shape: `POST .../authorization/{action}`. Callers
 * pass the whole path as a literal, so the path each method sends can be read off its source
 * (scripts/coverage.ts).
 */
async function change(
  context: ClientContext,
  path: `/api/v2/applications/{appId}/authorization/${AccessAction}`,
  policy: ApplicationAccessPolicy,
  requestOptions: RequestOptions | undefined,
): Promise<boolean> {
  const { appId, targetType, targetIdentifiers, namespace, inheritByChildren } = policy;
  requireId('appId', appId);
  checkTargetType('targetType', targetType, false);
  requireIds('targetIdentifiers', targetIdentifiers);
  const init = { params: { path: { appId } }, body: { targetType, targetIdentifiers, namespace, inheritByChildren } };
  return context.transport.rest.POST(path, init, requestOptions);
}
