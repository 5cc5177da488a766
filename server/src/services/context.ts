import type { Kysely } from 'kysely';
import type { Store } from '../storage/store.js';
import type { Database } from '../storage/tables.js';

/** What every service function runs against: the store and the user pool of the caller. */
export interface ServiceContext {
  store: Store;
  poolId: string;
}

/** A connection or a transaction (a `Transaction` is a `Kysely`): read helpers take either. */
export type Db = Kysely<Database>;
