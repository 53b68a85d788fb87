/**
 * Runs of the real engine on the small test scenarios, shared by the projection tests and the
 * diagram's render test. Not exported by the projections' index.
 */
import { createEngine } from '../../sim/engine';
import type { Choice } from '../../sim/choices';
import type { ExerciseManifest } from '../../sim/manifest';
import type { Program } from '../../sim/runtime';
import type { TraceEvent } from '../../sim/trace';
import type { World } from '../../sim/world';
import {
  kitchenSinkProgram,
  l3Manifest,
  l3Program,
  l7Program,
  onSubmitOrder,
  submitCartSendFirst,
} from '../../sim/testing/scenarios';
import { drive, firstNormal, injectOnce, isRun } from '../../sim/testing/drive';
import type { Policy } from '../../sim/testing/drive';
import { awaitValue } from '../../sim/effects';
import type { Doc, HandlerGenerator } from '../../sim/effects';
import type { HandlerContext } from '../../sim/context';

export interface TestRun {
  manifest: ExerciseManifest;
  events: TraceEvent[];
  world: World;
  choices: Choice[];
}

function run(program: Program, policy: Policy): TestRun {
  const r = drive(createEngine(program), policy);
  return { manifest: program.manifest, ...r };
}

/** L3 with one cart, happy path. */
export const l3HappyRun = (): TestRun => run(l3Program(1), firstNormal);

/** L5: send first, then the save fails: a ghost, and the browser's retry makes a second order. */
export function ghostRun(): TestRun {
  const tabs = [
    {
      name: 'alice',
      maxAttempts: 2,
      actions: [{ endpoint: 'Frontend', route: 'submit', body: { cartId: 'cart-1' } }],
    },
  ];
  const manifest = { ...l3Manifest(1, { tabs }), faults: { total: 1, perKind: { storeFail: 1 } } };
  return run(
    { manifest, file: 'scenario.ts', handlers: { submitCart: submitCartSendFirst, onSubmitOrder } },
    injectOnce((c, w) => isRun(c, w, 'batch', 'fail')),
  );
}

/** L3 with two carts: the second SubmitOrder is delivered before the first (a reorder fault). */
export function reorderRun(): TestRun {
  const base = l3Program(2);
  const faults = { total: 1, perKind: { reorder: 1 } };
  // Hold deliveries back until both orders are queued, then deliver the second one first.
  const reorderWhenBothQueued: Policy = (enabled) =>
    enabled.find((c) => c.t === 'deliver' && c.reorder === true) ??
    enabled.find((c) => c.t !== 'deliver' && !(c.t === 'run' && c.outcome !== 'ok')) ??
    firstNormal(enabled);
  return run({ ...base, manifest: { ...base.manifest, faults } }, reorderWhenBothQueued);
}

/** Kitchen sink: the first handler crashes after its first call; the browser retries. */
export function crashRun(): TestRun {
  return run(
    kitchenSinkProgram({ total: 1, perKind: { crash: 1 } }),
    injectOnce((c) => c.t === 'run' && c.outcome === 'crash'),
  );
}

/** Kitchen sink: the response of the first request is lost; the browser retries. */
export function responseLostRun(): TestRun {
  return run(
    kitchenSinkProgram({ total: 1, perKind: { responseLost: 1 } }),
    injectOnce((c, w) => isRun(c, w, 'respond', 'fail')),
  );
}

/** L7: the lease expires after the commit; a second consumer processes the message again. */
export function leaseRun(): TestRun {
  return run(l7Program(), (enabled, world) => {
    const expire = enabled.find((c) => c.t === 'expireLease');
    if (expire && world.invocations.some((i) => i.committed)) return expire;
    return firstNormal(enabled);
  });
}

/** L3 with many carts: a long trace (about 11 events per cart). */
export const longRun = (carts: number): TestRun => run(l3Program(carts), firstNormal);

type Order = { lines: string[] };

/**
 * L7 with a duplicated AddItem and two consumers that both load order-1 before either writes:
 * with `expectedVersion` the second write is rejected (a conflict), without it it overwrites the
 * first (a lost update).
 */
export function concurrentRun(useExpectedVersion: boolean): TestRun {
  const base = l7Program();
  const manifest = { ...base.manifest, faults: { total: 1, perKind: { duplicate: 1 } } };
  function* onAddItem(msg: unknown, ctx: HandlerContext): HandlerGenerator {
    const { orderId, filling } = msg as { orderId: string; filling: string };
    const order = (yield* awaitValue(ctx.load<Order>('orders', orderId))) as Doc<Order>;
    yield* awaitValue(
      ctx.store(
        'orders',
        orderId,
        { lines: [...order.value.lines, filling] },
        useExpectedVersion ? { expectedVersion: order.version } : {},
      ),
    );
    return undefined;
  }
  return run({ manifest, file: 'scenario.ts', handlers: { onAddItem } }, (enabled, world) => {
    const pick =
      enabled.find((c) => c.t === 'duplicate') ??
      enabled.find((c) => c.t === 'deliver' && !c.reorder) ??
      enabled.find((c) => isRun(c, world, 'load', 'ok'));
    return pick ?? firstNormal(enabled);
  });
}
