import type { Cart, HandlerContext, HttpRequest } from '../types';

// Submit: mark the cart submitted, then send SubmitOrder to the Orders back end.
export async function submitCart(req: HttpRequest<{ cartId: string }>, ctx: HandlerContext) {
  const cart = await ctx.load<Cart>('carts', req.body.cartId);
  if (!cart) return { error: 'no such cart' };
  if (cart.value.submitted) {
    return { status: 'already submitted' }; // [1]
  }
  await ctx.store(
    'carts',
    req.body.cartId,
    { ...cart.value, submitted: true },
    { expectedVersion: cart.version },
  );
  await ctx.send('Orders', {
    type: 'SubmitOrder',
    payload: { cartId: req.body.cartId, customer: cart.value.customer, items: cart.value.items },
  }); // [2]
  return { status: 'submitted' };
}

export async function onSubmitOrder(
  msg: { cartId: string; customer: string; items: string[] },
  ctx: HandlerContext,
) {
  await ctx.store('orders', ctx.newId(), {
    cartId: msg.cartId,
    customer: msg.customer,
    items: msg.items,
  });
}

// [1] The guard that stops a double submit... and also Alice's retry.
// [2] If the broker is down here, the cart is already saved as submitted.
