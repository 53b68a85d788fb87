import { coreInvariants, defineExercise, docs, invariant, parseLogicalKey } from '../../src/sim';
import type { InvariantWorld } from '../../src/sim';
import { everyLineAnnounced } from '../shared';

const ORDER = { cartId: 'cart-1', customer: 'alice', items: ['Meat'], lines: [] };

const inInbox = (w: InvariantWorld, id: string) => {
  const s = w.stores.inbox;
  return s?.kind === 'kv' && id in s.entries;
};
const inOutbox = (w: InvariantWorld, id: string) =>
  docs<Record<string, unknown>>(w, 'outbox').some(([, box]) => id in box);

export default defineExercise({
  id: 'inbox',
  title: 'Inbox: a separate deduplication store',
  summary:
    'Move processed ids out of the order into a cheap key-value store, without a moment where an id is nowhere.',
  block: 'Outbox and inbox',
  endpoints: {
    Orders: {
      kind: 'messages',
      handles: { AddItem: 'onAddItem' },
      middleware: ['outbox'],
      concurrency: 2,
      // Two messages for one order contend for its outbox document: a conflict is retried.
      retries: { immediate: 3, delayed: 0, backoffBaseTicks: 10 },
    },
    Billing: { kind: 'messages', handles: { ItemAdded: 'onEvent' } },
  },
  subscriptions: { ItemAdded: ['Billing'] },
  stores: {
    db: { kind: 'documents', initial: { orders: { 'order-1': ORDER } }, bookkeeping: ['outbox'] },
    inbox: { kind: 'kv', bookkeeping: true },
  },
  workload: {
    messages: [
      { destination: 'Orders', type: 'AddItem', payload: { orderId: 'order-1', filling: 'Meat' } },
    ],
  },
  faults: { total: 1, perKind: { crash: 1, duplicate: 1 } },
  invariants: [
    coreInvariants.noDuplicateProcessing,
    invariant(
      'idAlwaysSomewhere',
      'always',
      "From its first commit on, a message id is always in the order's outbox or in the inbox (or both).",
      (w) => {
        for (const key of Object.keys(w.history.effects)) {
          const { endpoint, incomingId: id } = parseLogicalKey(key);
          if (endpoint !== 'Orders') continue;
          if (!inOutbox(w, id) && !inInbox(w, id))
            return `${id} was processed, but it is neither in the outbox nor in the inbox: a duplicate would be processed again.`;
        }
        return true;
      },
    ),
    coreInvariants.noLostMessages,
    everyLineAnnounced,
    invariant(
      'outboxOnlyInProgress',
      'atQuiescence',
      "When all is done, the order's outbox is empty: it holds only messages in progress.",
      (w) => {
        for (const [id, box] of docs<Record<string, unknown>>(w, 'outbox')) {
          const left = Object.keys(box);
          if (left.length > 0)
            return `outbox/${id} still holds ${left.join(', ')} after everything was processed.`;
        }
        return true;
      },
    ),
  ],
  equivalentMutants: {
    'swap-calls in onAddItem #1':
      'inside the outbox middleware the store and the publish are both captured and committed together: their order does not matter',
    'drop-expectedVersion in onAddItem #1':
      'the batch is also conditional on the outbox version, which any other copy changes first',
    'drop-expectedVersion in store #1':
      'the batch is also conditional on the outbox version, which any other copy changes first',
    'gut in onEvent #1': 'Billing only listens: its handler does nothing in the solution either',
  },
  files: {
    starterViolates: 'outboxOnlyInProgress',
    variants: {
      'check-inbox-first': {
        description:
          'Asks the inbox before loading the outbox: a copy can pass the check just before the other copy finishes.',
        violates: 'noDuplicateProcessing',
      },
      'no-cleanup': {
        description: 'Returns as soon as the inbox knows the id, leaving a crashed entry behind.',
        violates: 'outboxOnlyInProgress',
      },
      'remove-then-mark': {
        description: 'Removes the outbox entry first and writes the inbox second.',
        violates: 'idAlwaysSomewhere',
      },
      'mark-before-dispatch': {
        description: 'Writes the id into the inbox before dispatching the messages.',
        violates: 'everyLineAnnounced',
      },
    },
  },
});
