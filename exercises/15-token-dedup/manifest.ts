import {
  boundedDedupData,
  coreInvariants,
  defineExercise,
  doc,
  docs,
  invariant,
} from '../../src/sim';
import type { InvariantWorld } from '../../src/sim';
import type { Order } from '../types';

const ITEMS = ['Meat', 'Mushrooms'];

/** Live tokens in the shared token store. */
const tokens = (w: InvariantWorld) => {
  const s = w.stores.tokens;
  return s?.kind === 'kv' ? Object.keys(s.entries).length : 0;
};
/** Outgoing messages still waiting in an outbox entry (not yet handed to the broker for good). */
const waiting = (w: InvariantWorld) =>
  docs<Record<string, { messages: unknown[] }>>(w, 'outbox').reduce(
    (n, [, box]) => n + Object.values(box).reduce((m, e) => m + (e.messages?.length ?? 0), 0),
    0,
  );
/** A crash between creating tokens and the checkpoint orphans at most one token per message. */
const garbageAllowance = (w: InvariantWorld) => (w.faults.byKind.crash ?? 0) * ITEMS.length;

export default defineExercise({
  id: 'token-dedup',
  title: 'Token-based deduplication',
  summary:
    'Turn the proof around: a one-time token says a message may still be processed, and is deleted when it was.',
  block: 'Outbox and inbox',
  endpoints: {
    Orders: {
      kind: 'messages',
      handles: { SubmitOrder: 'onSubmitOrder' },
      middleware: ['exactlyOnce'],
    },
    Billing: {
      kind: 'messages',
      handles: { BillItem: 'onBillItem' },
      middleware: ['exactlyOnce'],
    },
  },
  stores: {
    db: {
      kind: 'documents',
      initial: { invoices: { 'order-1': { customer: 'alice', charges: [] } } },
      bookkeeping: ['outbox'],
    },
    tokens: { kind: 'kv', bookkeeping: true },
  },
  workload: {
    messages: [
      {
        destination: 'Orders',
        type: 'SubmitOrder',
        payload: { orderId: 'order-1', customer: 'alice', items: ITEMS },
      },
    ],
  },
  faults: { total: 1, perKind: { crash: 1 } },
  invariants: [
    coreInvariants.noDuplicateProcessing,
    boundedDedupData((w) => tokens(w) - waiting(w) - garbageAllowance(w), 1),
    coreInvariants.noLostMessages,
    invariant(
      'everyItemBilled',
      'atQuiescence',
      'When all is done, the invoice has one charge per item of the order.',
      (w) => {
        const order = doc<Order>(w, 'orders', 'order-1');
        const charges = doc<{ charges: unknown[] }>(w, 'invoices', 'order-1')?.charges ?? [];
        const items = order?.items.length ?? 0;
        return charges.length === items
          ? true
          : `The order has ${items} item(s), but the invoice has ${charges.length} charge(s).`;
      },
    ),
  ],
  equivalentMutants: {
    'drop-expectedVersion in onSubmitOrder #1':
      'Orders handles one message at a time and the faults are crashes: a second SubmitOrder always finds the order',
    'drop-expectedVersion in onBillItem #1':
      'Billing handles one message at a time: nothing writes the invoice between the load and the batch',
    'drop-expectedVersion in exactlyOnce #1':
      'each endpoint handles one message at a time: nothing else writes its outbox meanwhile',
    'drop-expectedVersion in exactlyOnce #2':
      'each endpoint handles one message at a time: nothing else writes its outbox meanwhile',
    'drop-expectedVersion in exactlyOnce #3':
      'each endpoint handles one message at a time: nothing else writes its outbox meanwhile',
    'drop-expectedVersion in exactlyOnce #4':
      'each endpoint handles one message at a time: nothing else deletes the token meanwhile',
    'drop-expectedVersion in exactlyOnce #5':
      'each endpoint handles one message at a time: nothing else writes its outbox meanwhile',
    'drop-expectedVersion in store #1':
      'the batch is also conditional on the outbox version, and each endpoint handles one message at a time',
    'delete-call in exactlyOnce #1':
      'removing a finished outbox entry is housekeeping: the entry left behind changes no outcome, and the check bounds tokens, not outbox entries',
    'delete-call in exactlyOnce #2':
      "removing a duplicate's leftover outbox entry is housekeeping: it changes no outcome, and the check bounds tokens, not outbox entries",
  },
  files: {
    variants: {
      'fresh-tokens-no-checkpoint': {
        description:
          'Mints fresh token ids, but on every attempt: a retry after the dispatch sends new tokens for the same messages.',
        violates: 'noDuplicateProcessing',
      },
      'keep-used-tokens': {
        description: 'Marks a token used instead of deleting it, "to recognise late duplicates".',
        violates: 'boundedDedupData',
      },
      'consume-first': {
        description:
          'Deletes the incoming token before processing: a crash in between loses the message.',
        violates: 'everyItemBilled',
      },
    },
  },
});
