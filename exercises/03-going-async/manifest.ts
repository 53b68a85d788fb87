import { coreInvariants, defineExercise } from '../../src/sim';
import { carts, oneOrderPerSubmittedCart } from '../shared';

export default defineExercise({
  id: 'going-async',
  title: 'Going asynchronous',
  summary: 'Submit sends a SubmitOrder message; write the Orders handler that creates the order.',
  block: 'Foundations',
  endpoints: {
    Frontend: { kind: 'http', routes: { submit: 'submitCart' } },
    Orders: { kind: 'messages', handles: { SubmitOrder: 'onSubmitOrder' } },
  },
  stores: { db: { kind: 'documents', initial: { carts: carts(2) } } },
  workload: {
    tabs: [
      {
        name: 'alice',
        actions: [{ endpoint: 'Frontend', route: 'submit', body: { cartId: 'cart-1' } }],
      },
      {
        name: 'bob',
        actions: [{ endpoint: 'Frontend', route: 'submit', body: { cartId: 'cart-2' } }],
      },
    ],
  },
  dispatch: 'immediate',
  faults: { total: 0, perKind: {} },
  invariants: [oneOrderPerSubmittedCart, coreInvariants.noLostMessages],
  equivalentMutants: {},
  limits: { maxStates: 200_000, maxDepth: 200, maxTimeMs: 10_000 },
  files: {
    starter: 'starter.ts',
    solution: 'solution.ts',
    variants: {
      'order-per-item': {
        file: 'variants/order-per-item.ts',
        description: 'Creates one order per item instead of one per cart.',
        violates: 'oneOrderPerSubmittedCart',
      },
      'forgets-the-order': {
        file: 'variants/forgets-the-order.ts',
        description: 'Loads the cart again instead of saving an order.',
        violates: 'oneOrderPerSubmittedCart',
      },
    },
  },
});
