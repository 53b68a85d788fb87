import type { Cart, HandlerContext, HttpRequest } from '../../types';

// Submit turns Alice's cart into an order. Everything is synchronous: one web app, one database.
export async function submitCart(req: HttpRequest<{ cartId: string }>, ctx: HandlerContext) {
  const cart = await ctx.load<Cart>('carts', req.body.cartId);
  if (!cart) return { error: 'no such cart' };
  if (cart.value.submitted) return { status: 'already submitted' };
  await ctx.store('carts', req.body.cartId, { ...cart.value, submitted: true });
  const orderId = ctx.newId();
  await ctx.store('orders', orderId, {
    cartId: req.body.cartId,
    customer: cart.value.customer,
    items: cart.value.items,
  }); // [1]
  return { status: 'submitted', orderId };
}

// [1] If this write fails, the cart says "submitted" and no order will ever come: Alice's next
//     click is refused.
