/**
 * `managementClient.acl`, part 1: namespaces (权限分组) and resources (REST). The parts are
 * chained by inheritance (namespaces → programmatic accounts → app access → grants) into one
 * {@link AclClient}.
 */
import type { RequestOptions } from '../core/options.js';
import type { ClientContext } from './context.js';
import type { Namespace, Namespaces, Paginated, Resource, ResourceAction, ResourceType } from './types.js';
import { checkActions, checkResourceType, requireId } from './validate.js';

/** Changes for {@link AclNamespaces.updateNamespace}. */
export interface NamespaceUpdates {
  name?: string;
  /** A new code. */
  code?: string;
  description?: string;
}

/** Filters and paging of {@link AclNamespaces.listResources}. */
export interface ResourceListOptions {
  /** Namespace code. */
  namespace?: string;
  type?: ResourceType;
  page?: number;
  limit?: number;
}

/** A resource to create ({@link AclNamespaces.createResource}). */
export interface NewResource {
  code: string;
  /** Default DATA. */
  type?: ResourceType;
  description?: string;
  /** At least one, unless the type is MENU or BUTTON. */
  actions?: ResourceAction[];
  /** Namespace code. */
  namespace: string;
  /** URL of an API resource. */
  apiIdentifier?: string;
}

/** Changes for {@link AclNamespaces.updateResource}; `actions` replaces the whole list. */
export interface ResourceUpdates {
  /** Namespace code of the resource. */
  namespace: string;
  type?: ResourceType;
  description?: string;
  actions?: ResourceAction[];
  apiIdentifier?: string;
}

/** Namespace and resource methods of {@link AclClient}. */
export class AclNamespaces {
  readonly #context: ClientContext;

  /** @param context - shared by the ManagementClient's sub-clients */
  constructor(context: ClientContext) {
    this.#context = context;
  }

