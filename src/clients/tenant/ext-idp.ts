/** External IdP records and their connections, over REST. The public docs are on {@link TenantClient}. */
import type { RequestOptions } from '../../core/options.js';
import type { ClientContext } from '../context.js';
import { requireId } from '../validate.js';
import type { ExtIdp, ExtIdpConnection, ExtIdpConnectionInput, ExtIdpConnectionState, ExtIdpConnectionUpdates, NewExtIdp } from './ext-idp-types.js';

export async function listExtIdp(context: ClientContext, tenantId: string | undefined, requestOptions?: RequestOptions): Promise<ExtIdp[]> {
  const query = tenantId ? { tenantId } : {};
  return context.transport.rest.GET('/api/v2/extIdp', { params: { query } }, requestOptions);
}

export async function extIdpDetail(context: ClientContext, extIdpId: string, requestOptions?: RequestOptions): Promise<ExtIdp> {
  requireId('extIdpId', extIdpId);
  return context.transport.rest.GET('/api/v2/extIdp/{extIdpId}', { params: { path: { extIdpId } } }, requestOptions);
}

export async function createExtIdp(context: ClientContext, input: NewExtIdp, requestOptions?: RequestOptions): Promise<ExtIdp> {
  requireId('name', input?.name);
  requireId('type', input?.type);
  return context.transport.rest.POST('/api/v2/extIdp', { body: input }, requestOptions);
}

export async function updateExtIdp(context: ClientContext, extIdpId: string, updates: { name: string }, requestOptions?: RequestOptions): Promise<ExtIdp> {
  requireId('extIdpId', extIdpId);
  requireId('name', updates?.name);
  return context.transport.rest.PUT('/api/v2/extIdp/{extIdpId}', { params: { path: { extIdpId } }, body: { name: updates.name } }, requestOptions);
}

export async function deleteExtIdp(context: ClientContext, extIdpId: string, requestOptions?: RequestOptions): Promise<boolean> {
  requireId('extIdpId', extIdpId);
  await context.transport.rest.DELETE('/api/v2/extIdp/{extIdpId}', { params: { path: { extIdpId } } }, requestOptions);
  return true;
}

export async function createExtIdpConnection(
  context: ClientContext,
  input: ExtIdpConnectionInput & { extIdpId: string },
  requestOptions?: RequestOptions,
): Promise<ExtIdpConnection> {
  requireId('extIdpId', input?.extIdpId);
  requireId('identifier', input?.identifier);
  return context.transport.rest.POST('/api/v2/extIdpConn', { body: input }, requestOptions);
}

export async function updateExtIdpConnection(
  context: ClientContext,
  extIdpConnectionId: string,
  updates: ExtIdpConnectionUpdates,
  requestOptions?: RequestOptions,
): Promise<ExtIdpConnection> {
  requireId('extIdpConnectionId', extIdpConnectionId);
  return context.transport.rest.PUT('/api/v2/extIdpConn/{extIdpConnectionId}', { params: { path: { extIdpConnectionId } }, body: updates }, requestOptions);
}

export async function deleteExtIdpConnection(context: ClientContext, extIdpConnectionId: string, requestOptions?: RequestOptions): Promise<boolean> {
  requireId('extIdpConnectionId', extIdpConnectionId);
  await context.transport.rest.DELETE('/api/v2/extIdpConn/{extIdpConnectionId}', { params: { path: { extIdpConnectionId } } }, requestOptions);
  return true;
}

/** True when the identifier is free; false when a connection holds it (the server's 3813). */
export async function checkExtIdpConnectionIdentifierUnique(context: ClientContext, identifier: string, requestOptions?: RequestOptions): Promise<boolean> {
  requireId('identifier', identifier);
  try {
    await context.transport.rest.POST('/api/v2/check/extIdpConn/identifier', { body: { identifier } }, requestOptions);
    return true;
  } catch (error) {
    if ((error as { code?: unknown })?.code === 3813) return false;
    throw error;
  }
}

export async function changeExtIdpConnectionState(
  context: ClientContext,
  extIdpConnectionId: string,
  state: ExtIdpConnectionState,
  requestOptions?: RequestOptions,
): Promise<boolean> {
  requireId('extIdpConnectionId', extIdpConnectionId);
  await context.transport.rest.PUT('/api/v2/extIdpConn/{extIdpConnectionId}/state', { params: { path: { extIdpConnectionId } }, body: state }, requestOptions);
  return true;
}

export async function batchChangeExtIdpConnectionState(
  context: ClientContext,
  extIdpId: string,
  state: ExtIdpConnectionState,
  requestOptions?: RequestOptions,
): Promise<boolean> {
  requireId('extIdpId', extIdpId);
  await context.transport.rest.PUT('/api/v2/extIdp/{extIdpId}/connState', { params: { path: { extIdpId } }, body: state }, requestOptions);
  return true;
}
