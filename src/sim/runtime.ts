/**
 * Driving learner handlers: builds the middleware pipeline, starts an invocation, and resumes a
 * suspended one. A suspended invocation is restored by REPLAY: a fresh run of the (deterministic)
 * handler is fed the recorded results of its calls, with sends and logs muted, until it stands
 * where the original stood. A cache keeps live generators for runs that step a world in place
 * (Play, benchmarks), so replay happens only when a world was copied (the checker).
 *
 * Resumes are memoised: a handler is a function of its attempt, its input and its calls' results
 * (replay relies on that already, and a replay that finds otherwise reports the handler as not
 * deterministic), so what one resume produced — the call it stopped at, or its return or throw,
 * with its sends, logs and ids — is kept under a 64-bit digest of exactly those, and the same
 * resume in another interleaving is answered without running learner code again. Only for
 * compiled modules (`Program.instantiate`: a fresh module per run, so nothing outside those can
 * reach the code; hand-written test programs may close over state), and off while calls are
 * located (runs shown to the learner, a watchdog's diagnostic run), which must run the code.
 */
import { learnerError, LearnerCodeError } from '../core/learnerError';
import type { LearnerError } from '../core/learnerError';
import { shortHash } from '../core/hash';
import { KeptOnObjects } from '../core/keptOnObjects';
import { contentDigest } from '../core/interned';
import { awaitValue, isEffectRequest, SimError } from './effects';
import type { CallResult, EffectRequest, HandlerGenerator, OutgoingMessage } from './effects';
import { createContext } from './context';
import type { ContextHost, HandlerContext, IncomingMessage } from './context';
import { cloneValue } from './initial';
import type { ExerciseManifest } from './manifest';
import type { Invocation } from './world';
import { shapeOf } from './validate';
import type { ExerciseShape } from './validate';

export interface Program {
  manifest: ExerciseManifest;
  /** Export name -> handler or middleware function (compiled learner code or test code). */
  handlers: Record<string, unknown>;
  /** Called before learner code runs (the sandbox resets its step budget here). */
  beforeResume?: () => void;
  /** Called when it stops running (the sandbox stops charging allocations to it). */
  afterResume?: () => void;
  /**
   * Told which handler is about to run, before every start and resume (a watchdog's diagnostic
   * run uses it to name the handler and line a stuck step is in). Costs a replay per resume.
   */
  onEnter?: (where: EnteringHandler) => void;
  /** Turns an error thrown by a handler into a sentence naming the learner's line. */
  describeError?: (error: unknown) => string;
  /** The learner's file name (e.g. "starter.ts"), named by every error of the learner's code. */
  file: string;
  /**
   * A fresh instance of the learner's module (top level run again). Called for every attempt and
   * every replay, so module-level variables cannot carry state across attempts, crashes or
   * explored branches. Without it, `handlers` is used as is (hand-written test programs).
   */
  instantiate?: () => Record<string, unknown>;
  /** Locates an error thrown in learner code (the sandbox's `toLearnerError`). */
  toLearnerError?: (error: unknown) => LearnerErrorData;
  /**
   * Every ctx call carries where the learner made it (`lineOfCall`): for runs shown to the
   * learner (stepping, playback, counterexamples), never for checks (it costs a stack per call).
   */
  locateCalls?: boolean;
}

/** Which handler is about to run learner code, and from where. */
export interface EnteringHandler {
  endpoint: string;
  handler: string;
  attemptId: string;
  /** The learner's line of the call it resumes after (absent: it starts from the top). */
  afterLine?: number;
}

/** A learner-facing error: what the checker reports as "your code threw" (src/core/learnerError.ts). */
export type LearnerErrorData = LearnerError;

/**
 * Errors the JavaScript engine raises (and ctx misuse, a TypeError): bugs in learner code, never
 * an infrastructure fault and never an error thrown on purpose (use `Error` or your own class for
 * that). The check stops on them with the learner's line, whatever a retry would do.
 */
export function isLearnerBug(error: unknown): boolean {
  return (
    error instanceof TypeError ||
    error instanceof ReferenceError ||
    error instanceof RangeError ||
    error instanceof SyntaxError ||
    error instanceof URIError ||
    error instanceof EvalError
  );
}

