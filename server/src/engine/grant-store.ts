import { compileActions } from './action-set.js';
import { ResourceIndex, type Bucket } from './resource-index.js';
import type { SubjectIds } from './subject-ids.js';
import { subjectKey } from './subjects.js';
import type { GrantFact } from './types.js';

/** All grants of one subject on one exact resource string in one namespace, with compiled actions. */
export interface GrantBucket extends Bucket {
  /** Most buckets hold one grant: an array, not a map. */
  grants: GrantFact[];
}

/**
 * Compiled action sets of single-grant buckets, shared by every bucket with the same effect and
 * actions (most of a large pool: `['read']` granted a million times is one set, not a million).
 * The sets are never changed once made; the cache is dropped whole past its bound.
 */
const SINGLE = new Map<string, Pick<GrantBucket, 'allow' | 'deny'>>();
const SINGLE_MAX = 4_096;

function compileSingle(g: GrantFact): Pick<GrantBucket, 'allow' | 'deny'> {
  const key = `${g.effect}\u0000${g.actions === null ? '\u0001' : g.actions.join('\u0000')}`;
  let sets = SINGLE.get(key);
  if (!sets) {
    const set = compileActions([g.actions]);
    sets = g.effect === 'ALLOW' ? { allow: set, deny: null } : { allow: null, deny: set };
    if (SINGLE.size >= SINGLE_MAX) SINGLE.clear();
    SINGLE.set(key, sets);
  }
  return sets;
}

function compile(bucket: GrantBucket): void {
  if (bucket.grants.length === 1) {
    const sets = compileSingle(bucket.grants[0]!);
    bucket.allow = sets.allow;
    bucket.deny = sets.deny;
    return;
  }
  const allow: Array<string[] | null> = [];
  const deny: Array<string[] | null> = [];
  for (const g of bucket.grants) (g.effect === 'ALLOW' ? allow : deny).push(g.actions);
  bucket.allow = allow.length > 0 ? compileActions(allow) : null;
  bucket.deny = deny.length > 0 ? compileActions(deny) : null;
}

/**
 * Grants indexed two ways, buckets shared: namespace → resource → subject → bucket (checks, authorized
 * targets) and subject → grants (listings of a user or a subject).
 */
export class GrantStore {
  readonly #byId = new Map<string, GrantFact>();
  /**
   * Subject → its grants, as arrays: a delete leaves the grant in place (it is live while `#byId`
   * holds that very object) and counts it, and an array is compacted once half of it is dead.
   */
  readonly #bySubject = new Map<string, GrantFact[]>();
  readonly #dead = new Map<string, number>();
  readonly checks: ResourceIndex<GrantBucket>;

  constructor(ids: SubjectIds) {
    this.checks = new ResourceIndex(ids);
  }

  put(row: GrantFact): void {
    compile(this.#insert(row));
  }

  /** Many grants at once (the index built on start): each bucket compiled once, not once per grant. */
  load(rows: Iterable<GrantFact>, adopt = false): void {
    const touched: GrantBucket[] = [];
    for (const row of rows) {
      const bucket = this.#insert(row, adopt);
      // A bucket joins the list once: when new, or when it was compiled before (it is then pending).
      if (bucket.grants.length === 1 || bucket.allow !== null || bucket.deny !== null) {
        bucket.allow = bucket.deny = null;
        touched.push(bucket);
      }
    }
    for (const bucket of touched) compile(bucket);
  }

  /** `adopt`: keep `row` itself (the caller made it for the index and never touches it again). */
  #insert(row: GrantFact, adopt = false): GrantBucket {
    if (this.#byId.has(row.id)) this.delete(row.id);
    // Spelled out, not spread: every grant gets one object shape, and the copy is cheaper.
    const g: GrantFact = adopt ? row : {
      id: row.id,
      namespaceId: row.namespaceId,
      targetType: row.targetType,
      targetId: row.targetId,
      resource: row.resource,
      resourceType: row.resourceType,
      actions: row.actions === null ? null : [...row.actions],
      effect: row.effect,
      seq: row.seq,
    };
    const key = subjectKey(g.targetType, g.targetId);
    this.#byId.set(g.id, g);
    const bucket = this.checks.getOrMake(g.namespaceId, g.resource, key, () => ({ sid: -1, grants: [], allow: null, deny: null }));
    bucket.grants.push(g);
    const mine = this.#bySubject.get(key);
    if (mine) mine.push(g);
    else this.#bySubject.set(key, [g]);
    return bucket;
  }

  delete(id: string): void {
    const g = this.#byId.get(id);
    if (!g) return;
    this.#byId.delete(id);
    const key = subjectKey(g.targetType, g.targetId);
    const bucket = this.checks.get(g.namespaceId, g.resource, key);
    if (bucket) {
      const at = bucket.grants.indexOf(g);
      if (at >= 0) bucket.grants.splice(at, 1);
      if (bucket.grants.length > 0) compile(bucket);
      else this.checks.delete(g.namespaceId, g.resource, key);
    }
    const mine = this.#bySubject.get(key);
    if (!mine) return;
    const dead = (this.#dead.get(key) ?? 0) + 1;
    if (dead * 2 < mine.length) {
      this.#dead.set(key, dead);
      return;
    }
    this.#dead.delete(key);
    const live = mine.filter((x) => this.#byId.get(x.id) === x);
    if (live.length > 0) this.#bySubject.set(key, live);
    else this.#bySubject.delete(key);
  }

  /** Every grant of one subject, in all namespaces. */
  *ofSubject(key: string): Iterable<GrantFact> {
    for (const g of this.#bySubject.get(key) ?? []) if (this.#byId.get(g.id) === g) yield g;
  }

  *onResource(namespaceId: number, resource: string): Iterable<GrantFact> {
    for (const bucket of this.checks.onResource(namespaceId, resource)) yield* bucket.grants;
  }

  all(): Iterable<GrantFact> {
    return this.#byId.values();
  }
}
