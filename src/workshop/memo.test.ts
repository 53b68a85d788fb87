/**
 * Memoised resumes (src/sim/runtime.ts) change how often learner code runs, never what a check
 * finds: on every variant of exercises that retry, throw, hand out ids, send in batches, run
 * middleware, append events and answer HTTP (with their own fault budget, and 14 with one more
 * fault too), a check with the memo ends exactly as the same check running the code on every resume (verdict,
 * invariant, depth, states, counterexample), and runs the learner's module far fewer times.
 */
import { describe, expect, it } from 'vitest';
import { checkModel } from '../checker/explorer';
import type { CheckOptions, Model } from '../checker/types';
import type { Choice, Program, World } from '../sim';
import type { ExerciseBundle } from './bundle';
import { createProgram } from './program';
import { applySettings } from './settings';
import { createSimModel } from './simModel';
import { checkSummary, loadBundle } from './testing';
import { variantsOf } from './verify';
import { withOracle } from './oracle';

/** The check of `file` in `bundle`, and how many times it ran the learner's module. */
function check(bundle: ExerciseBundle, file: string, memoised: boolean) {
  const manifest = withOracle(bundle.manifest, bundle);
  const prepared = createProgram(manifest, bundle.sources[file]!, file);
  if (!prepared.ok) throw new Error(`${file} did not compile`);
  const base = prepared.program;
  let instances = 0;
  const program: Program = {
    ...base,
    instantiate: () => {
      instances++;
      return base.instantiate!();
    },
    // Locating calls is a run that must run the code: the memo is off.
    ...(memoised ? {} : { locateCalls: true }),
  };
  const options: CheckOptions = {
    maxStates: 200_000,
    maxDepth: bundle.manifest.limits.maxDepth,
    maxTimeMs: 120_000,
  };
  const model = createSimModel(program) as unknown as Model<World, Choice>;
  const result = checkModel(model, options);
  return { result: checkSummary(result), instances };
}

describe('memoised resumes', () => {
  const folders: [string, number[]][] = [
    ['07-retry-storm', [0]],
    ['11-deterministic-ids', [0]],
    ['13-generic-outbox', [0]],
    ['14-inbox', [0, 1]],
    ['17-event-sourcing', [0]],
    ['22-http-edges', [0]],
  ];
  for (const [folder, moreFaults] of folders) {
    it(`end every check of ${folder} as running the code does, running it less`, async () => {
      const base = await loadBundle(folder);
      let withMemo = 0;
      let without = 0;
      for (const more of moreFaults) {
        const settings = { 'faults.total': String(base.manifest.faults.total + more) };
        const bundle = { ...base, manifest: applySettings(base.manifest, settings) };
        for (const { variant, file } of variantsOf(bundle)) {
          const label = `${folder} ${variant} ${JSON.stringify(settings)}`;
          const memo = check(bundle, file, true);
          const ran = check(bundle, file, false);
          expect(memo.result, label).toEqual(ran.result);
          withMemo += memo.instances;
          without += ran.instances;
        }
      }
      expect(withMemo).toBeLessThan(without / 2);
    }, 240_000);
  }
});
