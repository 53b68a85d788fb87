import type { Cart, HandlerContext, HttpRequest } from '../types';

// The fix from the double-submit exercise: check the flag, then write the order and the flag in
// one batch.
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

// [1] The check reads a snapshot. By the time we write, another request may have changed it.
// [2] A blind write: it overwrites whatever the cart is now, whatever we read.
