import type { Cart, HandlerContext, HttpRequest } from '../types';

// Update first, publish second ("UP", not "PU"); re-send when a retry finds the cart submitted.
export async function submitCart(req: HttpRequest<{ cartId: string }>, ctx: HandlerContext) {
  const cart = await ctx.load<Cart>('carts', req.body.cartId);
  if (!cart) return { error: 'no such cart' };
  const submitOrder = {
    type: 'SubmitOrder',
    payload: { cartId: req.body.cartId, customer: cart.value.customer, items: cart.value.items },
  };
  if (cart.value.submitted) {
    await ctx.send('Orders', submitOrder); // [1]
    return { status: 'already submitted' };
  }
  await ctx.store(
    'carts',
    req.body.cartId,
    { ...cart.value, submitted: true },
    { expectedVersion: cart.version },
  );
  await ctx.send('Orders', submitOrder);
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

// [1] Stuck beats wrong: a failed send leaves a retryable state, a failed save after a send
//     would leave a message about a change that never happened.
