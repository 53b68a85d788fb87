/**
 * The messaging simulation as a checker model: states are worlds, choices are engine choices,
 * invariants are the exercise's. Worlds are fingerprinted by `fingerprintWorld` (canonical names,
 * orders the semantics ignores left out); in-flight handlers are part of the world as (handler,
 * input, results so far), so equal fingerprints mean equal futures.
 */
import type { Invariant, Model } from '../checker/types';
import { ReductionUnsound } from '../checker/reduced';
import {
  BROKER_SECTIONS,
  cloneWorld,
  createEngine,
  createFingerprint,
  describeChoice,
  faultOf,
  isQuiescent,
} from '../sim';
import type { Choice, Engine, EngineOptions, InvariantSpec, Program, World } from '../sim';

export interface SimModel extends Model<World, Choice> {
  engine: Engine;
  /** The exercise's invariant by name (its `check` explains a violation in words). */
  invariantSpec(name: string): InvariantSpec | undefined;
}

export function createSimModel(program: Program, options: EngineOptions = {}): SimModel {
  const engine = createEngine(program, options);
  const specs = program.manifest.invariants;
  const invariants: Invariant<World>[] = specs.map((spec) => ({
    name: spec.name,
    description: spec.description,
    kind: spec.kind,
    holds: (w: World) => spec.check(w) === true,
    explain: (w: World) => {
      const r = spec.check(w);
      return typeof r === 'string' ? r : undefined;
    },
  }));
  const step = (w: World, c: Choice): World => {
    const next = cloneWorld(w);
    engine.stepInPlace(next, c, null);
    return next;
  };
  const unreduced: SimModel = {
    engine,
    initialStates: () => [engine.initialWorld()],
    enabled: (w) => engine.enabledSteps(w),
    // No trace events while checking: counterexamples are replayed for their trace afterwards.
    step,
    fingerprint: createFingerprint(program.manifest.interchangeable, 'all'),
    invariants,
    isQuiescent,
    describeChoice,
    isFault: (c) => faultOf(c) !== null,
    toPlain: (w) => w,
    serialize: (w) => JSON.stringify(w),
    deserialize: (text) => JSON.parse(text) as World,

    invariantSpec: (name) => specs.find((s) => s.name === name),
  };
  const guard = createBrokerGuard();
  const guarded = invariants.map((inv, i) =>
    inv.kind === 'atQuiescence' ? inv : { ...inv, holds: guard.holds(specs[i]!) },
  );
  // Invariants that read what reduced steps write, in the first state already: no reduction.
  if (!guard.probe(guarded, unreduced.initialStates())) return unreduced;
  /** The successor of the step `enabled` chose to explore alone, for `step` to hand out. */
  let taken: { from: World; choice: Choice; next: World } | null = null;
  return {
    ...unreduced,
    invariants: guarded,
    enabled: (w) => {
      const all = engine.enabledSteps(w);
      const k = engine.safeStep(w, all);
      if (k < 0) return all;
      const next = step(w, all[k]!);
      if (!touchesOnlyBroker(w, next)) return all;
      taken = { from: w, choice: all[k]!, next };
      return [all[k]!];
    },
    step: (w, c) => {
      if (taken && taken.from === w && taken.choice === c) {
        const { next } = taken;
        taken = null;
        return next;
      }
      return step(w, c);
    },
    unreduced,
  };
}

const BROKER = new Set<string>(BROKER_SECTIONS);

/**
 * Whether a step changed only the sections a safe step may write (reduction.ts): every other
 * section of the world is the same object (a step copies a section only when it writes it,
 * cloneWorld.ts) or the same number.
 */
function touchesOnlyBroker(before: World, after: World): boolean {
  for (const key of Object.keys(before) as (keyof World)[])
    if (!BROKER.has(key) && after[key] !== before[key]) return false;
  return true;
}

/**
 * Invariants of a reduced search read a world without the sections safe steps write (C2 in
 * src/sim/reduction.ts): reading one throws `ReductionUnsound`, even when the invariant catches
 * what it threw (a flag is checked after every call), and the check runs unreduced.
 */
function createBrokerGuard() {
  let tripped: string | null = null;
  const hidden = Object.create(null) as Record<string, unknown>;
  for (const section of BROKER_SECTIONS) {
    Object.defineProperty(hidden, section, {
      get() {
        tripped ??= section;
        throw new ReductionUnsound(`an invariant reads ${section}`);
      },
    });
  }
  let last: World | null = null;
  let view: World | null = null;
  const viewOf = (w: World): World => {
    if (w !== last) {
      const v = Object.create(hidden) as Record<string, unknown>;
      for (const key of Object.keys(w)) if (!BROKER.has(key)) v[key] = w[key as keyof World];
      [last, view] = [w, v as unknown as World];
    }
    return view!;
  };
  const holds =
    (spec: InvariantSpec) =>
    (w: World): boolean => {
      let ok = false;
      let failure: { error: unknown } | null = null;
      try {
        ok = spec.check(viewOf(w)) === true;
      } catch (error) {
        failure = { error };
      }
      if (tripped) throw new ReductionUnsound(`${spec.name} reads ${tripped}`);
      if (failure) throw failure.error;
      return ok;
    };
  /** Whether the invariants can be evaluated on `worlds` without reading a hidden section. */
  const probe = (invs: Invariant<World>[], worlds: World[]): boolean => {
    for (const w of worlds)
      for (const inv of invs) {
        if (inv.kind === 'atQuiescence') continue;
        try {
          inv.holds(w);
        } catch (err) {
          if (err instanceof ReductionUnsound) return false;
          // Any other error is the check's to report, where it meets it.
        }
      }
    tripped = null;
    return true;
  };
  return { holds, probe };
}
