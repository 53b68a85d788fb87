import type { Cart, HandlerContext, HttpRequest } from '../../types';

// Check the flag, then write the order and the flag in one batch, under optimistic concurrency.
export async function submitCart(req: HttpRequest<{ cartId: string }>, ctx: HandlerContext) {
  const cart = await ctx.load<Cart>('carts', req.body.cartId);
  if (!cart) return { error: 'no such cart' };
  if (cart.value.submitted) return { status: 'already submitted' };
  const orderId = ctx.newId();
  await ctx.batch([
    {
      op: 'put',
      collection: 'orders',
      id: orderId,
      value: { cartId: req.body.cartId, customer: cart.value.customer, items: cart.value.items },
      expectedVersion: 'none', // [1]
    },
    {
      op: 'put',
      collection: 'carts',
      id: req.body.cartId,
      value: { ...cart.value, submitted: true },
    },
  ]);
  return { status: 'submitted', orderId };
}

// [1] Create-only under a fresh id: the two tabs create two different documents, so neither
//     collides. The document both tabs touch is the cart, and that write is still blind.
