/** What a node is given (resources, roles) and directory synchronization. The public docs are on {@link OrgClient}. */
import type { RequestOptions } from '../../core/options.js';
import {
  AssignRoleDocument,
  GetNodeRolesDocument,
  ListNodeByCodeAuthorizedResourcesDocument,
  ListNodeByIdAuthorizedResourcesDocument,
  RevokeRoleDocument,
} from '../../generated/graphql.js';
import { answered, found, type ClientContext } from '../context.js';
import type { AuthorizedResource, CommonMessage, Paginated, ResourceType, Role } from '../types.js';
import { checkResourceType, checkSyncOptions, requireId, requireIds } from '../validate.js';
import type { StartSyncOptions } from './types.js';

export async function listAuthorizedResourcesByNodeId(
  context: ClientContext,
  nodeId: string,
  namespace: string | undefined,
  resourceType: ResourceType | undefined,
  requestOptions?: RequestOptions,
): Promise<Paginated<AuthorizedResource>> {
  requireId('nodeId', nodeId);
  checkResourceType('resourceType', resourceType);
  const { nodeById } = await context.transport.graphql(ListNodeByIdAuthorizedResourcesDocument, { id: nodeId, namespace, resourceType }, requestOptions);
  return answered(found(nodeById, 'node', nodeId).authorizedResources, 'authorizedResources');
}

export async function listAuthorizedResourcesByNodeCode(
  context: ClientContext,
  orgId: string,
  code: string,
  namespace: string | undefined,
  resourceType: ResourceType | undefined,
  requestOptions?: RequestOptions,
): Promise<Paginated<AuthorizedResource>> {
  requireId('orgId', orgId);
  requireId('code', code);
  checkResourceType('resourceType', resourceType);
  const variables = { orgId, code, namespace, resourceType };
  const { nodeByCode } = await context.transport.graphql(ListNodeByCodeAuthorizedResourcesDocument, variables, requestOptions);
  return answered(found(nodeByCode, 'node', code).authorizedResources, 'authorizedResources');
}

export async function listRoles(context: ClientContext, nodeId: string, namespace: string | undefined, requestOptions?: RequestOptions): Promise<Paginated<Role>> {
  requireId('nodeId', nodeId);
  const { nodeById } = await context.transport.graphql(GetNodeRolesDocument, { id: nodeId, namespace }, requestOptions);
  return answered(found(nodeById, 'node', nodeId).roles, 'roles');
}

/** assignRole / revokeRole with the node as the only holder (`nodeCodes` takes node ids, as the Python SDK sends them). */
export async function changeRoles(
  context: ClientContext,
  assign: boolean,
  nodeId: string,
  roleCodes: string[],
  namespace: string | undefined,
  requestOptions?: RequestOptions,
): Promise<CommonMessage> {
  requireId('nodeId', nodeId);
  requireIds('roleCodes', roleCodes);
  const variables = { nodeCodes: [nodeId], roleCodes, namespace };
  const answer = assign
    ? (await context.transport.graphql(AssignRoleDocument, variables, requestOptions)).assignRole
    : (await context.transport.graphql(RevokeRoleDocument, variables, requestOptions)).revokeRole;
  return answered(answer, assign ? 'assignRole' : 'revokeRole');
}

export async function startSync(context: ClientContext, options: StartSyncOptions, requestOptions?: RequestOptions): Promise<true> {
  checkSyncOptions('options', options);
  if (options.providerType === 'ad') {
    await context.transport.rest.POST('/api/v2/ad/sync', { body: { connectionId: options.adConnectorId ?? '' } }, requestOptions);
  } else {
    const params = { path: { providerType: options.providerType } };
    await context.transport.rest.POST('/connections/enterprise/{providerType}/start-sync', { params, body: {} }, requestOptions);
  }
  return true;
}
