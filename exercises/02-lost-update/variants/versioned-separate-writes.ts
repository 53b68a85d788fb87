import type { Cart, HandlerContext, HttpRequest } from '../../types';

// Check the flag, then save the flag under optimistic concurrency, then the order.
export async function submitCart(req: HttpRequest<{ cartId: string }>, ctx: HandlerContext) {
  const cart = await ctx.load<Cart>('carts', req.body.cartId);
  if (!cart) return { error: 'no such cart' };
  if (cart.value.submitted) return { status: 'already submitted' };
  await ctx.store(
    'carts',
    req.body.cartId,
    { ...cart.value, submitted: true },
    { expectedVersion: cart.version },
  ); // [1]
  const orderId = ctx.newId();
  await ctx.store(
    'orders',
    orderId,
    { cartId: req.body.cartId, customer: cart.value.customer, items: cart.value.items },
    { expectedVersion: 'none' },
  );
  return { status: 'submitted', orderId };
}

// [1] The version makes the flag safe under concurrency, but the order is a second write: in
//     between (or for ever, if the process dies here) the cart is submitted without an order.
