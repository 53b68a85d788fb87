import type { Cart, HandlerContext, HttpRequest } from '../types';

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
  if (cart.value.accepted) return { error: 'the cart is being submitted' }; // [1]
  await ctx.store(
    'carts',
    req.body.cartId,
    { ...cart.value, items: [...cart.value.items, req.body.filling] },
    { expectedVersion: cart.version },
  );
  return { status: 'added' };
}

// Not accepted: accept (save), send, mark submitted (save). Accepted but not submitted: we do
// not know whether the send got out, so send again, then mark submitted. [2]
export async function onSendSubmitOrder(msg: { cartId: string }, ctx: HandlerContext) {
  const loaded = await ctx.load<Cart>('carts', msg.cartId);
  if (!loaded) throw new Error(`no cart ${msg.cartId}`);
  let cart = loaded.value;
  let version = loaded.version;
  if (cart.submitted) {
    ctx.log(`${msg.cartId} is already submitted: a duplicate, ignored`); // [3]
    return;
  }
  if (!cart.accepted) {
    cart = { ...cart, accepted: true };
    await ctx.store('carts', msg.cartId, cart, { expectedVersion: version });
    version += 1;
  }
  await ctx.send('Orders', {
    type: 'SubmitOrder',
    payload: { cartId: msg.cartId, customer: cart.customer, items: cart.items },
  }); // [4]
  await ctx.store('carts', msg.cartId, { ...cart, submitted: true }, { expectedVersion: version });
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

// [1] Freeze the cart once it is accepted: every re-send must carry exactly the items of the
//     first send. Otherwise a duplicate is not even a duplicate: it is a different order.
// [2] Accepted = "we committed to sending". Submitted = "the send is known to have happened".
//     The state in between is exactly the doubt, and doubt means: send again.
// [3] Not an error: throwing here would only burn retries and end in the error queue.
// [4] Immediate dispatch: the message leaves now, before the final save, whether or not that
//     save then fails. At-least-once: no loss, no ghost... and sometimes two orders.
