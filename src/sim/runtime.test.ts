/**
 * What a memoised resume depends on (runtime.ts): the attempt, its input, its headers and each
 * call's result. A resume that differs in any of them runs the code again and may answer
 * otherwise; the same resume runs nothing and answers with the same call, sends, logs and ids.
 * Programs without `instantiate` (hand-written, may close over state) and runs that locate calls
 * always run the code.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { awaitValue } from './effects';
import type { HandlerGenerator } from './effects';
import type { HandlerContext } from './context';
import { createEngine } from './engine';
import { newInvocation } from './invocations';
import { HandlerRuntime } from './runtime';
import type { LiveSink, Program } from './runtime';
import { l3Manifest } from './testing/scenarios';
import type { Invocation } from './world';

const $ = awaitValue;

/** Loads the cart its message names; sends one message whose content depends on all it saw. */
function* onSubmitOrder(payload: unknown, ctx: HandlerContext): HandlerGenerator {
  const { cartId } = payload as { cartId: string };
  ctx.log(`looking at ${cartId}`);
  const cart = yield* $(ctx.load('carts', cartId));
  yield* $(
    ctx.send('Orders', {
      type: 'SubmitOrder',
      id: ctx.newId(),
      payload: { cartId, found: cart !== null, delivery: ctx.delivery, by: ctx.attemptId },
    }),
  );
  return undefined;
}

function runtime(options: { instantiate?: boolean; locateCalls?: boolean } = {}) {
  let runs = 0;
  const counted = (payload: unknown, ctx: HandlerContext) => {
    runs++;
    return onSubmitOrder(payload, ctx);
  };
  const handlers = { onSubmitOrder: counted, submitCart: counted };
  const program: Program = {
    manifest: l3Manifest(1),
    handlers,
    file: 'solution.ts',
    ...(options.instantiate === false ? {} : { instantiate: () => handlers }),
    ...(options.locateCalls ? { locateCalls: true } : {}),
  };
  return { rt: new HandlerRuntime(program), runs: () => runs };
}

/** An attempt of Orders at message m1, as the engine starts one. */
function invocation(over: Partial<Invocation> = {}): Invocation {
  const world = createEngine({
    manifest: l3Manifest(1),
    handlers: {},
    file: 'solution.ts',
  }).initialWorld();
  const input = {
    id: 'm1',
    type: 'SubmitOrder',
    payload: { cartId: 'cart-1' },
    headers: { delivery: '1' },
  };
  const inv = newInvocation(world, {
    endpoint: 'Orders',
    kind: 'message',
    route: 'SubmitOrder',
    copyId: 'm1>Orders',
    requestId: null,
    incomingId: 'm1',
    input,
    headers: { delivery: '1' },
  });
  return { ...inv, ...over };
}

/** Starts `inv`, then resumes it with `result` for its load: the send it stops at, and more. */
function sendAfterLoad(rt: HandlerRuntime, inv: Invocation, result: Invocation['results'][0]) {
  const sink: LiveSink = { sends: [], logs: [] };
  const first = rt.start(inv, 'immediate', 'db', sink);
  expect(first.kind).toBe('yield');
  const logs = sink.logs.slice();
  inv.results = [...inv.results, result];
  const next = rt.resume(inv, 'immediate', 'db', sink);
  if (next.kind !== 'yield') throw new Error(`expected a call, got ${next.kind}`);
  return { effect: next.effect, logs, idCounter: inv.idCounter };
}

const found = { ok: true as const, value: { value: { items: [] }, version: 1 } };
const missing = { ok: true as const, value: null };

describe('memoised resumes', () => {
  it('answer the same resume without running the code, with the same call, logs and ids', () => {
    const { rt, runs } = runtime();
    const a = sendAfterLoad(rt, invocation(), found);
    const ranFirst = runs();
    // Another interleaving: a new invocation object with equal content (as a copied world has).
    const b = sendAfterLoad(rt, invocation(), structuredClone(found));
    expect(runs()).toBe(ranFirst);
    expect(b).toEqual(a);
    expect(a.logs).toEqual(['looking at cart-1']);
    expect(a.idCounter).toBe(1);
  });

  it('run the code again for another result, attempt, input or headers, and answer for it', () => {
    const { rt, runs } = runtime();
    const base = sendAfterLoad(rt, invocation(), found);
    const payload = (effect: unknown) => (effect as { message: { payload: unknown } }).message;
    const cases: [string, () => ReturnType<typeof sendAfterLoad>, object][] = [
      ['result', () => sendAfterLoad(rt, invocation(), missing), { found: false }],
      [
        'attempt',
        () => sendAfterLoad(rt, invocation({ attemptId: 'm1@Orders#2' }), found),
        { by: 'm1@Orders#2' },
      ],
      [
        'input',
        () =>
          sendAfterLoad(
            rt,
            invocation({
              input: { id: 'm1', type: 'SubmitOrder', payload: { cartId: 'cart-2' }, headers: {} },
            }),
            found,
          ),
        { cartId: 'cart-2' },
      ],
      [
        'headers',
        () => sendAfterLoad(rt, invocation({ headers: { delivery: '2' } }), found),
        { delivery: 2 },
      ],
    ];
    for (const [what, run, differs] of cases) {
      const before = runs();
      const other = run();
      expect(runs(), what).toBeGreaterThan(before);
      expect(payload(other.effect), what).toMatchObject({ payload: differs });
      expect(payload(other.effect), what).not.toEqual(payload(base.effect));
    }
  });

  it('are off for hand-written programs and while calls are located', () => {
    for (const options of [{ instantiate: false }, { locateCalls: true }]) {
      const { rt, runs } = runtime(options);
      const a = sendAfterLoad(rt, invocation(), found);
      const before = runs();
      const b = sendAfterLoad(rt, invocation(), found);
      const label = JSON.stringify(options);
      expect(runs(), label).toBeGreaterThan(before);
      expect(b.effect, label).toEqual(a.effect);
    }
  });

  it('hold nothing that ran them: a memoised error keeps no frames', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const { rt } = runtime();
    const down = {
      ok: false as const,
      error: { code: 'StoreUnavailable' as const, message: 'down' },
    };
    // The search that resumes a handler is on the stack when the store's error is thrown into it.
    let search: { frontier: number[]; resume(): string } | null = {
      frontier: new Array<number>(10_000).fill(1),
      resume() {
        const inv = invocation();
        const sink: LiveSink = { sends: [], logs: [] };
        rt.start(inv, 'immediate', 'db', sink);
        inv.results = [down];
        return rt.resume(inv, 'immediate', 'db', sink).kind;
      },
    };
    expect(search.resume()).toBe('throw');
    const gone = new WeakRef(search);
    search = null;
    for (let i = 0; i < 3 && gone.deref(); i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      gc();
    }
    expect(gone.deref()).toBeUndefined();
  });
});
