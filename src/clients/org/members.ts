/** Members of nodes: add, remove, list, iterate, move, main department. The public docs are on {@link OrgClient}. */
import type { RequestOptions } from '../../core/options.js';
import { iterateOptionsOnly, paginate } from '../../core/paginate.js';
import {
  AddMemberDocument,
  MoveMembersDocument,
  NodeByIdWithMembersDocument,
  RemoveMemberDocument,
  SetMainDepartmentDocument,
} from '../../generated/graphql.js';
import { answered, found, type ClientContext } from '../context.js';
import type { CommonMessage, NodeWithMembers, User } from '../types.js';
import { requireId, requireIds } from '../validate.js';
import type { IterateMembersOptions, ListMembersOptions, MoveMembersOptions } from './types.js';

export async function addMembers(context: ClientContext, nodeId: string, userIds: string[], requestOptions?: RequestOptions): Promise<NodeWithMembers> {
  requireId('nodeId', nodeId);
  requireIds('userIds', userIds);
  return (await context.transport.graphql(AddMemberDocument, { nodeId, userIds }, requestOptions)).addMember;
}

export async function removeMembers(context: ClientContext, nodeId: string, userIds: string[], requestOptions?: RequestOptions): Promise<NodeWithMembers> {
  requireId('nodeId', nodeId);
  requireIds('userIds', userIds);
  return (await context.transport.graphql(RemoveMemberDocument, { nodeId, userIds }, requestOptions)).removeMember;
}

export async function listMembers(context: ClientContext, nodeId: string, options: ListMembersOptions, requestOptions?: RequestOptions): Promise<NodeWithMembers> {
  requireId('nodeId', nodeId);
  const { page = 1, limit = 10, includeChildrenNodes } = options;
  const { nodeById } = await context.transport.graphql(NodeByIdWithMembersDocument, { id: nodeId, page, limit, includeChildrenNodes }, requestOptions);
  return found(nodeById, 'node', nodeId);
}

/** Checks run on the first `next()`, like the page size check of `paginate`. */
export async function* iterateMembers(context: ClientContext, nodeId: string, options: IterateMembersOptions): AsyncGenerator<User, void, undefined> {
  requireId('nodeId', nodeId);
  const { includeChildrenNodes, ...rest } = options;
  yield* paginate(async (page, limit, requestOptions) => (await listMembers(context, nodeId, { page, limit, includeChildrenNodes }, requestOptions)).users, iterateOptionsOnly(rest));
}

export async function moveMembers(context: ClientContext, options: MoveMembersOptions, requestOptions?: RequestOptions): Promise<true> {
  const { userIds, sourceNodeId, targetNodeId } = options;
  requireIds('userIds', userIds);
  requireId('sourceNodeId', sourceNodeId);
  requireId('targetNodeId', targetNodeId);
  answered((await context.transport.graphql(MoveMembersDocument, { userIds, sourceNodeId, targetNodeId }, requestOptions)).moveMembers, 'moveMembers');
  return true;
}

export async function setMainDepartment(context: ClientContext, userId: string, departmentId: string | undefined, requestOptions?: RequestOptions): Promise<CommonMessage> {
  requireId('userId', userId);
  if (departmentId !== undefined) requireId('departmentId', departmentId);
  return (await context.transport.graphql(SetMainDepartmentDocument, { userId, departmentId }, requestOptions)).setMainDepartment;
}
