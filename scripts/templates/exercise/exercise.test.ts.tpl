import { describe, expect, it } from 'vitest';
import { pinExercise } from '../../src/workshop/testing';
import { variantsOf } from '../../src/workshop/verify';

// Scaffolded by `npm run new-exercise`: the starter, the solution and every variant keep the
// verdicts the manifest promises. Add tests that pin the anomaly your README tells about, and
// the state counts once the lesson is settled (see exercises/04-lost-message/exercise.test.ts).
const { bundle, check } = await pinExercise('{{folder}}');

describe('{{title}}', () => {
  it.each(variantsOf(bundle).map((v) => [v.variant, v] as const))(
    '%s has the verdict its manifest promises',
    (name, v) => {
      const r = check(name);
      expect({ verdict: r.verdict, invariant: r.invariant }).toEqual({
        verdict: v.expected ? 'violated' : 'passed',
        invariant: v.expected,
      });
    },
  );
});
