/** `managementClient.udf`: user-defined fields of each target type, and the values entities hold. */
import type { RequestOptions } from '../core/options.js';
import { RemoveUdfDocument, SetUdfDocument, UdfDocument } from '../generated/graphql.js';
import type { ClientContext } from './context.js';
import * as customData from './custom-data.js';
import type { CommonMessage, CustomDataInput, CustomDataItem, UdfDataType, UdfTargetType, UserDefinedField } from './types.js';
import { checkUdfDataType, checkUdfTargetType, requireId } from './validate.js';

/**
 * User-defined fields ("udf") and their values. A field belongs to a target type (USER, ROLE,
 * GROUP, NODE) and every entity of that type may hold a value for it, typed by the field's
 * `dataType`. Get it from `managementClient.udf`.
 */
export class UdfClient {
  readonly #context: ClientContext;

  private constructor(context: ClientContext) {
    this.#context = context;
  }

  /** @internal Built by {@link ManagementClient} only: the context is the SDK's, not part of the API. */
  static fromContext(context: ClientContext): UdfClient {
    return new UdfClient(context);
  }

  /**
   * Creates the field `key` of a target type, or updates its label and type.
   * @param targetType - what the field belongs to, e.g. `'USER'`
   * @param key - field key, unique within the target type
   * @param dataType - STRING, NUMBER, DATETIME, BOOLEAN, OBJECT (or SELECT)
   * @param label - display label
   * @param options - field options as a JSON string (the choices of a SELECT field)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the field
   * @throws {@link AuthingError} e.g. code 3805 when a type change meets stored values
   * @example
   * const field = await management.udf.set('USER', 'school', 'STRING', 'School');
   */
  async set(targetType: UdfTargetType, key: string, dataType: UdfDataType, label: string, options?: string, requestOptions?: RequestOptions): Promise<UserDefinedField> {
    checkUdfTargetType('targetType', targetType);
    requireId('key', key);
    checkUdfDataType('dataType', dataType);
    requireId('label', label);
    return (await this.#context.transport.graphql(SetUdfDocument, { targetType, key, dataType, label, options }, requestOptions)).setUdf;
  }

  /**
   * Deletes a field and every value entities hold for it.
   * @param targetType - what the field belongs to
   * @param key - field key
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's `{ code, message }`
   * @throws {@link AuthingError} code 3802 when there is no such field
   * @example
   * await management.udf.remove('USER', 'school');
   */
  async remove(targetType: UdfTargetType, key: string, requestOptions?: RequestOptions): Promise<CommonMessage | null> {
    checkUdfTargetType('targetType', targetType);
    requireId('key', key);
    return (await this.#context.transport.graphql(RemoveUdfDocument, { targetType, key }, requestOptions)).removeUdf;
  }

  /**
   * The fields of a target type, in creation order.
   * @param targetType - what the fields belong to
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the fields
   * @throws {@link AuthingError}
   * @example
   * const fields = await management.udf.list('ROLE');
   */
  async list(targetType: UdfTargetType, requestOptions?: RequestOptions): Promise<UserDefinedField[]> {
    checkUdfTargetType('targetType', targetType);
    return (await this.#context.transport.graphql(UdfDocument, { targetType }, requestOptions)).udf;
  }

  /**
   * The values one entity holds, each decoded by its field's `dataType`.
   * @param targetType - the entity's type
   * @param targetId - user id, role id, group code or node id
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the values, in field order
   * @throws {@link AuthingError} e.g. code 2004 for an unknown user
   * @example
   * for (const item of await management.udf.listUdv('USER', userId)) {
   *   if (item.dataType === 'NUMBER') console.log(item.key, item.value.toFixed(2));
   * }
   */
  async listUdv(targetType: UdfTargetType, targetId: string, requestOptions?: RequestOptions): Promise<CustomDataItem[]> {
    return customData.listItems(this.#context, targetType, targetId, requestOptions);
  }

  /**
   * Sets several values of one entity (all or nothing); each value is JSON-encoded by the SDK.
   * @param targetType - the entity's type
   * @param targetId - user id, role id, group code or node id
   * @param udvList - `{ key, value }` items; a DATETIME value may be a `Date`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the entity's values after the write, decoded
   * @throws {@link AuthingError} code 3802 for an unknown key, 3803 for a value of the wrong type
   * @example
   * await management.udf.set('USER', 'age', 'NUMBER', 'Age');
   * await management.udf.setUdvBatch('USER', userId, [{ key: 'age', value: 18 }]);
   */
  async setUdvBatch(targetType: UdfTargetType, targetId: string, udvList: CustomDataInput[], requestOptions?: RequestOptions): Promise<CustomDataItem[]> {
    return customData.setItems(this.#context, targetType, targetId, udvList, requestOptions);
  }
}
