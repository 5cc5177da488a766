/** `managementClient.org`: organizations, their nodes (departments) and members. */
import type { RequestOptions } from '../core/options.js';
import {
  AddMemberDocument,
  AddNodeV2Document,
  CreateOrgDocument,
  DeleteNodeDocument,
  DeleteOrgDocument,
  ListNodeByIdAuthorizedResourcesDocument,
  NodeByIdDocument,
  NodeByIdWithMembersDocument,
  OrgDocument,
  OrgsDocument,
  RemoveMemberDocument,
  UpdateNodeDocument,
} from '../generated/graphql.js';
import { answered, found, type ClientContext } from './context.js';
import type { AuthorizedResource, CommonMessage, NodeWithMemberCount, NodeWithMembers, Org, OrgNode, Paginated, ResourceType } from './types.js';
import { checkResourceType, requireId, requireIds } from './validate.js';

/** Fields of a new node ({@link OrgClient.addNode}). */
export interface NewNode {
  name: string;
  code?: string;
  description?: string;
  /** Position among its siblings; larger values sort first. */
  order?: number;
  /** Localized names as a JSON string keyed by language. */
  nameI18n?: string;
  /** Localized descriptions as a JSON string keyed by language. */
  descriptionI18n?: string;
}

/** Changes for {@link OrgClient.updateNode}. */
export interface NodeUpdates {
  name?: string;
  code?: string;
  description?: string;
}

/** Paging of {@link OrgClient.listMembers}. */
export interface ListMembersOptions {
  page?: number;
  limit?: number;
  /** Include members of every descendant node. */
  includeChildrenNodes?: boolean;
}

/** Organization management. Get it from `managementClient.org`. */
export class OrgClient {
  readonly #context: ClientContext;

  private constructor(context: ClientContext) {
    this.#context = context;
  }

  /** @internal Built by {@link ManagementClient} only: the context is the SDK's, not part of the API. */
  static fromContext(context: ClientContext): OrgClient {
    return new OrgClient(context);
  }

