/**
 * Building blocks several exercise manifests share: the pierogi shop's carts, the submit
 * workload and the business invariants about orders. Exercise folders stay small and read like
 * the lesson, not like set-up code.
 */
import { docs, enqueuedOfType, invariant } from '../src/sim';
import type { InvariantSpec, TabSpec } from '../src/sim';
import type { Cart, Order } from './types';

export const FILLINGS = [
  'Meat',
  'Mushrooms',
  'QuarkAndPotatoes',
  'SwissCheese',
  'Strawberry',
] as const;

export function carts(n: number): Record<string, Cart> {
  const out: Record<string, Cart> = {};
  for (let i = 1; i <= n; i++)
    out[`cart-${i}`] = {
      customer: i === 1 ? 'alice' : `customer-${i}`,
      items: [FILLINGS[(i - 1) % 5]!, FILLINGS[i % 5]!],
    };
  return out;
}

/** One tab submitting one cart; the user clicks again (up to `attempts` times) when it fails. */
export function submitTab(cartId: string, attempts = 1, name = 'alice'): TabSpec {
  return {
    name,
    maxAttempts: attempts,
    actions: [{ endpoint: 'Frontend', route: 'submit', body: { cartId } }],
  };
}

/** At quiescence, every submitted cart has exactly one order. */
export const oneOrderPerSubmittedCart: InvariantSpec = invariant(
  'oneOrderPerSubmittedCart',
  'atQuiescence',
  'Every submitted cart ends up with exactly one order.',
  (w) => {
    const orders = docs<Order>(w, 'orders');
    for (const [id, cart] of docs<Cart>(w, 'carts')) {
      if (!cart.submitted) continue;
      const n = orders.filter(([, o]) => o.cartId === id).length;
      if (n !== 1)
        return `Cart ${id} is submitted but has ${n === 0 ? 'no order' : `${n} orders`}.`;
    }
    return true;
  },
);

/** At every moment, no cart has more than one order. */
export const atMostOneOrderPerCart: InvariantSpec = invariant(
  'atMostOneOrderPerCart',
  'always',
  'No cart ever has two orders.',
  (w) => {
    const count = new Map<string, number>();
    for (const [, o] of docs<Order>(w, 'orders'))
      count.set(o.cartId, (count.get(o.cartId) ?? 0) + 1);
    for (const [cart, n] of count) if (n > 1) return `Cart ${cart} has ${n} orders.`;
    return true;
  },
);

/** Exercises whose Orders announces each line with ItemAdded (outbox, inbox): one per line. */
export const everyLineAnnounced: InvariantSpec = invariant(
  'everyLineAnnounced',
  'atQuiescence',
  'Billing hears about every line of an order: one ItemAdded per line, no more, no less.',
  (w) => {
    const lines = docs<Order>(w, 'orders').reduce((n, [, o]) => n + (o.lines ?? []).length, 0);
    const announced = enqueuedOfType(w, 'ItemAdded').length;
    return announced === lines
      ? true
      : `The orders have ${lines} line(s), but ${announced} ItemAdded message(s) were sent.`;
  },
);
