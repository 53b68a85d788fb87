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
  faults: { total: 0, perKind: {} },
  invariants: [oneOrderPerSubmittedCart, coreInvariants.noLostMessages],
  equivalentMutants: {},
  files: {
    variants: {
      'order-per-item': {
        description: 'Creates one order per item instead of one per cart.',
        violates: 'oneOrderPerSubmittedCart',
      },
      'forgets-the-order': {
        description: 'Loads the cart again instead of saving an order.',
        violates: 'oneOrderPerSubmittedCart',
      },
    },
  },
});
