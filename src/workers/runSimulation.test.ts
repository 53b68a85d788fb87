import { describe, expect, it } from 'vitest';
import { loadExercisesFromDisk } from '../workshop/loadNode';
import { runSimulation } from './runSimulation';

describe('runSimulation', async () => {
  const exercises = await loadExercisesFromDisk();

  it('plays the starter of 04-lost-message deterministically', () => {
    const req = {
      type: 'play',
      folder: '04-lost-message',
      file: 'starter.ts',
      seed: 42,
      maxSteps: 500,
    } as const;
    const a = runSimulation(exercises, req);
    expect(a.type).toBe('ran');
    if (a.type !== 'ran') return;
    expect(a.events.some((e) => e.type === 'deliver' && e.messageType === 'SubmitOrder')).toBe(
      true,
    );
    expect(a.invariants.map((i) => i.name)).toContain('noLostMessages');
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    expect(runSimulation(exercises, req)).toEqual(a);
  });

  it('reports compile errors with a position', () => {
    const r = runSimulation(exercises, {
      type: 'play',
      folder: '04-lost-message',
      file: 'starter.ts',
      source: 'export function submitCart( {',
      seed: 1,
      maxSteps: 10,
    });
    expect(r.type).toBe('learnerError');
    if (r.type === 'learnerError') expect(r.error.line).toBeGreaterThan(0);
  });

  it('answers unavailable for unknown folders and files', () => {
    const base = { type: 'play', seed: 1, maxSteps: 10 } as const;
    expect(runSimulation(exercises, { ...base, folder: '99-nope', file: 'starter.ts' }).type).toBe(
      'unavailable',
    );
    expect(
      runSimulation(exercises, { ...base, folder: '04-lost-message', file: 'x.ts' }).type,
    ).toBe('unavailable');
  });
});
