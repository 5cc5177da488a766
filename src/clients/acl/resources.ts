/** Resources of a namespace and their actions, over REST. The public docs are on {@link AclClient}. */
import type { RequestOptions } from '../../core/options.js';
import type { ClientContext } from '../context.js';
import type { Paginated, Resource } from '../types.js';
import { checkActions, checkResourceType, requireId } from '../validate.js';
import type { NewResource, ResourceListOptions, ResourceUpdates } from './types.js';

/** Lists resources. */
export async function listResources(context: ClientContext, options: ResourceListOptions, requestOptions?: RequestOptions): Promise<Paginated<Resource>> {
  const { namespace = options.namespaceCode, type, page = 1, limit = 10 } = options;
  checkResourceType('type', type);
  const query = { namespace, type, page, limit };
  return context.transport.rest.GET('/api/v2/resources', { params: { query } }, requestOptions);
}

/** Creates a resource. */
export async function createResource(context: ClientContext, resource: NewResource, requestOptions?: RequestOptions): Promise<Resource> {
  const { code, type, description, actions, namespace, apiIdentifier } = resource;
  requireId('code', code);
  requireId('namespace', namespace);
  checkResourceType('type', type);
  checkActions('actions', actions, type, true);
  const body = { code, type, description, actions: actions ?? [], namespace, apiIdentifier };
  return context.transport.rest.POST('/api/v2/resources', { body }, requestOptions);
}

/** Updates a resource (`POST /api/v2/resources/{code}`); `actions` replaces the whole list. */
export async function updateResource(context: ClientContext, code: string, updates: ResourceUpdates, requestOptions?: RequestOptions): Promise<Resource> {
  const { namespace, type, description, actions, apiIdentifier } = updates;
  requireId('code', code);
  requireId('namespace', namespace);
  checkResourceType('type', type);
  checkActions('actions', actions, type, false);
  const body = { namespace, type, description, actions, apiIdentifier };
  return context.transport.rest.POST('/api/v2/resources/{code}', { params: { path: { code } }, body }, requestOptions);
}

/** Deletes a resource and every grant on it. */
export async function deleteResource(context: ClientContext, code: string, namespace: string, requestOptions?: RequestOptions): Promise<boolean> {
  requireId('code', code);
  requireId('namespace', namespace);
  const params = { path: { code }, query: { namespace } };
  return context.transport.rest.DELETE('/api/v2/resources/{code}', { params }, requestOptions);
}

/** A resource by id. */
export async function getResourceById(context: ClientContext, id: string, requestOptions?: RequestOptions): Promise<Resource | null> {
  requireId('id', id);
  return (await context.transport.rest.GET('/api/v2/resources/detail', { params: { query: { id } } }, requestOptions)) ?? null;
}

/** A resource by namespace and code. */
export async function getResourceByCode(context: ClientContext, lookup: { namespace: string; code: string }, requestOptions?: RequestOptions): Promise<Resource | null> {
  const { namespace, code } = lookup;
  requireId('namespace', namespace);
  requireId('code', code);
  const query = { namespace, code };
  return (await context.transport.rest.GET('/api/v2/resources/detail', { params: { query } }, requestOptions)) ?? null;
}
