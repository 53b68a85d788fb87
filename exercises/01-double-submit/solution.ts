import type { Cart, HandlerContext, HttpRequest } from '../types';

// Submit turns Alice's cart into an order. Everything is synchronous: one web app, one database.
export async function submitCart(req: HttpRequest<{ cartId: string }>, ctx: HandlerContext) {
  const cart = await ctx.load<Cart>('carts', req.body.cartId);
  if (!cart) return { error: 'no such cart' };
  if (cart.value.submitted) return { status: 'already submitted' }; // [1]
  const orderId = ctx.newId();
  await ctx.batch([
    {
      op: 'put',
      collection: 'orders',
      id: orderId,
      value: { cartId: req.body.cartId, customer: cart.value.customer, items: cart.value.items },
    },
    {
      op: 'put',
      collection: 'carts',
      id: req.body.cartId,
      value: { ...cart.value, submitted: true },
    },
  ]); // [2]
  return { status: 'submitted', orderId };
}

// [1] A business rule ("a cart is ordered once") that is also the simplest deduplication:
//     state-based. A second click finds the flag and changes nothing.
// [2] The order and the flag commit together or not at all: no moment, and no failure, leaves
//     one without the other. This is still a check-then-act: two requests that both read the
//     cart before either writes both pass the check (the next exercise).
