/** A many-to-many relation kept in both directions. */
export class Relation {
  readonly #forward = new Map<string, Set<string>>();
  readonly #backward = new Map<string, Set<string>>();

  add(a: string, b: string): void {
    link(this.#forward, a, b);
    link(this.#backward, b, a);
  }

  delete(a: string, b: string): void {
    unlink(this.#forward, a, b);
    unlink(this.#backward, b, a);
  }

  of(a: string): Iterable<string> {
    return this.#forward.get(a) ?? [];
  }

  to(b: string): Iterable<string> {
    return this.#backward.get(b) ?? [];
  }

  /** Every `b` that some `a` relates to. */
  targets(): Iterable<string> {
    return this.#backward.keys();
  }

  *pairs(): Iterable<[string, string]> {
    for (const [a, bs] of this.#forward) for (const b of bs) yield [a, b];
  }
}

function link(m: Map<string, Set<string>>, a: string, b: string): void {
  let s = m.get(a);
  if (!s) {
    s = new Set();
    m.set(a, s);
  }
  s.add(b);
}

function unlink(m: Map<string, Set<string>>, a: string, b: string): void {
  const s = m.get(a);
  if (!s) return;
  s.delete(b);
  if (s.size === 0) m.delete(a);
}