/** A problem of the learner's code that stops the check; `learnerError` is what they see. */
abstract class LearnerStop extends LearnerCodeError {}

/** A bug in learner code (see {@link isLearnerBug}), carrying its location. */
export class LearnerBugError extends LearnerStop {
  override name = 'LearnerBugError';
}

/** What one resume of a handler produced. */
export type RunOutcome =
  | { kind: 'yield'; effect: EffectRequest }
  | { kind: 'return'; value: unknown }
  | { kind: 'throw'; error: unknown };

/** Effects of learner code observed while it ran live (not during replay). */
export interface LiveSink {
  sends: { destination: string; message: OutgoingMessage; mode: 'send' | 'publish' | 'reply' }[];
  logs: string[];
}

interface LiveRun {
  gen: HandlerGenerator;
  host: Host;
  results: CallResult[];
  pos: number;
  /** The call a replay stopped at (with its call site while locating). */
  lastEffect?: EffectRequest;
}

const EMPTY_SINK: LiveSink = { sends: [], logs: [] };

/** The engine's side of one handler attempt's context: ids, captured sends, logs. */
class Host implements ContextHost {
  readonly endpoint: string;
  readonly attemptId: string;
  readonly message: IncomingMessage | null;
  readonly delivery: number;
  live = false;
  /** Replaying to find the learner's line of a call: calls carry the stack they were made on. */
  locating = false;
  ids = 0;
  sink: LiveSink = EMPTY_SINK;

  constructor(
    inv: Invocation,
    readonly dispatch: 'immediate' | 'batched',
    readonly defaultStore: string,
    readonly shape: ExerciseShape,
  ) {
    this.endpoint = inv.endpoint;
    this.attemptId = inv.attemptId;
    this.message = inv.kind === 'message' ? (inv.input as IncomingMessage) : null;
    this.delivery = Number(
      (inv.kind === 'message' ? inv.headers.delivery : inv.headers.attempt) ?? 1,
    );
  }

  nextId(): string {
    return `${this.attemptId}.${++this.ids}`;
  }

  onSend(
    destination: string,
    message: OutgoingMessage,
    mode: 'send' | 'publish' | 'reply',
  ): OutgoingMessage {
    const msg: OutgoingMessage = message.id ? message : { ...message, id: this.nextId() };
    if (this.live) this.sink.sends.push({ destination, message: msg, mode });
    return msg;
  }

  log(text: string): void {
    if (this.live) this.sink.logs.push(text);
  }
}

/** Error a learner-fatal problem (forbidden API, step budget) carries; the checker stops on it. */
export function isLearnerFatal(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'learnerError' in error;
}

/** What one resume produced, kept for the same resume in other interleavings. */
interface Memoised {
  outcome: RunOutcome;
  sends: LiveSink['sends'];
  logs: string[];
  /** The attempt's id counter after it. */
  ids: number;
}

/**
 * Resumes kept at most (then forgotten all at once: only time is lost). An entry is a key of
 * about 30 characters per result plus the outcome, which shares the handler's objects.
 */
const MAX_MEMOISED = 50_000;

export class HandlerRuntime {
  private readonly cache = new Map<string, LiveRun>();
  private readonly memo = new Map<string, Memoised>();
  private readonly shape: ExerciseShape;
  private readonly file: string;

  constructor(private readonly program: Program) {
    this.shape = shapeOf(program.manifest);
    this.file = program.file;
  }

  private resolve(
    handlers: Record<string, unknown>,
    name: string,
  ): (...args: unknown[]) => unknown {
    const fn = handlers[name];
    if (typeof fn !== 'function') {
      throw new LearnerSetupError(
        this.file,
        `The exercise expects your file to export a function named "${name}", but it ${fn === undefined ? 'does not' : `exports a ${typeof fn}`}.`,
      );
    }
    return fn as (...args: unknown[]) => unknown;
  }

