import { afterEach, describe, expect, it, vi } from 'vitest';
import { requestSimulation } from './simulationClient';
import type { SimulationRequest, SimulationResponse } from './simulationProtocol';

const request: SimulationRequest = {
  type: 'play',
  folder: '04-lost-message',
  file: 'starter.ts',
  seed: 7,
  maxSteps: 10,
};

/** A stand-in for a worker: answers with `reply`, or never (a runaway learner loop). */
function fakeWorker(reply: SimulationResponse | null) {
  const terminated: boolean[] = [];
  class FakeWorker {
    onmessage: ((e: { data: SimulationResponse }) => void) | null = null;
    onerror: ((e: { message: string }) => void) | null = null;
    postMessage() {
      if (reply) queueMicrotask(() => this.onmessage?.({ data: reply }));
    }
    terminate() {
      terminated.push(true);
    }
  }
  vi.stubGlobal('Worker', FakeWorker);
  return terminated;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('requestSimulation', () => {
  it('returns the worker answer and terminates the worker', async () => {
    const terminated = fakeWorker({ type: 'unavailable', message: 'nope' });
    await expect(requestSimulation(request)).resolves.toEqual({
      type: 'unavailable',
      message: 'nope',
    });
    expect(terminated).toHaveLength(1);
  });

  it('terminates a worker that does not answer before the deadline', async () => {
    const terminated = fakeWorker(null);
    await expect(requestSimulation(request, 30)).resolves.toEqual({
      type: 'timedOut',
      deadlineMs: 30,
      file: 'starter.ts',
    });
    expect(terminated).toHaveLength(1);
  });
});
