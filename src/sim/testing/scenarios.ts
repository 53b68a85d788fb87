/**
 * Small hand-written scenarios for the engine's own tests and benchmarks, with handlers written
 * as generators (what the sandbox produces from learner async code), so the engine can be tested
 * without the sandbox. Exercise folders hold the learner-facing versions.
 */
import { awaitValue } from '../effects';
import type { HandlerContext, HttpRequest } from '../context';
import type { Doc, HandlerGenerator } from '../effects';
import { defineExercise } from '../manifest';
import type { ExerciseManifest, TabSpec } from '../manifest';
import type { Program } from '../runtime';
import { coreInvariants, docs, invariant } from '../invariants';

type Cart = { items: string[]; submitted?: boolean };

const $ = awaitValue;

/** L3: submit a cart over HTTP; the edge saves it and sends SubmitOrder; Orders creates the order. */
export function l3Manifest(
  carts: number,
  options: { dispatch?: 'immediate' | 'batched'; tabs?: TabSpec[] } = {},
): ExerciseManifest {
  const initialCarts: Record<string, Cart> = {};
  for (let i = 1; i <= carts; i++) initialCarts[`cart-${i}`] = { items: ['Meat', 'Mushrooms'] };
  return defineExercise({
    id: 'test-l3',
    title: 'Going asynchronous (engine test)',
    summary: 'Submit carts; Orders creates orders.',
    block: 'Test',
    endpoints: {
      Frontend: { kind: 'http', routes: { submit: 'submitCart' } },
      Orders: { kind: 'messages', handles: { SubmitOrder: 'onSubmitOrder' } },
    },
    stores: { db: { kind: 'documents', initial: { carts: initialCarts } } },
    workload: {
      tabs: options.tabs ?? [
        {
          name: 'alice',
          actions: Array.from({ length: carts }, (_, i) => ({
            endpoint: 'Frontend',
            route: 'submit',
            body: { cartId: `cart-${i + 1}` },
          })),
        },
      ],
    },
    dispatch: options.dispatch ?? 'immediate',
    faults: { total: 0, perKind: {} },
    invariants: [
      coreInvariants.noLostMessages,
      coreInvariants.noGhostMessages,
      invariant(
        'oneOrderPerSubmittedCart',
        'atQuiescence',
        'Every submitted cart has exactly one order.',
        (w) => {
          const orders = docs<{ cartId: string }>(w, 'orders');
          for (const [id, cart] of docs<Cart>(w, 'carts')) {
            if (!cart.submitted) continue;
            const n = orders.filter(([, o]) => o.cartId === id).length;
            if (n !== 1) return `cart ${id} is submitted and has ${n} orders.`;
          }
          return true;
        },
      ),
    ],
    limits: { maxStates: 100_000, maxDepth: 200, maxTimeMs: 10_000 },
    files: { starter: 'starter.ts', solution: 'solution.ts', variants: {} },
  });
}

/** Save-then-send edge handler (the L3 baseline, and the L4 starter). */
export function* submitCart(req: unknown, ctx: HandlerContext): HandlerGenerator {
  const { cartId } = (req as HttpRequest<{ cartId: string }>).body;
  const cart = (yield* $(ctx.load<Cart>('carts', cartId))) as Doc<Cart> | null;
  if (!cart) return { error: 'no such cart' };
  if (cart.value.submitted) return { status: 'already submitted' };
  yield* $(
    ctx.store(
      'carts',
      cartId,
      { ...cart.value, submitted: true },
      { expectedVersion: cart.version },
    ),
  );
  yield* $(
    ctx.send('Orders', { type: 'SubmitOrder', payload: { cartId, items: cart.value.items } }),
  );
  return { status: 'submitted' };
}

/** Orders: creates an order under a fresh id. */
export function* onSubmitOrder(
  msg: unknown,
  ctx: HandlerContext,
): HandlerGenerator {
  const { cartId, items } = msg as { cartId: string; items: string[] };
  yield* $(ctx.store('orders', ctx.newId(), { cartId, items }));
  return undefined;
}

/** L5 starter: send first, then save (a ghost when the save fails). */
export function* submitCartSendFirst(req: unknown, ctx: HandlerContext): HandlerGenerator {
  const { cartId } = (req as HttpRequest<{ cartId: string }>).body;
  const cart = (yield* $(ctx.load<Cart>('carts', cartId))) as Doc<Cart> | null;
  if (!cart || cart.value.submitted) return { status: 'ignored' };
  yield* $(ctx.send('Orders', { type: 'SubmitOrder', payload: { cartId, items: cart.value.items } }));
  yield* $(ctx.store('carts', cartId, { ...cart.value, submitted: true }, { expectedVersion: cart.version }));
  return { status: 'submitted' };
}

export function l3Program(carts: number, options: Parameters<typeof l3Manifest>[1] = {}): Program {
  return { manifest: l3Manifest(carts, options), handlers: { submitCart, onSubmitOrder } };
}