  /** The learner's view of a bug in their code, located at their line when possible. */
  private bug(error: unknown): LearnerBugError {
    const located = this.program.toLearnerError?.(error);
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return new LearnerBugError(
      learnerError(
        located?.file ?? this.file,
        `${located?.message ?? text} — a bug in your code, not an injected fault.`,
        located ?? {},
      ),
    );
  }

  private handlerName(inv: Invocation): { handler: string; middleware: string[] } {
    const spec = this.program.manifest.endpoints[inv.endpoint];
    if (!spec) throw new LearnerSetupError(this.file, `Unknown endpoint ${inv.endpoint}`);
    if (spec.kind === 'http') {
      const handler = spec.routes[inv.route];
      if (!handler)
        throw new LearnerSetupError(this.file, `${inv.endpoint} has no route ${inv.route}`);
      return { handler, middleware: [] };
    }
    const handler = spec.handles[inv.route];
    if (!handler)
      throw new LearnerSetupError(this.file, `${inv.endpoint} does not handle ${inv.route}`);
    return { handler, middleware: spec.middleware ?? [] };
  }

  private createGenerator(inv: Invocation, host: Host): HandlerGenerator {
    const { handler, middleware } = this.handlerName(inv);
    const ctx = createContext(host);
    // A fresh module instance per attempt and per replay: module state cannot survive.
    const handlers = this.program.instantiate ? this.program.instantiate() : this.program.handlers;
    const handlerFn = this.resolve(handlers, handler);
    const mws = middleware.map((m) => this.resolve(handlers, m));
    // Learner code gets its own copies of what it is handed (here and in `step`): changing them
    // must not change the world, nor the recorded results a replay feeds back.
    const incoming = cloneValue(inv.input);
    const input = inv.kind === 'http' ? incoming : (incoming as IncomingMessage).payload;
    // Middleware sees the whole incoming message (id, headers) or HTTP request; the handler its body.
    const invokeAt = (i: number, c: HandlerContext): unknown => {
      if (i === mws.length) return handlerFn(input, c);
      return mws[i]!(incoming, c, (override?: HandlerContext) => invokeAt(i + 1, override ?? c));
    };
    return (function* pipeline(): HandlerGenerator {
      return yield* awaitValue(invokeAt(0, ctx));
    })();
  }

  /** Resumes the generator: first run (`result` undefined) or with a call's recorded result. */
  private step(run: LiveRun, result: CallResult | undefined): RunOutcome {
    this.program.beforeResume?.();
    try {
      return this.resumeGenerator(run, result);
    } finally {
      this.program.afterResume?.();
    }
  }

  private resumeGenerator(run: LiveRun, result: CallResult | undefined): RunOutcome {
    try {
      const r =
        result === undefined
          ? run.gen.next()
          : result.ok
            ? run.gen.next(cloneValue(result.value))
            : run.gen.throw(new SimError(result.error));
      if (r.done) return { kind: 'return', value: r.value };
      if (!isEffectRequest(r.value)) {
        return {
          kind: 'throw',
          error: new TypeError('A handler yielded something that is not a ctx call.'),
        };
      }
      return { kind: 'yield', effect: r.value };
    } catch (error) {
      if (isLearnerFatal(error) || error instanceof LearnerSetupError) throw error;
      if (isLearnerBug(error)) throw this.bug(error);
      return { kind: 'throw', error };
    }
  }

  /** Starts a new invocation: runs the handler up to its first call. */
  start(
    inv: Invocation,
    dispatch: 'immediate' | 'batched',
    defaultStore: string,
    sink: LiveSink,
  ): RunOutcome {
    this.program.onEnter?.({
      endpoint: inv.endpoint,
      handler: this.handlerName(inv).handler,
      attemptId: inv.attemptId,
    });
    const key = this.memoKey(inv, dispatch, defaultStore, 0);
    const known = key === null ? undefined : this.memo.get(key);
    if (known) return this.answer(inv, known, sink);
    const host = new Host(inv, dispatch, defaultStore, this.shape);
    host.live = true;
    host.locating = this.program.locateCalls === true;
    host.sink = sink;
    const run: LiveRun = {
      gen: this.createGenerator(inv, host),
      host,
      results: inv.results,
      pos: 0,
    };
    const outcome = this.step(run, undefined);
    this.remember(inv, run, outcome);
    inv.idCounter = host.ids;
    if (key !== null) this.memoise(key, outcome, sink, host.ids);
    return outcome;
  }

