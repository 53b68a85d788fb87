import type { Cart, HandlerContext, HttpRequest } from '../../types';

// The web frontend: marks the cart submitted and hands the order to the back end.
export async function submitCart(req: HttpRequest<{ cartId: string }>, ctx: HandlerContext) {
  const cart = await ctx.load<Cart>('carts', req.body.cartId);
  if (!cart) return { error: 'no such cart' };
  if (cart.value.submitted) return { status: 'already submitted' };
  await ctx.store(
    'carts',
    req.body.cartId,
    { ...cart.value, submitted: true },
    { expectedVersion: cart.version },
  );
  await ctx.send('Orders', {
    type: 'SubmitOrder',
    payload: { cartId: req.body.cartId, customer: cart.value.customer, items: cart.value.items },
  });
  return { status: 'submitted' };
}

// The Orders back end receives SubmitOrder. Your task: create the order.
export async function onSubmitOrder(
  msg: { cartId: string; customer: string; items: string[] },
  ctx: HandlerContext,
) {
  ctx.log(`received SubmitOrder for ${msg.cartId}`);
  await ctx.load('carts', msg.cartId);
}
