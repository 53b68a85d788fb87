import type { Cart, HandlerContext, HttpRequest } from '../../types';

// Check the flag, then write the order and the flag in one batch.
export async function submitCart(req: HttpRequest<{ cartId: string }>, ctx: HandlerContext) {
  const cart = await ctx.load<Cart>('carts', req.body.cartId);
  if (!cart) return { error: 'no such cart' };
  if (cart.value.submitted) return { status: 'already submitted' };
  const orderId = ctx.newId();
  const fresh = await ctx.load<Cart>('carts', req.body.cartId); // [1]
  if (fresh?.value.submitted) return { status: 'already submitted' };
  await ctx.batch([
    {
      op: 'put',
      collection: 'orders',
      id: orderId,
      value: { cartId: req.body.cartId, customer: cart.value.customer, items: cart.value.items },
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

// [1] A fresher read narrows the window; it does not close it. Both tabs can still read before
//     either writes: any check in a separate step from the write is a check-then-act.
