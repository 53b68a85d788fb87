import { describe, expect, it } from 'vitest';
import {
  awaitValue,
  coreInvariants,
  boundedDedupData,
  createEngine,
  defineExercise,
  isQuiescent,
} from './index';
import type { HandlerContext, HandlerGenerator, ExerciseManifest, World } from './index';
import { drive, firstNormal, injectOnce, isRun } from './testing/drive';

const $ = awaitValue;

/** One message to Orders, whose handler is given; Billing receives what Orders sends. */
function program(
  onWork: (msg: unknown, ctx: HandlerContext) => HandlerGenerator,
  overrides: Partial<ExerciseManifest> = {},
) {
  const manifest = defineExercise({
    id: 'inv-test',
    title: 'invariants',
    summary: '',
    block: 'Test',
    endpoints: {
      Orders: {
        kind: 'messages',
        handles: { Work: 'onWork' },
        retries: { immediate: 1, delayed: 0, backoffBaseTicks: 1 },
      },
      Billing: { kind: 'messages', handles: { Bill: 'onBill' } },
    },
    stores: { db: { kind: 'documents' }, dedup: { kind: 'kv', bookkeeping: true } },
    workload: { messages: [{ destination: 'Orders', type: 'Work', id: 'm1', payload: { n: 1 } }] },
    dispatch: 'immediate',
    faults: { total: 1, perKind: { crash: 1, storeFail: 1, sendFail: 1 } },
    invariants: [],
    limits: { maxStates: 1000, maxDepth: 100, maxTimeMs: 1000 },
    files: { starter: 's.ts', solution: 's.ts', variants: {} },
    ...overrides,
  });
  // eslint-disable-next-line require-yield
  function* onBill(): HandlerGenerator {
    return undefined;
  }
  return createEngine({ manifest, file: 'scenario.ts', handlers: { onWork, onBill } });
}

const end = (
  engine: ReturnType<typeof program>,
  policy = firstNormal as Parameters<typeof drive>[1],
): World => {
  const run = drive(engine, policy);
  expect(isQuiescent(run.world)).toBe(true);
  return run.world;
};

describe('consistentOutput', () => {
  it('holds when a retry re-sends the same message id', () => {
    const engine = program(function* (_msg, ctx) {
      yield* $(ctx.store('orders', 'o1', { n: 1 }));
      yield* $(ctx.send('Billing', { type: 'Bill', payload: { n: 1 } }, { id: 'bill-m1' }));
      return undefined;
    });
    const w = end(
      engine,
      injectOnce((c, world) => isRun(c, world, 'send', 'crash')),
    );
    expect(w.history.enqueued['bill-m1']?.copies).toBe(2);
    expect(coreInvariants.consistentOutput.check(w)).toBe(true);
  });

  it('fails when a retry sends under fresh ids (alternative worlds)', () => {
    const engine = program(function* (_msg, ctx) {
      yield* $(ctx.store('orders', 'o1', { n: 1 }));
      yield* $(ctx.send('Billing', { type: 'Bill', payload: { n: 1 } }));
      return undefined;
    });
    const w = end(
      engine,
      injectOnce((c, world) => isRun(c, world, 'send', 'crash')),
    );
    expect(coreInvariants.consistentOutput.check(w)).toMatch(/different attempts/);
  });

  it('fails when one id is re-sent with different content', () => {
    const engine = program(function* (msg, ctx) {
      yield* $(ctx.store('orders', 'o1', { n: 1 }));
      yield* $(
        ctx.send(
          'Billing',
          { type: 'Bill', payload: { delivery: ctx.delivery, ...(msg as object) } },
          { id: 'bill-m1' },
        ),
      );
      return undefined;
    });
    const w = end(
      engine,
      injectOnce((c, world) => isRun(c, world, 'send', 'crash')),
    );
    expect(coreInvariants.consistentOutput.check(w)).toMatch(/different content/);
  });
});

describe('noDeadLetters', () => {
  it('holds when the retry succeeds, fails when retries run out', () => {
    let fail = true;
    const engine = program(function* (_msg, ctx) {
      yield* $(ctx.store('orders', 'o1', { n: 1 }));
      if (fail) throw new Error('always fails');
      return undefined;
    });
    const bad = end(engine);
    expect(bad.errorQueue).toHaveLength(1);
    expect(coreInvariants.noDeadLetters.check(bad)).toMatch(/error queue/);
    fail = false;
    expect(coreInvariants.noDeadLetters.check(end(engine))).toBe(true);
  });
});

