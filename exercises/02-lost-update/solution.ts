import type { Cart, HandlerContext, HttpRequest } from '../types';

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
      expectedVersion: cart.version, // [2]
    },
  ]); // [3]
  return { status: 'submitted', orderId };
}

// [1] 'none' = create-only: the write fails if the document already exists. With a fresh id it
//     never does; it says "this is a new order", and it is what stops a second create once the
//     id is deterministic (the cart's id, in a later exercise).
// [2] The version (ETag) we read: the batch applies only if nobody changed the cart since.
// [3] All or nothing: the slower tab's whole batch is rejected (no order, no flag). Its request
//     answers 500, the browser retries, and the retry finds the cart submitted.