  /**
   * Creates an organization and its root node (named `name`).
   * @param name - name of the organization and its root node
   * @param description - description
   * @param code - code of the root node
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the organization with its root node
   * @throws {@link AuthingError}
   * @example
   * const org = await management.org.create('Library', 'The city library', 'lib');
   */
  async create(name: string, description?: string, code?: string, requestOptions?: RequestOptions): Promise<Org> {
    requireId('name', name);
    return (await this.#context.transport.graphql(CreateOrgDocument, { name, description, code }, requestOptions)).createOrg;
  }

  /**
   * Deletes an organization and all its nodes.
   * @param orgId - organization id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's `{ code, message }`
   * @throws {@link AuthingError}
   * @example
   * await management.org.deleteById(orgId);
   */
  async deleteById(orgId: string, requestOptions?: RequestOptions): Promise<CommonMessage> {
    requireId('orgId', orgId);
    return (await this.#context.transport.graphql(DeleteOrgDocument, { id: orgId }, requestOptions)).deleteOrg;
  }

  /**
   * Lists the organizations of the pool.
   * @param page - page number, from 1
   * @param limit - page size
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`
   * @throws {@link AuthingError}
   * @example
   * const { totalCount, list } = await management.org.list(1, 20);
   */
  async list(page = 1, limit = 10, requestOptions?: RequestOptions): Promise<Paginated<Org>> {
    return (await this.#context.transport.graphql(OrgsDocument, { page, limit }, requestOptions)).orgs;
  }

  /**
   * An organization by id.
   * @param orgId - organization id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the organization with all its nodes
   * @throws {@link AuthingError} when it does not exist
   * @example
   * const { rootNode, nodes } = await management.org.findById(orgId);
   */
  async findById(orgId: string, requestOptions?: RequestOptions): Promise<Org> {
    requireId('orgId', orgId);
    return (await this.#context.transport.graphql(OrgDocument, { id: orgId }, requestOptions)).org;
  }

  /**
   * Adds a node below `parentNodeId` (GraphQL `addNodeV2`).
   * @param orgId - organization id
   * @param parentNodeId - parent node id
   * @param node - name (required), code, description, order, nameI18n, descriptionI18n
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the new node
   * @throws {@link AuthingError}
   * @example
   * const node = await management.org.addNode(orgId, parentNodeId, { name: 'Archive', code: 'archive' });
   */
  async addNode(orgId: string, parentNodeId: string, node: NewNode, requestOptions?: RequestOptions): Promise<OrgNode> {
    requireId('orgId', orgId);
    requireId('parentNodeId', parentNodeId);
    requireId('node.name', node.name);
    const { name, code, description, order, nameI18n, descriptionI18n } = node;
    const variables = { orgId, parentNodeId, name, code, description, order, nameI18n, descriptionI18n };
    return (await this.#context.transport.graphql(AddNodeV2Document, variables, requestOptions)).addNodeV2;
  }

  /**
   * Updates a node.
   * @param nodeId - node id
   * @param updates - name, code, description
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the updated node, with its member count
   * @throws {@link AuthingError}
   * @example
   * const node = await management.org.updateNode(nodeId, { name: 'Rare books', code: 'rare-books' });
   */
  async updateNode(nodeId: string, updates: NodeUpdates, requestOptions?: RequestOptions): Promise<NodeWithMemberCount> {
    requireId('nodeId', nodeId);
    const { name, code, description } = updates;
    const variables = { id: nodeId, name, code, description };
    return (await this.#context.transport.graphql(UpdateNodeDocument, variables, requestOptions)).updateNode;
  }

  /**
   * Deletes a node and its subtree, with their memberships and grants.
   * @param orgId - organization id
   * @param nodeId - node id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's `{ code, message }`
   * @throws {@link AuthingError}
   * @example
   * await management.org.deleteNode(orgId, nodeId);
   */
  async deleteNode(orgId: string, nodeId: string, requestOptions?: RequestOptions): Promise<CommonMessage> {
    requireId('orgId', orgId);
    requireId('nodeId', nodeId);
    return (await this.#context.transport.graphql(DeleteNodeDocument, { orgId, nodeId }, requestOptions)).deleteNode;
  }

  /**
   * A node by id.
   * @param nodeId - node id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the node, or null when it does not exist
   * @throws {@link AuthingError}
   * @example
   * const node = await management.org.getNodeById(nodeId);
   */
  async getNodeById(nodeId: string, requestOptions?: RequestOptions): Promise<OrgNode | null> {
    requireId('nodeId', nodeId);
    return (await this.#context.transport.graphql(NodeByIdDocument, { id: nodeId }, requestOptions)).nodeById;
  }

  /**
   * Adds users to a node.
   * @param nodeId - node id
   * @param userIds - user ids
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the node with its members
   * @throws {@link AuthingError}
   * @example
   * await management.org.addMembers(nodeId, [userId]);
   */
  async addMembers(nodeId: string, userIds: string[], requestOptions?: RequestOptions): Promise<NodeWithMembers> {
    requireId('nodeId', nodeId);
    requireIds('userIds', userIds);
    return (await this.#context.transport.graphql(AddMemberDocument, { nodeId, userIds }, requestOptions)).addMember;
  }

  /**
   * Removes users from a node.
   * @param nodeId - node id
   * @param userIds - user ids
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the node with its remaining members
   * @throws {@link AuthingError}
   * @example
   * await management.org.removeMembers(nodeId, [userId]);
   */
  async removeMembers(nodeId: string, userIds: string[], requestOptions?: RequestOptions): Promise<NodeWithMembers> {
    requireId('nodeId', nodeId);
    requireIds('userIds', userIds);
    return (await this.#context.transport.graphql(RemoveMemberDocument, { nodeId, userIds }, requestOptions)).removeMember;
  }

  /**
   * The members of a node.
   * @param nodeId - node id
   * @param options - page (default 1), limit (default 10), includeChildrenNodes
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the node with `users: { totalCount, list }`
   * @throws {@link AuthingError} code 3402 when the node does not exist
   * @example
   * const { users } = await management.org.listMembers(nodeId, { includeChildrenNodes: true, limit: 50 });
   */
  async listMembers(nodeId: string, options: ListMembersOptions = {}, requestOptions?: RequestOptions): Promise<NodeWithMembers> {
    requireId('nodeId', nodeId);
    const { page = 1, limit = 10, includeChildrenNodes } = options;
    const variables = { id: nodeId, page, limit, includeChildrenNodes };
    const { nodeById } = await this.#context.transport.graphql(NodeByIdWithMembersDocument, variables, requestOptions);
    return found(nodeById, 'node', nodeId);
  }

  /**
   * The resources granted to a node.
   * @param nodeId - node id
   * @param namespace - namespace code; without it, grants of every namespace
   * @param options - `resourceType` keeps one type
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`
   * @throws {@link AuthingError} code 3402 when the node does not exist
   * @example
   * const { list } = await management.org.listAuthorizedResourcesByNodeId(nodeId, 'library');
   */
  async listAuthorizedResourcesByNodeId(
    nodeId: string,
    namespace?: string,
    options: { resourceType?: ResourceType } = {},
    requestOptions?: RequestOptions,
  ): Promise<Paginated<AuthorizedResource>> {
    requireId('nodeId', nodeId);
    checkResourceType('resourceType', options.resourceType);
    const variables = { id: nodeId, namespace, resourceType: options.resourceType };
    const { nodeById } = await this.#context.transport.graphql(ListNodeByIdAuthorizedResourcesDocument, variables, requestOptions);
    return answered(found(nodeById, 'node', nodeId).authorizedResources, 'authorizedResources');
  }
}
