import type { Cart, HandlerContext, HttpRequest } from '../types';

// The frontend from the ghost-message exercise: save first, and re-send SubmitOrder whenever a
// retry finds the cart already submitted ("if in doubt, send again"). [1]
export async function submitCart(req: HttpRequest<{ cartId: string }>, ctx: HandlerContext) {
  const cart = await ctx.load<Cart>('carts', req.body.cartId);
  if (!cart) return { error: 'no such cart' };
  const submitOrder = {
    type: 'SubmitOrder',
    payload: { cartId: req.body.cartId, customer: cart.value.customer, items: cart.value.items },
  };
  if (cart.value.submitted) {
    await ctx.send('Orders', submitOrder);
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

// Orders: every SubmitOrder becomes a new order under a fresh id. [2]
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

// [1] At-least-once: nothing is lost any more, so Orders must expect to see SubmitOrder twice.
// [2] A fresh id (think: a GUID) means "a new order" every time, whatever the message says.
