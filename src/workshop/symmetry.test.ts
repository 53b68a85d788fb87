/**
 * Declaring 17's two identical payments interchangeable: the same verdicts and counterexample
 * depths, on fewer states, and the counterexamples still replay exactly (they are real runs).
 */
import { describe, expect, it } from 'vitest';
import { counterexampleOf, loadBundle } from './testing';
import { checkVariant } from './verify';
import type { ExerciseBundle } from './bundle';
import type { ExerciseManifest } from '../sim';
import { importExerciseModule } from './loadNode';

const plain = await loadBundle('17-event-sourcing');
// 17's manifest exports the builder of its business invariant for a list of payments.
const { couponWhenTotalCrosses100 } = await importExerciseModule<{
  couponWhenTotalCrosses100: (
    payments: readonly { amount: number }[],
  ) => ExerciseManifest['invariants'][number];
}>('17-event-sourcing', 'manifest.ts');
const symmetric: ExerciseBundle = {
  ...plain,
  manifest: { ...plain.manifest, interchangeable: [['payment-1', 'payment-2']] },
};
const variant = (b: ExerciseBundle, name: string) => {
  const file =
    name === 'solution' ? b.manifest.files.solution : b.manifest.files.variants[name]!.file;
  return { variant: name, file, expected: null };
};

describe('interchangeable payments', () => {
  it.each([['solution'], ['expected-version-only'], ['dedup-only'], ['retry-without-rereading']])(
    '%s: same verdict and depth, fewer or equal states',
    (name) => {
      const a = checkVariant(plain, variant(plain, name));
      const b = checkVariant(symmetric, variant(symmetric, name));
      expect(b.verdict).toBe(a.verdict);
      expect(b.invariant).toBe(a.invariant);
      expect(b.depth).toBe(a.depth);
      expect(b.distinctStates).toBeLessThanOrEqual(a.distinctStates);
    },
  );

  it('reduces the solution’s states', () => {
    const a = checkVariant(plain, variant(plain, 'solution'));
    const b = checkVariant(symmetric, variant(symmetric, 'solution'));
    expect(b.distinctStates).toBeLessThan(a.distinctStates);
  });

  it('four payments: the solution still passes, the oracle included', () => {
    const payments = ['payment-1', 'payment-2', 'payment-3', 'payment-4'];
    const first = plain.manifest.workload.messages![0]!;
    const manifest = {
      ...plain.manifest,
      workload: { messages: payments.map((id) => ({ ...first, id })) },
      invariants: plain.manifest.invariants.map((inv) =>
        inv.name === 'couponWhenTotalCrosses100'
          ? couponWhenTotalCrosses100(payments.map(() => ({ amount: 100 })))
          : inv,
      ),
    };
    const three: ExerciseBundle = { ...plain, manifest };
    const reduced: ExerciseBundle = {
      ...plain,
      manifest: { ...manifest, interchangeable: [payments] },
    };
    // The reduced check first: it must not leave a reference that lacks the renamed outcomes.
    const b = checkVariant(reduced, variant(reduced, 'solution'));
    const a = checkVariant(three, variant(three, 'solution'));
    expect(a.verdict).toBe('passed');
    expect(b.verdict).toBe('passed');
    expect(b.distinctStates).toBeLessThan(a.distinctStates);
  });

  it('a counterexample found with symmetry replays exactly', () => {
    const { events } = counterexampleOf(symmetric, 'expected-version-only');
    expect(events.length).toBeGreaterThan(0);
  });
});
