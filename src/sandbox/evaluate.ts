/**
 * Evaluating learner modules: compile with {@link transformLearnerSource}, then run the result in
 * a `new Function` whose parameters shadow every forbidden global with a shim, and inject the
 * generator protocol (`__await` = {@link awaitValue}) and the step budget (`__tick`, `__guard`).
 *
 * The budget counts ticks (one per function call and loop iteration) since the last
 * `resetBudget()`; the engine calls it before each resume of a handler generator. Past the
 * budget, every tick and every learner `catch`/`finally` rethrows the same `budget` error, so a
 * runaway cannot be swallowed. This is a guard for determinism and runaways; the security
 * boundary is SES (hardened.ts) inside workers the app can terminate (its watchdogs).
 */
import { awaitValue } from '../sim/effects';
import { LearnerCodeError, isLearnerCodeError, type LearnerError } from './errors';
import type { LearnerWarning } from '../core/learnerError';
import { FORBIDDEN_NAMES } from './forbidden';
import { evaluateInCompartment, isLockedDown } from './hardened';
import { disengageMeter, engageMeter, spreadUnits } from './meter';
import { createShims, shimMessage } from './shims';
import { locateInStack, registerModule, sourceUrlFor, wrapperLineCount } from './stack';
import { DEFAULT_ALLOWED_IMPORTS, transformLearnerSource, type LearnerPosition } from './transform';

export interface CompileOptions {
  /** Ticks allowed between two `resetBudget()` calls. Default {@link DEFAULT_STEP_BUDGET}. */
  stepBudget?: number;
  /**
   * Elements or characters metered built-ins and spreads may build between two `resetBudget()`
   * calls (meter.ts). Default {@link DEFAULT_ALLOCATION_BUDGET}.
   */
  allocationBudget?: number;
  /** Module specifiers learner code may import (types only). Default `['./types']`. */
  allowedImports?: readonly string[];
  /** The exercise's store names, to warn about a call naming another. */
  knownStores?: readonly string[];
}

export const DEFAULT_STEP_BUDGET = 100_000;
/** About 128 MB of numbers or 32 MB of text per resume: far beyond any handler's data. */
export const DEFAULT_ALLOCATION_BUDGET = 16_000_000;

export interface LearnerModule {
  ok: true;
  /** The module's exports: handlers are generator functions, `middleware` arrays of them, ... */
  exports: Record<string, unknown>;
  /** Start a fresh step budget; call before every resume of a handler generator. */
  resetBudget(): void;
  /** The resume is over: allocations stop being charged to this module (meter.ts). */
  pauseMeter(): void;
  /** Any error thrown out of learner code → the learner's view of it (kind, line, column). */
  toLearnerError(error: unknown): LearnerError;
  /** Slips that compile and run but likely do something else than meant (slips.ts). */
  warnings: LearnerWarning[];
  /**
   * A fresh instance of the module (its top-level code run again, new module-level variables),
   * so no state can survive from one handler attempt, crash or explored branch to the next.
   * Throws a {@link LearnerCodeError} when the module's top level throws.
   */
  instantiate(): Record<string, unknown>;
}

export type CompileResult =
  | LearnerModule
  | {
      ok: false;
      error: LearnerError;
      /** all problems found, first = `error` */ errors: LearnerError[];
    };

const INJECTED = [
  'Math',
  'require',
  'exports',
  'module',
  '__await',
  '__tick',
  '__guard',
  '__spread',
];

