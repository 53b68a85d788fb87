import type { Cart, HandlerContext, HttpRequest } from '../../types';

// Submit turns Alice's cart into an order. Everything is synchronous: one web app, one database.
export async function submitCart(req: HttpRequest<{ cartId: string }>, ctx: HandlerContext) {
  const cart = await ctx.load<Cart>('carts', req.body.cartId);
  if (!cart) return { error: 'no such cart' };
  if (cart.value.submitted) return { status: 'already submitted' };
  const orderId = ctx.newId();
  await ctx.store('orders', orderId, {
    cartId: req.body.cartId,
    customer: cart.value.customer,
    items: cart.value.items,
  });
  await ctx.store('carts', req.body.cartId, { ...cart.value, submitted: true }); // [1]
  return { status: 'submitted', orderId };
}

// [1] Two writes: between them (or for ever, if this one fails) the order exists for a cart
//     that is still open, and the next click orders again.
