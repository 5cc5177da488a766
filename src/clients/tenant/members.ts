/** Members and admins of a tenant, over REST. The public docs are on {@link TenantClient}. */
import type { RequestOptions } from '../../core/options.js';
import { toAuthingError } from '../../core/errors.js';
import type { ClientContext } from '../context.js';
import type { Paginated } from '../types.js';
import { requireId } from '../validate.js';
import type { TenantMember } from './types.js';

function requireUserIds(userIds: readonly string[] | undefined): string[] {
  if (!Array.isArray(userIds) || userIds.length === 0 || userIds.some((id) => typeof id !== 'string' || id === '')) {
    throw toAuthingError({ kind: 'validation', argument: 'userIds', message: 'userIds must be a non-empty array of user ids' });
  }
  return [...userIds];
}

export async function list(context: ClientContext, tenantId: string, params: { page?: number; limit?: number }, requestOptions?: RequestOptions): Promise<Paginated<TenantMember>> {
  requireId('tenantId', tenantId);
  const { page = 1, limit = 10 } = params;
  return context.transport.rest.GET('/api/v2/tenant/{tenantId}/users', { params: { path: { tenantId }, query: { page, limit } } }, requestOptions);
}

export async function add(context: ClientContext, tenantId: string, userIds: string[], requestOptions?: RequestOptions): Promise<TenantMember[]> {
  requireId('tenantId', tenantId);
  return context.transport.rest.POST('/api/v2/tenant/{tenantId}/user', { params: { path: { tenantId } }, body: { userIds: requireUserIds(userIds) } }, requestOptions);
}

export async function remove(context: ClientContext, tenantId: string, userId: string, requestOptions?: RequestOptions): Promise<boolean> {
  requireId('tenantId', tenantId);
  requireId('userId', userId);
  return context.transport.rest.DELETE('/api/v2/tenant/{tenantId}/user', { params: { path: { tenantId }, query: { userId } } }, requestOptions);
}

export async function setAdmins(context: ClientContext, tenantId: string, userIds: string[], requestOptions?: RequestOptions): Promise<TenantMember[]> {
  requireId('tenantId', tenantId);
  return context.transport.rest.PUT('/api/v2/tenant/{tenantId}/admin', { params: { path: { tenantId } }, body: { userIds: requireUserIds(userIds) } }, requestOptions);
}

export async function removeAdmin(context: ClientContext, tenantId: string, userId: string, requestOptions?: RequestOptions): Promise<TenantMember> {
  requireId('tenantId', tenantId);
  requireId('userId', userId);
  return context.transport.rest.DELETE('/api/v2/tenant/{tenantId}/admin/{userId}', { params: { path: { tenantId, userId } } }, requestOptions);
}

export async function setEnabled(context: ClientContext, tenantId: string, userId: string, isEnabled: boolean, requestOptions?: RequestOptions): Promise<TenantMember> {
  requireId('tenantId', tenantId);
  requireId('userId', userId);
  if (typeof isEnabled !== 'boolean') throw toAuthingError({ kind: 'validation', argument: 'isEnabled', message: 'isEnabled must be a boolean' });
  return context.transport.rest.PUT('/api/v2/tenant/{tenantId}/{userId}', { params: { path: { tenantId, userId } }, body: { isEnabled } }, requestOptions);
}
