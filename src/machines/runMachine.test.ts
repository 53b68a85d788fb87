import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import type { SimulationOutcome, SimulationRequest } from '../workers/simulationProtocol';
import { createRunMachine } from './runMachine';

const request = (seed: number): SimulationRequest => ({
  type: 'play',
  folder: '04-lost-message',
  file: 'starter.ts',
  seed,
  maxSteps: 10,
});

describe('runMachine', () => {
  it('shows the latest run only', async () => {
    const resolvers: ((o: SimulationOutcome) => void)[] = [];
    const actor = createActor(
      createRunMachine(() => new Promise((resolve) => resolvers.push(resolve))),
    ).start();
    actor.send({ type: 'RUN', request: request(1) });
    actor.send({ type: 'RUN', request: request(2) });
    expect(actor.getSnapshot().value).toBe('running');
    resolvers[0]!({ type: 'unavailable', message: 'stale' });
    resolvers[1]!({ type: 'unavailable', message: 'fresh' });
    const s = await waitFor(actor, (snap) => snap.matches('shown'));
    expect(s.context.outcome).toEqual({ type: 'unavailable', message: 'fresh' });
    expect(s.context.request?.seed).toBe(2);
  });

  it('lands in failed when the worker crashes', async () => {
    const actor = createActor(
      createRunMachine(() => Promise.reject(new Error('Worker failed: boom'))),
    ).start();
    actor.send({ type: 'RUN', request: request(1) });
    const s = await waitFor(actor, (snap) => snap.matches('failed'));
    expect(s.context.failure).toBe('Worker failed: boom');
  });
});
