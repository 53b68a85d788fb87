import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import type { WireResult } from '../checker/protocol';
import { createCheckMachine } from './checkMachine';
import type { CheckRunner } from './checkMachine';

const stats = { distinctStates: 5, generatedStates: 9, depth: 3, terminalStates: 1, elapsedMs: 2 };
const job = {
  model: { kind: 'exercise', folder: '04-lost-message', source: '', file: 'starter.ts' },
  limits: {},
} as const;

describe('checkMachine', () => {
  it('reports progress and the verdict', async () => {
    const runner: CheckRunner = (_job, onProgress) => {
      onProgress(
        { distinctStates: 1, generatedStates: 1, depth: 1, frontier: 1, phase: 'search' },
        1,
      );
      return {
        result: Promise.resolve({ verdict: 'passed', sometimes: [], ...stats } as WireResult),
        cancel() {},
        abort() {},
      };
    };
    const actor = createActor(createCheckMachine(runner)).start();
    actor.send({ type: 'CHECK', job });
    const done = await waitFor(actor, (s) => s.matches('done'));
    expect(done.context.result?.verdict).toBe('passed');
    expect(done.context.progress?.distinctStates).toBe(1);
  });

  it('cancels, and aborts a run that does not stop', async () => {
    let aborted = 0;
    const runner: CheckRunner = () => ({
      result: new Promise<WireResult>(() => {}),
      cancel() {},
      abort() {
        aborted++;
      },
    });
    const machine = createCheckMachine(runner).provide({ delays: { cancelGrace: 10 } });
    const actor = createActor(machine).start();
    actor.send({ type: 'CHECK', job });
    actor.send({ type: 'CANCEL' });
    const done = await waitFor(actor, (s) => s.matches('done'));
    expect(done.context.result?.verdict).toBe('cancelled');
    expect(aborted).toBe(1);
  });
});
