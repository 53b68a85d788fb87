import { coreInvariants, defineExercise } from '../../src/sim';
import { atMostOneOrderPerCart, carts, oneOrderPerSubmittedCart, submitTab } from '../shared';

export default defineExercise({
  id: 'primary-key-dedup',
  title: 'Primary-key deduplication',
  summary:
    'SubmitOrder arrives twice and Orders creates two orders: name the order after the cart and create it only once.',
  block: 'Duplicates',
  endpoints: {
    Frontend: { kind: 'http', routes: { submit: 'submitCart' } },
    // Two competing consumers: two copies of one SubmitOrder can run at the same time.
    Orders: { kind: 'messages', handles: { SubmitOrder: 'onSubmitOrder' }, concurrency: 2 },
  },
  stores: { db: { kind: 'documents', initial: { carts: carts(1) } } },
  // Alice retries when she sees no answer (two tries in all).
  workload: { tabs: [submitTab('cart-1', 3)] },
  // One source of duplicates: the broker delivers an extra copy, or Alice's answer is lost and
  // the frontend re-sends SubmitOrder (at-least-once).
  faults: { total: 1, perKind: { duplicate: 1, responseLost: 1 } },
  invariants: [
    atMostOneOrderPerCart,
    oneOrderPerSubmittedCart,
    coreInvariants.noLostUpdates,
    coreInvariants.noDeadLetters,
  ],
  hints: [
    {
      when: { invariant: 'atMostOneOrderPerCart', lineRanTwice: true },
      text: 'Two attempts at the same message each created an order: a fresh id every time means a new order every time. What names "the order for this cart", whichever copy asks?',
    },
    {
      when: { invariant: 'atMostOneOrderPerCart', fault: 'responseLost' },
      text: 'The frontend re-sent SubmitOrder under a new message id: only the cart says the two messages are one request.',
    },
  ],
  // The frontend re-sends under a new message id; Orders deduplicates by the cart (the lesson).
  outcome: { atLeastOnce: ['messages/SubmitOrder'] },
  equivalentMutants: {
    'swap-calls in submitCart #1':
      'no database or broker failure in this budget: whether the frontend saves or sends first is exercise 05',
    'delete-call in submitCart #3':
      'the re-send only matters when a send failed (exercise 04); this budget duplicates and loses answers',
  },
  files: {
    variants: {
      'message-id-as-order-id': {
        description:
          'Names the order after the incoming message id: the broker copy is caught, the frontend re-send is not.',
        violates: 'atMostOneOrderPerCart',
      },
      'check-without-create-only': {
        description:
          'Uses the cart id and checks for the order, but writes without "create only": two concurrent copies both write.',
        violates: 'noLostUpdates',
      },
      'create-only-without-check': {
        description:
          'Relies on the create-only write alone: every duplicate fails until it lands in the error queue.',
        violates: 'noDeadLetters',
      },
    },
  },
});
