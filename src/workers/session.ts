/**
 * The interactive session behind Step, Back, Play and "fault from a step", free of worker
 * globals so it runs in Node tests. It keeps the engine, every world of the run (so Back and
 * scrubbing cost nothing) and the trace. Every step goes through `enabledSteps` + `step`, the one
 * transition function; restoring a run matches each label against `describeChoice` of the
 * choices enabled at that point, so a run that does not fit the code is a clear error.
 */
import { isLearnerCodeError } from '../sandbox';
import type { LearnerError } from '../sandbox';
import {
  createEngine,
  describeChoice,
  describeStep,
  isQuiescent,
  learnerStepOf,
  pendingCallLine,
} from '../sim';
import type { Choice, Engine, ExerciseManifest, Program, TraceEvent, World } from '../sim';
import { isMessaging } from '../workshop/bundle';
import type { LoadedExercise } from '../workshop/bundle';
import { createProgram } from '../workshop/program';
import { applySettings, SettingError } from '../workshop/settings';
import { continueSeeded, faultIn } from '../sim';
import type {
  CompileRequest,
  EnabledChoice,
  InvariantResult,
  SessionOp,
  SessionResponse,
  SessionSpec,
  SessionView,
  TakenChoice,
} from './sessionProtocol';
import { summarizeWorld } from './worldSummary';

interface Session {
  spec: SessionSpec;
  manifest: ExerciseManifest;
  program: Program;
  engine: Engine;
  choices: Choice[];
  taken: TakenChoice[];
  /** worlds[i] is the world after i steps. */
  worlds: World[];
  events: TraceEvent[];
  cursor: number;
  seed: number | null;
  branchStep: number | null;
  stepError: LearnerError | null;
  /** The world the engine last stepped (its cache of live handler runs fits only that one). */
  lastStepped: World | null;
}

class ReplayMismatch extends Error {
  override name = 'ReplayMismatch';
}

type Prepared =
  { ok: true; manifest: ExerciseManifest; program: Program; engine: Engine } | SessionResponse;

function prepare(
  exercises: readonly LoadedExercise[],
  folder: string,
  file: string,
  source: string,
  settings: Record<string, string>,
): Prepared {
  const exercise = exercises.find((e) => e.folder === folder);
  if (!exercise) return { type: 'unavailable', message: `No exercise "${folder}".` };
  if (!exercise.ok) return { type: 'unavailable', message: exercise.error };
  if (!isMessaging(exercise)) {
    return { type: 'unavailable', message: 'This exercise is checked, not simulated.' };
  }
  let manifest: ExerciseManifest;
  try {
    manifest = applySettings(exercise.manifest, settings);
  } catch (error) {
    if (error instanceof SettingError) return { type: 'unavailable', message: error.message };
    throw error;
  }
  const prepared = createProgram(manifest, source, file);
  if (!prepared.ok) return { type: 'learnerError', error: prepared.error };
  // A run the learner watches: every step knows the line it ran.
  const program: Program = { ...prepared.program, locateCalls: true };
  return { ok: true, manifest, program, engine: createEngine(program) };
}

export interface SessionHost {
  handle(request: { type: 'session'; op: SessionOp } | CompileRequest): SessionResponse;
}

