import { describe, expect, it } from 'vitest';
import { createPermissionIndex } from '../../src/engine/index.js';
import { filterBit, isKindLevel, SubjectIds, subjectIdSet, userMayHold } from '../../src/engine/subject-ids.js';
import type { CheckQuery, GrantFact } from '../../src/engine/types.js';
import { allow, world } from './fixtures.js';

/** The subject ids and kind-level filter behind the index's checks (subject-ids.ts). */

describe('subject ids', () => {
  it('frees an id with its last holder and reuses it, moving the generation each time', () => {
    const ids = new SubjectIds();
    const g0 = ids.generation;
    const a = ids.acquire('USER:a');
    expect(ids.acquire('USER:a')).toBe(a);
    expect(ids.generation).toBe(g0 + 1);
    ids.release('USER:a');
    expect(ids.peek('USER:a')).toBe(a);
    ids.release('USER:a');
    expect(ids.peek('USER:a')).toBeUndefined();
    const g1 = ids.generation;
    expect(g1).toBeGreaterThan(g0 + 1);
    expect(ids.acquire('ROLE:b')).toBe(a);
    expect(ids.generation).toBeGreaterThan(g1);
  });

  it('clears the filter of a reused id, and counts marks so one unmark of two keeps the bit', () => {
    const ids = new SubjectIds();
    const a = ids.acquire('USER:a');
    const bit = filterBit(1, 'books:*');
    ids.mark(a, bit);
    ids.mark(a, bit);
    ids.unmark(a, bit);
    expect(ids.mayHold(a, bit)).toBe(true);
    ids.unmark(a, bit);
    expect(ids.mayHold(a, bit)).toBe(false);
    ids.mark(a, bit);
    ids.release('USER:a');
    const b = ids.acquire('USER:b');
    expect(b).toBe(a);
    expect(ids.mayHold(b, bit)).toBe(false);
  });

  it('keeps a saturated bit set rather than forgetting a holder', () => {
    const ids = new SubjectIds();
    const a = ids.acquire('USER:a');
    for (let i = 0; i < 300; i++) ids.mark(a, 5);
    for (let i = 0; i < 300; i++) ids.unmark(a, 5);
    expect(ids.mayHold(a, 5)).toBe(true);
  });

  it('grows past its first capacity with ids and filters intact', () => {
    const ids = new SubjectIds();
    for (let i = 0; i < 5_000; i++) ids.mark(ids.acquire(`USER:${i}`), i % 64);
    expect(ids.peek('USER:4999')).toBe(4_999);
    expect(ids.mayHold(4_999, 4_999 % 64)).toBe(true);
    expect(ids.mayHold(4_999, (4_999 + 1) % 64)).toBe(false);
    const user = subjectIdSet(ids, [['USER:1', 'USER:2'], ['USER:none', 'USER:1']]);
    expect(user.list).toEqual([1, 2]);
    expect(userMayHold(user, 1)).toBe(true);
    expect(userMayHold(user, 3)).toBe(false);
  });

  it.each([
    ['*', true],
    ['books', true],
    ['books:*', true],
    ['books:1', false],
    ['books:a:*', false],
    ['books:', false],
  ])('%s is kind-level: %s', (resource, expected) => {
    expect(isKindLevel(resource)).toBe(expected);
  });

  it('gives filter bits in 0..63 that depend on the namespace', () => {
    const bits = new Set<number>();
    for (let ns = 1; ns <= 200; ns++) bits.add(filterBit(ns, 'books:*'));
    expect(Math.min(...bits)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...bits)).toBeLessThanOrEqual(63);
    expect(bits.size).toBeGreaterThan(30);
  });
});

describe('the index after ids are freed and reused', () => {
  const ALICE: CheckQuery = { userId: 'alice', namespaceId: 1, resource: 'books:1', action: 'read' };

  it('never answers for a freed subject through the id another subject took', () => {
    const facts = world({ grants: [allow('USER:alice', 'books:*')] });
    const index = createPermissionIndex(facts);
    expect(index.isAllowed(ALICE)).toBe(true);
    const held = facts.grants[0]!;
    index.apply([{ table: 'grants', op: 'delete', id: held.id }]);
    expect(index.isAllowed(ALICE)).toBe(false);
    // Bob now holds the id alice held; alice's memoized id set must not carry it over.
    const bob: GrantFact = { ...held, id: 'bob-grant', targetId: 'bob' };
    index.apply([{ table: 'grants', op: 'put', row: bob }]);
    expect(index.isAllowed(ALICE)).toBe(false);
    expect(index.isAllowed({ ...ALICE, userId: 'bob' })).toBe(true);
  });

  it('bulk-loads grants like puts, a replaced id counting once', () => {
    const facts = world({ grants: [] });
    const index = createPermissionIndex(facts);
    const base: GrantFact = { id: 'g1', namespaceId: 1, targetType: 'USER', targetId: 'alice', resource: 'books:1', resourceType: 'DATA', actions: ['read'], effect: 'ALLOW', seq: 1 };
    index.load([base, { ...base, id: 'g2', resource: 'books:2' }, { ...base, actions: ['write'] }]);
    expect(index.isAllowed(ALICE)).toBe(false);
    expect(index.isAllowed({ ...ALICE, action: 'write' })).toBe(true);
    expect(index.isAllowed({ ...ALICE, resource: 'books:2' })).toBe(true);
    expect(index.snapshot().grants.map((g) => g.id).sort()).toEqual(['g1', 'g2']);
  });
});
