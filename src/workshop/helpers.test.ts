/**
 * Checks with helpers on other cores (src/checker/pool.ts) end exactly as checks without: every
 * variant of three exercises, with helpers that build their own models as threads do (here in
 * this thread, answering out of order). Exercises chosen for what they reach: 14 (faults, many
 * variants), 17 (interchangeable payments: a symmetry, where which of two equal-looking states is
 * expanded matters), 22 (browser tabs and HTTP requests).
 */
import { describe, expect, it } from 'vitest';
import { createExpansionHelper } from '../checker/expansion';
import { inThreadPool } from '../checker/pool';
import { loadBundle } from './testing';
import { checkVariant, checkVariantWithHelpers, prepareVariant, variantsOf } from './verify';
import type { VariantCheck } from './verify';

function summary(c: VariantCheck) {
  const r = c.result;
  return {
    verdict: c.verdict,
    invariant: c.invariant,
    distinctStates: c.distinctStates,
    generatedStates: c.generatedStates,
    depth: c.depth,
    steps: 'counterexample' in r ? r.counterexample.labels : null,
  };
}

describe('checks with helpers', () => {
  for (const folder of ['14-inbox', '17-event-sourcing', '22-http-edges']) {
    it(`end as checks without, for every variant of ${folder}`, async () => {
      const bundle = await loadBundle(folder);
      for (const v of variantsOf(bundle)) {
        const alone = checkVariant(bundle, v);
        const withHelpers = await checkVariantWithHelpers(
          bundle,
          v,
          () => 0,
          () => {
            // Each helper builds its own model, as a thread does.
            const helpers = [1, 2].map(() => {
              const prepared = prepareVariant(bundle, v);
              if ('early' in prepared) throw new Error(`${v.variant}: no model`);
              return createExpansionHelper(prepared.model);
            });
            return inThreadPool(helpers, v.variant.length);
          },
          { poolFromStates: 0 },
        );
        expect(summary(withHelpers), `${folder} ${v.variant}`).toEqual(summary(alone));
        expect(alone.ok, `${folder} ${v.variant}`).toBe(true);
      }
    }, 120_000);
  }
});
