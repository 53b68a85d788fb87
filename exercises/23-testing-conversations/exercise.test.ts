import { describe, expect, it } from 'vitest';
import { doc } from '../../src/sim';
import { pinExercise } from '../../src/workshop/testing';

const { check, counterexample } = await pinExercise('23-testing-conversations');

type World = ReturnType<typeof counterexample>['world'];
interface Trace {
  produced: string[];
  processed: string[];
}
const answersOf = (world: World) => world.tabs.find((t) => t.tab === 'test')!.responses!;
const traceOf = (world: World, conversation: string) => {
  const s = world.stores.trace;
  return s?.kind === 'kv' ? (s.entries[conversation]?.value as Trace | undefined) : undefined;
};
const statusOf = (world: World) => doc<{ status: string }>(world, 'orders', 'order-1')?.status;

describe('23 testing conversations', () => {
  it("the starter: the test asserts while PlaceOrder is still in the broker, and says 'fail'", () => {
    const { events, world } = counterexample();
    const [start, assert] = answersOf(world);
    const conversation = (start!.body as { conversation: string }).conversation;
    expect(assert).toEqual({ route: 'assert', body: { conversation, verdict: 'fail' } });
    // The command the test sent has not even been delivered: the conversation has only begun.
    expect(events.some((e) => e.type === 'enqueue')).toBe(true);
    expect(events.some((e) => e.type === 'deliver')).toBe(false);
    expect(world.copies.map((c) => [c.type, c.headers.conversation])).toEqual([
      ['PlaceOrder', conversation],
    ]);
    expect(statusOf(world)).toBe('placed');
  });

  it('forgets-send-local: the re-sent PlaceOrder leaves untraced, so the trace looks over too early', () => {
    const { world } = counterexample('forgets-send-local');
    const conversation = (answersOf(world)[0]!.body as { conversation: string }).conversation;
    const trace = traceOf(world, conversation)!;
    expect(trace.produced).toEqual(trace.processed);
    const resent = world.copies.find(
      (c) => c.type === 'PlaceOrder' && !trace.produced.includes(c.messageId),
    );
    expect(resent).toBeDefined();
    expect(resent!.headers.conversation).toBeUndefined();
    expect(answersOf(world)[1]!.body).toMatchObject({ verdict: 'fail' });
  });

  it('no-conversation-header: Billing cannot tell which trace FinalizeOrder belongs to', () => {
    const { world } = counterexample('no-conversation-header');
    const conversation = (answersOf(world)[0]!.body as { conversation: string }).conversation;
    const trace = traceOf(world, conversation)!;
    const finalize = Object.entries(world.history.enqueued).find(
      ([, e]) => e.type === 'FinalizeOrder',
    )!;
    expect(trace.produced).toContain(finalize[0]);
    expect(trace.processed).not.toContain(finalize[0]);
    expect(statusOf(world)).toBe('finalized');
  });

  it('pins the state counts and counterexample lengths', () => {
    const figures: [string, number, number][] = [
      // [variant, distinct states, depth]
      ['starter', 49, 9],
      ['solution', 605, 29],
      ['processed-on-receipt', 98, 13],
      ['forgets-send-local', 257, 16],
      ['no-conversation-header', 276, 20],
      ['poll-the-order', 95, 11],
      ['order-before-trace', 678, 21],
    ];
    const got = figures.map(([name]) => {
      const r = check(name);
      return [name, r.distinctStates, r.depth, r.ok];
    });
    expect(got).toEqual(figures.map((f) => [...f, true]));
  });
});
