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

function compile(bucket: GrantBucket): void {
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
  readonly #bySubject = new Map<string, Map<string, GrantFact>>();
  readonly checks: ResourceIndex<GrantBucket>;

  constructor(ids: SubjectIds) {
    this.checks = new ResourceIndex(ids);
  }

  put(row: GrantFact): void {
    compile(this.#insert(row));
  }

  /** Many grants at once (the index built on start): each bucket compiled once, not once per grant. */
  load(rows: Iterable<GrantFact>): void {
    const touched: GrantBucket[] = [];
    for (const row of rows) {
      const bucket = this.#insert(row);
      // A bucket joins the list once: when new, or when it was compiled before (it is then pending).
      if (bucket.grants.length === 1 || bucket.allow !== null || bucket.deny !== null) {
        bucket.allow = bucket.deny = null;
        touched.push(bucket);
      }
    }
    for (const bucket of touched) compile(bucket);
  }

  #insert(row: GrantFact): GrantBucket {
    if (this.#byId.has(row.id)) this.delete(row.id);
    // Spelled out, not spread: every grant gets one object shape, and the copy is cheaper.
    const g: GrantFact = {
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
    let mine = this.#bySubject.get(key);
    if (!mine) this.#bySubject.set(key, (mine = new Map()));
    mine.set(g.id, g);
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
    mine?.delete(id);
    if (mine?.size === 0) this.#bySubject.delete(key);
  }

  /** Every grant of one subject, in all namespaces. */
  ofSubject(key: string): Iterable<GrantFact> {
    return this.#bySubject.get(key)?.values() ?? [];
  }

  *onResource(namespaceId: number, resource: string): Iterable<GrantFact> {
    for (const bucket of this.checks.onResource(namespaceId, resource)) yield* bucket.grants;
  }

  all(): Iterable<GrantFact> {
    return this.#byId.values();
  }
}
