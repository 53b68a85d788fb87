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
import { createCheckerClient, createInThreadTransport } from '../checker/client';
import type { ModelRequest } from '../checker/protocol';
import { createModelFromRequest } from '../checker/registry';
import { isMessaging } from './bundle';
import { createExerciseModelFactory } from './exerciseModel';
import { loadExercisesFromDisk } from './loadNode';
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

describe('checks with helpers through the checker protocol, as the worker runs them', () => {
  it("end as checks without, for 14's solution with two faults (helpers build their model from the request)", async () => {
    const exercises = await loadExercisesFromDisk();
    const inbox = exercises.filter(isMessaging).find((e) => e.folder === '14-inbox')!;
    const deps = {
      createExerciseModel: createExerciseModelFactory(exercises),
      now: () => 0,
      yieldToEvents: () => Promise.resolve(),
    };
    const client = createCheckerClient(
      createInThreadTransport({
        ...deps,
        startHelpers: (model: ModelRequest, count: number) =>
          inThreadPool(
            Array.from({ length: count }, () =>
              createExpansionHelper(createModelFromRequest(model, deps)),
            ),
          ),
      }),
    );
    const request: ModelRequest = {
      kind: 'exercise',
      folder: '14-inbox',
      source: inbox.sources['solution.ts']!,
      file: 'solution.ts',
      // Two faults: far more than the 2,000 states helpers start at, as on the page.
      settings: { 'faults.total': '2' },
    };
    const alone = await client.check(request).result;
    const withHelpers = await client.check(request, { helpers: 3 }).result;
    expect(withHelpers).toMatchObject({ verdict: 'passed', helpers: 3 });
    const { helpers: _helpers, ...same } = withHelpers;
    expect(same).toEqual(alone);
    expect(alone).toMatchObject({ verdict: 'passed' });
    expect((alone as { distinctStates: number }).distinctStates).toBeGreaterThan(2_000);
  });
});
