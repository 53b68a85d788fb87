import { describe, expect, it } from 'vitest';
import { createEngine, doc, playSeeded } from '../../src/sim';
import type { TraceEvent, World } from '../../src/sim';
import { createProgram } from '../../src/workshop/program';
import { pinExercise } from '../../src/workshop/testing';
import type { Order } from '../types';

const { bundle, check, counterexample } = await pinExercise('21-out-of-document-outbox');

type ShopOrder = Order & { transactionId?: string | null; outbox?: unknown };
const order = (w: World) => doc<ShopOrder>(w, 'orders', 'order-1')!;
const kvKeys = (w: World, store: string) => {
  const s = w.stores[store];
  return s?.kind === 'kv' ? Object.keys(s.entries) : [];
};
const kvOps = (events: TraceEvent[], op: 'get' | 'put' | 'delete', store: string) =>
  events.flatMap((e) =>
    e.type === 'kv' && e.op === op && e.store === store ? [`${e.attemptId} ${e.key}`] : [],
  );
const enqueued = (events: TraceEvent[], type: string) =>
  events.flatMap((e) => (e.type === 'enqueue' && e.messageType === type ? [e.messageId] : []));

/** Replays a variant's counterexample, then takes the first enabled step until the run ends. */
function playedOn(name: string): World {
  const { check } = counterexample(name);
  const prepared = createProgram(bundle.manifest, bundle.sources[check.file]!, check.file);
  if (!prepared.ok) throw new Error(prepared.error.message);
  const engine = createEngine(prepared.program);
  let world = engine.initialWorld();
  if (check.result.verdict !== 'violated') throw new Error(`${name} passed`);
  for (const c of check.result.counterexample.choices) world = engine.step(world, c).world;
  for (let i = 0; i < 200; i++) {
    const next = engine.enabledSteps(world)[0];
    if (!next) return world;
    world = engine.step(world, next).world;
  }
  throw new Error('the run did not end');
}

describe('21 out-of-document outbox', () => {
  it("the starter's counterexample: add-1's first write puts its whole ItemAdded into the order", () => {
    const { world } = counterexample();
    expect(order(world).outbox).toEqual({
      'add-1': [
        {
          id: 'add-1/ItemAdded',
          type: 'ItemAdded',
          payload: { orderId: 'order-1', filling: 'Meat' },
        },
      ],
    });
  });

  it('Play with seed 1 (the README): a crash after add-1 commits, then both lines are announced', () => {
    const prepared = createProgram(bundle.manifest, bundle.sources['starter.ts']!, 'starter.ts');
    if (!prepared.ok) throw new Error(prepared.error.message);
    const run = playSeeded(createEngine(prepared.program), { seed: 1 });
    const crash = run.events.findIndex((e) => e.type === 'crash');
    const firstCommit = run.events.findIndex((e) => e.type === 'commit');
    expect(crash).toBe(firstCommit + 1);
    expect(run.events[firstCommit]).toMatchObject({ step: 3, attemptId: 'add-1@Orders' }); // "step 4"
    expect(run.events[firstCommit]).toMatchObject({
      writes: [{ target: 'orders/order-1', version: 2 }],
    });
    expect(order(run.world).lines).toEqual(['Meat', 'Mushrooms']);
    expect(enqueued(run.events, 'ItemAdded')).toEqual(['add-1/ItemAdded', 'add-2/ItemAdded']);
  });

  it("mark-current-message: add-2 finishes add-1's transaction and marks itself, so it is dropped", () => {
    const { events, world } = counterexample('mark-current-message');
    expect(events.some((e) => e.type === 'sendFail' && e.attemptId === 'add-1@Orders')).toBe(true);
    expect(kvOps(events, 'get', 'outbox')).toEqual([
      'add-1@Orders tx-add-1',
      'add-2@Orders tx-add-1',
    ]);
    expect(enqueued(events, 'ItemAdded')).toEqual(['add-1/ItemAdded']);
    expect(kvOps(events, 'put', 'inbox')).toEqual(['add-2@Orders add-2']);
    expect(order(world).lines).toEqual(['Meat']);
    // Played on: add-2 returns as a duplicate, and add-1's retry adds Meat a second time.
    const end = playedOn('mark-current-message');
    expect(order(end).lines).toEqual(['Meat', 'Meat']);
  });

  it("finish-own-only: add-2 commits over add-1's pending transaction", () => {
    const { events, world } = counterexample('finish-own-only');
    expect(events.some((e) => e.type === 'sendFail' && e.attemptId === 'add-1@Orders')).toBe(true);
    expect(order(world)).toMatchObject({ lines: ['Meat', 'Mushrooms'], transactionId: 'tx-add-2' });
    expect(kvKeys(world, 'outbox')).toEqual(['tx-add-1', 'tx-add-2']);
    expect(kvKeys(world, 'inbox')).toEqual([]);
  });

  it("mark-after-delete: a crash between the delete and the mark, and add-1's id is nowhere", () => {
    const { events, world } = counterexample('mark-after-delete');
    expect(events.some((e) => e.type === 'crash' && e.after === 'kvDelete')).toBe(true);
    expect(order(world)).toMatchObject({ lines: ['Meat'], transactionId: null });
    expect(kvKeys(world, 'outbox')).toEqual([]);
    expect(kvKeys(world, 'inbox')).toEqual([]);
  });

  it('new-work-before-finishing: the retry after a crash adds Meat again', () => {
    const { events, world } = counterexample('new-work-before-finishing');
    expect(events.some((e) => e.type === 'crash' && e.after === 'batch')).toBe(true);
    expect(order(world).lines).toEqual(['Meat', 'Meat']);
  });

  it('delete-before-dispatch: a crash after the delete loses add-2/ItemAdded', () => {
    const { events, world } = counterexample('delete-before-dispatch');
    expect(events.some((e) => e.type === 'crash' && e.after === 'kvDelete')).toBe(true);
    expect(enqueued(events, 'ItemAdded')).toEqual(['add-1/ItemAdded']);
    expect(order(world).lines).toEqual(['Meat', 'Mushrooms']);
  });

  it("fresh-tx-ids: a crash after the outbox write leaves the attempt's document for ever", () => {
    const { events, world } = counterexample('fresh-tx-ids');
    expect(events.some((e) => e.type === 'crash' && e.after === 'kvPut')).toBe(true);
    expect(kvKeys(world, 'outbox')).toHaveLength(1);
    expect(kvKeys(world, 'outbox')[0]).toMatch(/^tx-add-[12]@Orders\.1$/);
    expect(order(world)).toMatchObject({ lines: ['Meat', 'Mushrooms'], transactionId: null });
  });

  it('pins the state counts and counterexample lengths', () => {
    const figures: [string, string | null, number, number][] = [
      // [variant, invariant (null: passes), distinct states, depth]
      ['starter', 'orderStaysSmall', 9, 4],
      ['solution', null, 318, 34],
      ['mark-current-message', 'inboxMeansDone', 131, 12],
      ['delete-before-dispatch', 'everyLineAnnounced', 645, 27],
      ['mark-after-delete', 'changeAlwaysTracked', 127, 12],
      ['new-work-before-finishing', 'lineAddedOnce', 81, 10],
      ['finish-own-only', 'changeAlwaysTracked', 127, 12],
      ['fresh-tx-ids', 'outboxEmptyAtEnd', 1056, 30],
    ];
    for (const [name, invariant, states, depth] of figures) {
      const c = check(name);
      expect({ name, invariant: c.invariant, states: c.distinctStates, depth: c.depth }).toEqual({
        name,
        invariant,
        states,
        depth,
      });
    }
  });
});