  /**
   * Resumes `inv` with the LAST entry of `inv.results` (just pushed by the engine), restoring it
   * by replay first when no live generator stands at the right place.
   */
  resume(
    inv: Invocation,
    dispatch: 'immediate' | 'batched',
    defaultStore: string,
    sink: LiveSink,
  ): RunOutcome {
    const target = inv.results.length - 1;
    const key = this.memoKey(inv, dispatch, defaultStore, target + 1);
    const known = key === null ? undefined : this.memo.get(key);
    if (known) return this.answer(inv, known, sink);
    let run = this.cache.get(inv.attemptId);
    if (this.program.onEnter) {
      // Replayed with call sites, to name the line this resume continues from.
      run = this.replay(inv, dispatch, defaultStore, target, true);
      this.program.onEnter({
        endpoint: inv.endpoint,
        handler: this.handlerName(inv).handler,
        attemptId: inv.attemptId,
        ...this.lineOf(run.lastEffect),
      });
    } else if (!run || run.results !== inv.results || run.pos !== target) {
      run = this.replay(inv, dispatch, defaultStore, target);
    }
    this.cache.delete(inv.attemptId);
    run.host.live = true;
    run.host.sink = sink;
    // Only the call it stops at next needs its site (the replayed ones are known already).
    if (this.program.locateCalls) run.host.locating = true;
    const result = inv.results[target]!;
    const outcome = this.step(run, result);
    run.pos = target + 1;
    this.remember(inv, run, outcome);
    inv.idCounter = run.host.ids;
    if (key !== null) this.memoise(key, outcome, sink, run.host.ids);
    return outcome;
  }

  /**
   * What a resume of `inv` with its first `results` results depends on: the attempt (its id names
   * the ids it hands out), its handler, input and headers, the dispatch mode, the default store
   * and each result. Null when the code must run (see the top).
   */
  private memoKey(
    inv: Invocation,
    dispatch: 'immediate' | 'batched',
    defaultStore: string,
    results: number,
  ): string | null {
    if (!this.program.instantiate || this.program.onEnter || this.program.locateCalls) return null;
    let key = `${inv.attemptId}\u0000${inv.endpoint}\u0000${inv.kind}\u0000${inv.route}\u0000${dispatch}\u0000${defaultStore}\u0000${valueDigest(inv.input)}\u0000${valueDigest(inv.headers)}`;
    for (let i = 0; i < results; i++) key += `\u0000${valueDigest(inv.results[i])}`;
    return key;
  }

  private memoise(key: string, outcome: RunOutcome, sink: LiveSink, ids: number): void {
    if (this.memo.size >= MAX_MEMOISED) this.memo.clear();
    // Until its stack is read, an error keeps the frames it was made on, and through them the
    // search that ran it (its frontier included) for as long as the memo lasts: read it now.
    if (outcome.kind === 'throw' && outcome.error instanceof SimError) void outcome.error.stack;
    this.memo.set(key, { outcome, sends: sink.sends.slice(), logs: sink.logs.slice(), ids });
  }

  /** A resume answered from the memo: its sends and logs, as if the code had run. */
  private answer(inv: Invocation, known: Memoised, sink: LiveSink): RunOutcome {
    // A live generator of this attempt no longer stands where the world does.
    this.cache.delete(inv.attemptId);
    for (const send of known.sends) sink.sends.push(send);
    for (const text of known.logs) sink.logs.push(text);
    inv.idCounter = known.ids;
    return known.outcome;
  }

