/** `managementClient.acl`, part 2: programmatic access accounts (AK/SK) of applications. */
import type { RequestOptions } from '../core/options.js';
import { AclNamespaces } from './acl-namespaces.js';
import type { ClientContext } from './context.js';
import type { Paginated, ProgrammaticAccessAccount } from './types.js';
import { requireId } from './validate.js';

/** Settings of a new account ({@link AclProgrammatic.createProgrammaticAccessAccount}). */
export interface NewProgrammaticAccessAccount {
  /** Access token lifetime in seconds. Default 600. */
  tokenLifetime?: number;
  remarks?: string;
}

const ACCOUNTS = '/api/v2/applications/programmatic-access-accounts';

/** Programmatic access account methods of {@link AclClient}. */
export class AclProgrammatic extends AclNamespaces {
  readonly #context: ClientContext;

  /** @param context - shared by the ManagementClient's sub-clients */
  constructor(context: ClientContext) {
    super(context);
    this.#context = context;
  }

  /**
   * Lists an application's programmatic access accounts.
   * @param appId - application id
   * @param page - page number, from 1
   * @param limit - page size
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }`
   * @throws {@link AuthingError}
   */
  async programmaticAccessAccountList(appId: string, page = 1, limit = 10, requestOptions?: RequestOptions): Promise<Paginated<ProgrammaticAccessAccount>> {
    requireId('appId', appId);
    const params = { path: { appId }, query: { page, limit } };
    return this.#context.transport.rest.GET('/api/v2/applications/{appId}/programmatic-access-accounts', { params }, requestOptions);
  }

  /**
   * Creates a programmatic access account (the account id is the access key, `secret` the secret key).
   * @param appId - application id
   * @param options - tokenLifetime (default 600 s), remarks
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the new, enabled account
   * @throws {@link AuthingError}
   * @example
   * const { id, secret } = await management.acl.createProgrammaticAccessAccount(appId, { remarks: 'CI' });
   */
  async createProgrammaticAccessAccount(
    appId: string,
    options: NewProgrammaticAccessAccount = {},
    requestOptions?: RequestOptions,
  ): Promise<ProgrammaticAccessAccount> {
    requireId('appId', appId);
    const { tokenLifetime = 600, remarks } = options;
    const init = { params: { path: { appId } }, body: { tokenLifetime, remarks } };
    return this.#context.transport.rest.POST('/api/v2/applications/{appId}/programmatic-access-accounts', init, requestOptions);
  }

  /**
   * Enables an account.
   * @param id - account id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the account (`enabled: true`)
   * @throws {@link AuthingError}
   */
  async enableProgrammaticAccessAccount(id: string, requestOptions?: RequestOptions): Promise<ProgrammaticAccessAccount> {
    requireId('id', id);
    return this.#context.transport.rest.PATCH(ACCOUNTS, { body: { id, enabled: true } }, requestOptions);
  }

  /**
   * Disables an account; it can no longer obtain tokens.
   * @param id - account id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the account (`enabled: false`)
   * @throws {@link AuthingError}
   */
  async disableProgrammaticAccessAccount(id: string, requestOptions?: RequestOptions): Promise<ProgrammaticAccessAccount> {
    requireId('id', id);
    return this.#context.transport.rest.PATCH(ACCOUNTS, { body: { id, enabled: false } }, requestOptions);
  }

  /**
   * Deletes an account.
   * @param id - account id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true
   * @throws {@link AuthingError}
   */
  async deleteProgrammaticAccessAccount(id: string, requestOptions?: RequestOptions): Promise<boolean> {
    requireId('id', id);
    return this.#context.transport.rest.DELETE(ACCOUNTS, { params: { query: { id } } }, requestOptions);
  }

  /**
   * Replaces an account's secret key.
   * @param id - account id
   * @param secret - the new secret; without it the server generates one
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the account with its new `secret`
   * @throws {@link AuthingError}
   */
  async refreshProgrammaticAccessAccountSecret(id: string, secret?: string, requestOptions?: RequestOptions): Promise<ProgrammaticAccessAccount> {
    requireId('id', id);
    if (secret !== undefined) requireId('secret', secret);
    const body = secret === undefined ? { id } : { id, secret };
    return this.#context.transport.rest.PATCH(ACCOUNTS, { body }, requestOptions);
  }
}
