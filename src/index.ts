/**
 * authing-ts: a schema-first, typed SDK for the Authing identity service (v2 API). This entry
 * has everything; `authing-ts/management`, `authing-ts/authentication` and `authing-ts/errors`
 * each have one part, for smaller bundles.
 * @example
 * import { ManagementClient, AuthenticationClient, AuthingError } from 'authing-ts';
 */
export * from './management.js';
export * from './authentication.js';
