/**
 * Builds a checker {@link Model} from an evaluated model file of the lesson (`{ steps,
 * invariants, finished? }`, see dsl.ts) and the parameters N / MaxFailures.
 *
 * The state is a packed Int32Array vector (state.ts). Successors are enumerated by re-running the
 * current label's step with a "choice script": every `pick`/`either` consumes the next script
 * entry and records how many options it had, and the script is advanced like an odometer until
 * every combination has run. A run that blocks yields no successor. The generic `enabled`/`step`
 * and the packed `successors` share this enumerator, so their choice orders agree by
 * construction.
 */
import type { Hasher } from '../../core/hash';
import type { Invariant, Model } from '../types';
import type { HandlerModule, HandlerParams, HandlerState, InvariantSpec } from './dsl';
import {
  BLOCKED,
  DB,
  FAIL,
  HandlerModelError,
  MSG,
  PC,
  PROC,
  QIN,
  StateView,
  TXC,
  TXID,
  vectorWidth,
  type ChoiceCursor,
} from './state';

/** One enabled step: the label that ran and the branch taken at each choice point. */
export interface HandlerChoice {
  label: string;
  picks: number[];
  description: string;
}

export interface PlainHandlerState {
  pc: string;
  msg: number;
  txId: number;
  txCounter: number;
  failures: number;
  msgFailures: Record<number, number>;
  queueIn: number[];
  processed: number[];
  db: { id: number; txId: number }[];
  queueOut: { id: number; txId: number }[];
}

export type HandlerModel = Model<Int32Array, HandlerChoice> & {
  readonly params: HandlerParams;
  readonly labels: string[];
  toPlain(s: Int32Array): PlainHandlerState;
};

const MAX_CHOICE_POINTS = 64;

/** How the sandbox that evaluated the module wants learner calls to be run (optional). */
export interface LearnerHooks {
  /** Called before every call into learner code (the sandbox's per-call step budget). */
  resetBudget?: () => void;
  /** Called after it (the sandbox stops charging allocations to the learner's module). */
  pauseMeter?: () => void;
  /** Maps an error thrown by learner code to its learner view (with line and column). */
  toLearnerError?: (error: unknown) => {
    kind: string;
    file: string;
    message: string;
    line?: number;
    column?: number;
  };
}

export function createHandlerModel(
  module: HandlerModule,
  params: HandlerParams,
  file = 'model.ts',
  hooks: LearnerHooks = {},
): HandlerModel {
  const resetBudget = hooks.resetBudget ?? noop;
  const pauseMeter = hooks.pauseMeter ?? noop;
  const asLearnerError = (err: unknown): unknown => toLearnerFailure(err, file, hooks);
  const { messages: n, maxFailures } = params;
  const fail = (message: string): never => {
    throw new HandlerModelError(file, message);
  };
  if (!(n >= 1 && n <= 8)) fail(`messages must be 1..8 (got ${n}).`);
  if (!(maxFailures >= 0 && maxFailures <= 20))
    fail(`maxFailures must be 0..20 (got ${maxFailures}).`);
  if (typeof module.steps !== 'object' || module.steps === null)
    fail('The file must export `steps`.');
  const labels = Object.keys(module.steps);
  if (labels.length === 0) fail('`steps` has no labels.');
  const stepFns = labels.map((l) => module.steps[l]!);
  stepFns.forEach((fn, i) => {
    if (typeof fn !== 'function') fail(`steps.${labels[i]} is not a function.`);
  });
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const width = vectorWidth(n);

  const cursor: ChoiceCursor = {
    script: new Int32Array(MAX_CHOICE_POINTS),
    counts: new Int32Array(MAX_CHOICE_POINTS),
    fixed: 0,
    cursor: 0,
    notes: undefined,
  };
  const draft = new StateView(n, maxFailures, labels, labelIndex, file, cursor);
  const reader = new StateView(n, maxFailures, labels, labelIndex, file, undefined);

  const invSpecs = Object.entries(module.invariants ?? {}).map(([name, spec]) =>
    normaliseInvariant(name, spec),
  );
  const invFns = invSpecs.map((x) => x.holds);
  const finished = module.finished ?? ((s: HandlerState) => s.queueIn.isEmpty());

  const runGuarded = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      throw asLearnerError(err);
    }
  };
  const readAt = (v: Int32Array, o: number, pred: (s: HandlerState) => boolean): boolean => {
    reader.v = v;
    reader.o = o;
    resetBudget();
    try {
      return pred(reader) === true;
    } catch (err) {
      throw asLearnerError(err);
    } finally {
      pauseMeter();
    }
  };

  /**
   * Runs every branch of the current label's step on `src[off..]`, writing each successor into
   * `out` and calling `emit(choiceIndex)`; with `record`, also collects the choices.
   */
  function enumerate(
    src: Int32Array,
    off: number,
    out: Int32Array,
    emit: (choice: number) => void,
    record: HandlerChoice[] | undefined,
  ): number {
    const pcValue = src[off + PC]!;
    const fn = stepFns[pcValue];
    if (!fn) return fail(`The handler is at an unknown label #${pcValue}.`);
    draft.v = out;
    draft.o = 0;
    cursor.fixed = 0;
    let emitted = 0;
    for (;;) {
      for (let i = 0; i < width; i++) out[i] = src[off + i]!;
      cursor.cursor = 0;
      if (record) cursor.notes = [];
      let blocked = false;
      resetBudget();
      try {
        fn(draft);
      } catch (err) {
        if (err !== BLOCKED) throw asLearnerError(err);
        blocked = true;
      } finally {
        pauseMeter();
      }
      if (!blocked) {
        if (record) {
          const label = labels[pcValue]!;
          const notes = cursor.notes!;
          record.push({
            label,
            picks: Array.from(cursor.script.subarray(0, cursor.cursor)),
            description: notes.length > 0 ? `${label}: ${notes.join(', ')}` : label,
          });
        }
        emit(emitted++);
      }
      let p = cursor.cursor - 1;
      while (p >= 0 && cursor.script[p]! + 1 >= cursor.counts[p]!) p--;
      if (p < 0) break;
      cursor.script[p]!++;
      cursor.fixed = p + 1;
    }
    cursor.notes = undefined;
    return emitted;
  }

  function initial(): Int32Array {
    const v = new Int32Array(width);
    v[QIN] = (1 << n) - 1;
    v[TXC] = 1;
    return v;
  }

  const invariants: Invariant<Int32Array>[] = invSpecs.map((spec) => ({
    name: spec.name,
    kind: spec.kind,
    ...(spec.description !== undefined ? { description: spec.description } : {}),
    holds: (s: Int32Array) => readAt(s, 0, spec.holds),
  }));

  const model: HandlerModel = {
    params: { messages: n, maxFailures },
    labels,
    invariants,
    initialStates: () => [initial()],
    enabled(s) {
      const record: HandlerChoice[] = [];
      enumerate(s, 0, new Int32Array(width), noop, record);
      return record;
    },
    step(s, c) {
      const out = new Int32Array(width);
      for (let i = 0; i < width; i++) out[i] = s[i]!;
      if (c.picks.length > MAX_CHOICE_POINTS) fail('Too many choice points in one step.');
      cursor.script.set(c.picks);
      cursor.fixed = c.picks.length;
      cursor.cursor = 0;
      draft.v = out;
      draft.o = 0;
      resetBudget();
      runGuarded(() => {
        try {
          stepFns[s[PC]!]!(draft);
        } catch (err) {
          if (err === BLOCKED) throw new Error(`step ${c.description} is not enabled`);
          throw err;
        } finally {
          pauseMeter();
        }
      });
      return out;
    },
    fingerprint(s: Int32Array, h: Hasher) {
      for (let i = 0; i < s.length; i++) h.int(s[i]!);
    },
    isQuiescent: (s) => readAt(s, 0, finished),
    describeChoice: (c) => c.description,
    toPlain: (s) => toPlain(s, labels, n),
    packed: {
      width,
      toVector: (s) => s,
      toState: (v, o) => v.slice(o, o + width),
      successors: (src, off, out, emit) => enumerate(src, off, out, emit, undefined),
      invariantHolds: (i, v, o) => readAt(v, o, invFns[i]!),
      isQuiescent: (v, o) => readAt(v, o, finished),
    },
  };
  return model;
}

