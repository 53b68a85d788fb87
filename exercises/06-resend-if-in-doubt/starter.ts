import type { Cart, HandlerContext, HttpRequest } from '../types';

// The Submit click: hand the work to the frontend's own queue and answer at once. [1]
export async function submitCart(req: HttpRequest<{ cartId: string }>, ctx: HandlerContext) {
  await ctx.send('WebFrontend', { type: 'SendSubmitOrder', payload: { cartId: req.body.cartId } });
  return { status: 'we are on it' };
}

// Alice adds a pierogi to her cart.
export async function addItem(
  req: HttpRequest<{ cartId: string; filling: string }>,
  ctx: HandlerContext,
) {
  const cart = await ctx.load<Cart>('carts', req.body.cartId);
  if (!cart) return { error: 'no such cart' };
  if (cart.value.submitted) return { error: 'the cart is already submitted' };
  await ctx.store(
    'carts',
    req.body.cartId,
    { ...cart.value, items: [...cart.value.items, req.body.filling] },
    { expectedVersion: cart.version },
  );
  return { status: 'added' };
}

// The frontend's queue: mark the cart submitted, then send SubmitOrder to Orders. If the handler
// throws, the broker retries it. [2]
export async function onSendSubmitOrder(msg: { cartId: string }, ctx: HandlerContext) {
  const cart = await ctx.load<Cart>('carts', msg.cartId);
  if (!cart) throw new Error(`no cart ${msg.cartId}`);
  if (cart.value.submitted) {
    ctx.log(`${msg.cartId} is already submitted`); // [3]
    return;
  }
  await ctx.store(
    'carts',
    msg.cartId,
    { ...cart.value, submitted: true },
    { expectedVersion: cart.version },
  );
  await ctx.send('Orders', {
    type: 'SubmitOrder',
    payload: { cartId: msg.cartId, customer: cart.value.customer, items: cart.value.items },
  });
}

// Orders creates an order for every SubmitOrder it receives (duplicates are a later lesson).
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

// [1] In real life the web app's HTTP side and its queue are one process; the simulation draws
//     them as two boxes (Frontend and WebFrontend). The broker now retries for Alice.
// [2] The WebFrontend endpoint tries a message 3 times in all (2 immediate retries).
// [3] The broker's retry lands here after a failed send: the state says "done", so nobody will
//     ever send the order.
