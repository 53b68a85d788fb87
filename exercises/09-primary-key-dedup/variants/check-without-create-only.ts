import type { Cart, HandlerContext, HttpRequest, Order } from '../../types';

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

// Orders: one cart, one order. The order's id IS the cart id. [2]
export async function onSubmitOrder(
  msg: { cartId: string; customer: string; items: string[] },
  ctx: HandlerContext,
) {
  const existing = await ctx.load<Order>('orders', msg.cartId);
  if (existing) {
    ctx.log(`order ${msg.cartId} already exists: a duplicate, dropped`);
    return;
  }
  await ctx.store('orders', msg.cartId, {
    cartId: msg.cartId,
    customer: msg.customer,
    items: msg.items,
  }); // [3]
}

// [1] At-least-once: nothing is lost any more, so Orders must expect to see SubmitOrder twice.
// [2] A deterministic business identity: every copy and every re-send names the same order.
// [3] A check-then-act without concurrency control: two copies running side by side both see
//     "no order" and both write it; the second silently overwrites the first.
