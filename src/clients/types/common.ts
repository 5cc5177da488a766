/** What every area shares: the answer of a write, a page, and the schema's string enums. */

// Plain string-literal unions: they hover as their values, so the generated ones are re-exported.
export type { EmailScene, Operator, PolicyAssignmentTargetType, ResourceType, SortByEnum, UdfDataType, UserStatus } from '../../generated/graphql.js';

/** The generic answer of a write that has nothing else to return. */
export interface CommonMessage {
  /** Business status code (not the HTTP status); the operation succeeded iff it is 200. */
  code: number | null;
  /** Human readable message; decide success by `code`, never by this text. */
  message: string | null;
}

/** A page of a listing. */
export interface Paginated<T> {
  /** Total number of matches, not just this page. */
  totalCount: number;
  list: T[];
}
