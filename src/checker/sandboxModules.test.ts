import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCheckerClient, createInThreadTransport } from './client';
import type { ModelRequest } from './protocol';
import { meterIntrinsics } from '../sandbox/meter';
import { evaluateModelSource } from './sandboxModules';

const solutionSource = readFileSync(
  new URL('../../exercises/18-model-checking/solution.ts', import.meta.url),
  'utf8',
);

let tick = 0;
const client = createCheckerClient(
  createInThreadTransport({
    now: () => (tick += 1),
    yieldToEvents: () => Promise.resolve(),
    evaluateModule: evaluateModelSource,
  }),
);
const check = (source: string, messages = 2, maxFailures = 1) =>
  client.check({
    kind: 'model-checking',
    folder: '18-model-checking',
    params: { messages, maxFailures },
    code: { source, file: 'model.ts' },
  } satisfies ModelRequest).result;

describe('learner model files through the sandbox', () => {
  it('checks the solution source with the same count as the imported module', async () => {
    expect(await check(solutionSource)).toMatchObject({ verdict: 'passed', distinctStates: 470 });
    // Many more learner calls than one step budget: the budget is reset per call.
    expect(await check(solutionSource, 3, 2)).toMatchObject({ distinctStates: 12_092 });
  });

  it('reports a syntax error with its position', async () => {
    const r = await check(solutionSource.replace("s.goto('Receive');", "s.goto('Receive';"));
    expect(r).toMatchObject({ verdict: 'learner-error', file: 'model.ts' });
    if (r.verdict === 'learner-error') expect(r.line).toBeGreaterThan(1);
  });

  it('reports a runtime error and a DSL misuse on the learner line', async () => {
    const lines = solutionSource.split('\n');
    const at = lines.findIndex((l) => l.includes("s.goto('Receive');")) + 1;
    const typo = await check(solutionSource.replace("s.goto('Receive');", "s.goto('Recieve');"));
    expect(typo).toMatchObject({ verdict: 'learner-error', line: at });
    if (typo.verdict === 'learner-error') expect(typo.message).toContain("goto('Recieve')");
    const thrown = await check(
      solutionSource.replace("s.goto('Receive');", "throw new Error('boom');"),
    );
    expect(thrown).toMatchObject({ verdict: 'learner-error', line: at });
  });
});

describe('the memory budget of a learner model file', () => {
  it('charges only the learner’s calls: once a check is over, the engine allocates freely', async () => {
    meterIntrinsics();
    expect(await check(solutionSource)).toMatchObject({ verdict: 'passed' });
    // More than one step's budget, built by the test (engine side), after the check.
    expect('x'.repeat(20_000_000).length).toBe(20_000_000);
  });
});