  /**
   * Creates a permission namespace.
   * @param code - namespace code, unique in the pool
   * @param name - display name
   * @param description - description
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the new namespace (numeric `id`)
   * @throws {@link AuthingError}
   * @example
   * const ns = await management.acl.createNamespace('library', 'Library');
   */
  async createNamespace(code: string, name: string, description?: string, requestOptions?: RequestOptions): Promise<Namespace> {
    requireId('code', code);
    requireId('name', name);
    const params = { path: { userPoolId: this.#context.userPoolId } };
    return this.#context.transport.rest.POST('/api/v2/resource-namespace/{userPoolId}', { params, body: { code, name, description } }, requestOptions);
  }

  /**
   * Lists the namespaces of the pool (the `default` one included).
   * @param page - page number, from 1
   * @param limit - page size
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ total, list }`
   * @throws {@link AuthingError}
   */
  async listNamespaces(page = 1, limit = 10, requestOptions?: RequestOptions): Promise<Namespaces> {
    const params = { path: { userPoolId: this.#context.userPoolId }, query: { page, limit } };
    return this.#context.transport.rest.GET('/api/v2/resource-namespace/{userPoolId}', { params }, requestOptions);
  }

  /**
   * Updates a namespace, addressed by its code.
   * @param code - current namespace code
   * @param updates - name, code, description
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the updated namespace
   * @throws {@link AuthingError} code 3005 when the namespace does not exist
   */
  async updateNamespace(code: string, updates: NamespaceUpdates, requestOptions?: RequestOptions): Promise<Namespace> {
    requireId('code', code);
    const params = { path: { userPoolId: this.#context.userPoolId, code } };
    const body = { name: updates.name, code: updates.code, description: updates.description };
    return this.#context.transport.rest.PUT('/api/v2/resource-namespace/{userPoolId}/code/{code}', { params, body }, requestOptions);
  }

  /**
   * Deletes a namespace with its roles, resources and grants.
   * @param code - namespace code
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true
   * @throws {@link AuthingError} code 3003 when the namespace does not exist
   */
  async deleteNamespace(code: string, requestOptions?: RequestOptions): Promise<boolean> {
    requireId('code', code);
    const params = { path: { userPoolId: this.#context.userPoolId, code } };
    return this.#context.transport.rest.DELETE('/api/v2/resource-namespace/{userPoolId}/code/{code}', { params }, requestOptions);
  }

  /**
   * Lists resources.
   * @param options - namespace, type, page (default 1), limit (default 10)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`
   * @throws {@link AuthingError}
   */
  async listResources(options: ResourceListOptions = {}, requestOptions?: RequestOptions): Promise<Paginated<Resource>> {
    const { namespace, type, page = 1, limit = 10 } = options;
    checkResourceType('type', type);
    const query = { namespace, type, page, limit };
    return this.#context.transport.rest.GET('/api/v2/resources', { params: { query } }, requestOptions);
  }

  /**
   * Creates a resource.
   * @param resource - code, namespace, actions `[{ name, description }]`, type, description, apiIdentifier
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the new resource
   * @throws {@link AuthingError} {@link AuthingValidationError} for a missing code or namespace, a bad type or actions
   * @example
   * await management.acl.createResource({ namespace: 'library', code: 'books', actions: [{ name: 'books:read', description: 'Read' }] });
   */
  async createResource(resource: NewResource, requestOptions?: RequestOptions): Promise<Resource> {
    const { code, type, description, actions, namespace, apiIdentifier } = resource;
    requireId('code', code);
    requireId('namespace', namespace);
    checkResourceType('type', type);
    checkActions('actions', actions, type, true);
    const body = { code, type, description, actions: actions ?? [], namespace, apiIdentifier };
    return this.#context.transport.rest.POST('/api/v2/resources', { body }, requestOptions);
  }

  /**
   * Updates a resource (`POST /api/v2/resources/{code}`); `actions` replaces the whole list.
   * @param code - resource code
   * @param updates - namespace (required), type, description, actions, apiIdentifier
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the updated resource
   * @throws {@link AuthingError}
   */
  async updateResource(code: string, updates: ResourceUpdates, requestOptions?: RequestOptions): Promise<Resource> {
    const { namespace, type, description, actions, apiIdentifier } = updates;
    requireId('code', code);
    requireId('namespace', namespace);
    checkResourceType('type', type);
    checkActions('actions', actions, type, false);
    const body = { namespace, type, description, actions, apiIdentifier };
    return this.#context.transport.rest.POST('/api/v2/resources/{code}', { params: { path: { code } }, body }, requestOptions);
  }

  /**
   * Deletes a resource and every grant on it.
   * @param code - resource code
   * @param namespace - namespace code
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true
   * @throws {@link AuthingError}
   */
  async deleteResource(code: string, namespace: string, requestOptions?: RequestOptions): Promise<boolean> {
    requireId('code', code);
    requireId('namespace', namespace);
    const params = { path: { code }, query: { namespace } };
    return this.#context.transport.rest.DELETE('/api/v2/resources/{code}', { params }, requestOptions);
  }

  /**
   * A resource by id.
   * @param id - resource id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the resource, or null when there is none
   * @throws {@link AuthingError}
   */
  async getResourceById(id: string, requestOptions?: RequestOptions): Promise<Resource | null> {
    requireId('id', id);
    return (await this.#context.transport.rest.GET('/api/v2/resources/detail', { params: { query: { id } } }, requestOptions)) ?? null;
  }

  /**
   * A resource by namespace and code.
   * @param lookup - namespace code and resource code
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the resource, or null when there is none
   * @throws {@link AuthingError}
   */
  async getResourceByCode(lookup: { namespace: string; code: string }, requestOptions?: RequestOptions): Promise<Resource | null> {
    const { namespace, code } = lookup;
    requireId('namespace', namespace);
    requireId('code', code);
    const query = { namespace, code };
    return (await this.#context.transport.rest.GET('/api/v2/resources/detail', { params: { query } }, requestOptions)) ?? null;
  }
}