function normaliseInvariant(
  name: string,
  spec: InvariantSpec,
): {
  name: string;
  kind: 'always' | 'atQuiescence' | 'sometimes';
  holds: (s: HandlerState) => boolean;
  description?: string;
} {
  if (typeof spec === 'function') return { name, kind: 'always', holds: spec };
  return {
    name,
    kind: spec.kind,
    holds: spec.holds,
    ...(spec.description !== undefined ? { description: spec.description } : {}),
  };
}

function toLearnerFailure(err: unknown, file: string, hooks: LearnerHooks): unknown {
  const map = hooks.toLearnerError;
  if (err instanceof HandlerModelError) {
    if (!map) return err;
    // Misuse of the DSL: let the sandbox find the learner's line in the stack.
    const plain = new Error(err.message);
    plain.stack = err.stack ?? '';
    return { learnerError: { ...map(plain), kind: 'runtime', message: err.message } };
  }
  if (typeof err === 'object' && err !== null && 'learnerError' in err) return err;
  if (map) return { learnerError: map(err) };
  const message = err instanceof Error ? `${err.name}: ${err.message}` : `threw ${String(err)}`;
  return new HandlerModelError(file, message);
}

function toPlain(s: Int32Array, labels: string[], n: number): PlainHandlerState {
  const ids = (mask: number): number[] => {
    const out: number[] = [];
    for (let id = 1; id <= n; id++) if (mask & (1 << (id - 1))) out.push(id);
    return out;
  };
  const pairs = (base: number): { id: number; txId: number }[] => {
    const out: { id: number; txId: number }[] = [];
    for (let id = 1; id <= n; id++) {
      for (let tx = 1; tx <= 31; tx++)
        if (s[base + id - 1]! & (1 << (tx - 1))) out.push({ id, txId: tx });
    }
    return out;
  };
  const msgFailures: Record<number, number> = {};
  for (let id = 1; id <= n; id++) msgFailures[id] = s[DB + 2 * n + id - 1]!;
  return {
    pc: labels[s[PC]!] ?? `#${s[PC]}`,
    msg: s[MSG]!,
    txId: s[TXID]!,
    txCounter: s[TXC]!,
    failures: s[FAIL]!,
    msgFailures,
    queueIn: ids(s[QIN]!),
    processed: ids(s[PROC]!),
    db: pairs(DB),
    queueOut: pairs(DB + n),
  };
}

function noop(): void {}
