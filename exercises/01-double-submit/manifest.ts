import { defineExercise, docs, invariant } from '../../src/sim';
import { atMostOneOrderPerCart, carts } from '../shared';
import type { Cart, Order } from '../types';

/** Both facts come from one write: a cart is marked submitted exactly when its order exists. */
export const submittedIffOrder = invariant(
  'submittedIffOrder',
  'always',
  'A cart is marked submitted exactly when it has an order (never one without the other).',
  (w) => {
    const orders = docs<Order>(w, 'orders');
    for (const [id, cart] of docs<Cart>(w, 'carts')) {
      const hasOrder = orders.some(([, o]) => o.cartId === id);
      if (cart.submitted && !hasOrder) return `Cart ${id} is marked submitted but has no order.`;
      if (!cart.submitted && hasOrder)
        return `Cart ${id} has an order but is not marked submitted (Alice can still change it).`;
    }
    return true;
  },
);

export default defineExercise({
  id: 'double-submit',
  title: 'Double submit',
  summary: 'Alice submits her cart, reloads the page and submits again: two orders.',
  block: 'Foundations',
  endpoints: {
    Frontend: { kind: 'http', routes: { submit: 'submitCart' } },
  },
  stores: { db: { kind: 'documents', initial: { carts: carts(2) } } },
  // One tab, two clicks, one after the other: Alice submits, reloads the page and submits again.
  // Meanwhile another customer submits another cart, once: one order each, not one in all.
  workload: {
    tabs: [
      {
        name: 'alice',
        actions: [
          { endpoint: 'Frontend', route: 'submit', body: { cartId: 'cart-1' } },
          { endpoint: 'Frontend', route: 'submit', body: { cartId: 'cart-1' } },
        ],
      },
      {
        name: 'bob',
        actions: [{ endpoint: 'Frontend', route: 'submit', body: { cartId: 'cart-2' } }],
      },
    ],
  },
  // One database write may fail (Alice then sees an error page).
  faults: { total: 1, perKind: { storeFail: 1 } },
  invariants: [atMostOneOrderPerCart, submittedIffOrder],
  equivalentMutants: {
    'per-attempt-id in submitCart #1':
      'the order id is already a fresh ctx.newId(): another fresh id changes nothing',
  },
  files: {
    variants: {
      'order-then-flag': {
        description: 'Checks the flag, then saves the order and the cart in two separate writes.',
        violates: 'submittedIffOrder',
      },
      'flag-then-order': {
        description: 'Marks the cart submitted first, then saves the order in a second write.',
        violates: 'submittedIffOrder',
      },
      'look-up-the-order': {
        description: 'Looks for an existing order under the brand-new id it is about to use.',
        violates: 'atMostOneOrderPerCart',
      },
    },
  },
});
