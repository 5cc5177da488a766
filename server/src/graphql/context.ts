import type { RequestContext } from '../context.js';

/** What every resolver receives as its context. */
export interface GraphQLContext {
  rc: RequestContext;
}
