import { describe, expect, it } from 'vitest';
import { createEngine, coreInvariants, FAULT_KINDS } from './index';
import type { Choice, FaultKind, TraceEvent, World } from './index';
import {
  submitCart,
  submitCartSendFirst,
  onSubmitOrder,
  l3Manifest,
  l7Program,
  kitchenSinkProgram,
} from './testing/scenarios';
import { drive, firstNormal, injectOnce, isRun } from './testing/drive';
import { faultOf } from './choices';

const tabs = [
  {
    name: 'alice',
    maxAttempts: 2,
    actions: [{ endpoint: 'Frontend', route: 'submit', body: { cartId: 'cart-1' } }],
  },
];

describe('L4: save then send loses a message when the broker fails', () => {
  const manifest = { ...l3Manifest(1, { tabs }), faults: { total: 1, perKind: { sendFail: 1 } } };
  const engine = createEngine({
    manifest,
    file: 'scenario.ts',
    handlers: { submitCart, onSubmitOrder },
  });

  it('with no fault, nothing is lost', () => {
    const run = drive(engine, firstNormal);
    expect(coreInvariants.noLostMessages.check(run.world)).toBe(true);
  });

  it('a failed send after the commit is caught by noLostMessages', () => {
    const run = drive(
      engine,
      injectOnce((c, w) => isRun(c, w, 'send', 'fail')),
    );
    expect(run.events.some((e) => e.type === 'sendFail')).toBe(true);
    // The browser retries; the retry sees the cart submitted and sends nothing.
    expect(run.events.filter((e) => e.type === 'httpArrive')).toHaveLength(2);
    expect(coreInvariants.noLostMessages.check(run.world)).toMatch(/lost message/);
  });
});

describe('L5: send then save creates a ghost when the DB fails', () => {
  const manifest = { ...l3Manifest(1, { tabs }), faults: { total: 1, perKind: { storeFail: 1 } } };
  const engine = createEngine({
    manifest,
    file: 'scenario.ts',
    handlers: { submitCart: submitCartSendFirst, onSubmitOrder },
  });

  it('the TLA+-form ghost check holds on the happy path', () => {
    const run = drive(engine, firstNormal);
    expect(coreInvariants.noGhostMessagesAtEnd.check(run.world)).toBe(true);
    // ...but the strong form already objects: the message left before the commit.
    expect(coreInvariants.noGhostMessages.check(run.world)).toMatch(/ghost/);
  });

  it('a failed save after the send leaves a ghost, and the retry makes a second order', () => {
    const run = drive(
      engine,
      injectOnce((c, w) => isRun(c, w, 'batch', 'fail')),
    );
    expect(run.events.some((e) => e.type === 'reject' && e.reason === 'fault')).toBe(true);
    const orders = Object.keys(
      (run.world.stores.db as { kind: 'documents'; collections: Record<string, object> })
        .collections.orders ?? {},
    );
    expect(orders).toHaveLength(2);
    const oneOrder = manifest.invariants.find((i) => i.name === 'oneOrderPerSubmittedCart')!;
    expect(oneOrder.check(run.world)).toMatch(/2 orders/);
    // The first attempt's ghost is the cause.
    expect(run.events.some((e) => e.type === 'enqueue' && e.ghost)).toBe(true);
  });

  it('without the retry, the ghost is caught at quiescence', () => {
    const single = { ...manifest, workload: { tabs: [{ ...tabs[0]!, maxAttempts: 1 }] } };
    const run = drive(
      createEngine({
        manifest: single,
        file: 'scenario.ts',
        handlers: { submitCart: submitCartSendFirst, onSubmitOrder },
      }),
      injectOnce((c, w) => isRun(c, w, 'batch', 'fail')),
    );
    expect(coreInvariants.noGhostMessagesAtEnd.check(run.world)).toMatch(/ghost message/);
  });
});

describe('L7: a lease expiring during a slow handler produces a concurrent duplicate', () => {
  const program = l7Program();
  const engine = createEngine(program);

  it('without the fault, one line', () => {
    const run = drive(engine, firstNormal);
    for (const inv of program.manifest.invariants) expect(inv.check(run.world)).toBe(true);
  });

  it('the lease expires after the commit, a second consumer processes the copy again', () => {
    // Let the first attempt commit, then expire its lease before the ack.
    const policy = (enabled: Choice[], world: World) => {
      const expire = enabled.find((c) => c.t === 'expireLease');
      const committed = world.invocations.some((i) => i.committed);
      if (expire && committed) return expire;
      return firstNormal(enabled);
    };
    const run = drive(engine, policy);
    const deliveries = run.events.filter((e) => e.type === 'deliver');
    expect(deliveries).toHaveLength(2);
    expect(run.events.some((e) => e.type === 'ackFail' && e.reason === 'leaseLost')).toBe(true);
    expect(coreInvariants.noDuplicateProcessing.check(run.world)).toMatch(/processed 2 times/);
    expect(program.manifest.invariants[1]!.check(run.world)).toMatch(/2 lines/);
  });
});

function firstNormalOk(c: Choice): boolean {
  try {
    return firstNormal([c]) === c;
  } catch {
    return false;
  }
}

describe('every fault kind can be injected and shows in the trace', () => {
  const expected: Record<FaultKind, TraceEvent['type']> = {
    storeFail: 'reject',
    sendFail: 'sendFail',
    externalFail: 'external',
    externalCommitLost: 'external',
    crash: 'crash',
    ackFail: 'ackFail',
    duplicate: 'duplicate',
    reorder: 'deliver',
    delay: 'delay',
    leaseExpire: 'leaseExpire',
    requestLost: 'httpLost',
    responseLost: 'httpLost',
  };
  for (const kind of FAULT_KINDS) {
    it(kind, () => {
      const engine = createEngine(kitchenSinkProgram({ total: 1, perKind: { [kind]: 1 } }));
      let injected: Choice | undefined;
      const run = drive(engine, (enabled, world) => {
        if (!injected) {
          const hit = enabled.find((c) => {
            const inv =
              c.t === 'run'
                ? world.invocations.find((i) => i.attemptId === c.attemptId)
                : undefined;
            const k = inv
              ? inv.pending.phase === 'call'
                ? inv.pending.effect.kind
                : inv.pending.phase
              : undefined;
            return faultOf(c, k) === kind;
          });
          if (hit) return (injected = hit);
        }
        // Deliver only when nothing else can happen, so that two messages can queue up.
        return firstNormal(
          enabled.filter((c) => c.t !== 'deliver').length > 0 &&
            enabled.some((c) => c.t !== 'deliver' && firstNormalOk(c))
            ? enabled.filter((c) => c.t !== 'deliver')
            : enabled,
        );
      });
      expect(injected, `no step injected ${kind}`).toBeDefined();
      expect(run.world.faults.byKind[kind]).toBe(1);
      const types = run.events.map((e) => e.type);
      expect(types).toContain(expected[kind]);
      if (kind === 'externalCommitLost')
        expect(
          run.events.some((e) => e.type === 'external' && e.outcome === 'committedResponseLost'),
        ).toBe(true);
      if (kind === 'reorder')
        expect(run.events.some((e) => e.type === 'deliver' && e.reordered)).toBe(true);
    });
  }

  it('no fault step is offered without budget', () => {
    const engine = createEngine(kitchenSinkProgram({ total: 0, perKind: { crash: 5 } }));
    const run = drive(engine, (enabled) => {
      expect(enabled.every((c) => !(c.t === 'run' && c.outcome === 'crash'))).toBe(true);
      return firstNormal(enabled);
    });
    expect(run.world.faults.total).toBe(0);
  });
});
