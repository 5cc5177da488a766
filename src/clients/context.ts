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

/**
 * Codes for "does not exist": Authing's 2004 for users; for the others authing-local's codes
 * (`server/src/services/errors.ts`), as Authing documents none.
 */
const NOT_FOUND = {
  user: { code: 2004, label: 'User' },
  role: { code: 3202, label: 'Role' },
  group: { code: 3302, label: 'Group' },
  node: { code: 3402, label: 'Organization node' },
} as const;

/**
 * The entity a nested query was asked about (`user(id) { roles }`): the schema answers null for
 * an unknown id, which the SDK reports as an error, as the official SDKs do.
 * @param value - the root field's value
 * @param kind - what was looked up
 * @param id - its id or code, for the message
 * @returns the value
 * @throws {@link AuthingApiError} when it is null
 */
export function found<T>(value: T | null | undefined, kind: keyof typeof NOT_FOUND, id: string): T {
  if (value === null || value === undefined) {
    const { code, label } = NOT_FOUND[kind];
    throw toAuthingError({ kind: 'response', code, message: `${label} "${id}" does not exist` });
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
