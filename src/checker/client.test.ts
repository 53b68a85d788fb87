import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { CheckerRunError, createCheckerClient, createInThreadTransport } from './client';
import type { ModelCheckingModelRequest } from './protocol';
import type { CheckProgress } from './types';
import { evaluateModelSource } from './sandboxModules';

const FOLDER = '18-model-checking';
/** The lesson steps as text, as the bundle loader hands them to the worker. */
const stepFile = (variant: string) =>
  variant === 'solution' ? 'solution.ts' : `variants/${variant}.ts`;

let tick = 0;
const deps = {
  now: () => (tick += 1),
  yieldToEvents: () => Promise.resolve(),
  evaluateModule: evaluateModelSource,
  modelCheckingVariant: (folder: string, variant: string) => {
    const file = stepFile(variant);
    const url = new URL(`../../exercises/${folder}/${file}`, import.meta.url);
    return existsSync(url) ? { source: readFileSync(url, 'utf8'), file } : null;
  },
};

const request = (variant: string, messages = 2, maxFailures = 1): ModelCheckingModelRequest => ({
  kind: 'model-checking',
  folder: FOLDER,
  params: { messages, maxFailures },
  code: { variant },
});

describe('checker client (in-thread transport)', () => {
  it('checks a built-in variant, with progress events and plain-JSON traces', async () => {
    const client = createCheckerClient(createInThreadTransport(deps));
    const progress: CheckProgress[] = [];
    const run = client.check(request('solution', 3, 2), {
      sliceMs: 1,
      onProgress: (p) => progress.push(p),
    });
    const result = await run.result;
    expect(result).toMatchObject({ verdict: 'passed', distinctStates: 12_092 });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)!.distinctStates).toBeLessThanOrEqual(12_092);
    const violated = await client.check(request('guarded')).result;
    if (violated.verdict !== 'violated') throw new Error(violated.verdict);
    expect(violated.counterexample.choices).toEqual(violated.counterexample.labels);
    expect(violated.counterexample.states[0]).toMatchObject({ pc: 'MainLoop', queueIn: [1, 2] });
    expect(JSON.parse(JSON.stringify(violated))).toEqual(violated);
    client.dispose();
  });

  it('cancels between slices', async () => {
    const client = createCheckerClient(createInThreadTransport(deps));
    let cancelAfterFirst = (): void => {};
    const run = client.check(request('per-message-failures', 3, 2), {
      sliceMs: 1,
      onProgress: () => cancelAfterFirst(),
    });
    cancelAfterFirst = run.cancel;
    const result = await run.result;
    expect(result.verdict).toBe('cancelled');
    expect(result.distinctStates).toBeLessThan(2_595_458);
  });

  it('reports limits, learner errors and operating errors', async () => {
    const client = createCheckerClient(
      createInThreadTransport({
        ...deps,
        evaluateModule: (source, file) => {
          if (source !== 'oops') return evaluateModelSource(source, file);
          throw Object.assign(new Error('Unexpected token'), {
            learnerError: {
              kind: 'compile',
              file: 'model.ts',
              line: 3,
              column: 9,
              message: 'Unexpected token',
            },
          });
        },
      }),
    );
    const limited = await client.check(request('solution', 3, 3), { limits: { maxStates: 1000 } })
      .result;
    expect(limited).toMatchObject({ verdict: 'limit-reached', limit: 'states' });
    const learner = await client.check({
      ...request('x'),
      code: { source: 'oops', file: 'model.ts' },
    }).result;
    expect(learner).toMatchObject({
      verdict: 'learner-error',
      file: 'model.ts',
      line: 3,
      column: 9,
    });
    await expect(client.check(request('no-such-variant')).result).rejects.toBeInstanceOf(
      CheckerRunError,
    );
  });
});
