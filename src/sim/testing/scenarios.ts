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
export function* onSubmitOrder(msg: unknown, ctx: HandlerContext): HandlerGenerator {
  const { cartId, items } = msg as { cartId: string; items: string[] };
  yield* $(ctx.store('orders', ctx.newId(), { cartId, items }));
  return undefined;
}

/** L5 starter: send first, then save (a ghost when the save fails). */
export function* submitCartSendFirst(req: unknown, ctx: HandlerContext): HandlerGenerator {
  const { cartId } = (req as HttpRequest<{ cartId: string }>).body;
  const cart = (yield* $(ctx.load<Cart>('carts', cartId))) as Doc<Cart> | null;
  if (!cart || cart.value.submitted) return { status: 'ignored' };
  yield* $(
    ctx.send('Orders', { type: 'SubmitOrder', payload: { cartId, items: cart.value.items } }),
  );
  yield* $(
    ctx.store(
      'carts',
      cartId,
      { ...cart.value, submitted: true },
      { expectedVersion: cart.version },
    ),
  );
  return { status: 'submitted' };
}

export function l3Program(carts: number, options: Parameters<typeof l3Manifest>[1] = {}): Program {
  return {
    manifest: l3Manifest(carts, options),
    file: 'scenario.ts',
    handlers: { submitCart, onSubmitOrder },
  };
}

type Order = { lines: string[] };

/** L7: one AddItem on a slow handler whose lease can expire; two competing consumers. */
export function l7Program(): Program {
  const manifest = defineExercise({
    id: 'test-l7',
    title: 'Visibility timeout (engine test)',
    summary: 'A lease expires while the handler runs.',
    block: 'Test',
    endpoints: { Orders: { kind: 'messages', handles: { AddItem: 'onAddItem' }, concurrency: 2 } },
    stores: { db: { kind: 'documents', initial: { orders: { 'order-1': { lines: [] } } } } },
    workload: {
      messages: [
        {
          destination: 'Orders',
          type: 'AddItem',
          payload: { orderId: 'order-1', filling: 'Meat' },
        },
      ],
    },
    dispatch: 'immediate',
    faults: { total: 1, perKind: { leaseExpire: 1 } },
    invariants: [
      coreInvariants.noDuplicateProcessing,
      invariant('oneLinePerAddItem', 'always', 'Each AddItem adds one line.', (w) => {
        const lines = docs<Order>(w, 'orders')[0]?.[1].lines.length ?? 0;
        return lines <= 1 || `order-1 has ${lines} lines for one AddItem.`;
      }),
    ],
    limits: { maxStates: 100_000, maxDepth: 200, maxTimeMs: 10_000 },
    files: { starter: 'starter.ts', solution: 'solution.ts', variants: {} },
  });
  function* onAddItem(msg: unknown, ctx: HandlerContext): HandlerGenerator {
    const { orderId, filling } = msg as { orderId: string; filling: string };
    const order = (yield* $(ctx.load<Order>('orders', orderId))) as Doc<Order>;
    yield* $(
      ctx.store(
        'orders',
        orderId,
        { lines: [...order.value.lines, filling] },
        { expectedVersion: order.version },
      ),
    );
    return undefined;
  }
  return { manifest, file: 'scenario.ts', handlers: { onAddItem } };
}

/**
 * Every actor and fault kind in one small system: a tab submits two carts without waiting, the
 * edge sends SubmitOrder, Orders charges PierogiPay and publishes OrderPlaced to Billing.
 */
export function kitchenSinkProgram(faults: ExerciseManifest['faults']): Program {
  const base = l3Manifest(2, {
    tabs: [
      {
        name: 'alice',
        maxAttempts: 2,
        actions: [
          { endpoint: 'Frontend', route: 'submit', body: { cartId: 'cart-1' }, wait: false },
          { endpoint: 'Frontend', route: 'submit', body: { cartId: 'cart-2' } },
        ],
      },
    ],
  });
  const manifest: ExerciseManifest = {
    ...base,
    id: 'test-kitchen-sink',
    endpoints: {
      ...base.endpoints,
      Orders: {
        kind: 'messages',
        handles: { SubmitOrder: 'onSubmitAndCharge' },
        retries: { immediate: 0, delayed: 1, backoffBaseTicks: 5 },
      },
      Billing: { kind: 'messages', handles: { OrderPlaced: 'onOrderPlaced' } },
    },
    subscriptions: { OrderPlaced: ['Billing'] },
    external: { PierogiPay: { honoursIdempotencyKeys: true } },
    faults,
  };
  function* onSubmitAndCharge(msg: unknown, ctx: HandlerContext): HandlerGenerator {
    const { cartId } = msg as { cartId: string };
    const charge = (yield* $(
      ctx.call('PierogiPay', 'charge', { cartId, amount: 100 }, { idempotencyKey: cartId }),
    )) as { id: string };
    yield* $(ctx.store('orders', cartId, { cartId, chargeId: charge.id }));
    yield* $(ctx.publish({ type: 'OrderPlaced', payload: { cartId } }));
    return undefined;
  }
  // A handler with no infrastructure call may be a plain function (its result is not awaited).
  function onOrderPlaced(msg: unknown, ctx: HandlerContext): undefined {
    ctx.log(`billing ${(msg as { cartId: string }).cartId}`);
    return undefined;
  }
  return {
    manifest,
    file: 'scenario.ts',
    handlers: { submitCart, onSubmitAndCharge, onOrderPlaced },
  };
}
