/**
 * Stands in for the `graphql` package inside the bundled graphql-request (see tsup.config.ts).
 * graphql-request imports `parse` and `print` to handle AST documents and to find operation
 * names; authing-ts sends every document as a string with `excludeOperationName`, so neither
 * runs, and bundling graphql's parser and printer (about 45 KB minified) would only weigh on
 * every app. `Kind` is the one value graphql-request reads.
 */

/** The AST kind graphql-request compares against when it looks for operation definitions. */
export const Kind = { OPERATION_DEFINITION: 'OperationDefinition' } as const;

/**
 * Never called by authing-ts (documents are strings).
 * @throws {Error} always: a call would mean a code path authing-ts does not use
 */
export function parse(): never {
  throw new Error('authing-ts sends GraphQL documents as strings; graphql.parse is not bundled');
}

/**
 * Never called by authing-ts (documents are strings).
 * @throws {Error} always: a call would mean a code path authing-ts does not use
 */
export function print(): never {
  throw new Error('authing-ts sends GraphQL documents as strings; graphql.print is not bundled');
}
