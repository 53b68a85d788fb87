import type { Cart, HandlerContext, HttpRequest } from '../../types';

// The Submit click: hand the work to the frontend's own queue and answer at once.
export async function submitCart(req: HttpRequest<{ cartId: string }>, ctx: HandlerContext) {
  await ctx.send('WebFrontend', { type: 'SendSubmitOrder', payload: { cartId: req.body.cartId } });
  return { status: 'we are on it' };
}

// Alice adds a pierogi to her cart... unless its submission has begun.
export async function addItem(
  req: HttpRequest<{ cartId: string; filling: string }>,
  ctx: HandlerContext,
) {
  const cart = await ctx.load<Cart>('carts', req.body.cartId);
  if (!cart) return { error: 'no such cart' };
  if (cart.value.submitted) return { error: 'the cart is already submitted' }; // [1]
  await ctx.store(
    'carts',
    req.body.cartId,
    { ...cart.value, items: [...cart.value.items, req.body.filling] },
    { expectedVersion: cart.version },
  );
  return { status: 'added' };
}

// Send first, so the order can never be lost; then save the cart as submitted.
export async function onSendSubmitOrder(msg: { cartId: string }, ctx: HandlerContext) {
  const loaded = await ctx.load<Cart>('carts', msg.cartId);
  if (!loaded) throw new Error(`no cart ${msg.cartId}`);
  const cart = loaded.value;
  if (cart.submitted) {
    ctx.log(`${msg.cartId} is already submitted: a duplicate, ignored`);
    return;
  }
  await ctx.send('Orders', {
    type: 'SubmitOrder',
    payload: { cartId: msg.cartId, customer: cart.customer, items: cart.items },
  });
  await ctx.store(
    'carts',
    msg.cartId,
    { ...cart, submitted: true },
    { expectedVersion: loaded.version },
  ); // [2]
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

// [1] The cart freezes once it is submitted.
// [2] If this save fails, SubmitOrder is already out for a cart the database never submitted.
//     The broker's retry then sends it again: Orders gets a ghost and its twin.
