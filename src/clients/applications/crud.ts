/** Applications as a whole, over REST. The public docs are on {@link ApplicationsClient}. */
import type { RequestOptions } from '../../core/options.js';
import { toAuthingError } from '../../core/errors.js';
import type { ClientContext } from '../context.js';
import type { Application, Paginated, UserDetail } from '../types.js';
import { requireId } from '../validate.js';
import type { ApplicationType, NewApplication } from './types.js';

const TYPES: readonly string[] = ['INDIVIDUAL', 'Tenant', 'BOTH'];

export async function list(context: ClientContext, options: { page?: number; limit?: number }, requestOptions?: RequestOptions): Promise<Paginated<Application>> {
  const { page = 1, limit = 10 } = options;
  return context.transport.rest.GET('/api/v2/applications', { params: { query: { page, limit } } }, requestOptions);
}

export async function create(context: ClientContext, input: NewApplication, requestOptions?: RequestOptions): Promise<Application> {
  if (typeof input?.name !== 'string' || input.name.trim() === '') {
    throw toAuthingError({ kind: 'validation', argument: 'name', message: 'name must be a non-empty string' });
  }
  return context.transport.rest.POST('/api/v2/applications', { body: input }, requestOptions);
}

export async function remove(context: ClientContext, appId: string, requestOptions?: RequestOptions): Promise<boolean> {
  requireId('appId', appId);
  await context.transport.rest.DELETE('/api/v2/applications/{appId}', { params: { path: { appId } } }, requestOptions);
  return true;
}

export async function findById(context: ClientContext, id: string, requestOptions?: RequestOptions): Promise<Application> {
  requireId('id', id);
  return context.transport.rest.GET('/api/v2/applications/{appId}', { params: { path: { appId: id } } }, requestOptions);
}

export async function activeUsers(context: ClientContext, appId: string, page: number, limit: number, requestOptions?: RequestOptions): Promise<Paginated<UserDetail>> {
  requireId('appId', appId);
  return context.transport.rest.GET('/api/v2/applications/{appId}/active-users', { params: { path: { appId }, query: { page, limit } } }, requestOptions);
}

export async function refreshSecret(context: ClientContext, appId: string, requestOptions?: RequestOptions): Promise<Application> {
  requireId('appId', appId);
  return context.transport.rest.PATCH('/api/v2/application/{appId}/refresh-secret', { params: { path: { appId } } }, requestOptions);
}

export async function changeType(context: ClientContext, appId: string, type: ApplicationType, requestOptions?: RequestOptions): Promise<Application> {
  requireId('appId', appId);
  if (!TYPES.includes(type)) throw toAuthingError({ kind: 'validation', argument: 'type', message: 'type must be INDIVIDUAL, Tenant or BOTH' });
  return context.transport.rest.POST('/api/v2/applications/{appId}', { params: { path: { appId } }, body: { appType: type } }, requestOptions);
}
