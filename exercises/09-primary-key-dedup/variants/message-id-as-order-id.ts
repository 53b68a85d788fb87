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

// Orders: the message id is unique per logical message, so use it as the order id. [2]
export async function onSubmitOrder(
  msg: { cartId: string; customer: string; items: string[] },
  ctx: HandlerContext,
) {
  const orderId = ctx.message!.id;
  const existing = await ctx.load<Order>('orders', orderId);
  if (existing) {
    ctx.log(`order ${orderId} already exists: a duplicate, dropped`);
    return;
  }
  await ctx.store(
    'orders',
    orderId,
    { cartId: msg.cartId, customer: msg.customer, items: msg.items },
    { expectedVersion: 'none' },
  );
}

// [1] At-least-once: nothing is lost any more, so Orders must expect to see SubmitOrder twice.
// [2] Every copy the broker makes carries the same id... but a re-send by the frontend is a new
//     message with a new id, and it means the very same thing.
