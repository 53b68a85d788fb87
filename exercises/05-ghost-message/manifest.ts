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
  dispatch: 'immediate',
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
  limits: { maxStates: 200_000, maxDepth: 200, maxTimeMs: 10_000 },
  files: {
    starter: 'starter.ts',
    solution: 'solution.ts',
    variants: {
      'save-then-send-once': {
        file: 'variants/save-then-send-once.ts',
        description: 'Saves first but never re-sends: the lost message is back.',
        violates: 'noLostMessages',
      },
      'send-twice': {
        file: 'variants/send-twice.ts',
        description: 'Sends, saves, and sends again "to be sure".',
        violates: 'atMostOneOrderPerCart',
      },
    },
  },
});
