/**
 * Small integer ids for the subject keys that hold something in the index (grants or policy
 * statements), and a 64-bit filter per id of the kind-level resources (`K`, `K:*`, `*`) it holds.
 *
 * Checks compare ids, not strings: a Map keyed by small integers hashes and compares without
 * touching string contents. The filter lets a check skip the big kind-level buckets (every role that
 * grants `books:*` is in one of them) for subjects that cannot be there, with a read of a dense
 * array instead of a hash probe; a false positive only costs the probe it would have made anyway.
 *
 * An id lives while some bucket holds it and is freed with the last one, so deleted subjects leave
 * no residue. Every allocation, release or filter change moves `generation`, and a user's memoized
 * id set is rebuilt when the generation it was built at has passed: a freed id reused for another
 * subject can never be read under the old subject's name.
 */
export class SubjectIds {
  readonly #ids = new Map<string, number>();
  #holders = new Uint32Array(1024);
  /** 64 counters per id, one per filter bit (saturating at 255: such a bit then stays set). */
  #counts = new Uint8Array(1024 * 64);
  /** Two 32-bit words per id: the filter bits whose counters are above zero. */
  #masks = new Uint32Array(1024 * 2);
  readonly #free: number[] = [];
  #next = 0;
  #generation = 0;

  get generation(): number {
    return this.#generation;
  }

  /** The id of `key`, or undefined when nothing holds it. */
  peek(key: string): number | undefined {
    return this.#ids.get(key);
  }

  /** One more holder of `key`; allocates its id on the first. */
  acquire(key: string): number {
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = this.#free.pop() ?? this.#grow();
      this.#ids.set(key, id);
      this.#holders[id] = 0;
      this.#counts.fill(0, id * 64, id * 64 + 64);
      this.#masks[id * 2] = 0;
      this.#masks[id * 2 + 1] = 0;
      this.#generation++;
    }
    this.#holders[id]! += 1;
    return id;
  }

  /** One holder less; the id is freed with the last. */
  release(key: string): void {
    const id = this.#ids.get(key);
    if (id === undefined) return;
    this.#holders[id]! -= 1;
    if (this.#holders[id]! > 0) return;
    this.#ids.delete(key);
    this.#free.push(id);
    this.#generation++;
  }

  /** The id now holds a kind-level resource whose filter bit is `bit`. */
  mark(id: number, bit: number): void {
    const slot = id * 64 + bit;
    const count = this.#counts[slot]!;
    if (count === 255) return;
    this.#counts[slot] = count + 1;
    if (count === 0) {
      this.#masks[id * 2 + (bit >>> 5)]! |= 1 << (bit & 31);
      this.#generation++;
    }
  }

  /** The id holds one kind-level resource of filter bit `bit` less. */
  unmark(id: number, bit: number): void {
    const slot = id * 64 + bit;
    const count = this.#counts[slot]!;
    if (count === 255 || count === 0) return;
    this.#counts[slot] = count - 1;
    if (count === 1) {
      this.#masks[id * 2 + (bit >>> 5)]! &= ~(1 << (bit & 31));
      this.#generation++;
    }
  }

  /** May the id hold a kind-level resource of filter bit `bit`? (false: it certainly does not) */
  mayHold(id: number, bit: number): boolean {
    return (this.#masks[id * 2 + (bit >>> 5)]! & (1 << (bit & 31))) !== 0;
  }

  /** Filter word `word` (0 or 1) of an id. */
  mask(id: number, word: 0 | 1): number {
    return this.#masks[id * 2 + word]!;
  }

  #grow(): number {
    const id = this.#next++;
    if (id >= this.#holders.length) {
      const cap = this.#holders.length * 2;
      const holders = new Uint32Array(cap);
      holders.set(this.#holders);
      this.#holders = holders;
      const counts = new Uint8Array(cap * 64);
      counts.set(this.#counts);
      this.#counts = counts;
      const masks = new Uint32Array(cap * 2);
      masks.set(this.#masks);
      this.#masks = masks;
    }
    return id;
  }
}

/**
 * Is `resource` kind-level (`*`, `K` or `K:*`)? Only those go into the subject filter: an instance
 * `K:x` has few holders, and a check meets them by walking its bucket.
 */
export function isKindLevel(resource: string): boolean {
  const colon = resource.indexOf(':');
  return colon < 0 || (colon === resource.length - 2 && resource.charCodeAt(colon + 1) === 42 /* * */);
}

/** The filter bit (0–63) of a kind-level resource in a namespace. */
export function filterBit(namespaceId: number, resource: string): number {
  let h = Math.imul(namespaceId ^ 0x9e3779b9, 0x85ebca6b);
  for (let i = 0; i < resource.length; i++) h = Math.imul(h ^ resource.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 13)) & 63;
}

/**
 * The ids a user acts as in one namespace: a set (probing big maps), a list (iterating small ones)
 * and the union of their filters.
 */
export interface SubjectIdSet {
  readonly generation: number;
  /** Only past {@link SET_FROM} ids: a short list is scanned faster than a set is probed, and costs no allocation. */
  readonly set: ReadonlySet<number> | null;
  readonly list: readonly number[];
  readonly lo: number;
  readonly hi: number;
}

const SET_FROM = 24;

/** The ids of the keys (in any of `lists`) that are held now. */
export function subjectIdSet(ids: SubjectIds, lists: ReadonlyArray<readonly string[]>): SubjectIdSet {
  const list: number[] = [];
  let lo = 0;
  let hi = 0;
  for (const keys of lists) {
    for (const key of keys) {
      const id = ids.peek(key);
      if (id === undefined || list.includes(id)) continue;
      list.push(id);
      lo |= ids.mask(id, 0);
      hi |= ids.mask(id, 1);
    }
  }
  return { generation: ids.generation, set: list.length >= SET_FROM ? new Set(list) : null, list, lo, hi };
}

/** Is `id` one of the user's? */
export function userHas(user: SubjectIdSet, id: number): boolean {
  return user.set === null ? user.list.includes(id) : user.set.has(id);
}

/** May one of the user's subjects hold a kind-level resource of filter bit `bit`? */
export function userMayHold(user: SubjectIdSet, bit: number): boolean {
  return ((bit < 32 ? user.lo : user.hi) & (1 << (bit & 31))) !== 0;
}
