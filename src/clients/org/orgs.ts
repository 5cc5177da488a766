/** Organizations as a whole: create, read, list, delete, export and import. The public docs are on {@link OrgClient}. */
import type { RequestOptions } from '../../core/options.js';
import { CreateOrgDocument, DeleteOrgDocument, OrgDocument, OrgsDocument } from '../../generated/graphql.js';
import type { ClientContext } from '../context.js';
import type { CommonMessage, Org, OrgImportNode, OrgNode, OrgTreeNode, Paginated } from '../types.js';
import { checkImportTree, requireId } from '../validate.js';

/** `createOrg(name, code, description, tenantId)`. */
export async function create(
  context: ClientContext,
  input: { name: string; description?: string; code?: string; tenantId?: string },
  requestOptions?: RequestOptions,
): Promise<Org> {
  requireId('name', input.name);
  return (await context.transport.graphql(CreateOrgDocument, input, requestOptions)).createOrg;
}

export async function deleteById(context: ClientContext, orgId: string, requestOptions?: RequestOptions): Promise<CommonMessage> {
  requireId('orgId', orgId);
  return (await context.transport.graphql(DeleteOrgDocument, { id: orgId }, requestOptions)).deleteOrg;
}

export async function list(context: ClientContext, page: number, limit: number, requestOptions?: RequestOptions): Promise<Paginated<Org>> {
  return (await context.transport.graphql(OrgsDocument, { page, limit }, requestOptions)).orgs;
}

export async function findById(context: ClientContext, orgId: string, requestOptions?: RequestOptions): Promise<Org> {
  requireId('orgId', orgId);
  return (await context.transport.graphql(OrgDocument, { id: orgId }, requestOptions)).org;
}

/** 4.23.55's getAllOrgs: the count, then the page, both over REST. */
export async function getAllOrgs(context: ClientContext, page: number, limit: number, requestOptions?: RequestOptions): Promise<Paginated<Org>> {
  const { count } = await context.transport.rest.GET('/api/v2/orgs/count', {}, requestOptions);
  const list = await context.transport.rest.GET('/api/v2/orgs', { params: { query: { page, limit } } }, requestOptions);
  return { totalCount: count, list };
}

export async function getOrgByTenantId(context: ClientContext, tenantId: string, requestOptions?: RequestOptions): Promise<Org[]> {
  requireId('tenantId', tenantId);
  return context.transport.rest.GET('/api/v2/orgs/by-tenant', { params: { query: { tenant_id: tenantId } } }, requestOptions);
}

export async function exportOrgs(context: ClientContext, orgId: string | undefined, requestOptions?: RequestOptions): Promise<OrgTreeNode[]> {
  if (orgId !== undefined) requireId('orgId', orgId);
  const query = orgId === undefined ? {} : { org_id: orgId };
  return context.transport.rest.GET('/api/v2/orgs/export', { params: { query } }, requestOptions);
}

export async function importByJson(context: ClientContext, json: OrgImportNode | string, requestOptions?: RequestOptions): Promise<OrgNode[]> {
  checkImportTree('json', json);
  return context.transport.rest.POST('/api/v2/orgs/import', { body: { filetype: 'json', file: json } }, requestOptions);
}
