import type { Cart, HandlerContext, HttpRequest } from '../types';

// Submit: mark the cart submitted, then send SubmitOrder to the Orders back end.
export async function submitCart(req: HttpRequest<{ cartId: string }>, ctx: HandlerContext) {
  const cart = await ctx.load<Cart>('carts', req.body.cartId);
  if (!cart) return { error: 'no such cart' };
  if (cart.value.submitted) {
    // We cannot tell whether our earlier send got out: send again (at-least-once). [1]
    await ctx.send('Orders', {
      type: 'SubmitOrder',
      payload: { cartId: req.body.cartId, customer: cart.value.customer, items: cart.value.items },
    });
    return { status: 'already submitted' };
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

// [1] Resend if in doubt: the retry re-sends instead of giving up. Duplicates are the price
//     (the visibility-timeout and deduplication exercises deal with them).
// [2] If the broker is down here, the cart is already saved as submitted.
