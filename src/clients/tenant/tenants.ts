/** Tenants as a whole, over REST. The public docs are on {@link TenantClient}. */
import type { RequestOptions } from '../../core/options.js';
import { toAuthingError } from '../../core/errors.js';
import type { ClientContext } from '../context.js';
import type { Paginated } from '../types.js';
import { requireId } from '../validate.js';
import type { ApplicationTenantDetails, Tenant, TenantInput } from './types.js';

export async function list(context: ClientContext, params: { page?: number; limit?: number }, requestOptions?: RequestOptions): Promise<Paginated<Tenant>> {
  const { page = 1, limit = 10 } = params;
  return context.transport.rest.GET('/api/v2/tenants', { params: { query: { page, limit } } }, requestOptions);
}

export async function details(context: ClientContext, tenantId: string, requestOptions?: RequestOptions): Promise<Tenant> {
  requireId('tenantId', tenantId);
  return context.transport.rest.GET('/api/v2/tenant/{tenantId}', { params: { path: { tenantId } } }, requestOptions);
}

export async function create(context: ClientContext, input: TenantInput & { name: string }, requestOptions?: RequestOptions): Promise<Tenant> {
  if (typeof input?.name !== 'string' || input.name.trim() === '') {
    throw toAuthingError({ kind: 'validation', argument: 'name', message: 'name must be a non-empty string' });
  }
  return context.transport.rest.POST('/api/v2/tenant', { body: input }, requestOptions);
}

export async function update(context: ClientContext, tenantId: string, input: TenantInput, requestOptions?: RequestOptions): Promise<Tenant> {
  requireId('tenantId', tenantId);
  return context.transport.rest.POST('/api/v2/tenant/{tenantId}', { params: { path: { tenantId } }, body: input }, requestOptions);
}

export async function remove(context: ClientContext, tenantId: string, requestOptions?: RequestOptions): Promise<boolean> {
  requireId('tenantId', tenantId);
  return context.transport.rest.DELETE('/api/v2/tenant/{tenantId}', { params: { path: { tenantId } } }, requestOptions);
}

export async function ofUser(context: ClientContext, userId: string, requestOptions?: RequestOptions): Promise<Tenant[]> {
  requireId('userId', userId);
  return context.transport.rest.GET('/api/v2/users/{userId}/tenants', { params: { path: { userId } } }, requestOptions);
}

export async function ofApplication(context: ClientContext, appId: string, requestOptions?: RequestOptions): Promise<ApplicationTenantDetails> {
  requireId('appId', appId);
  return context.transport.rest.GET('/api/v2/application/{appId}/tenants', { params: { path: { appId } } }, requestOptions);
}