export function createSessionHost(exercises: readonly LoadedExercise[]): SessionHost {
  let session: Session | null = null;

  function takeStep(s: Session, choice: Choice): World {
    const from = s.worlds[s.choices.length]!;
    if (s.lastStepped !== from) s.engine.reset();
    const fault = faultIn(from, choice);
    const r = s.engine.step(from, choice);
    const index = s.choices.length;
    for (const e of r.events) s.events.push({ ...e, step: index });
    s.choices.push(choice);
    const where = learnerStepOf(s.program, from, choice, r.world);
    s.taken.push({ label: describeChoice(choice), fault, ...where });
    s.worlds.push(r.world);
    s.lastStepped = r.world;
    return r.world;
  }

  /** Drops every step after `n`. */
  function truncate(s: Session, n: number): void {
    s.choices.length = n;
    s.taken.length = n;
    s.worlds.length = n + 1;
    s.events = s.events.filter((e) => e.step < n);
    s.branchStep = s.branchStep !== null && s.branchStep < n ? s.branchStep : null;
    s.stepError = null;
  }

  function enabledAt(s: Session, world: World): EnabledChoice[] {
    return s.engine.enabledSteps(world).map((c, index) => ({
      index,
      label: describeChoice(c),
      what: describeStep(
        world,
        c,
        c.t === 'run' ? pendingCallLine(s.program, world, c.attemptId) : undefined,
      ),
      fault: faultIn(world, c),
    }));
  }

  function view(s: Session, withEvents: boolean): SessionView {
    const world = s.worlds[s.cursor]!;
    const quiescent = isQuiescent(world);
    const v: SessionView = {
      type: 'session',
      choices: s.taken.slice(),
      cursor: s.cursor,
      world,
      summary: summarizeWorld(s.engine, world),
      enabled: s.stepError && s.cursor === s.choices.length ? [] : enabledAt(s, world),
      invariants: s.manifest.invariants.map((inv): InvariantResult => ({
        name: inv.name,
        kind: inv.kind,
        description: inv.description,
        result: safeCheck(() => inv.check(world)),
      })),
      quiescent,
      seed: s.seed,
      branchStep: s.branchStep,
      stepError: s.stepError,
    };
    if (withEvents) v.events = s.events.slice();
    return v;
  }

  /** Runs `f`, turning a learner's fatal error into `stepError` (the run keeps its steps so far). */
  function guarded(s: Session, f: () => void): void {
    try {
      f();
    } catch (error) {
      if (!isLearnerCodeError(error)) throw error;
      s.stepError = error.learnerError;
      s.worlds.length = s.choices.length + 1;
      s.engine.reset();
      s.lastStepped = null;
    }
  }

  function open(op: Extract<SessionOp, { op: 'open' }>): SessionResponse {
    const { spec } = op;
    const prepared = prepare(exercises, spec.folder, spec.file, spec.source, spec.settings);
    if (!('ok' in prepared)) return prepared;
    prepared.engine.reset();
    const s: Session = {
      spec,
      manifest: prepared.manifest,
      program: prepared.program,
      engine: prepared.engine,
      choices: [],
      taken: [],
      worlds: [prepared.engine.initialWorld()],
      events: [],
      cursor: 0,
      seed: op.seed ?? null,
      branchStep: null,
      stepError: null,
      lastStepped: null,
    };
    session = s;
    try {
      op.labels.forEach((label, i) => {
        const world = s.worlds[i]!;
        const choice = s.engine.enabledSteps(world).find((c) => describeChoice(c) === label);
        if (!choice) {
          throw new ReplayMismatch(
            `Step ${i + 1} ("${label}") is not possible at that point: the run does not fit this code or these settings.`,
          );
        }
        takeStep(s, choice);
      });
    } catch (error) {
      if (error instanceof ReplayMismatch) {
        s.cursor = s.choices.length;
        return { type: 'replayError', message: error.message };
      }
      if (isLearnerCodeError(error)) return { type: 'learnerError', error: error.learnerError };
      throw error;
    }
    const play = op.play;
    if (play) {
      s.seed = play.seed;
      guarded(s, () =>
        continueSeeded(s.engine, s.worlds[s.choices.length]!, play.seed, play.maxSteps, (c) =>
          takeStep(s, c),
        ),
      );
    }
    s.cursor = clamp(op.cursor ?? s.choices.length, 0, s.choices.length);
    return view(s, true);
  }

  function apply(op: SessionOp): SessionResponse {
    if (op.op === 'open') return open(op);
    const s = session;
    if (!s) return { type: 'unavailable', message: 'No run is open: press Reset.' };
    switch (op.op) {
      case 'step': {
        const world = s.worlds[s.cursor]!;
        const choice = s.engine.enabledSteps(world)[op.index];
        if (!choice) return { type: 'unavailable', message: `No choice ${op.index} at this step.` };
        truncate(s, s.cursor);
        guarded(s, () => takeStep(s, choice));
        s.cursor = s.choices.length;
        return view(s, true);
      }
      case 'seek':
        s.cursor = clamp(op.cursor, 0, s.choices.length);
        return view(s, false);
      case 'reset':
        truncate(s, 0);
        s.cursor = 0;
        s.seed = null;
        s.engine.reset();
        s.lastStepped = null;
        return view(s, true);
      case 'play': {
        const from = op.from;
        let start = 0;
        let first: Choice | undefined;
        if (from) {
          start = clamp(from.step, 0, s.choices.length);
          first = s.engine.enabledSteps(s.worlds[start]!)[from.index];
          if (!first) return { type: 'unavailable', message: 'That choice is not possible there.' };
        }
        truncate(s, start);
        s.seed = op.seed;
        s.branchStep = from ? start : null;
        guarded(s, () => {
          let world = s.worlds[start]!;
          if (first) world = takeStep(s, first);
          continueSeeded(s.engine, world, op.seed, op.maxSteps - s.choices.length, (c) =>
            takeStep(s, c),
          );
        });
        s.cursor = s.choices.length;
        return view(s, true);
      }
      case 'faultsAt': {
        const step = clamp(op.step, 0, s.choices.length);
        const faults = enabledAt(s, s.worlds[step]!).filter((c) => c.fault !== null);
        return { type: 'faults', step, faults };
      }
      default:
        return op satisfies never;
    }
  }

  return {
    handle(request) {
      try {
        if (request.type === 'compile') {
          const exercise = exercises.find((e) => e.folder === request.folder);
          if (!exercise || !isMessaging(exercise))
            return { type: 'compiled', error: null, warnings: [] };
          const program = createProgram(exercise.manifest, request.source, request.file);
          return program.ok
            ? { type: 'compiled', error: null, warnings: program.warnings }
            : { type: 'compiled', error: program.error, warnings: [] };
        }
        return apply(request.op);
      } catch (error) {
        if (isLearnerCodeError(error)) return { type: 'learnerError', error: error.learnerError };
        const e = error instanceof Error ? error : new Error(String(error));
        return { type: 'internalError', message: `${e.name}: ${e.message}`, stack: e.stack };
      }
    },
  };
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, Math.floor(n)));
}

function safeCheck(check: () => true | string): true | string {
  try {
    return check();
  } catch (error) {
    return `The invariant itself failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}
