/** Namespaces (权限分组), over REST. The public docs are on {@link AclClient}. */
import type { RequestOptions } from '../../core/options.js';
import type { ClientContext } from '../context.js';
import type { Namespace, Namespaces } from '../types.js';
import { requireId } from '../validate.js';
import type { NamespaceUpdates } from './types.js';

/** Creates a permission namespace. */
export async function createNamespace(context: ClientContext, code: string, name: string, description?: string, requestOptions?: RequestOptions): Promise<Namespace> {
  requireId('code', code);
  requireId('name', name);
  const params = { path: { userPoolId: context.userPoolId } };
  return context.transport.rest.POST('/api/v2/resource-namespace/{userPoolId}', { params, body: { code, name, description } }, requestOptions);
}

/** Lists the namespaces of the pool (the `default` one included). */
export async function listNamespaces(context: ClientContext, page: number, limit: number, requestOptions?: RequestOptions): Promise<Namespaces> {
  const params = { path: { userPoolId: context.userPoolId }, query: { page, limit } };
  return context.transport.rest.GET('/api/v2/resource-namespace/{userPoolId}', { params }, requestOptions);
}

/** Updates a namespace, addressed by its code. */
export async function updateNamespace(context: ClientContext, code: string, updates: NamespaceUpdates, requestOptions?: RequestOptions): Promise<Namespace> {
  requireId('code', code);
  const params = { path: { userPoolId: context.userPoolId, code } };
  const body = { name: updates.name, code: updates.code, description: updates.description };
  return context.transport.rest.PUT('/api/v2/resource-namespace/{userPoolId}/code/{code}', { params, body }, requestOptions);
}

/** Deletes a namespace with its roles, resources and grants. */
export async function deleteNamespace(context: ClientContext, code: string, requestOptions?: RequestOptions): Promise<boolean> {
  requireId('code', code);
  const params = { path: { userPoolId: context.userPoolId, code } };
  return context.transport.rest.DELETE('/api/v2/resource-namespace/{userPoolId}/code/{code}', { params }, requestOptions);
}
