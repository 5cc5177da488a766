import { actionSetCovers, type ActionSet } from './action-set.js';
import { actionMatches } from './match.js';
import { conditionsHold } from './policy-conditions.js';
import type { PolicyStatementFact } from './types.js';
import { filterBit, isKindLevel, userHas, userMayHold, type SubjectIds, type SubjectIdSet } from './subject-ids.js';

export const ALLOW = 1;
export const DENY = 2;

/**
 * What one subject holds on one exact resource: a grant or statement bucket. Allow/deny actions are
 * compiled; policy statements with conditions are evaluated per check.
 */
export interface Bucket {
  /** The subject id holding it, set by the index. */
  sid: number;
  allow: ActionSet | null;
  deny: ActionSet | null;
  conditional?: readonly PolicyStatementFact[] | null;
}

/** What a bucket is asked: the action, and the user for conditions. */
export interface Ask {
  action: string;
  userId: string;
}

/** The bucket of subject `id` among a resource's holders. */
function holderOf<B extends Bucket>(holders: Holders<B>, id: number): B | undefined {
  return holders instanceof Map ? holders.get(id) : holders.sid === id ? holders : undefined;
}

/** ALLOW/DENY bits of one bucket for the ask. */
export function bits(b: Bucket, ask: Ask): number {
  let out = (b.allow && actionSetCovers(b.allow, ask.action) ? ALLOW : 0) | (b.deny && actionSetCovers(b.deny, ask.action) ? DENY : 0);
  if (b.conditional) {
    for (const s of b.conditional) {
      if (actionMatches(s.actions, ask.action) && conditionsHold(s.condition, ask.userId)) out |= s.effect === 'ALLOW' ? ALLOW : DENY;
    }
  }
  return out;
}

/** The holders of one resource: one bucket (most instances have one holder) or a map by subject id. */
type Holders<B> = B | Map<number, B>;

/**
 * Buckets by namespace → exact resource → subject id: resource first, so a check looks up the (at
 * most four) resources that can match the request and meets the user's subjects there, iterating
 * whichever side is smaller. The memory a check touches is bounded by the user's subjects and the
 * four resources, not by how many grants the pool holds.
 */
export class ResourceIndex<B extends Bucket> {
  readonly #byNamespace = new Map<number, Map<string, Holders<B>>>();

  constructor(readonly ids: SubjectIds) {}

  get(namespaceId: number, resource: string, key: string): B | undefined {
    const id = this.ids.peek(key);
    const holders = id === undefined ? undefined : this.#byNamespace.get(namespaceId)?.get(resource);
    return holders === undefined ? undefined : holderOf(holders, id!);
  }

  /** The subject's bucket on the resource, made by `make` and put there when it has none. */
  getOrMake(namespaceId: number, resource: string, key: string, make: () => B): B {
    let resources = this.#byNamespace.get(namespaceId);
    if (!resources) this.#byNamespace.set(namespaceId, (resources = new Map()));
    const holders = resources.get(resource);
    let id = this.ids.peek(key);
    const found = id === undefined || holders === undefined ? undefined : holderOf(holders, id);
    if (found) return found;
    const bucket = make();
    id = this.ids.acquire(key);
    bucket.sid = id;
    if (holders === undefined) resources.set(resource, bucket);
    else if (holders instanceof Map) holders.set(id, bucket);
    else resources.set(resource, new Map([[holders.sid, holders], [id, bucket]]));
    if (isKindLevel(resource)) this.ids.mark(id, filterBit(namespaceId, resource));
    return bucket;
  }

