import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../sim/trace';
import { messagesInFlightAt } from './messagesInFlight';
import { toTopology } from './topology';
import { l3HappyRun, leaseRun } from './testing/runs';

/** The cursor (steps applied) of the first step with an event of `type`. */
const cursorOf = (events: TraceEvent[], type: TraceEvent['type']) =>
  events.find((e) => e.type === type)!.step + 1;

describe('messagesInFlightAt', () => {
  it('puts an enqueued message on the producer -> queue edge, at its step only', () => {
    const { events, manifest } = l3HappyRun();
    const at = cursorOf(events, 'enqueue');
    expect(messagesInFlightAt(events, at, manifest)).toEqual([
      {
        edgeId: 'ep:Frontend->queue:Orders',
        source: 'ep:Frontend',
        target: 'queue:Orders',
        kind: 'enqueue',
        label: 'SubmitOrder',
        messageIds: [events.find((e) => e.type === 'enqueue')!.messageId],
      },
    ]);
    expect(messagesInFlightAt(events, at - 1, manifest)).toEqual([]);
    const quiet = events.find(
      (e) => !events.some((o) => o.step === e.step && ['enqueue', 'deliver'].includes(o.type)),
    )!;
    expect(messagesInFlightAt(events, quiet.step + 1, manifest)).toEqual([]);
    expect(messagesInFlightAt(events, 0, manifest)).toEqual([]);
  });

  it('puts a delivered message on the queue -> consumer edge', () => {
    const { events, manifest } = l3HappyRun();
    const flights = messagesInFlightAt(events, cursorOf(events, 'deliver'), manifest);
    expect(flights).toMatchObject([
      { edgeId: 'queue:Orders->ep:Orders', kind: 'deliver', label: 'SubmitOrder' },
    ]);
  });

  it('uses the edge ids the topology draws', () => {
    const run = leaseRun();
    const edges = new Set(toTopology(run.manifest, run.world).edges.map((e) => e.id));
    const all = run.choices.flatMap((_, i) => messagesInFlightAt(run.events, i + 1, run.manifest));
    expect(all.length).toBeGreaterThan(1);
    for (const m of all) expect(edges).toContain(m.edgeId);
  });

  it('groups several messages on one edge and leaves out what has no edge', () => {
    const base = { step: 3, tick: 0, ghost: false, payload: null } as const;
    const enqueue = (messageId: string, messageType: string, endpoint: string) =>
      ({
        ...base,
        type: 'enqueue',
        messageId,
        copyId: `c-${messageId}`,
        messageType,
        destination: 'Orders',
        producedBy: { endpoint, incomingId: 'r1', attemptId: 'a1' },
      }) satisfies TraceEvent;
    const { manifest } = l3HappyRun();
    const events: TraceEvent[] = [
      enqueue('m1', 'AddItem', 'Frontend'),
      enqueue('m2', 'AddItem', 'Frontend'),
      enqueue('m3', 'Checkout', 'Frontend'),
      enqueue('m4', 'AddItem', 'Nobody'),
    ];
    expect(messagesInFlightAt(events, 4, manifest)).toEqual([
      {
        edgeId: 'ep:Frontend->queue:Orders',
        source: 'ep:Frontend',
        target: 'queue:Orders',
        kind: 'enqueue',
        label: 'AddItem ×2, Checkout',
        messageIds: ['m1', 'm2', 'm3'],
      },
    ]);
  });
});
