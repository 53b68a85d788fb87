import { describe, expect, it } from 'vitest';
import { loadExercisesFromDisk } from './loadNode';
import { isMessaging, validateBundle } from './bundle';
import { checkVariant, variantsOf } from './verify';

const loaded = await loadExercisesFromDisk();
const bundles = loaded.filter(isMessaging);

describe('exercise folders', () => {
  it('all load', () => {
    expect(loaded.filter((l) => !l.ok)).toEqual([]);
    expect(bundles.length).toBeGreaterThanOrEqual(4);
  });
  for (const b of bundles) {
    describe(b.folder, () => {
      it('is valid', () => expect(validateBundle(b)).toEqual([]));
      for (const v of variantsOf(b)) {
        it(`${v.variant} → ${v.expected ?? 'passes'}`, () => {
          const r = checkVariant(b, v);
          expect({
            verdict: r.verdict,
            invariant: r.invariant,
            explanation: r.explanation,
          }).toMatchObject(
            v.expected === null
              ? { verdict: 'passed' }
              : { verdict: 'violated', invariant: v.expected },
          );
        });
      }
    });
  }
});
