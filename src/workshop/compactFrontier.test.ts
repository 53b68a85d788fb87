/**
 * A messaging check whose frontier is serialised (a tight memory budget) explores exactly the
 * same states and finds the same counterexamples as one that keeps worlds as objects.
 */
import { describe, expect, it } from 'vitest';
import { checkModel } from '../checker/explorer';
import { withOracle } from './oracle';
import { createProgram } from './program';
import { createSimModel } from './simModel';
import { loadBundle } from './testing';

const bundle = await loadBundle('06-resend-if-in-doubt');
const manifest = withOracle(bundle.manifest, bundle);

function check(file: string, maxMemoryMB?: number) {
  const prepared = createProgram(manifest, bundle.sources[file]!, file);
  if (!prepared.ok) throw new Error(prepared.error.message);
  const model = createSimModel(prepared.program);
  let serialised = 0;
  const serialize = model.serialize!;
  const result = checkModel(
    {
      ...model,
      serialize: (w) => {
        serialised++;
        return serialize(w);
      },
    },
    maxMemoryMB === undefined ? {} : { maxMemoryMB },
  );
  return { result, serialised };
}

describe('the serialised frontier', () => {
  it.each([['solution.ts'], ['variants/throw-when-accepted.ts']])(
    '%s: same verdict, states and counterexample with worlds serialised',
    (file) => {
      const roomy = check(file);
      const tight = check(file, 1);
      expect(tight.serialised).toBeGreaterThan(tight.result.distinctStates / 2);
      expect(roomy.serialised).toBeLessThan(roomy.result.distinctStates / 32);
      expect(tight.result.verdict).toBe(roomy.result.verdict);
      expect(tight.result.distinctStates).toBe(roomy.result.distinctStates);
      const labels = (r: typeof roomy.result) =>
        r.verdict === 'violated' ? r.counterexample.labels : null;
      expect(labels(tight.result)).toEqual(labels(roomy.result));
    },
  );
});
