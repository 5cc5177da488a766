/**
 * Hostile requests generated from the schemas (model.ts): for a root GraphQL field
 * (graphql-requests.ts) or a REST operation (rest-requests.ts), documents, variables, paths,
 * queries and bodies with wrong types, huge strings, deep nesting, many aliases, unknown fields,
 * broken UTF-8 and percent escapes, injection strings, oversized bodies, wrong content types and
 * bad methods. The randomness is fast-check's (`fc.gen()`), so one seed replays a whole run.
 */
import fc from 'fast-check';
import { graphqlRequest } from './graphql-requests.js';
import { restOperations, rootFields, type RestOperation, type RootField } from './model.js';
import { restRequest } from './rest-requests.js';
import { Rand, type HostileRequest, type Known } from './values.js';

export type { HostileRequest, Known } from './values.js';

/** A request on any root field or REST operation, GraphQL and REST alike by their number. */
export function anyRequest(r: Rand, known: Known): HostileRequest {
  r.strict = r.chance(0.5);
  const targets = rootFields.length + restOperations.length;
  const i = r.int(0, targets - 1);
  return i < rootFields.length ? graphqlRequest(r, known, rootFields[i] as RootField) : restRequest(r, known, restOperations[i - rootFields.length] as RestOperation);
}

/** Requests for one batch of a seeded run: the same seed and batch number always give the same requests. */
export function batch(seed: number, index: number, size: number, known: Known, make: (r: Rand, known: Known) => HostileRequest = anyRequest): HostileRequest[] {
  return fc.sample(fc.gen(), { seed: (seed + index * 7919) | 0, numRuns: size }).map((g) => make(new Rand(g), known));
}
