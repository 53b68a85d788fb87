import { describe, expect, it } from 'vitest';
import { awaitValue, createEngine, defineExercise } from './index';
import type { HandlerContext, HandlerGenerator } from './index';
import { drive, firstNormal } from './testing/drive';

const $ = awaitValue;

/** Projections reads alice's stream and appends one event after the initial ones. */
function program() {
  const manifest = defineExercise({
    id: 'initial-events',
    title: 'initial events',
    summary: '',
    block: 'Test',
    endpoints: { Projections: { kind: 'messages', handles: { Work: 'onWork' } } },
    stores: {
      orders: {
        kind: 'events',
        initial: { 'orders-alice': [{ n: 1 }, { n: 2 }], 'orders-bob': [{ n: 3 }] },
      },
    },
    workload: { messages: [{ destination: 'Projections', type: 'Work', id: 'm1' }] },
    dispatch: 'immediate',
    faults: { total: 0, perKind: {} },
    invariants: [],
    limits: { maxStates: 100, maxDepth: 100, maxTimeMs: 1000 },
    files: { starter: 's.ts', solution: 's.ts', variants: {} },
  });
  let read: unknown = null;
  function* onWork(_msg: unknown, ctx: HandlerContext): HandlerGenerator {
    read = yield* $(ctx.events.read('orders', 'orders-alice', 1));
    yield* $(ctx.events.append('orders', 'orders-alice', [{ n: 4 }], { expectedVersion: 2 }));
    return undefined;
  }
  return {
    engine: createEngine({ manifest, file: 'scenario.ts', handlers: { onWork } }),
    read: () => read,
  };
}

describe('initial events', () => {
  it('the event store starts with them, at versions 1.. and global positions in listed order', () => {
    const world = program().engine.initialWorld();
    expect(world.stores.orders).toEqual({
      kind: 'events',
      position: 3,
      streams: {
        'orders-alice': [
          { data: { n: 1 }, position: 1, writtenBy: 'initial' },
          { data: { n: 2 }, position: 2, writtenBy: 'initial' },
        ],
        'orders-bob': [{ data: { n: 3 }, position: 3, writtenBy: 'initial' }],
      },
    });
  });

  it('handlers read them and append after them', () => {
    const p = program();
    const { world } = drive(p.engine, firstNormal);
    expect(p.read()).toEqual({ version: 2, events: [{ version: 2, position: 2, data: { n: 2 } }] });
    const s = world.stores.orders;
    expect(s?.kind === 'events' && s.streams['orders-alice']?.at(-1)).toEqual({
      data: { n: 4 },
      position: 4,
      writtenBy: 'm1@Projections',
    });
  });

  it('are copied, so a run never changes the manifest', () => {
    const p = program();
    drive(p.engine, firstNormal);
    const again = p.engine.initialWorld().stores.orders;
    expect(again?.kind === 'events' && again.streams['orders-alice']).toHaveLength(2);
  });
});
