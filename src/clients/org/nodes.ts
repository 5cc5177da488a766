/** Nodes of an organization: add, read, update, move, delete, search. The public docs are on {@link OrgClient}. */
import type { RequestOptions } from '../../core/options.js';
import {
  AddNodeDocument,
  AddNodeV2Document,
  ChildrenNodesDocument,
  DeleteNodeDocument,
  IsRootNodeDocument,
  MoveNodeDocument,
  NodeByCodeDocument,
  NodeByIdDocument,
  RootNodeDocument,
  SearchNodesDocument,
  UpdateNodeDocument,
} from '../../generated/graphql.js';
import { answered, type ClientContext } from '../context.js';
import type { CommonMessage, NodeWithMemberCount, Org, OrgNode } from '../types.js';
import { requireId } from '../validate.js';
import type { NewNode, NodeUpdates } from './types.js';

const nodeVariables = (orgId: string, parentNodeId: string, node: NewNode) => {
  requireId('orgId', orgId);
  requireId('parentNodeId', parentNodeId);
  requireId('node.name', node.name);
  const { name, code, description, order, nameI18n, descriptionI18n } = node;
  return { orgId, parentNodeId, name, code, description, order, nameI18n, descriptionI18n };
};

/** `addNodeV2`: the new node. */
export async function addNodeV2(context: ClientContext, orgId: string, parentNodeId: string, node: NewNode, requestOptions?: RequestOptions): Promise<OrgNode> {
  return (await context.transport.graphql(AddNodeV2Document, nodeVariables(orgId, parentNodeId, node), requestOptions)).addNodeV2;
}

/** The older `addNode`: the whole organization. */
export async function addNodeV1(context: ClientContext, orgId: string, parentNodeId: string, node: NewNode, requestOptions?: RequestOptions): Promise<Org> {
  return (await context.transport.graphql(AddNodeDocument, nodeVariables(orgId, parentNodeId, node), requestOptions)).addNode;
}

export async function updateNode(context: ClientContext, nodeId: string, updates: NodeUpdates, requestOptions?: RequestOptions): Promise<NodeWithMemberCount> {
  requireId('nodeId', nodeId);
  if (updates.name !== undefined) requireId('updates.name', updates.name);
  const { name, code, description } = updates;
  return (await context.transport.graphql(UpdateNodeDocument, { id: nodeId, name, code, description }, requestOptions)).updateNode;
}

export async function deleteNode(context: ClientContext, orgId: string, nodeId: string, requestOptions?: RequestOptions): Promise<CommonMessage> {
  requireId('orgId', orgId);
  requireId('nodeId', nodeId);
  return (await context.transport.graphql(DeleteNodeDocument, { orgId, nodeId }, requestOptions)).deleteNode;
}

export async function getNodeById(context: ClientContext, nodeId: string, requestOptions?: RequestOptions): Promise<OrgNode | null> {
  requireId('nodeId', nodeId);
  return (await context.transport.graphql(NodeByIdDocument, { id: nodeId }, requestOptions)).nodeById;
}

export async function getNodeByCode(context: ClientContext, orgId: string, code: string, requestOptions?: RequestOptions): Promise<OrgNode | null> {
  requireId('orgId', orgId);
  requireId('code', code);
  return (await context.transport.graphql(NodeByCodeDocument, { orgId, code }, requestOptions)).nodeByCode;
}

export async function moveNode(context: ClientContext, orgId: string, nodeId: string, targetParentId: string, requestOptions?: RequestOptions): Promise<Org> {
  requireId('orgId', orgId);
  requireId('nodeId', nodeId);
  requireId('targetParentId', targetParentId);
  return (await context.transport.graphql(MoveNodeDocument, { orgId, nodeId, targetParentId }, requestOptions)).moveNode;
}

export async function isRootNode(context: ClientContext, orgId: string, nodeId: string, requestOptions?: RequestOptions): Promise<boolean> {
  requireId('orgId', orgId);
  requireId('nodeId', nodeId);
  return answered((await context.transport.graphql(IsRootNodeDocument, { orgId, nodeId }, requestOptions)).isRootNode, 'isRootNode');
}

export async function listChildren(context: ClientContext, orgId: string | undefined, nodeId: string, requestOptions?: RequestOptions): Promise<OrgNode[]> {
  if (orgId !== undefined) requireId('orgId', orgId);
  requireId('nodeId', nodeId);
  return (await context.transport.graphql(ChildrenNodesDocument, { orgId, nodeId }, requestOptions)).childrenNodes;
}

export async function rootNode(context: ClientContext, orgId: string, requestOptions?: RequestOptions): Promise<OrgNode> {
  requireId('orgId', orgId);
  return (await context.transport.graphql(RootNodeDocument, { orgId }, requestOptions)).rootNode;
}

export async function searchNodes(context: ClientContext, keyword: string, requestOptions?: RequestOptions): Promise<OrgNode[]> {
  requireId('keyword', keyword);
  return (await context.transport.graphql(SearchNodesDocument, { keyword }, requestOptions)).searchNodes;
}
