/**
 * What every management sub-client shares, and the two checks applied to GraphQL answers whose
 * fields the schema makes nullable.
 */
import { SDK_ERROR_CODE, toAuthingError } from '../core/errors.js';
import type { Transport } from '../core/transport.js';
import type { paths } from '../generated/openapi.js';
import type { PasswordEncryptor } from './public-key.js';

/** The state one ManagementClient hands to its sub-clients. */
export interface ClientContext {
  readonly transport: Transport<paths>;
  readonly userPoolId: string;
  readonly passwords: PasswordEncryptor;
}

/** Authing's "user does not exist"; the other entities have no documented code, so 404 is used. */
const NOT_FOUND_CODE = { user: 2004, role: 404, group: 404, node: 404 } as const;

/**
 * The entity a nested query was asked about (`user(id) { roles }`): the schema answers null for
 * an unknown id, which the SDK reports as an error, as the official SDKs do.
 * @param value - the root field's value
 * @param kind - what was looked up
 * @param id - its id or code, for the message
 * @returns the value
 * @throws {@link AuthingApiError} when it is null
 */
export function found<T>(value: T | null | undefined, kind: keyof typeof NOT_FOUND_CODE, id: string): T {
  if (value === null || value === undefined) {
    throw toAuthingError({ kind: 'response', code: NOT_FOUND_CODE[kind], message: `The ${kind} "${id}" does not exist` });
  }
  return value;
}

/**
 * A field the server must answer (a listing of an existing entity): null means the answer is not
 * Authing's shape.
 * @param value - the field's value
 * @param field - its name, for the message
 * @returns the value
 * @throws {@link AuthingApiError} (code {@link SDK_ERROR_CODE.connection}) when it is null
 */
export function answered<T>(value: T | null | undefined, field: string): T {
  if (value === null || value === undefined) {
    throw toAuthingError({ kind: 'response', code: SDK_ERROR_CODE.connection, message: `The server returned no ${field}` });
  }
  return value;
}