  private replay(
    inv: Invocation,
    dispatch: 'immediate' | 'batched',
    defaultStore: string,
    upTo: number,
    locating = false,
  ): LiveRun {
    const host = new Host(inv, dispatch, defaultStore, this.shape);
    host.locating = locating;
    const run: LiveRun = {
      gen: this.createGenerator(inv, host),
      host,
      results: inv.results,
      pos: 0,
    };
    let outcome = this.step(run, undefined);
    for (let i = 0; i <= upTo; i++) {
      if (outcome.kind !== 'yield')
        throw this.nondeterminism(inv, i, null, locating, dispatch, defaultStore);
      // The same call as the first time, with the same arguments: anything else means the
      // handler depends on something besides its input and its results.
      const recorded = inv.calls[i];
      if (recorded !== undefined && recorded !== effectDigest(outcome.effect))
        throw this.nondeterminism(inv, i, outcome.effect, locating, dispatch, defaultStore);
      if (i === upTo) {
        run.lastEffect = outcome.effect;
        break;
      }
      outcome = this.step(run, inv.results[i]!);
    }
    run.pos = upTo;
    return run;
  }

  /** The learner's line of a call made while locating (its `__site`), when it has one. */
  private lineOf(effect: EffectRequest | undefined): { afterLine?: number } {
    const line = lineOfCall(this.program, effect);
    return line !== undefined ? { afterLine: line } : {};
  }

  /** A replay that went elsewhere; located at the learner's call by one more replay. */
  private nondeterminism(
    inv: Invocation,
    at: number,
    effect: EffectRequest | null,
    located: boolean,
    dispatch: 'immediate' | 'batched',
    defaultStore: string,
  ): NondeterminismError {
    let site: LearnerErrorData | undefined;
    if (effect && located) {
      const origin = (effect as { __site?: unknown }).__site;
      site = origin ? this.program.toLearnerError?.(origin) : undefined;
    } else if (effect && !located) {
      try {
        this.replay(inv, dispatch, defaultStore, at, true);
      } catch (e) {
        if (e instanceof NondeterminismError) return e;
      }
    }
    const what = effect ? `it made a different call (${effect.kind})` : 'it did not reach it';
    const message = `Your handler is not deterministic: replaying ${inv.attemptId} (${inv.endpoint}, ${inv.route}) with the same results, call ${at + 1} was not the same: ${what}. Handlers must depend only on their input and ctx results (no state kept between runs).`;
    return new NondeterminismError(learnerError(site?.file ?? this.file, message, site ?? {}));
  }

  private remember(inv: Invocation, run: LiveRun, outcome: RunOutcome): void {
    if (outcome.kind === 'yield') this.cache.set(inv.attemptId, run);
    else this.cache.delete(inv.attemptId);
  }

  /** Forgets live generators (e.g. when a run is reset). */
  clear(): void {
    this.cache.clear();
  }
}

/**
 * Digests of the values resumes depend on (inputs, headers, call results), kept on them
 * (keptOnObjects.ts): they are never changed once made (cloneWorld.ts), and the same result object
 * stands in every world copied from the one that recorded it.
 */
const digests = new KeptOnObjects<string>('value digest');

function valueDigest(v: unknown): string {
  // Marked apart from objects' digests (base-36 text that may read as a number).
  if (v === null || typeof v !== 'object') return `=${JSON.stringify(v) ?? 'undefined'}`;
  let d = digests.get(v);
  if (d === undefined) {
    const { hi, lo } = contentDigest(v);
    d = `${hi.toString(36)}.${lo.toString(36)}`;
    digests.set(v, d);
  }
  return d;
}

/** The exercise and the learner's file do not fit together (missing export, unknown route). */
export class LearnerSetupError extends LearnerStop {
  override name = 'LearnerSetupError';
  constructor(file: string, message: string) {
    super(learnerError(file, message));
  }
}

/** Replaying a handler's recorded results did not bring it back to the same call. */
export class NondeterminismError extends LearnerStop {
  override name = 'NondeterminismError';
}

/** What identifies a call for replay: its kind and every argument. */
export function effectDigest(effect: EffectRequest): string {
  return shortHash(effect);
}

/**
 * The learner's line of a ctx call made while locating (`Program.locateCalls`, or a replay that
 * locates a nondeterministic call): the stack it was made on, mapped to the learner's file.
 */
export function lineOfCall(
  program: Program,
  effect: EffectRequest | undefined,
): number | undefined {
  const origin = (effect as { __site?: unknown } | undefined)?.__site;
  return origin ? program.toLearnerError?.(origin)?.line : undefined;
}
