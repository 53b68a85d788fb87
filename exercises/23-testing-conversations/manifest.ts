import { defineExercise, doc, invariant } from '../../src/sim';
import type { InvariantWorld } from '../../src/sim';

/** What the trace knows about one conversation (kv store `trace`, key: the conversation id). */
interface Trace {
  produced: string[];
  processed: string[];
}

const ORDER = 'order-1';

/** The tab's answers, in the order they came. */
function answers(w: InvariantWorld): { route: string; body: Record<string, unknown> | null }[] {
  const tab = w.tabs.find((t) => t.tab === 'test');
  return (tab?.responses ?? []) as { route: string; body: Record<string, unknown> | null }[];
}

const verdicts = (w: InvariantWorld) =>
  answers(w)
    .filter((a) => a.route === 'assert')
    .map((a) => a.body?.verdict);

const finalized = (w: InvariantWorld) =>
  doc<{ status?: string }>(w, 'orders', ORDER)?.status === 'finalized';

/**
 * The conversation as it really happened, from the world's history: the messages the test driver
 * sent, and every message sent while handling one of them, transitively.
 */
function conversationMessages(w: InvariantWorld): { id: string; type: string }[] {
  const enqueued = Object.entries(w.history.enqueued);
  const ids = new Set(
    enqueued.filter(([, e]) => e.producedBy.endpoint === 'TestDriver').map(([id]) => id),
  );
  for (let grew = true; grew;) {
    grew = false;
    for (const [id, e] of enqueued)
      if (!ids.has(id) && ids.has(e.producedBy.incomingId)) {
        ids.add(id);
        grew = true;
      }
  }
  return enqueued.filter(([id]) => ids.has(id)).map(([id, e]) => ({ id, type: e.type }));
}

/** Messages of the conversation still in the broker: waiting, or being handled (not yet acked). */
function stillInBroker(w: InvariantWorld): string[] {
  const ids = new Set(conversationMessages(w).map((m) => m.id));
  return w.copies
    .filter((c) => ids.has(c.messageId))
    .map((c) => `${c.type} ${c.messageId} (${c.leasedBy ? 'being handled' : 'waiting'})`);
}

export default defineExercise({
  id: 'testing-conversations',
  title: 'Testing a conversation: assert when it is over',
  summary:
    'A test that asserts right after sending is flaky: trace the conversation and judge only when every message it produced has been processed.',
  block: 'Testing',
  endpoints: {
    TestDriver: { kind: 'http', routes: { start: 'start', assert: 'assert' } },
    Orders: {
      kind: 'messages',
      handles: { PlaceOrder: 'onPlaceOrder' },
      middleware: ['tracing'],
      concurrency: 1,
    },
    Billing: {
      kind: 'messages',
      handles: { FinalizeOrder: 'onFinalizeOrder' },
      middleware: ['tracing'],
      concurrency: 1,
    },
  },
  stores: {
    db: {
      kind: 'documents',
      initial: { orders: { [ORDER]: { customer: 'alice', status: 'placed' } } },
    },
    trace: { kind: 'kv' },
  },
  workload: {
    tabs: [
      {
        name: 'test',
        actions: [
          { endpoint: 'TestDriver', route: 'start', body: { orderId: ORDER } },
          {
            endpoint: 'TestDriver',
            route: 'assert',
            body: { conversation: { $fromResponse: 'conversation' }, orderId: ORDER },
          },
        ],
      },
    ],
  },
  // No failures: a conversation that is not over yet is enough.
  faults: { total: 0, perKind: {} },
  invariants: [
    invariant(
      'testCanPass',
      'sometimes',
      'In some run the conversation is over when the test asserts, and the test answers "pass" (a test that never passes tests nothing).',
      (w) => (verdicts(w).includes('pass') ? true : 'no "pass" yet'),
    ),
    invariant(
      'noFalsePass',
      'always',
      'The test answers "pass" only when the order is really finalized.',
      (w) =>
        verdicts(w).includes('pass') && !finalized(w)
          ? `The test answered "pass", but ${ORDER} is not finalized: it would hide a real bug.`
          : true,
    ),
    invariant(
      'noFalseFailure',
      'always',
      'The shop is correct, so the test never answers "fail": a "fail" here is a flaky test.',
      (w) => {
        if (!verdicts(w).includes('fail')) return true;
        const pending = stillInBroker(w);
        return pending.length > 0
          ? `The test answered "fail" while the conversation was not over: ${pending.join(' and ')} ${pending.length === 1 ? 'is' : 'are'} still in the broker.`
          : `The test answered "fail", yet ${ORDER} is ${finalized(w) ? 'finalized by now' : 'not finalized'}: it judged too early.`;
      },
    ),
    invariant(
      'conversationTraced',
      'atQuiescence',
      'When all is done, the trace lists every message of the conversation as produced and as processed.',
      (w) => {
        const start = answers(w).find((a) => a.route === 'start');
        const conversation = start?.body?.conversation;
        if (typeof conversation !== 'string') return true;
        const s = w.stores.trace;
        const entry = s?.kind === 'kv' ? s.entries[conversation] : undefined;
        const trace = entry?.value as Trace | undefined;
        for (const m of conversationMessages(w)) {
          if (!trace?.produced.includes(m.id))
            return `${m.type} ${m.id} belongs to conversation ${conversation}, but the trace never saw it sent: the test cannot know it must wait for it.`;
          if (!trace.processed.includes(m.id))
            return `${m.type} ${m.id} of conversation ${conversation} was handled, but the trace does not list it as processed: the test waits for it forever.`;
        }
        return true;
      },
    ),
  ],
  // The trace is the test's own bookkeeping (conversationTraced checks it).
  outcome: { ignore: ['trace'] },
  equivalentMutants: {
    'drop-expectedVersion in onFinalizeOrder #1':
      'Orders handles one message at a time: nothing writes the order between the load and the store',
    'swallow in addToTrace #1':
      'no faults in this exercise: the only errors the write can raise are the conflicts the loop retries anyway',
  },
  files: {
    starterViolates: 'noFalseFailure',
    variants: {
      'processed-on-receipt': {
        description:
          'Marks a message processed when it arrives and adds what it produced after the handler.',
        violates: 'noFalseFailure',
      },
      'forgets-send-local': {
        description:
          'Traces send and publish but not sendLocal: the re-sent PlaceOrder leaves untraced.',
        violates: 'noFalseFailure',
      },
      'no-conversation-header': {
        description:
          'Records the ids it produced, but the messages leave without the conversation id.',
        violates: 'conversationTraced',
      },
      'poll-the-order': {
        description:
          'Ignores the trace and looks at the order up to three times: a sleep in disguise.',
        violates: 'noFalseFailure',
      },
      'order-before-trace': {
        description: 'Loads the order first and the trace second, then judges the order it loaded.',
        violates: 'noFalseFailure',
      },
    },
  },
});
