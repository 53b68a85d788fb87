import { coreInvariants, defineExercise } from '../../src/sim';
import { everyLineAnnounced } from '../shared';

const ORDER = { cartId: 'cart-1', customer: 'alice', items: ['Meat'], lines: [] };

export default defineExercise({
  id: 'generic-outbox',
  title: 'Generic outbox: dedup as a pipeline step',
  summary:
    'Move the outbox out of the handlers into one middleware: capture, commit with the change, then dispatch.',
  block: 'Outbox and inbox',
  endpoints: {
    Orders: {
      kind: 'messages',
      handles: { AddItem: 'onAddItem', BookPayment: 'onBookPayment' },
      middleware: ['outbox'],
      concurrency: 1,
    },
    Billing: { kind: 'messages', handles: { ItemAdded: 'onEvent', PaymentBooked: 'onEvent' } },
  },
  subscriptions: { ItemAdded: ['Billing'], PaymentBooked: ['Billing'] },
  stores: {
    db: { kind: 'documents', initial: { orders: { 'order-1': ORDER } }, bookkeeping: ['outbox'] },
  },
  workload: {
    messages: [
      { destination: 'Orders', type: 'AddItem', payload: { orderId: 'order-1', filling: 'Meat' } },
      { destination: 'Orders', type: 'BookPayment', payload: { orderId: 'order-1' } },
    ],
  },
  faults: { total: 1, perKind: { crash: 1, duplicate: 1, storeFail: 1, sendFail: 1 } },
  invariants: [
    coreInvariants.noGhostMessages,
    coreInvariants.noDuplicateProcessing,
    coreInvariants.consistentOutput,
    coreInvariants.noLostMessages,
    everyLineAnnounced,
  ],
  equivalentMutants: {
    'swap-calls in onAddItem #1':
      'inside the outbox middleware the store and the publish are both captured and committed together: their order does not matter',
    'swap-calls in onBookPayment #1':
      'inside the outbox middleware the store and the publish are both captured and committed together: their order does not matter',
    'drop-expectedVersion in onAddItem #1':
      'Orders handles one message at a time: nothing writes the order between the load and the batch',
    'drop-expectedVersion in onBookPayment #1':
      'Orders handles one message at a time: nothing writes the order between the load and the batch',
    'drop-expectedVersion in store #1':
      'Orders handles one message at a time: the version the handler passes is never stale',
    'drop-expectedVersion in outbox #1':
      'Orders handles one message at a time: no second copy creates the outbox entry meanwhile',
    'drop-expectedVersion in outbox #2':
      'Orders handles one message at a time: nothing writes the outbox between the batch and this store',
    'delete-call in outbox #2':
      'marking the entry dispatched only spares re-dispatching: a re-dispatch keeps the stored ids, which receivers deduplicate',
    'gut in onEvent #1': 'Billing only listens: its handler does nothing in the solution either',
  },
  files: {
    starterViolates: 'noDuplicateProcessing',
    variants: {
      'dispatch-before-commit': {
        description: 'Dispatches the captured messages first and commits afterwards.',
        violates: 'noGhostMessages',
      },
      'entry-means-done': {
        description: 'Treats any outbox entry as "already done" and returns without dispatching.',
        violates: 'exactlyOnce',
      },
      'ids-at-dispatch': {
        description: 'Stores the messages without ids; every dispatch gets fresh ones.',
        violates: 'consistentOutput',
      },
    },
  },
});
