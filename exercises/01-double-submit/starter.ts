import type { Cart, HandlerContext, HttpRequest } from '../types';

// Submit turns Alice's cart into an order. Everything is synchronous: one web app, one database.
export async function submitCart(req: HttpRequest<{ cartId: string }>, ctx: HandlerContext) {
  const cart = await ctx.load<Cart>('carts', req.body.cartId);
  if (!cart) return { error: 'no such cart' };
  const orderId = ctx.newId(); // [1]
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
      value: { ...cart.value, submitted: true }, // [2]
    },
  ]);
  return { status: 'submitted', orderId };
}

// [1] A fresh id for every request: every click makes a new order.
// [2] The confirmation page shows "submitted" from this flag. It is written in the same batch as
//     the order, so the two always agree... but nothing ever reads it before ordering.
