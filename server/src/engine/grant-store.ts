import { compileActions, type ActionSet } from './action-set.js';
import { subjectKey } from './subjects.js';
import type { GrantFact } from './types.js';

/** All grants of one subject on one exact resource string in one namespace, with compiled actions. */
export interface GrantBucket {
  grants: Map<string, GrantFact>;
  allow: ActionSet | null;
  deny: ActionSet | null;
}

function compile(bucket: GrantBucket): void {
  const allow: Array<string[] | null> = [];
  const deny: Array<string[] | null> = [];
  for (const g of bucket.grants.values()) (g.effect === 'ALLOW' ? allow : deny).push(g.actions);
  bucket.allow = allow.length > 0 ? compileActions(allow) : null;
  bucket.deny = deny.length > 0 ? compileActions(deny) : null;
}

/** `outer.get(k1).get(k2)`, creating the inner map. */
function inner<K1, K2, V>(outer: Map<K1, Map<K2, V>>, key: K1): Map<K2, V> {
  let m = outer.get(key);
  if (!m) {
    m = new Map();
    outer.set(key, m);
  }
  return m;
}

/** Delete `k2` under `k1`, dropping the inner map once empty so deleted data leaves no residue. */
function remove<K1, K2, V>(outer: Map<K1, Map<K2, V>>, k1: K1, k2: K2): void {
  const m = outer.get(k1);
  if (!m) return;
  m.delete(k2);
  if (m.size === 0) outer.delete(k1);
}

/**
 * Grants indexed three ways: namespace → subject → exact resource → bucket (checks probe it),
 * subject → grants (subject listings) and namespace → resource → grants (authorized targets).
 */
export class GrantStore {
  readonly #byId = new Map<string, GrantFact>();
  readonly #byNamespace = new Map<number, Map<string, Map<string, GrantBucket>>>();
  readonly #bySubject = new Map<string, Map<string, GrantFact>>();
  readonly #byResource = new Map<number, Map<string, Map<string, GrantFact>>>();

  put(row: GrantFact): void {
    this.delete(row.id);
    const g: GrantFact = { ...row, actions: row.actions === null ? null : [...row.actions] };
    const key = subjectKey(g.targetType, g.targetId);
    this.#byId.set(g.id, g);
    const buckets = inner(this.#byNamespace, g.namespaceId);
    const resources = inner(buckets, key);
    let bucket = resources.get(g.resource);
    if (!bucket) {
      bucket = { grants: new Map(), allow: null, deny: null };
      resources.set(g.resource, bucket);
    }
    bucket.grants.set(g.id, g);
    compile(bucket);
    inner(this.#bySubject, key).set(g.id, g);
    inner(inner(this.#byResource, g.namespaceId), g.resource).set(g.id, g);
  }

  delete(id: string): void {
    const g = this.#byId.get(id);
    if (!g) return;
    this.#byId.delete(id);
    const key = subjectKey(g.targetType, g.targetId);
    const subjects = this.#byNamespace.get(g.namespaceId);
    const resources = subjects?.get(key);
    const bucket = resources?.get(g.resource);
    if (subjects && resources && bucket) {
      bucket.grants.delete(id);
      if (bucket.grants.size > 0) compile(bucket);
      else {
        remove(subjects, key, g.resource);
        if (subjects.size === 0) this.#byNamespace.delete(g.namespaceId);
      }
    }
    remove(this.#bySubject, key, id);
    const byResource = this.#byResource.get(g.namespaceId);
    if (byResource) {
      remove(byResource, g.resource, id);
      if (byResource.size === 0) this.#byResource.delete(g.namespaceId);
    }
  }

  /** Subject key → exact resource → bucket, for one namespace. */
  namespace(namespaceId: number): ReadonlyMap<string, ReadonlyMap<string, GrantBucket>> | undefined {
    return this.#byNamespace.get(namespaceId);
  }

  ofSubject(key: string): Iterable<GrantFact> {
    return this.#bySubject.get(key)?.values() ?? [];
  }

  onResource(namespaceId: number, resource: string): Iterable<GrantFact> {
    return this.#byResource.get(namespaceId)?.get(resource)?.values() ?? [];
  }

  all(): Iterable<GrantFact> {
    return this.#byId.values();
  }
}
