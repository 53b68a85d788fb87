/**
 * Simulation throughput: a seeded run of the L3 scenario (one user submits 10,000 carts one after
 * another; the edge saves each and sends SubmitOrder; Orders creates the order), stepping the
 * world in place as Play does. Reports simulated steps per second.
 */
import { performance } from 'node:perf_hooks';
import { createEngine, playSeeded } from '../../src/sim';
import { l3Program } from '../../src/sim/testing/scenarios';
import type { BenchEntry } from './report';

export function runEngineBench(messages = 10_000): BenchEntry[] {
  const best = { stepsPerSecond: 0, steps: 0, ms: 0 };
  for (let round = 0; round < 5; round++) {
    const engine = createEngine(l3Program(messages));
    const t = performance.now();
    const run = playSeeded(engine, { seed: 1 + round, maxSteps: 10_000_000, recordEvents: false });
    const ms = performance.now() - t;
    if (run.end !== 'quiescent') throw new Error('the L3 benchmark run did not reach quiescence');
    const sps = (run.choices.length / ms) * 1000;
    if (sps > best.stepsPerSecond)
      Object.assign(best, { stepsPerSecond: sps, steps: run.choices.length, ms });
  }
  return [
    { name: 'engine.stepsPerSecond', value: Math.round(best.stepsPerSecond), unit: 'steps/s' },
    { name: 'engine.l3-10000.steps', value: best.steps, unit: 'steps' },
    { name: 'engine.l3-10000.ms', value: Math.round(best.ms), unit: 'ms' },
  ];
}
