/** Organizations and their nodes (departments). */
import type { Paginated } from './common.js';
import type { User } from './users.js';

/** A node (department) of an organization. */
export interface OrgNode {
  id: string;
  /** Id of the organization. */
  orgId: string | null;
  name: string;
  /** Localized names: JSON object keyed by i18n language code. */
  nameI18n: string | null;
  description: string | null;
  /** Localized descriptions: JSON object keyed by i18n language code. */
  descriptionI18n: string | null;
  /** Position among its siblings; larger values sort first. Range [0, 2^32). */
  order: number | null;
  /** Code, searchable. */
  code: string | null;
  /** Whether this is the root node. */
  root: boolean | null;
  /** Depth below the root (or below the queried node for child listings). */
  depth: number | null;
  /** Ids of the nodes from the root down to this node. */
  path: string[];
  /** Codes of the nodes from the root down to this node. */
  codePath: (string | null)[];
  /** Names of the nodes from the root down to this node. */
  namePath: string[];
  createdAt: string | null;
  updatedAt: string | null;
  /** Ids of the direct child nodes. */
  children: string[] | null;
  /** Whether the node is a virtual node. */
  isVirtualNode: boolean | null;
}

/** An organization: a tree of nodes. */
export interface Org {
  id: string;
  /** Tenant the organization belongs to, if any. */
  tenantId: string | null;
  /** The root node. */
  rootNode: OrgNode;
  /** Every node of the organization, the root included. */
  nodes: OrgNode[];
}

/** A node with a page of its members (`org.listMembers`, `org.addMembers`, `org.removeMembers`). */
export interface NodeWithMembers extends OrgNode {
  /** Members of the node, optionally including members of every descendant node. */
  users: Paginated<User>;
}

/** A node with its number of members (`org.updateNode`). */
export interface NodeWithMemberCount extends OrgNode {
  /** Members of the node: their number only. */
  users: { totalCount: number };
}

/** One node of an exported organization (`org.exportAll`, `org.exportByOrgId`), its subtree nested in `children`. */
export interface OrgTreeNode {
  id: string;
  orgId: string;
  userPoolId: string;
  name: string;
  nameI18n: string | null;
  code: string | null;
  description: string | null;
  descriptionI18n: string | null;
  order: number | null;
  /** Ids of the node's direct members, in joining order. */
  members: string[];
  children: OrgTreeNode[];
  createdAt: string;
  updatedAt: string;
}

/**
 * A tree to import (`org.importByJson`): the top node becomes the root of a new organization,
 * `children` nest. Keys beyond these (an export's ids, for instance) are ignored, so an exported
 * tree imports as a copy. (A type rather than an interface, so that it is a JSON object body.)
 */
export type OrgImportNode = {
  name: string;
  /** Unique within the tree. */
  code?: string | null;
  description?: string | null;
  nameI18n?: string | null;
  descriptionI18n?: string | null;
  /** Position among its siblings; larger values sort first. */
  order?: number | null;
  /** Ids of users of the pool to add as members. */
  members?: string[] | null;
  children?: OrgImportNode[] | null;
};