describe('noLostUpdates', () => {
  it('a blind write over a version the attempt did not read is a lost update; with OCC it is rejected instead', () => {
    const write = (occ: boolean) =>
      program(
        function* (_msg, ctx) {
          const doc = (yield* $(ctx.load('orders', 'o1'))) as { version: number };
          yield* $(
            ctx.store('orders', 'o1', { n: 2 }, occ ? { expectedVersion: doc.version } : {}),
          );
          return undefined;
        },
        {
          stores: { db: { kind: 'documents', initial: { orders: { o1: { n: 1 } } } } },
          workload: {
            messages: [
              { destination: 'Orders', type: 'Work', id: 'm1' },
              { destination: 'Orders', type: 'Work', id: 'm2' },
            ],
          },
          endpoints: {
            Orders: { kind: 'messages', handles: { Work: 'onWork' }, concurrency: 2 },
            Billing: { kind: 'messages', handles: { Bill: 'onBill' } },
          },
        },
      );
    // Both handlers read v1, then both write: the second blind write loses the first's update.
    const interleave = (enabled: Parameters<typeof firstNormal>[0], world: World) =>
      enabled.find((c) => c.t === 'deliver') ??
      enabled.find(
        (c) =>
          c.t === 'run' &&
          c.outcome === 'ok' &&
          world.invocations.every((i) => i.results.length >= 1 || i.attemptId === c.attemptId),
      ) ??
      firstNormal(enabled);
    expect(coreInvariants.noLostUpdates.check(end(write(false), interleave))).toMatch(
      /lost update/,
    );
    const occ = drive(write(true), interleave);
    expect(coreInvariants.noLostUpdates.check(occ.world)).toBe(true);
    expect(occ.events.some((e) => e.type === 'reject' && e.reason === 'conflict')).toBe(true);
  });
});

describe('noGhostMessages and noLostMessages on hand-built runs', () => {
  it('a send before any commit is a ghost; a commit whose send failed and was never retried is a loss', () => {
    const sendFirst = program(function* (_msg, ctx) {
      yield* $(ctx.send('Billing', { type: 'Bill', payload: {} }));
      yield* $(ctx.store('orders', 'o1', { n: 1 }));
      return undefined;
    });
    expect(coreInvariants.noGhostMessages.check(end(sendFirst))).toMatch(/ghost/);
    const swallow = program(function* (_msg, ctx) {
      yield* $(ctx.store('orders', 'o1', { n: 1 }));
      try {
        yield* $(ctx.send('Billing', { type: 'Bill', payload: {} }));
      } catch {
        /* swallowed: the message is lost */
      }
      return undefined;
    });
    expect(coreInvariants.noLostMessages.check(end(swallow))).toBe(true);
    expect(
      coreInvariants.noLostMessages.check(
        end(
          swallow,
          injectOnce((c, w) => isRun(c, w, 'send', 'fail')),
        ),
      ),
    ).toMatch(/lost message/);
  });

  it('writes to bookkeeping stores are not business commits', () => {
    const engine = program(function* (_msg, ctx) {
      yield* $(ctx.kv.put('dedup', 'm1', true));
      yield* $(ctx.send('Billing', { type: 'Bill', payload: {} }));
      return undefined;
    });
    expect(coreInvariants.noGhostMessages.check(end(engine))).toMatch(/ghost/);
  });
});

describe('boundedDedupData', () => {
  const inv = boundedDedupData(
    (w) => Object.keys((w.stores.dedup as { entries: object }).entries).length,
    1,
  );
  it('fails when processed ids accumulate beyond the messages in flight', () => {
    const engine = program(
      function* (msg, ctx) {
        yield* $(ctx.kv.put('dedup', (ctx.message as { id: string }).id, msg));
        return undefined;
      },
      {
        workload: {
          messages: ['m1', 'm2', 'm3'].map((id) => ({ destination: 'Orders', type: 'Work', id })),
        },
      },
    );
    const run = drive(engine, firstNormal);
    expect(inv.check(run.world)).toMatch(/3 dedup records/);
  });
  it('holds when records are removed once processed', () => {
    const engine = program(
      function* (_msg, ctx) {
        const id = (ctx.message as { id: string }).id;
        yield* $(ctx.kv.put('dedup', id, true));
        yield* $(ctx.kv.delete('dedup', id));
        return undefined;
      },
      {
        workload: {
          messages: ['m1', 'm2', 'm3'].map((id) => ({ destination: 'Orders', type: 'Work', id })),
        },
      },
    );
    expect(inv.check(drive(engine, firstNormal).world)).toBe(true);
  });
});