export function compileLearnerModule(
  source: string,
  fileName: string,
  options: CompileOptions = {},
): CompileResult {
  const allowedImports = options.allowedImports ?? DEFAULT_ALLOWED_IMPORTS;
  const transformed = transformLearnerSource(source, fileName, {
    allowedImports,
    ...(options.knownStores ? { knownStores: options.knownStores } : {}),
  });
  if (!transformed.ok) {
    const [error = { kind: 'syntax', file: fileName, message: 'Unknown error' }] =
      transformed.errors;
    return { ok: false, error, errors: transformed.errors };
  }
  const budget = options.stepBudget ?? DEFAULT_STEP_BUDGET;
  const url = sourceUrlFor(fileName);
  // Locked down (a learner-code worker): a compartment per module. Else the plain evaluator.
  const hardened = isLockedDown();
  const header = hardened ? COMPARTMENT_HEADER_LINES : wrapperLineCount();
  const toLearner = (line: number, column: number): LearnerPosition =>
    transformed.toLearnerPosition(line - header, column);
  registerModule(url, toLearner);
  const locate = (e: unknown) => locateInStack(e, url, toLearner);

  let ticks = 0;
  let fatal: LearnerCodeError | undefined;
  const raise = (error: LearnerError): never => {
    fatal = new LearnerCodeError(error);
    throw fatal;
  };
  const forbid = (what: string): never =>
    raise({
      kind: 'forbidden',
      file: fileName,
      ...locate(new Error()),
      message: shimMessage(what),
    });
  const tick = (line: number) => {
    if (fatal) throw fatal;
    if (++ticks > budget) {
      raise({
        kind: 'budget',
        file: fileName,
        line,
        message: `Step budget exceeded: your code ran more than ${budget} operations without awaiting the infrastructure (line ${line}) — is there an infinite loop?`,
      });
    }
  };
  const guard = (caught?: unknown) => {
    if (fatal) throw fatal;
    if (isLearnerCodeError(caught)) throw caught;
    // A bug (what the engine raises for `undefined.x`, a misspelt name, a runaway recursion, a
    // misused ctx call) is reported at its line even inside try/catch: it is not a fault to handle.
    if (
      caught instanceof TypeError ||
      caught instanceof ReferenceError ||
      caught instanceof RangeError
    )
      throw caught;
  };
  const allocationBudget = options.allocationBudget ?? DEFAULT_ALLOCATION_BUDGET;
  let allocated = 0;
  const charge = (units: number) => {
    if (fatal) throw fatal;
    allocated += units;
    if (allocated > allocationBudget) {
      disengageMeter(); // locating the line allocates too
      raise({
        kind: 'budget',
        file: fileName,
        ...locate(new Error()),
        message: `Memory budget exceeded: your code built more than ${allocationBudget.toLocaleString('en-US')} elements or characters without awaiting the infrastructure — is something growing without end?`,
      });
    }
  };
  const spread = (line: number, value: unknown) => {
    const units = spreadUnits(value);
    if (units > 0) {
      tick(line);
      charge(units);
    }
    return value;
  };
  const resetBudget = () => {
    ticks = 0;
    allocated = 0;
    fatal = undefined;
    engageMeter(charge);
  };
  const toLearnerError = (error: unknown): LearnerError => {
    if (isLearnerCodeError(error)) return error.learnerError;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { kind: 'runtime', file: fileName, ...locate(error), message };
  };

  const shims = createShims(forbid, allowedImports);
  const runtime = { __await: awaitValue, __tick: tick, __guard: guard, __spread: spread };
  let factory: (module: { exports: Record<string, unknown> }) => void;
  try {
    factory = hardened
      ? compartmentFactory(transformed.code, url, { ...shims, ...runtime })
      : functionFactory(transformed.code, url, { ...shims, ...runtime });
  } catch (e) {
    const error = toLearnerError(e);
    return { ok: false, error, errors: [error] };
  }
  /** Runs the module's top level with a new `module` object; throws what it throws. */
  const run = (): Record<string, unknown> => {
    const module = { exports: {} as Record<string, unknown> };
    resetBudget();
    try {
      factory(module);
    } finally {
      disengageMeter();
    }
    return module.exports;
  };
  let exports: Record<string, unknown>;
  try {
    exports = run();
  } catch (e) {
    const error = toLearnerError(e);
    return { ok: false, error, errors: [error] };
  }
  const instantiate = (): Record<string, unknown> => {
    try {
      return run();
    } catch (e) {
      throw isLearnerCodeError(e) ? e : new LearnerCodeError(toLearnerError(e));
    }
  };
  return {
    ok: true,
    exports,
    warnings: transformed.warnings,
    resetBudget,
    pauseMeter: disengageMeter,
    toLearnerError,
    instantiate,
  };
}

export { learnerLocation } from './stack';

/** Lines before the learner's line 1 in what a compartment evaluates (`(function (...) {`). */
const COMPARTMENT_HEADER_LINES = 1;

type ModuleFactory = (module: { exports: Record<string, unknown> }) => void;

/**
 * The module as a function of `module`, evaluated in its own SES compartment: its global object
 * holds the frozen intrinsics and `endowments` (the shims and the runtime helpers), nothing else.
 */
function compartmentFactory(
  code: string,
  url: string,
  endowments: Record<string, unknown>,
): ModuleFactory {
  const globals: Record<string, unknown> = {};
  // Names a compartment cannot redefine are left to it: it has no `globalThis` of ours to give.
  for (const [name, value] of Object.entries(endowments))
    if (name !== 'globalThis' && name !== 'eval' && name !== 'Function') globals[name] = value;
  const fn = evaluateInCompartment(
    `(function (module, exports) {\n${code}\n})\n//# sourceURL=${url}`,
    globals,
  ) as (module: unknown, exports: unknown) => void;
  return (module) => fn(module, module.exports);
}

/** The module as a function of `module`, with every forbidden global shadowed by a parameter. */
function functionFactory(
  code: string,
  url: string,
  endowments: Record<string, unknown>,
): ModuleFactory {
  const names = [...FORBIDDEN_NAMES, ...INJECTED];
  const body = `return function () {\n${code}\n};\n//# sourceURL=${url}`;
  const make = new Function(...names, body) as (...args: unknown[]) => () => void;
  // Built once: an instance (one per attempt and replay) only swaps in its own module object.
  const args = names.map((n) => endowments[n]);
  const moduleAt = names.indexOf('module');
  const exportsAt = names.indexOf('exports');
  return (module) => {
    const own = args.slice();
    own[moduleAt] = module;
    own[exportsAt] = module.exports;
    make(...own)();
  };
}