  /** Puts the subject's bucket on the resource (replacing the one it had there). */
  set(namespaceId: number, resource: string, key: string, bucket: B): void {
    let resources = this.#byNamespace.get(namespaceId);
    if (!resources) this.#byNamespace.set(namespaceId, (resources = new Map()));
    const holders = resources.get(resource);
    const known = this.ids.peek(key);
    if (known !== undefined && holders !== undefined && holderOf(holders, known)) {
      bucket.sid = known;
      if (holders instanceof Map) holders.set(known, bucket);
      else resources.set(resource, bucket);
      return;
    }
    const id = this.ids.acquire(key);
    bucket.sid = id;
    if (holders === undefined) resources.set(resource, bucket);
    else if (holders instanceof Map) holders.set(id, bucket);
    else resources.set(resource, new Map([[holders.sid, holders], [id, bucket]]));
    if (isKindLevel(resource)) this.ids.mark(id, filterBit(namespaceId, resource));
  }

  delete(namespaceId: number, resource: string, key: string): void {
    const id = this.ids.peek(key);
    const resources = this.#byNamespace.get(namespaceId);
    const holders = resources?.get(resource);
    if (id === undefined || !resources || holders === undefined || !holderOf(holders, id)) return;
    if (holders instanceof Map) {
      holders.delete(id);
      if (holders.size === 1) resources.set(resource, holders.values().next().value as B);
    } else {
      resources.delete(resource);
    }
    if (isKindLevel(resource)) this.ids.unmark(id, filterBit(namespaceId, resource));
    this.ids.release(key);
    if (resources.size === 0) this.#byNamespace.delete(namespaceId);
  }

  has(namespaceId: number): boolean {
    return this.#byNamespace.has(namespaceId);
  }

  /** Every bucket on one exact resource, by subject id. */
  onResource(namespaceId: number, resource: string): Iterable<B> {
    const holders = this.#byNamespace.get(namespaceId)?.get(resource);
    return holders === undefined ? [] : holders instanceof Map ? holders.values() : [holders];
  }

  /**
   * ALLOW/DENY bits of the user's subjects over the only resources that can match `resource`: itself,
   * `K:*`, `K` and `*` (each probed once); stops at the first deny.
   */
  probe(namespaceId: number, resource: string, kind: string, ask: Ask, user: SubjectIdSet): number {
    const resources = this.#byNamespace.get(namespaceId);
    if (!resources || user.list.length === 0) return 0;
    let out = this.#meet(resources, namespaceId, resource, user, ask);
    if (out & DENY) return out;
    const kindWildcard = `${kind}:*`;
    if (kindWildcard !== resource) out |= this.#meet(resources, namespaceId, kindWildcard, user, ask);
    if (out & DENY) return out;
    if (kind !== resource) out |= this.#meet(resources, namespaceId, kind, user, ask);
    if (out & DENY) return out;
    if (kind !== '*' && resource !== '*') out |= this.#meet(resources, namespaceId, '*', user, ask);
    return out;
  }

  /**
   * The bits of the user's subjects among one resource's buckets. An instance's few holders are
   * walked; a kind-level resource is met through the filter: skipped when no subject of the user may
   * hold it, else probed for the subjects that may.
   */
  #meet(resources: ReadonlyMap<string, Holders<B>>, namespaceId: number, resource: string, user: SubjectIdSet, ask: Ask): number {
    const holders = resources.get(resource);
    if (holders === undefined) return 0;
    if (!(holders instanceof Map)) return userHas(user, holders.sid) ? bits(holders, ask) : 0;
    let out = 0;
    if (isKindLevel(resource)) {
      const bit = filterBit(namespaceId, resource);
      if (!userMayHold(user, bit)) return 0;
      for (const id of user.list) {
        if (!this.ids.mayHold(id, bit)) continue;
        const b = holders.get(id);
        if (b) {
          out |= bits(b, ask);
          if (out & DENY) return out;
        }
      }
    } else if (holders.size <= user.list.length) {
      for (const [id, b] of holders) {
        if (userHas(user, id)) {
          out |= bits(b, ask);
          if (out & DENY) return out;
        }
      }
    } else {
      for (const id of user.list) {
        const b = holders.get(id);
        if (b) {
          out |= bits(b, ask);
          if (out & DENY) return out;
        }
      }
    }
    return out;
  }
}
