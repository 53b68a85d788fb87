import { describe, expect, it } from 'vitest';
import { createEngine, playSeeded } from '../../src/sim';
import type { TraceEvent, World } from '../../src/sim';
import { createProgram } from '../../src/workshop/program';
import { pinExercise } from '../../src/workshop/testing';

const { bundle, check, counterexample } = await pinExercise('19-projection-checkpoint');

function viewOf(world: World) {
  const s = world.stores.history!;
  if (s.kind !== 'documents') throw new Error('history is not a document store');
  return s.collections.views?.['history-alice']?.value;
}

/** The attempts that wrote the view while handling `messageId`. */
function viewWritesFor(events: TraceEvent[], messageId: string): string[] {
  const attempts = events.flatMap((e) =>
    e.type === 'deliver' && e.messageId === messageId ? [e.attemptId] : [],
  );
  return events.flatMap((e) =>
    e.type === 'commit' &&
    attempts.includes(e.attemptId) &&
    e.writes.some((w) => w.target === 'views/history-alice')
      ? [e.attemptId]
      : [],
  );
}

describe('19 projection checkpoint', () => {
  it('the starter: event-1 comes back after a crash, and both deliveries count order-1', () => {
    const { events, world } = counterexample('starter');
    expect(events.some((e) => e.type === 'crash' && e.after === 'batch')).toBe(true);
    expect(events.filter((e) => e.type === 'deliver' && e.messageId === 'event-1')).toHaveLength(2);
    expect(viewWritesFor(events, 'event-1')).toEqual(['event-1@History', 'event-1@History#2']);
    expect(viewOf(world)).toEqual({ orders: 2, total: 40 });
  });

  it('Play with seed 1 (the README): the broker duplicates event-3, and the page shows 4 orders', () => {
    const prepared = createProgram(bundle.manifest, bundle.sources['starter.ts']!, 'starter.ts');
    if (!prepared.ok) throw new Error(prepared.error.message);
    const run = playSeeded(createEngine(prepared.program), { seed: 1 });
    expect(run.events.some((e) => e.type === 'duplicate' && e.messageId === 'event-3')).toBe(true);
    expect(viewOf(run.world)).toEqual({ orders: 4, total: 150 });
  });

  it('a checkpoint saved after the view: the crash between the writes counts order-1 twice', () => {
    const { events, world } = counterexample('checkpoint-after-view');
    expect(events.some((e) => e.type === 'crash' && e.after === 'batch')).toBe(true);
    expect(viewWritesFor(events, 'event-1')).toEqual(['event-1@History', 'event-1@History#2']);
    expect(viewOf(world)).toEqual({ orders: 2, total: 40 });
  });

  it('applying past a gap: event-2 arrives after event-3 and is dropped as old', () => {
    const { events, world } = counterexample('apply-past-gaps');
    expect(events.some((e) => e.type === 'delay' && e.messageId === 'event-2')).toBe(true);
    expect(viewWritesFor(events, 'event-2')).toEqual([]);
    expect(viewOf(world)).toEqual({ orders: 2, total: 70, checkpoint: 3 });
  });

  it('only the last event id: a duplicate of event-2 after event-3 is counted again', () => {
    const { events, world } = counterexample('last-event-id-only');
    expect(events.some((e) => e.type === 'duplicate' && e.messageId === 'event-2')).toBe(true);
    expect(viewWritesFor(events, 'event-2')).toHaveLength(2);
    expect(viewOf(world)).toMatchObject({ orders: 4, total: 130 });
  });

  it('failing on a gap: event-3 runs out of retries before event-2 arrives', () => {
    const { events, world } = counterexample('fail-on-gap');
    expect(events.some((e) => e.type === 'delay' && e.messageId === 'event-2')).toBe(true);
    expect(world.errorQueue.map((c) => c.messageId)).toEqual(['event-3']);
  });

  it('pins the state counts, depths and counterexample lengths', () => {
    const figures: [string, number, number, number | null][] = [
      // [variant, distinct states, depth, counterexample steps (null: passes)]
      ['starter', 53, 6, 6],
      ['solution', 161, 19, null],
      ['checkpoint-after-view', 89, 10, 10],
      ['apply-past-gaps', 118, 12, 12],
      ['last-event-id-only', 138, 16, 16],
      ['fail-on-gap', 129, 13, 13],
    ];
    for (const [name, distinctStates, depth, steps] of figures) {
      const r = check(name);
      expect(r, name).toMatchObject({ ok: true, distinctStates, depth });
      const trace = r.result.verdict === 'violated' ? r.result.counterexample : null;
      expect(trace?.depth ?? null, name).toBe(steps);
    }
  });
});
