import { coreInvariants, defineExercise } from '../../src/sim';
import { carts, oneOrderPerSubmittedCart, submitTab } from '../shared';

export default defineExercise({
  id: 'lost-message',
  title: 'Lost message: save, then send',
  summary: 'The broker fails right after the cart is saved as submitted: the order never comes.',
  block: 'Partial failures',
  endpoints: {
    Frontend: { kind: 'http', routes: { submit: 'submitCart' } },
    Orders: { kind: 'messages', handles: { SubmitOrder: 'onSubmitOrder' } },
  },
  stores: { db: { kind: 'documents', initial: { carts: carts(1) } } },
  // Alice clicks Submit again when she sees an error (two tries in all).
  workload: { tabs: [submitTab('cart-1', 3)] },
  // One failure: the broker (the lesson) or the database, at any call.
  faults: { total: 1, perKind: { sendFail: 1, storeFail: 1 } },
  invariants: [coreInvariants.noLostMessages, oneOrderPerSubmittedCart],
  hints: [
    {
      when: { invariant: 'noLostMessages', fault: 'sendFail' },
      text: 'The cart was saved as submitted, then the send failed. When Alice tries again, the guard sees "submitted" and answers without sending: nobody sends SubmitOrder any more. What could the retry do instead?',
    },
  ],
  equivalentMutants: {
    'drop-expectedVersion in submitCart #1':
      'one tab submits the cart: no concurrent write to it (exercise 02)',
  },
  files: {
    variants: {
      'swallow-send-error': {
        description: 'Catches the broker error and answers "submitted" anyway.',
        violates: 'noLostMessages',
      },
      'retry-says-done': {
        description: 'Tells the retrying user everything is fine, without re-sending.',
        violates: 'noLostMessages',
      },
    },
  },
});
