/**
 * Hardened JavaScript (SES) for the realm that runs learner code.
 *
 * `lockdownRealm()` (after `import 'ses'`) freezes every intrinsic of this realm (no prototype
 * pollution, no `Function` reachable through `[].constructor.constructor`) and must run before
 * any other code of a worker that evaluates learner code: `src/sandbox/lockdown.ts`, imported
 * first by each such worker, does both. This module itself does not load SES.
 * Once locked down, `compileLearnerModule` evaluates each learner module inside its own SES
 * `Compartment`, whose global object holds only the frozen intrinsics and the handler API's
 * endowments: no `self`, `fetch`, `caches`, `indexedDB`, `BroadcastChannel`, `process`, real
 * `Date.now` or `Math.random`. Realms that are not locked down (unit tests, the main thread, which
 * never runs learner code) keep the plain `new Function` evaluation.
 */
import { meterIntrinsics } from './meter';

interface SesGlobal {
  lockdown?: (options: Record<string, string>) => void;
  Compartment?: new (options: { globals: Record<string, unknown>; __options__: true }) => {
    evaluate(source: string): unknown;
  };
}

const ses = globalThis as unknown as SesGlobal;

/** Whether this realm is locked down (its intrinsics frozen) and has compartments. */
export function isLockedDown(): boolean {
  return typeof ses.Compartment === 'function' && Object.isFrozen(Object.prototype);
}

/** Locks this realm down once (SES must be loaded); later calls do nothing. */
export function lockdownRealm(): void {
  if (isLockedDown()) return;
  if (typeof ses.lockdown !== 'function') throw new Error("lockdownRealm: import 'ses' first");
  // The amplifying built-ins are metered (meter.ts) before they are frozen.
  meterIntrinsics();
  ses.lockdown({
    // Keep stacks: they are how a learner error names its line.
    errorTaming: 'unsafe',
    stackFiltering: 'verbose',
    overrideTaming: 'moderate',
    consoleTaming: 'unsafe',
    domainTaming: 'unsafe',
  });
}

/** Evaluates `source` (a program) in a new compartment whose only globals are `globals`. */
export function evaluateInCompartment(source: string, globals: Record<string, unknown>): unknown {
  const Compartment = ses.Compartment!;
  return new Compartment({ globals, __options__: true }).evaluate(source);
}
