/**
 * `managementClient.org`: one flat surface over per-part modules (organizations, nodes, members,
 * what nodes are given). Each method is a one-liner into its part.
 */
import type { RequestOptions } from '../../core/options.js';
import { paginate, type IterateOptions } from '../../core/paginate.js';
import type { ClientContext } from '../context.js';
import type {
  AuthorizedResource,
  CommonMessage,
  NodeWithMemberCount,
  NodeWithMembers,
  Org,
  OrgImportNode,
  OrgNode,
  OrgTreeNode,
  Paginated,
  ResourceType,
  Role,
  User,
} from '../types.js';
import * as access from './access.js';
import * as members from './members.js';
import * as nodes from './nodes.js';
import * as orgs from './orgs.js';
import type { IterateMembersOptions, ListMembersOptions, MoveMembersOptions, NewNode, NewNodeOptions, NodeUpdates, StartSyncOptions } from './types.js';

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
   * @param description - description of the root node
   * @param code - code of the root node
   * @param tenantId - the tenant the organization is for ({@link OrgClient.getOrgByTenantId} finds it)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the organization with its root node
   * @throws {@link AuthingError} 400 for an empty name
   * @example
   * const org = await management.org.create('Library', 'The city library', 'lib');
   */
  create(name: string, description?: string, code?: string, tenantId?: string, requestOptions?: RequestOptions): Promise<Org> {
    return orgs.create(this.#context, { name, description, code, tenantId }, requestOptions);
  }

  /**
   * Creates an organization and its root node: the Python SDK's `create_org(name, code, description)`.
   * @param name - name of the organization and its root node
   * @param code - code of the root node
   * @param description - description of the root node
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the organization with its root node
   * @throws {@link AuthingError} 400 for an empty name
   * @example
   * const org = await management.org.createOrg('Library', 'lib', 'The city library');
   */
  createOrg(name: string, code?: string, description?: string, requestOptions?: RequestOptions): Promise<Org> {
    return orgs.create(this.#context, { name, code, description }, requestOptions);
  }

  /**
   * Deletes an organization and all its nodes (their memberships, role assignments and grants go too).
   * @param orgId - organization id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's `{ code, message }`
   * @throws {@link AuthingError} code 3401 when it does not exist
   * @example
   * await management.org.deleteById(orgId);
   */
  deleteById(orgId: string, requestOptions?: RequestOptions): Promise<CommonMessage> {
    return orgs.deleteById(this.#context, orgId, requestOptions);
  }

  /**
   * Lists the organizations of the pool, oldest first.
   * @param page - page number, from 1
   * @param limit - page size
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`
   * @throws {@link AuthingError}
   * @example
   * const { totalCount, list } = await management.org.list(1, 20);
   */
  list(page = 1, limit = 10, requestOptions?: RequestOptions): Promise<Paginated<Org>> {
    return orgs.list(this.#context, page, limit, requestOptions);
  }

  /**
   * Every organization of the pool, fetched a page at a time as the loop asks for more.
   * @param options - page size, signal (checked between pages), timeout, headers
   * @returns an async iterator of organizations
   * @throws {@link AuthingError} from any page request; {@link AuthingAbortError} when `signal` aborts
   * @example
   * for await (const org of management.org.iterate({ pageSize: 100 })) console.log(org.rootNode.name);
   */
  iterate(options: IterateOptions = {}): AsyncGenerator<Org, void, undefined> {
    return paginate((page, limit, requestOptions) => orgs.list(this.#context, page, limit, requestOptions), options);
  }

  /**
   * One page of the organizations with the pool's total, over REST as the 4.23.55 SDK sends it
   * (`GET /api/v2/orgs/count`, then `GET /api/v2/orgs`).
   * @param page - page number, from 1
   * @param limit - page size
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`
   * @throws {@link AuthingError}
   * @example
   * const { totalCount, list } = await management.org.getAllOrgs(1, 50);
   */
  getAllOrgs(page = 1, limit = 10, requestOptions?: RequestOptions): Promise<Paginated<Org>> {
    return orgs.getAllOrgs(this.#context, page, limit, requestOptions);
  }

  /**
   * The organizations created for a tenant (`create(..., tenantId)`), oldest first.
   * @param tenantId - tenant id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the organizations, none for a tenant without any
   * @throws {@link AuthingError}
   * @example
   * const [first] = await management.org.getOrgByTenantId('tenant-1');
   */
  getOrgByTenantId(tenantId: string, requestOptions?: RequestOptions): Promise<Org[]> {
    return orgs.getOrgByTenantId(this.#context, tenantId, requestOptions);
  }

  /**
   * An organization by id.
   * @param orgId - organization id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the organization with all its nodes
   * @throws {@link AuthingError} code 3401 when it does not exist
   * @example
   * const { rootNode, nodes } = await management.org.findById(orgId);
   */
  findById(orgId: string, requestOptions?: RequestOptions): Promise<Org> {
    return orgs.findById(this.#context, orgId, requestOptions);
  }

  /**
   * Every organization as a tree from its root, each node with its member ids (`GET /api/v2/orgs/export`).
   * @param requestOptions - per-call signal, timeout, headers
   * @returns one tree per organization, oldest first
   * @throws {@link AuthingError}
   * @example
   * const trees = await management.org.exportAll();
   */
  exportAll(requestOptions?: RequestOptions): Promise<OrgTreeNode[]> {
    return orgs.exportOrgs(this.#context, undefined, requestOptions);
  }

  /**
   * One organization as a tree from its root, each node with its member ids.
   * @param orgId - organization id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns a one-element array: the organization's tree
   * @throws {@link AuthingError} code 3401 when it does not exist
   * @example
   * const [tree] = await management.org.exportByOrgId(orgId);
   */
  exportByOrgId(orgId: string, requestOptions?: RequestOptions): Promise<OrgTreeNode[]> {
    return orgs.exportOrgs(this.#context, orgId, requestOptions);
  }

  /**
   * Creates an organization from a tree: the top node becomes its root, `children` nest, `members`
   * (user ids) join their node. An exported tree imports as a copy. All or nothing.
   * @param json - the tree, or its JSON text (as the Python SDK sends it)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the new nodes, root first then depth-first (`[0].orgId` is the new organization)
   * @throws {@link AuthingError} 400 for a node without a name (or over 64 levels / 5000 nodes), 3404 for a code used twice, 2004 for an unknown member
   * @example
   * const [root] = await management.org.importByJson({ name: 'Acme', code: 'acme', children: [{ name: 'R&D', code: 'rd' }] });
   */
  importByJson(json: OrgImportNode | string, requestOptions?: RequestOptions): Promise<OrgNode[]> {
    return orgs.importByJson(this.#context, json, requestOptions);
  }

  /**
   * Adds a node below `parentNodeId` (GraphQL `addNodeV2`).
   * @param orgId - organization id
   * @param parentNodeId - parent node id
   * @param node - name (required), code, description, order, nameI18n, descriptionI18n
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the new node
   * @throws {@link AuthingError} 3401 / 3402 for an unknown org / parent, 3404 for a code the org already has
   * @example
   * const node = await management.org.addNode(orgId, parentNodeId, { name: 'Archive', code: 'archive' });
   */
  addNode(orgId: string, parentNodeId: string, node: NewNode, requestOptions?: RequestOptions): Promise<OrgNode>;
  /**
   * Adds a node below `parentNodeId`: the Python SDK's `add_node(org_id, name, parent_node_id, ...)`,
   * over the older GraphQL `addNode`, which answers the whole organization.
   * @param orgId - organization id
   * @param name - node name
   * @param parentNodeId - parent node id
   * @param options - code, description, order, nameI18n, descriptionI18n
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the organization with the new node among its nodes
   * @throws {@link AuthingError} 3401 / 3402 for an unknown org / parent, 3404 for a code the org already has
   * @example
   * const { nodes } = await management.org.addNode(orgId, 'Archive', parentNodeId, { code: 'archive' });
   */
  addNode(orgId: string, name: string, parentNodeId: string, options?: NewNodeOptions, requestOptions?: RequestOptions): Promise<Org>;
  addNode(
    orgId: string,
    second: string,
    third: NewNode | string,
    fourth?: NewNodeOptions | RequestOptions,
    requestOptions?: RequestOptions,
  ): Promise<OrgNode | Org> {
    if (typeof third === 'string') return nodes.addNodeV1(this.#context, orgId, third, { ...(fourth as NewNodeOptions | undefined), name: second }, requestOptions);
    return nodes.addNodeV2(this.#context, orgId, second, third, fourth as RequestOptions | undefined);
  }

  /**
   * Updates a node.
   * @param nodeId - node id
   * @param updates - name, code, description
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the updated node, with its member count
   * @throws {@link AuthingError} 3402 for an unknown node, 3404 for a code another node of the org has
   * @example
   * const node = await management.org.updateNode(nodeId, { name: 'Rare books', code: 'rare-books' });
   */
  updateNode(nodeId: string, updates: NodeUpdates, requestOptions?: RequestOptions): Promise<NodeWithMemberCount> {
    return nodes.updateNode(this.#context, nodeId, updates, requestOptions);
  }

  /**
   * Deletes a node with its whole subtree. Their memberships, role assignments and grants go with
   * them (the users stay in the pool); the root cannot be deleted (delete the organization).
   * @param orgId - organization id
   * @param nodeId - node id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's `{ code, message }`
   * @throws {@link AuthingError} 3402 for an unknown node, 3403 for the root
   * @example
   * await management.org.deleteNode(orgId, nodeId);
   */
  deleteNode(orgId: string, nodeId: string, requestOptions?: RequestOptions): Promise<CommonMessage> {
    return nodes.deleteNode(this.#context, orgId, nodeId, requestOptions);
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
  getNodeById(nodeId: string, requestOptions?: RequestOptions): Promise<OrgNode | null> {
    return nodes.getNodeById(this.#context, nodeId, requestOptions);
  }

  /**
   * A node by its organization and code.
   * @param orgId - organization id
   * @param code - node code
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the node, or null when the organization has no node with that code
   * @throws {@link AuthingError}
   * @example
   * const node = await management.org.getNodeByCode(orgId, 'archive');
   */
  getNodeByCode(orgId: string, code: string, requestOptions?: RequestOptions): Promise<OrgNode | null> {
    return nodes.getNodeByCode(this.#context, orgId, code, requestOptions);
  }

  /**
   * Moves a node, with its subtree, members and grants, below another node of the same
   * organization. Permission checks follow at once: members now inherit from the new ancestors.
   * @param orgId - organization id
   * @param nodeId - the node to move
   * @param targetParentId - its new parent
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the organization with all its nodes
   * @throws {@link AuthingError} 400 for the root or a target inside the node's own subtree, 3402 for an unknown node
   * @example
   * const org = await management.org.moveNode(orgId, nodeId, rootNodeId);
   */
  moveNode(orgId: string, nodeId: string, targetParentId: string, requestOptions?: RequestOptions): Promise<Org> {
    return nodes.moveNode(this.#context, orgId, nodeId, targetParentId, requestOptions);
  }

  /**
   * Whether a node is the organization's root.
   * @param orgId - organization id
   * @param nodeId - node id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true for the root node
   * @throws {@link AuthingError} 3401 / 3402 for an unknown org / node
   * @example
   * const isRoot = await management.org.isRootNode(orgId, nodeId);
   */
  isRootNode(orgId: string, nodeId: string, requestOptions?: RequestOptions): Promise<boolean> {
    return nodes.isRootNode(this.#context, orgId, nodeId, requestOptions);
  }

  /**
   * The direct children of a node, in sibling order (the 4.23.55 and Python form).
   * @param nodeId - node id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the child nodes
   * @throws {@link AuthingError} 3402 for an unknown node
   * @example
   * const children = await management.org.listChildren(nodeId);
   */
  listChildren(nodeId: string, requestOptions?: RequestOptions): Promise<OrgNode[]>;
  /**
   * The direct children of a node, in sibling order (the v4 form, naming the organization too).
   * @param orgId - organization id, which must be the node's
   * @param nodeId - node id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the child nodes
   * @throws {@link AuthingError} 3402 for an unknown node or one of another organization
   * @example
   * const children = await management.org.listChildren(orgId, nodeId);
   */
  listChildren(orgId: string, nodeId: string, requestOptions?: RequestOptions): Promise<OrgNode[]>;
  listChildren(first: string, second?: string | RequestOptions, requestOptions?: RequestOptions): Promise<OrgNode[]> {
    if (typeof second === 'string') return nodes.listChildren(this.#context, first, second, requestOptions);
    return nodes.listChildren(this.#context, undefined, first, second);
  }

  /**
   * The root node of an organization.
   * @param orgId - organization id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the root node
   * @throws {@link AuthingError} 3401 for an unknown org
   * @example
   * const root = await management.org.rootNode(orgId);
   */
  rootNode(orgId: string, requestOptions?: RequestOptions): Promise<OrgNode> {
    return nodes.rootNode(this.#context, orgId, requestOptions);
  }

  /**
   * Nodes of every organization whose name contains `keyword` (case-insensitive), oldest first.
   * @param keyword - part of a node name
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the matching nodes
   * @throws {@link AuthingError}
   * @example
   * const found = await management.org.searchNodes('arch');
   */
  searchNodes(keyword: string, requestOptions?: RequestOptions): Promise<OrgNode[]> {
    return nodes.searchNodes(this.#context, keyword, requestOptions);
  }

  /**
   * Adds users to a node.
   * @param nodeId - node id
   * @param userIds - user ids
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the node with its members
   * @throws {@link AuthingError} 3402 for an unknown node, 2004 for an unknown user
   * @example
   * await management.org.addMembers(nodeId, [userId]);
   */
  addMembers(nodeId: string, userIds: string[], requestOptions?: RequestOptions): Promise<NodeWithMembers> {
    return members.addMembers(this.#context, nodeId, userIds, requestOptions);
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
  removeMembers(nodeId: string, userIds: string[], requestOptions?: RequestOptions): Promise<NodeWithMembers> {
    return members.removeMembers(this.#context, nodeId, userIds, requestOptions);
  }

  /**
   * Moves users from one node to another; a user whose main department was the source keeps the
   * target as main. Permission checks follow at once. All or nothing.
   * @param options - userIds, sourceNodeId, targetNodeId
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true
   * @throws {@link AuthingError} 3402 for an unknown node, 2004 for an unknown user, 3405 for a user not in the source
   * @example
   * await management.org.moveMembers({ userIds: [userId], sourceNodeId: nodeId, targetNodeId: parentNodeId });
   */
  moveMembers(options: MoveMembersOptions, requestOptions?: RequestOptions): Promise<true> {
    return members.moveMembers(this.#context, options, requestOptions);
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
  listMembers(nodeId: string, options: ListMembersOptions = {}, requestOptions?: RequestOptions): Promise<NodeWithMembers> {
    return members.listMembers(this.#context, nodeId, options, requestOptions);
  }

  /**
   * Every member of a node, in joining order, fetched a page at a time as the loop asks for more.
   * @param nodeId - node id
   * @param options - includeChildrenNodes, page size, signal (checked between pages), timeout, headers
   * @returns an async iterator of users
   * @throws {@link AuthingError} code 3402 when the node does not exist; {@link AuthingAbortError} when `signal` aborts
   * @example
   * for await (const user of management.org.iterateMembers(nodeId, { includeChildrenNodes: true })) console.log(user.id);
   */
  iterateMembers(nodeId: string, options: IterateMembersOptions = {}): AsyncGenerator<User, void, undefined> {
    return members.iterateMembers(this.#context, nodeId, options);
  }

  /**
   * Sets the user's main department, one of the nodes it belongs to (shown as `isMainDepartment`
   * by `users.listDepartment`); without `departmentId` the user has none.
   * @param userId - user id
   * @param departmentId - node id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's `{ code, message }`
   * @throws {@link AuthingError} 2004 unknown user, 3402 unknown node, 3405 when the user is not a member of it
   * @example
   * await management.org.setMainDepartment(userId, nodeId);
   */
  setMainDepartment(userId: string, departmentId?: string, requestOptions?: RequestOptions): Promise<CommonMessage> {
    return members.setMainDepartment(this.#context, userId, departmentId, requestOptions);
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
  listAuthorizedResourcesByNodeId(
    nodeId: string,
    namespace?: string,
    options: { resourceType?: ResourceType } = {},
    requestOptions?: RequestOptions,
  ): Promise<Paginated<AuthorizedResource>> {
    return access.listAuthorizedResourcesByNodeId(this.#context, nodeId, namespace, options.resourceType, requestOptions);
  }

  /**
   * The resources granted to a node named by its organization and code.
   * @param orgId - organization id
   * @param code - node code
   * @param namespace - namespace code; without it, grants of every namespace
   * @param options - `resourceType` keeps one type
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`
   * @throws {@link AuthingError} code 3402 when the organization has no node with that code
   * @example
   * const { list } = await management.org.listAuthorizedResourcesByNodeCode(orgId, 'archive', 'library');
   */
  listAuthorizedResourcesByNodeCode(
    orgId: string,
    code: string,
    namespace?: string,
    options: { resourceType?: ResourceType } = {},
    requestOptions?: RequestOptions,
  ): Promise<Paginated<AuthorizedResource>> {
    return access.listAuthorizedResourcesByNodeCode(this.#context, orgId, code, namespace, options.resourceType, requestOptions);
  }

  /**
   * The roles of a node, its ancestors' included (node roles reach the whole subtree), each once:
   * the Python SDK's `list_roles`.
   * @param nodeId - node id
   * @param namespace - namespace code; without it, every namespace
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`
   * @throws {@link AuthingError} code 3402 when the node does not exist
   * @example
   * const { list } = await management.org.listRoles(nodeId, 'library');
   */
  listRoles(nodeId: string, namespace?: string, requestOptions?: RequestOptions): Promise<Paginated<Role>> {
    return access.listRoles(this.#context, nodeId, namespace, requestOptions);
  }

  /**
   * Gives roles to a node, and so to the members of its whole subtree (the Python SDK's `add_roles`).
   * @param nodeId - node id
   * @param roleCodes - role codes
   * @param namespace - the roles' namespace code (default `default`)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's `{ code, message }`
   * @throws {@link AuthingError} 3402 for an unknown node, 3202 for an unknown role
   * @example
   * await management.org.addRoles(nodeId, ['librarian'], 'library');
   */
  addRoles(nodeId: string, roleCodes: string[], namespace?: string, requestOptions?: RequestOptions): Promise<CommonMessage> {
    return access.changeRoles(this.#context, true, nodeId, roleCodes, namespace, requestOptions);
  }

  /**
   * Takes roles from a node (the Python SDK's `remove_roles`).
   * @param nodeId - node id
   * @param roleCodes - role codes
   * @param namespace - the roles' namespace code (default `default`)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's `{ code, message }`
   * @throws {@link AuthingError} 3402 for an unknown node, 3202 for an unknown role
   * @example
   * await management.org.removeRoles(nodeId, ['librarian'], 'library');
   */
  removeRoles(nodeId: string, roleCodes: string[], namespace?: string, requestOptions?: RequestOptions): Promise<CommonMessage> {
    return access.changeRoles(this.#context, false, nodeId, roleCodes, namespace, requestOptions);
  }

  /**
   * Starts synchronizing the organization from an enterprise directory (DingTalk, WeCom, or an AD
   * connector). A pool without that directory configured is refused, as Authing refuses it.
   * @param options - providerType; adConnectorId for `ad`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true once the sync has started
   * @throws {@link AuthingError} 3406 when no such directory is configured, 3407 for an unknown AD connector
   * @example
   * await management.org.startSync({ providerType: 'dingtalk' }).catch((e: unknown) => console.log(e));
   */
  startSync(options: StartSyncOptions, requestOptions?: RequestOptions): Promise<true> {
    return access.startSync(this.#context, options, requestOptions);
  }
}
