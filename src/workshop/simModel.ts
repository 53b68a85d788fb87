/**
 * The messaging simulation as a checker model: states are worlds, choices are engine choices,
 * invariants are the exercise's. Worlds are fingerprinted by `fingerprintWorld` (canonical names,
 * orders the semantics ignores left out); in-flight handlers are part of the world as (handler,
 * input, results so far), so equal fingerprints mean equal futures.
 */
import type { Invariant, Model } from '../checker/types';
import {
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
  return {
    engine,
    initialStates: () => [engine.initialWorld()],
    enabled: (w) => engine.enabledSteps(w),
    // No trace events while checking: counterexamples are replayed for their trace afterwards.
    step: (w, c) => {
      const next = cloneWorld(w);
      engine.stepInPlace(next, c, null);
      return next;
    },
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
}
