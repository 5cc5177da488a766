/** `managementClient.policies`: policies (PBAC statements of ALLOW / DENY) and their assignments. */
import { toAuthingError } from '../core/errors.js';
import type { RequestOptions } from '../core/options.js';
import {
  CreatePolicyDocument,
  DeletePoliciesDocument,
  DeletePolicyDocument,
  PoliciesDocument,
  PolicyDocument,
  UpdatePolicyDocument,
} from '../generated/graphql.js';
import type { ClientContext } from './context.js';
import { addAssignments, disableAssignment, enableAssignment, listAssignments, removeAssignments } from './policy-assignments.js';
import type {
  CommonMessage,
  Paginated,
  PermissionPolicy,
  PermissionPolicyStatementInput,
  PolicyAssignment,
  PolicyAssignmentTargetType,
} from './types.js';
import { requireId, requireIds } from './validate.js';

/** A new policy for {@link PoliciesClient.create}. */
export interface NewPolicy {
  /** Unique in the namespace. */
  code: string;
  statements: PermissionPolicyStatementInput[];
  description?: string;
  /** Namespace code; default `default`. */
  namespace?: string;
}

/** Changes for {@link PoliciesClient.update}. */
export interface PolicyUpdates {
  statements?: PermissionPolicyStatementInput[];
  description?: string;
  /** A new code for the policy. */
  newCode?: string;
  /** Namespace code; default `default`. */
  namespace?: string;
}

/** Options of {@link PoliciesClient.list}. */
export interface PolicyListOptions {
  page?: number;
  limit?: number;
  /** Namespace code; default `default`. */
  namespace?: string;
  /** Leave built-in policies out; default true. */
  excludeDefault?: boolean;
}

/** Options of {@link PoliciesClient.listAssignments}. */
export interface PolicyAssignmentListOptions {
  /** Code of the policy. */
  code: string;
  namespace?: string;
  page?: number;
  limit?: number;
}

function checkStatements(statements: unknown): void {
  if (!Array.isArray(statements) || statements.length === 0) {
    throw toAuthingError({ kind: 'validation', argument: 'statements', message: 'statements must be a non-empty array of statements' });
  }
}

/** Policy management. Get it from `managementClient.policies`. */
export class PoliciesClient {
  readonly #context: ClientContext;

  private constructor(context: ClientContext) {
    this.#context = context;
  }

  /** @internal Built by {@link ManagementClient} only: the context is the SDK's, not part of the API. */
  static fromContext(context: ClientContext): PoliciesClient {
    return new PoliciesClient(context);
  }

