/**
 * Driving learner handlers: builds the middleware pipeline, starts an invocation, and resumes a
 * suspended one. A suspended invocation is restored by REPLAY: a fresh run of the (deterministic)
 * handler is fed the recorded results of its calls, with sends and logs muted, until it stands
 * where the original stood. A cache keeps live generators for runs that step a world in place
 * (Play, benchmarks), so replay happens only when a world was copied (the checker).
 */
import { awaitValue, isEffectRequest, SimError } from './effects';
import type { CallResult, EffectRequest, HandlerGenerator, OutgoingMessage } from './effects';
import { createContext } from './context';
import type { ContextHost, HandlerContext, IncomingMessage } from './context';
import { cloneValue } from './initial';
import type { ExerciseManifest } from './manifest';
import type { Invocation } from './world';

export interface Program {
  manifest: ExerciseManifest;
  /** Export name -> handler or middleware function (compiled learner code or test code). */
  handlers: Record<string, unknown>;
  /** Called before learner code runs (the sandbox resets its step budget here). */
  beforeResume?: () => void;
  /** Turns an error thrown by a handler into a sentence naming the learner's line. */
  describeError?: (error: unknown) => string;
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
}

const EMPTY_SINK: LiveSink = { sends: [], logs: [] };

/** The engine's side of one handler attempt's context: ids, captured sends, logs. */
class Host implements ContextHost {
  readonly endpoint: string;
  readonly attemptId: string;
  readonly message: IncomingMessage | null;
  readonly delivery: number;
  live = false;
  ids = 0;
  sink: LiveSink = EMPTY_SINK;

  constructor(
    inv: Invocation,
    readonly dispatch: 'immediate' | 'batched',
    readonly defaultStore: string,
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

export class HandlerRuntime {
  private readonly cache = new Map<string, LiveRun>();

  constructor(private readonly program: Program) {}

  private resolve(name: string): (...args: unknown[]) => unknown {
    const fn = this.program.handlers[name];
    if (typeof fn !== 'function') {
      throw new LearnerSetupError(
        `The exercise expects your file to export a function named "${name}", but it ${fn === undefined ? 'does not' : `exports a ${typeof fn}`}.`,
      );
    }
    return fn as (...args: unknown[]) => unknown;
  }

  private handlerName(inv: Invocation): { handler: string; middleware: string[] } {
    const spec = this.program.manifest.endpoints[inv.endpoint];
    if (!spec) throw new LearnerSetupError(`Unknown endpoint ${inv.endpoint}`);
    if (spec.kind === 'http') {
      const handler = spec.routes[inv.route];
      if (!handler) throw new LearnerSetupError(`${inv.endpoint} has no route ${inv.route}`);
      return { handler, middleware: [] };
    }
    const handler = spec.handles[inv.route];
    if (!handler) throw new LearnerSetupError(`${inv.endpoint} does not handle ${inv.route}`);
    return { handler, middleware: spec.middleware ?? [] };
  }

  private createGenerator(inv: Invocation, host: Host): HandlerGenerator {
    const { handler, middleware } = this.handlerName(inv);
    const ctx = createContext(host);
    const handlerFn = this.resolve(handler);
    const mws = middleware.map((m) => this.resolve(m));
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
    const host = new Host(inv, dispatch, defaultStore);
    host.live = true;
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
    let run = this.cache.get(inv.attemptId);
    if (!run || run.results !== inv.results || run.pos !== target) {
      run = this.replay(inv, dispatch, defaultStore, target);
    }
    this.cache.delete(inv.attemptId);
    run.host.live = true;
    run.host.sink = sink;
    const result = inv.results[target]!;
    const outcome = this.step(run, result);
    run.pos = target + 1;
    this.remember(inv, run, outcome);
    inv.idCounter = run.host.ids;
    return outcome;
  }

  private replay(
    inv: Invocation,
    dispatch: 'immediate' | 'batched',
    defaultStore: string,
    upTo: number,
  ): LiveRun {
    const host = new Host(inv, dispatch, defaultStore);
    const run: LiveRun = {
      gen: this.createGenerator(inv, host),
      host,
      results: inv.results,
      pos: 0,
    };
    let outcome = this.step(run, undefined);
    for (let i = 0; i < upTo; i++) {
      if (outcome.kind !== 'yield') {
        throw new NondeterminismError(inv.attemptId, i);
      }
      outcome = this.step(run, inv.results[i]!);
    }
    if (outcome.kind !== 'yield') throw new NondeterminismError(inv.attemptId, upTo);
    run.pos = upTo;
    return run;
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

/** The exercise and the learner's file do not fit together (missing export, unknown route). */
export class LearnerSetupError extends Error {
  override name = 'LearnerSetupError';
  readonly learnerError: { kind: 'runtime'; file: string; message: string };
  constructor(message: string) {
    super(message);
    this.learnerError = { kind: 'runtime', file: 'handlers.ts', message };
  }
}

/** Replaying a handler's recorded results did not bring it back to the same place. */
export class NondeterminismError extends Error {
  override name = 'NondeterminismError';
  readonly learnerError: { kind: 'runtime'; file: string; message: string };
  constructor(attemptId: string, at: number) {
    const message = `Your handler is not deterministic: replaying ${attemptId} with the same results took a different path at call ${at + 1}. Handlers must not keep state between runs (module-level variables) or depend on anything but their input and ctx results.`;
    super(message);
    this.learnerError = { kind: 'runtime', file: 'handlers.ts', message };
  }
}
