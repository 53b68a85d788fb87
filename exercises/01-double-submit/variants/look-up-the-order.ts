import type { Cart, HandlerContext, HttpRequest, Order } from '../../types';

// Submit turns Alice's cart into an order. Everything is synchronous: one web app, one database.
export async function submitCart(req: HttpRequest<{ cartId: string }>, ctx: HandlerContext) {
  const cart = await ctx.load<Cart>('carts', req.body.cartId);
  if (!cart) return { error: 'no such cart' };
  const orderId = ctx.newId();
  const existing = await ctx.load<Order>('orders', orderId); // [1]
  if (existing) return { status: 'already submitted' };
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
  ]);
  return { status: 'submitted', orderId };
}

// [1] "Is there an order already?" asked under a brand-new id: the answer is always no. A lookup
//     only finds a duplicate under a key both requests agree on (the cart's flag here; a
//     deterministic order id in a later exercise).
