/** The object arguments of `managementClient.org`. */
import type { IterateOptions } from '../../core/paginate.js';

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

/** The optional fields of a node in the Python SDK's `addNode(orgId, name, parentNodeId, options)` form. */
export type NewNodeOptions = Omit<NewNode, 'name'>;

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

/** {@link OrgClient.iterateMembers}: the page size, per-call options, and whether descendants' members count. */
export interface IterateMembersOptions extends IterateOptions {
  /** Include members of every descendant node (each user once). */
  includeChildrenNodes?: boolean;
}

/** Who moves where ({@link OrgClient.moveMembers}). */
export interface MoveMembersOptions {
  userIds: string[];
  sourceNodeId: string;
  targetNodeId: string;
}

/** The directory {@link OrgClient.startSync} synchronizes from; `adConnectorId` is required for `ad`. */
export interface StartSyncOptions {
  providerType: 'dingtalk' | 'wechatwork' | 'ad';
  adConnectorId?: string;
}
