import { coreInvariants, defineExercise, docs, invariant } from '../../src/sim';
import type { InvariantWorld } from '../../src/sim';
import { carts } from '../shared';
import type { Order } from '../types';

/** The items of every SubmitOrder for each cart: in the broker, parked, or already an order. */
function submittedItems(w: InvariantWorld): Map<string, Set<string>> {
  const byCart = new Map<string, Set<string>>();
  const add = (cartId: string, items: string[]) => {
    let s = byCart.get(cartId);
    if (!s) byCart.set(cartId, (s = new Set()));
    s.add(items.join(', '));
  };
  for (const c of [...w.copies, ...w.errorQueue]) {
    if (c.type !== 'SubmitOrder') continue;
    const p = c.payload as { cartId: string; items: string[] };
    add(p.cartId, p.items);
  }
  for (const [, o] of docs<Order>(w, 'orders')) add(o.cartId, o.items);
  return byCart;
}

const sameItemsInEverySubmitOrder = invariant(
  'sameItemsInEverySubmitOrder',
  'always',
  'Every SubmitOrder sent for a cart carries the same items (re-sends are exact copies).',
  (w) => {
    for (const [cartId, variants] of submittedItems(w)) {
      if (variants.size > 1)
        return `Cart ${cartId} was sent to Orders with different items: ${[...variants].map((v) => `[${v}]`).join(' and ')}.`;
    }
    return true;
  },
);

export default defineExercise({
  id: 'resend-if-in-doubt',
  title: 'Resend if in doubt',
  summary:
    'Submit goes through the frontend’s own queue; its handler must get SubmitOrder out despite a failing database or broker.',
  block: 'Partial failures',
  endpoints: {
    // The web app's HTTP side: Submit only puts SendSubmitOrder on the frontend's own queue.
    // [1] The Submit click only forwards the request to the frontend's own queue: not a ghost.
    Frontend: {
      kind: 'http',
      routes: { submit: 'submitCart', addItem: 'addItem' },
      forwardsOnly: true,
    },
    // The same web app as a message endpoint: its queue, its handler, the broker's retries.
    WebFrontend: {
      kind: 'messages',
      handles: { SendSubmitOrder: 'onSendSubmitOrder' },
      retries: { immediate: 3, delayed: 0, backoffBaseTicks: 10 },
    },
    // Retries outlast one more failure than the budget: the solution passes at budget 2 too.
    Orders: {
      kind: 'messages',
      handles: { SubmitOrder: 'onSubmitOrder' },
      retries: { immediate: 2, delayed: 0, backoffBaseTicks: 10 },
    },
  },
  stores: { db: { kind: 'documents', initial: { carts: carts(1) } } },
  // Alice submits, gets "we are on it", and then tries to add one more pierogi.
  workload: {
    tabs: [
      {
        name: 'alice',
        actions: [
          { endpoint: 'Frontend', route: 'submit', body: { cartId: 'cart-1' } },
          {
            endpoint: 'Frontend',
            route: 'addItem',
            body: { cartId: 'cart-1', filling: 'Strawberry' },
          },
        ],
      },
    ],
  },
  // SubmitOrder must leave before the final "Submitted" write, whether or not that write fails.
  faults: { total: 1, perKind: { storeFail: 1, sendFail: 1 } },
  invariants: [
    coreInvariants.noLostMessages,
    coreInvariants.noGhostMessages,
    // Alice's tab and the frontend's handler write the same cart: neither may overwrite the other.
    coreInvariants.noLostUpdates,
    sameItemsInEverySubmitOrder,
  ],
  // Resending when in doubt makes duplicates: deduplicating them is the next block's lesson.
  outcome: { atLeastOnce: ['db/orders', 'messages/SubmitOrder'] },
  files: {
    variants: {
      'send-then-save': {
        description: 'Sends SubmitOrder first and saves Submitted afterwards.',
        violates: 'noGhostMessages',
      },
      'throw-when-accepted': {
        description: 'Rejects (throws) when it finds the cart accepted but not submitted.',
        violates: 'noLostMessages',
      },
      'no-freeze': {
        description: 'Re-sends correctly, but Alice can still add items to an accepted cart.',
        violates: 'sameItemsInEverySubmitOrder',
      },
    },
  },
});