  /**
   * Creates a policy.
   * @param policy - code, statements, description, namespace
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the new policy (statements echoed with `condition: []` when none was given)
   * @throws {@link AuthingError} 3602 when the namespace already has the code
   * @example
   * const policy = await management.policies.create({
   *   code: 'books-readonly',
   *   statements: [{ resource: 'books:*', actions: ['books:read'], effect: 'ALLOW' }],
   * });
   */
  async create(policy: NewPolicy, requestOptions?: RequestOptions): Promise<PermissionPolicy> {
    requireId('code', policy.code);
    checkStatements(policy.statements);
    const { code, statements, description, namespace } = policy;
    return (await this.#context.transport.graphql(CreatePolicyDocument, { code, statements, description, namespace }, requestOptions)).createPolicy;
  }

  /**
   * Deletes a policy with its assignments.
   * @param code - policy code
   * @param namespace - namespace code; default `default`
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError} 3601 when there is no such policy
   * @example
   * await management.policies.delete('books-readonly');
   */
  async delete(code: string, namespace?: string, requestOptions?: RequestOptions): Promise<CommonMessage> {
    requireId('code', code);
    return (await this.#context.transport.graphql(DeletePolicyDocument, { code, namespace }, requestOptions)).deletePolicy;
  }

  /**
   * Deletes policies with their assignments, all or none.
   * @param codeList - policy codes
   * @param namespace - namespace code; default `default`
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError} 3601 when any code is unknown (nothing is deleted)
   * @example
   * await management.policies.deleteMany(['books-readonly', 'books-editor']);
   */
  async deleteMany(codeList: string[], namespace?: string, requestOptions?: RequestOptions): Promise<CommonMessage> {
    requireIds('codeList', codeList);
    return (await this.#context.transport.graphql(DeletePoliciesDocument, { codeList, namespace }, requestOptions)).deletePolicies;
  }

  /**
   * Updates a policy's statements, description and/or code.
   * @param code - current policy code
   * @param updates - statements, description, newCode, namespace
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the updated policy
   * @throws {@link AuthingError} 3601 unknown, 3602 newCode taken, 3603 built-in policy
   * @example
   * const policy = await management.policies.update('books-readonly', { description: 'Read books' });
   */
  async update(code: string, updates: PolicyUpdates, requestOptions?: RequestOptions): Promise<PermissionPolicy> {
    requireId('code', code);
    if (updates.statements !== undefined) checkStatements(updates.statements);
    if (updates.newCode !== undefined) requireId('newCode', updates.newCode);
    const { statements, description, newCode, namespace } = updates;
    return (await this.#context.transport.graphql(UpdatePolicyDocument, { code, statements, description, newCode, namespace }, requestOptions)).updatePolicy;
  }

  /**
   * One policy.
   * @param code - policy code
   * @param namespace - namespace code; default `default`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the policy, or null when there is none
   * @example
   * const policy = await management.policies.detail('books-readonly');
   */
  async detail(code: string, namespace?: string, requestOptions?: RequestOptions): Promise<PermissionPolicy | null> {
    requireId('code', code);
    return (await this.#context.transport.graphql(PolicyDocument, { code, namespace }, requestOptions)).policy;
  }

  /**
   * A page of the namespace's policies, oldest first.
   * @param options - page (default 1), limit (default 10), namespace, excludeDefault (default true)
   * @param requestOptions - per-call signal, timeout, headers
   * @example
   * const { totalCount, list } = await management.policies.list({ page: 1, limit: 20 });
   */
  async list(options: PolicyListOptions = {}, requestOptions?: RequestOptions): Promise<Paginated<PermissionPolicy>> {
    const { page = 1, limit = 10, namespace, excludeDefault } = options;
    return (await this.#context.transport.graphql(PoliciesDocument, { page, limit, namespace, excludeDefault }, requestOptions)).policies;
  }

  /**
   * A page of one policy's assignments.
   * @param options - code, namespace, page (default 1), limit (default 10)
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError} 3601 when there is no such policy
   * @example
   * const { list } = await management.policies.listAssignments({ code: 'books-readonly' });
   */
  async listAssignments(options: PolicyAssignmentListOptions, requestOptions?: RequestOptions): Promise<Paginated<PolicyAssignment>> {
    requireId('code', options.code);
    const { code, namespace, page = 1, limit = 10 } = options;
    return listAssignments(this.#context, { code, namespace }, page, limit, requestOptions);
  }

  /**
   * Assigns every policy to every target.
   * @param policies - policy codes
   * @param targetType - USER, ROLE, GROUP or ORG
   * @param targetIdentifiers - user ids, role codes, group codes or node ids
   * @param options - inheritByChildren (ORG targets), namespace
   * @param requestOptions - per-call signal, timeout, headers
   * @example
   * await management.policies.addAssignments(['books-readonly'], 'ROLE', ['reader']);
   */
  async addAssignments(
    policies: string[],
    targetType: PolicyAssignmentTargetType,
    targetIdentifiers: string[],
    options: { inheritByChildren?: boolean; namespace?: string } = {},
    requestOptions?: RequestOptions,
  ): Promise<CommonMessage> {
    const { inheritByChildren, namespace } = options;
    return addAssignments(this.#context, { policies, targetType, targetIdentifiers, inheritByChildren, namespace }, requestOptions);
  }

  /**
   * Removes the assignments of every policy from every target.
   * @param policies - policy codes
   * @param targetType - USER, ROLE, GROUP or ORG
   * @param targetIdentifiers - user ids, role codes, group codes or node ids
   * @param namespace - namespace code; default `default`
   * @param requestOptions - per-call signal, timeout, headers
   * @example
   * await management.policies.removeAssignments(['books-readonly'], 'ROLE', ['reader']);
   */
  async removeAssignments(
    policies: string[],
    targetType: PolicyAssignmentTargetType,
    targetIdentifiers: string[],
    namespace?: string,
    requestOptions?: RequestOptions,
  ): Promise<CommonMessage> {
    return removeAssignments(this.#context, { policies, targetType, targetIdentifiers, namespace }, requestOptions);
  }

  /**
   * Turns a disabled assignment back on.
   * @param policy - policy code
   * @param targetType - USER, ROLE, GROUP or ORG
   * @param targetIdentifier - user id, role code, group code or node id
   * @param namespace - namespace code; default `default`
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError} 3604 when the policy is not assigned to the target
   * @example
   * await management.policies.enableAssignment('books-readonly', 'ROLE', 'reader');
   */
  async enableAssignment(
    policy: string,
    targetType: PolicyAssignmentTargetType,
    targetIdentifier: string,
    namespace?: string,
    requestOptions?: RequestOptions,
  ): Promise<CommonMessage> {
    return enableAssignment(this.#context, { policy, targetType, targetIdentifier, namespace }, requestOptions);
  }

  /**
   * Turns an assignment off without removing it: it no longer applies to permission checks.
   * @param policy - policy code
   * @param targetType - USER, ROLE, GROUP or ORG
   * @param targetIdentifier - user id, role code, group code or node id
   * @param namespace - namespace code; default `default`
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError} 3604 when the policy is not assigned to the target
   * @example
   * await management.policies.disableAssignment('books-readonly', 'ROLE', 'reader');
   */
  async disableAssignment(
    policy: string,
    targetType: PolicyAssignmentTargetType,
    targetIdentifier: string,
    namespace?: string,
    requestOptions?: RequestOptions,
  ): Promise<CommonMessage> {
    return disableAssignment(this.#context, { policy, targetType, targetIdentifier, namespace }, requestOptions);
  }
}
