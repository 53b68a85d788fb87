import { describe, expect, it } from 'vitest';
import { fingerprint64 } from '../core/hash';
import { symmetricFingerprint } from './symmetry';

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
