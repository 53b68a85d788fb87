import { describe, expect, it } from 'vitest';
import { fingerprint64 } from '../core/hash';
import { createSymmetry, renamer, renamingsOf } from './symmetry';
import type { Interchangeable } from './symmetry';

/** A view's fingerprint under the symmetry, as the checker takes it, without section digests. */
function symmetricFingerprint(groups: Interchangeable) {
  const symmetry = createSymmetry(groups);
  return (view: unknown) =>
    symmetry.hashRenamed(view, symmetry.canonicalNames([symmetry.keysOf(view)]));
}

describe('symmetric fingerprints', () => {
  const byPayments = symmetricFingerprint([['payment-1', 'payment-2']]);

  it('a world and its renaming have one fingerprint', () => {
    const world = {
      copies: ['payment-1>Counter', 'payment-2>Counter#2'],
      history: { 'Counter|payment-1': ['payment-1@Counter'], 'Counter|payment-2': [] },
      stream: [{ messageId: 'payment-2', amount: 100 }],
    };
    const swapped = {
      copies: ['payment-2>Counter', 'payment-1>Counter#2'],
      history: { 'Counter|payment-2': ['payment-2@Counter'], 'Counter|payment-1': [] },
      stream: [{ messageId: 'payment-1', amount: 100 }],
    };
    expect(fingerprint64(swapped)).not.toEqual(fingerprint64(world));
    expect(byPayments(swapped)).toEqual(byPayments(world));
  });

  it('worlds that are not renamings of each other stay apart', () => {
    const a = { counted: ['payment-1', 'payment-1'], amount: 100 };
    const b = { counted: ['payment-1', 'payment-2'], amount: 100 };
    expect(byPayments(a)).not.toEqual(byPayments(b));
  });

  it('matches whole names only: payment-10 is not payment-1', () => {
    const a = { ids: ['payment-10', 'payment-2'] };
    const b = { ids: ['payment-10', 'payment-1'] };
    // Renaming payment-2 to payment-1 makes b from a: equal. payment-10 never moves.
    expect(byPayments(a)).toEqual(byPayments(b));
    expect(byPayments({ ids: ['payment-10'] })).not.toEqual(byPayments({ ids: ['payment-1'] }));
  });
});

describe('renamings of an outcome', () => {
  it('lists every renaming the groups allow, the identity first', () => {
    const all = renamingsOf(
      [
        ['a', 'b', 'c'],
        ['x', 'y'],
      ],
      100,
    )!;
    expect(all).toHaveLength(12);
    expect([...all[0]!]).toEqual([
      ['a', 'a'],
      ['b', 'b'],
      ['c', 'c'],
      ['x', 'x'],
      ['y', 'y'],
    ]);
    const distinct = new Set(all.map((names) => [...names.values()].join(',')));
    expect(distinct.size).toBe(12);
    expect(renamingsOf([['a', 'b', 'c', 'd']], 23)).toBeNull();
  });

  it('renames whole ids in strings and keys, never inside a longer name', () => {
    const names = new Map([
      ['payment-1', 'payment-2'],
      ['payment-2', 'payment-1'],
    ]);
    const outcome = {
      stream: [{ id: 'payment-1', by: 'payment-1@Counter', other: 'payment-10' }],
      'Counter|payment-2': ['payment-2'],
    };
    expect(renamer(names)(outcome)).toEqual({
      stream: [{ id: 'payment-2', by: 'payment-2@Counter', other: 'payment-10' }],
      'Counter|payment-1': ['payment-1'],
    });
  });
});

describe('the canonical renaming', () => {
  it('names every id in the groups’ order, so equal renamings look alike (they key cached digests)', () => {
    const symmetry = createSymmetry([['payment-1', 'payment-2']]);
    const found = symmetry.keysOf({ stream: ['payment-2', 'payment-2@Counter'], other: 'x' });
    const swapped = symmetry.keysOf({ stream: ['payment-1', 'payment-1@Counter'], other: 'x' });
    const a = symmetry.canonicalNames([found]);
    const b = symmetry.canonicalNames([swapped]);
    expect([...a.keys()]).toEqual(['payment-1', 'payment-2']);
    expect([...b.keys()]).toEqual(['payment-1', 'payment-2']);
    // One world is the other renamed: their canonical renamings differ, and both map onto one name.
    expect([...a.values()]).not.toEqual([...b.values()]);
    expect(a.get('payment-2')).toBe(b.get('payment-1'));
  });
});
