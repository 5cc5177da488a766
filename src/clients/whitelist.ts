/** `managementClient.whitelist`: the registration whitelist. */
import { toAuthingError } from '../core/errors.js';
import type { RequestOptions } from '../core/options.js';
import { AddWhitelistDocument, RemoveWhitelistDocument, UpdateUserpoolDocument, WhitelistDocument } from '../generated/graphql.js';
import type { ClientContext } from './context.js';
import type { UserPoolWhitelistConfig, WhiteList, WhitelistType } from './types.js';

const FLAGS: Record<WhitelistType, keyof UserPoolWhitelistConfig> = {
  USERNAME: 'usernameEnabled',
  EMAIL: 'emailEnabled',
  PHONE: 'phoneEnabled',
};

function checkType(type: unknown): asserts type is WhitelistType {
  if (typeof type !== 'string' || !(type in FLAGS)) {
    throw toAuthingError({ kind: 'validation', argument: 'type', message: 'type must be one of USERNAME, EMAIL, PHONE' });
  }
}

function checkList(list: unknown): asserts list is string[] {
  if (!Array.isArray(list) || list.some((v) => typeof v !== 'string' || v.trim() === '')) {
    throw toAuthingError({ kind: 'validation', argument: 'list', message: 'list must be an array of non-empty strings' });
  }
}

const present = (entries: (WhiteList | null)[]): WhiteList[] => entries.filter((e): e is WhiteList => e !== null);

/**
 * The registration whitelist: one list per type (USERNAME, EMAIL, PHONE). While a type's list is
 * enabled, registering with an identifier of that type that is not on it is refused (code 2040);
 * administrators creating users are not limited. Emails are compared in lower case. Get it from
 * `managementClient.whitelist`.
 */
export class WhitelistClient {
  readonly #context: ClientContext;

  private constructor(context: ClientContext) {
    this.#context = context;
  }

  /** @internal Built by {@link ManagementClient} only: the context is the SDK's, not part of the API. */
  static fromContext(context: ClientContext): WhitelistClient {
    return new WhitelistClient(context);
  }

  /**
   * The entries of one list.
   * @param type - USERNAME, EMAIL or PHONE
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the entries, oldest first
   * @throws {@link AuthingError}
   * @example
   * const emails = await management.whitelist.list('EMAIL');
   * console.log(emails.map((entry) => entry.value));
   */
  async list(type: WhitelistType, requestOptions?: RequestOptions): Promise<WhiteList[]> {
    checkType(type);
    return (await this.#context.transport.graphql(WhitelistDocument, { type }, requestOptions)).whitelist;
  }

  /**
   * Adds values to a list; a value already on it keeps its entry.
   * @param type - USERNAME, EMAIL or PHONE
   * @param list - the values
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the entries of the values given
   * @throws {@link AuthingValidationError} for an empty value; {@link AuthingError}
   * @example
   * await management.whitelist.add('EMAIL', ['alice@example.com', 'bob@example.com']);
   */
  async add(type: WhitelistType, list: string[], requestOptions?: RequestOptions): Promise<WhiteList[]> {
    checkType(type);
    checkList(list);
    return present((await this.#context.transport.graphql(AddWhitelistDocument, { type, list }, requestOptions)).addWhitelist);
  }

  /**
   * Removes values from a list.
   * @param type - USERNAME, EMAIL or PHONE
   * @param list - the values
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the entries removed (values not on the list are skipped)
   * @throws {@link AuthingValidationError} for an empty value; {@link AuthingError}
   * @example
   * await management.whitelist.remove('EMAIL', ['bob@example.com']);
   */
  async remove(type: WhitelistType, list: string[], requestOptions?: RequestOptions): Promise<WhiteList[]> {
    checkType(type);
    checkList(list);
    return present((await this.#context.transport.graphql(RemoveWhitelistDocument, { type, list }, requestOptions)).removeWhitelist);
  }

  /**
   * Starts enforcing one list (`updateUserpool` with `whitelist.<type>Enabled: true`).
   * @param type - USERNAME, EMAIL or PHONE
   * @param requestOptions - per-call signal, timeout, headers
   * @returns which lists are enforced now
   * @throws {@link AuthingError}
   * @example
   * await management.whitelist.enable('EMAIL');
   * await management.whitelist.add('EMAIL', ['alice@example.com']);
   */
  async enable(type: WhitelistType, requestOptions?: RequestOptions): Promise<UserPoolWhitelistConfig> {
    return this.#switch(type, true, requestOptions);
  }

  /**
   * Stops enforcing one list; its entries are kept.
   * @param type - USERNAME, EMAIL or PHONE
   * @param requestOptions - per-call signal, timeout, headers
   * @returns which lists are enforced now
   * @throws {@link AuthingError}
   * @example
   * const { emailEnabled } = await management.whitelist.disable('EMAIL');
   */
  async disable(type: WhitelistType, requestOptions?: RequestOptions): Promise<UserPoolWhitelistConfig> {
    return this.#switch(type, false, requestOptions);
  }

  async #switch(type: WhitelistType, enabled: boolean, requestOptions?: RequestOptions): Promise<UserPoolWhitelistConfig> {
    checkType(type);
    const input = { whitelist: { [FLAGS[type]]: enabled } };
    const pool = (await this.#context.transport.graphql(UpdateUserpoolDocument, { input }, requestOptions)).updateUserpool;
    return pool.whitelist ?? { phoneEnabled: false, emailEnabled: false, usernameEnabled: false };
  }
}
