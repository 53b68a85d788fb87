import { coreInvariants, defineExercise } from '../../src/sim';
import { atMostOneOrderPerCart, carts, oneOrderPerSubmittedCart, submitTab } from '../shared';

export default defineExercise({
  id: 'ghost-message',
  title: 'Ghost message: send, then save',
  summary:
    'Sending first avoids the lost message, but a failed save leaves a message for a change that never happened.',
  block: 'Partial failures',
  endpoints: {
    Frontend: { kind: 'http', routes: { submit: 'submitCart' } },
    Orders: { kind: 'messages', handles: { SubmitOrder: 'onSubmitOrder' } },
  },
  stores: { db: { kind: 'documents', initial: { carts: carts(1) } } },
  workload: { tabs: [submitTab('cart-1', 3)] },
  // One failure: either the database or the broker, at any call.
  faults: { total: 1, perKind: { storeFail: 1, sendFail: 1 } },
  invariants: [
    coreInvariants.noGhostMessages,
    atMostOneOrderPerCart,
    coreInvariants.noLostMessages,
    oneOrderPerSubmittedCart,
  ],
  equivalentMutants: {
    'drop-expectedVersion in submitCart #1':
      'one tab submits the cart: no concurrent write to it (exercise 02)',
  },
  files: {
    variants: {
      'save-then-send-once': {
        description: 'Saves first but never re-sends: the lost message is back.',
        violates: 'noLostMessages',
      },
      'send-twice': {
        description: 'Sends, saves, and sends again "to be sure".',
        violates: 'atMostOneOrderPerCart',
      },
    },
  },
});
