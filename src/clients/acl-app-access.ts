/** `managementClient.acl`, part 3: who may log in to an application (access policies). */
import type { RequestOptions } from '../core/options.js';
import { AclProgrammatic } from './acl-programmatic.js';
import type { ClientContext } from './context.js';
import type { Application, ApplicationAccessRecord, ApplicationAccessTargetType, DefaultStrategy, Paginated } from './types.js';
import { checkDefaultStrategy, checkTargetType, requireId, requireIds } from './validate.js';

/** Targets whose access records of an application are added, removed, enabled or disabled. */
export interface ApplicationAccessPolicy {
  appId: string;
  targetType: ApplicationAccessTargetType;
  /** User ids, role codes, group codes or node ids, by `targetType`. */
  targetIdentifiers: string[];
  /** Namespace of role targets (default `default`). */
  namespace?: string;
  /** For ORG targets: whether members of child nodes are covered too. */
  inheritByChildren?: boolean;
}

type AccessAction = 'enable-effect' | 'disable-effect' | 'revoke' | 'allow' | 'deny';

/** Application access policy methods of {@link AclClient}. */
export class AclAppAccess extends AclProgrammatic {
  readonly #context: ClientContext;

  /** @param context - shared by the ManagementClient's sub-clients */
  constructor(context: ClientContext) {
    super(context);
    this.#context = context;
  }

  /**
   * Lists an application's access records (allow/deny per target).
   * @param options - appId, page (default 1), limit (default 10)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`
   * @throws {@link AuthingError}
   */
  async getApplicationAccessPolicies(
    options: { appId: string; page?: number; limit?: number },
    requestOptions?: RequestOptions,
  ): Promise<Paginated<ApplicationAccessRecord>> {
    const { appId, page = 1, limit = 10 } = options;
    requireId('appId', appId);
    const params = { path: { appId }, query: { page, limit } };
    return this.#context.transport.rest.GET('/api/v2/applications/{appId}/authorization/records', { params }, requestOptions);
  }

  /**
   * Enables the targets' access records.
   * @param policy - appId, targetType, targetIdentifiers, namespace, inheritByChildren
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true
   * @throws {@link AuthingError}
   */
  enableApplicationAccessPolicy(policy: ApplicationAccessPolicy, requestOptions?: RequestOptions): Promise<boolean> {
    return this.#change('enable-effect', policy, requestOptions);
  }

  /**
   * Disables the targets' access records (kept, but no longer applied).
   * @param policy - appId, targetType, targetIdentifiers, namespace, inheritByChildren
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true
   * @throws {@link AuthingError}
   */
  disableApplicationAccessPolicy(policy: ApplicationAccessPolicy, requestOptions?: RequestOptions): Promise<boolean> {
    return this.#change('disable-effect', policy, requestOptions);
  }

  /**
   * Deletes the targets' access records.
   * @param policy - appId, targetType, targetIdentifiers, namespace, inheritByChildren
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true
   * @throws {@link AuthingError}
   */
  deleteApplicationAccessPolicy(policy: ApplicationAccessPolicy, requestOptions?: RequestOptions): Promise<boolean> {
    return this.#change('revoke', policy, requestOptions);
  }

  /**
   * Adds allow records: the targets may log in to the application, whatever the default strategy.
   * @param policy - appId, targetType, targetIdentifiers, namespace, inheritByChildren
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true
   * @throws {@link AuthingError}
   * @example
   * await management.acl.allowAccessApplication({ appId, targetType: 'USER', targetIdentifiers: [userId] });
   */
  allowAccessApplication(policy: ApplicationAccessPolicy, requestOptions?: RequestOptions): Promise<boolean> {
    return this.#change('allow', policy, requestOptions);
  }

  /**
   * Adds deny records: the targets may not log in to the application (a deny beats an allow).
   * @param policy - appId, targetType, targetIdentifiers, namespace, inheritByChildren
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true
   * @throws {@link AuthingError}
   */
  denyAccessApplication(policy: ApplicationAccessPolicy, requestOptions?: RequestOptions): Promise<boolean> {
    return this.#change('deny', policy, requestOptions);
  }

  /**
   * Sets what happens to users no access record matches.
   * @param options - appId and defaultStrategy (ALLOW_ALL or DENY_ALL)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the application with its `permissionStrategy`
   * @throws {@link AuthingError}
   */
  async updateDefaultApplicationAccessPolicy(
    options: { appId: string; defaultStrategy: DefaultStrategy },
    requestOptions?: RequestOptions,
  ): Promise<Application> {
    const { appId, defaultStrategy } = options;
    requireId('appId', appId);
    checkDefaultStrategy('defaultStrategy', defaultStrategy);
    const init = { params: { path: { appId } }, body: { permissionStrategy: { defaultStrategy } } };
    return this.#context.transport.rest.POST('/api/v2/applications/{appId}', init, requestOptions);
  }

  async #change(action: AccessAction, policy: ApplicationAccessPolicy, requestOptions: RequestOptions | undefined): Promise<boolean> {
    const { appId, targetType, targetIdentifiers, namespace, inheritByChildren } = policy;
    requireId('appId', appId);
    checkTargetType('targetType', targetType, false);
    requireIds('targetIdentifiers', targetIdentifiers);
    const init = { params: { path: { appId } }, body: { targetType, targetIdentifiers, namespace, inheritByChildren } };
    return this.#context.transport.rest.POST(`/api/v2/applications/{appId}/authorization/${action}`, init, requestOptions);
  }
}
