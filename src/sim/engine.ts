/**
 * The one transition function. `createEngine(program)` gives:
 * - `initialWorld()`: the world before anything happened;
 * - `enabledSteps(world)`: every choice possible now, in a deterministic order (faults only
 *   while their budget lasts);
 * - `step(world, choice)`: a NEW world and the trace events of that step (the input is never
 *   changed); `stepInPlace` does the same by mutating, for long runs (Play, benchmarks).
 * Play, Step, the checker, replay from a URL and the exercise validator all use these.
 */
import { InternalError } from '../core/assert';
import { createActorMachines, fire, retryPolicyOf, stateValue, tabEvent } from './actors';
import type { ActorMachines } from './actors';
import { faultOf } from './choices';
import type { CallOutcome, Choice } from './choices';
import { canInject, recordFault } from './faults';
import type { FaultBudget } from './faults';
import type { ExerciseManifest, RetryPolicy } from './manifest';
import { performCall } from './perform';
import { cloneWorld, createInitialWorld } from './initial';
import { HandlerRuntime } from './runtime';
import type { LiveSink, Program, RunOutcome } from './runtime';
import { enqueue, failCopy, removeCopy } from './broker';
import type { TraceEvent } from './trace';
import type { Invocation, MessageCopy, World } from './world';
import type { IncomingMessage, HttpRequest } from './context';
import { shortHash } from '../core/hash';

export interface StepResult {
  world: World;
  events: TraceEvent[];
}

export interface Engine {
  readonly manifest: ExerciseManifest;
  readonly machines: ActorMachines;
  initialWorld(): World;
  enabledSteps(world: World): Choice[];
  step(world: World, choice: Choice): StepResult;
  /** Mutates `world`; appends events to `events`. `stepIndex` labels the events. */
  stepInPlace(world: World, choice: Choice, events: TraceEvent[] | null, stepIndex?: number): void;
  /** Forget cached live handler runs (call when a world is replaced, e.g. Reset). */
  reset(): void;
}

export interface EngineOptions {
  /** Overrides the manifest's fault budget (the learner's settings). */
  faults?: FaultBudget;
  /** Overrides the manifest's dispatch mode. */
  dispatch?: 'immediate' | 'batched';
}

export function createEngine(program: Program, options: EngineOptions = {}): Engine {
  const manifest = program.manifest;
  const budget = options.faults ?? manifest.faults;
  const dispatch = options.dispatch ?? manifest.dispatch;
  const machines = createActorMachines(manifest, program.handlers);
  const runtime = new HandlerRuntime(program);
  const defaultStore =
    Object.entries(manifest.stores).find(([, s]) => s.kind === 'documents')?.[0] ?? 'db';
  const tabsByName = new Map((manifest.workload.tabs ?? []).map((t) => [t.name, t]));
  const retryPolicies = new Map<string, RetryPolicy>();
  const retryPolicy = (endpoint: string): RetryPolicy => {
    let p = retryPolicies.get(endpoint);
    if (!p) retryPolicies.set(endpoint, (p = retryPolicyOf(manifest, endpoint, program.handlers)));
    return p;
  };
  const bookkeeping = new Map<string, Set<string> | true>();
  for (const [name, spec] of Object.entries(manifest.stores)) {
    if (spec.kind === 'documents') bookkeeping.set(name, new Set(spec.bookkeeping ?? []));
    else if (spec.kind === 'kv' && spec.bookkeeping) bookkeeping.set(name, true);
  }

  const shared: StepShared = {
    machines,
    runtime,
    dispatch,
    defaultStore,
    manifest,
    bookkeeping,
    retryPolicy,
    describeError: program.describeError,
  };

  // Endpoints whose failures can ever delay a copy (a timer step is possible only then).
  const messageEndpoints = Object.keys(manifest.endpoints).filter(
    (e) => manifest.endpoints[e]!.kind === 'messages',
  );
  const delaysPossible = messageEndpoints.some((e) => retryPolicy(e).delayed > 0);

  /**
   * Hot path of every driver: one pass over the copies, and no choice object is built for a
   * fault whose budget is spent. The order of the result is part of the semantics (Play draws
   * from it, counterexamples are replayed against it): tabs, requests, deliveries, invocations,
   * duplicates/delays, lease expiries, the timer.
   */
  function enabledSteps(world: World): Choice[] {
    const out: Choice[] = [];
    for (const tab of world.tabs) {
      const event = tabEvent(tabsByName.get(tab.tab)!, tab.next);
      if (event !== null && machines.tab(tab.tab).next(tab.machine, event) >= 0) {
        out.push({ t: 'act', tab: tab.tab });
      }
    }
    const loseOk = canInject(world, budget, 'requestLost');
    for (const req of world.requests) {
      if (stateValue(machines.http(req.tab), req.machine) !== 'sending') continue;
      out.push({ t: 'arrive', requestId: req.requestId });
      if (loseOk) out.push({ t: 'loseRequest', requestId: req.requestId });
    }
    const reorderOk = canInject(world, budget, 'reorder');
    const dupOk = canInject(world, budget, 'duplicate');
    const delayOk = canInject(world, budget, 'delay');
    let queued: MessageCopy[] | null = null;
    const heads: string[] = [];
    // Capacity per destination, looked up once per call (few destinations: an array beats a Map).
    const full: string[] = [];
    const free: string[] = [];
    let anyDelayed = false;
    for (const copy of world.copies) {
      const value = stateValue(machines.copy(copy.destination), copy.machine);
      if (value === 'delayed') anyDelayed = true;
      if (value !== 'queued') continue;
      if (dupOk || delayOk) (queued ??= []).push(copy);
      const isHead = !heads.includes(copy.destination);
      if (isHead) heads.push(copy.destination);
      else if (!reorderOk) {
        if (
          !dupOk &&
          !delayOk &&
          (anyDelayed || !delaysPossible) &&
          heads.length === messageEndpoints.length
        )
          break;
        continue;
      }
      if (full.includes(copy.destination)) continue;
      if (!free.includes(copy.destination)) {
        if (!hasCapacity(world, copy.destination)) {
          full.push(copy.destination);
          continue;
        }
        free.push(copy.destination);
      }
      out.push(
        isHead
          ? { t: 'deliver', copyId: copy.copyId }
          : { t: 'deliver', copyId: copy.copyId, reorder: true },
      );
    }
    for (const inv of world.invocations) pushRunChoices(world, inv, out);
    for (const copy of queued ?? []) {
      if (dupOk) out.push({ t: 'duplicate', copyId: copy.copyId });
      if (delayOk && hasQueuedBehind(world, copy)) out.push({ t: 'delay', copyId: copy.copyId });
    }
    if (canInject(world, budget, 'leaseExpire')) {
      for (const inv of world.invocations) {
        if (inv.kind === 'message' && !inv.leaseLost)
          out.push({ t: 'expireLease', attemptId: inv.attemptId });
      }
    }
    if (anyDelayed) out.push({ t: 'timer' });
    return out;
  }

  function hasCapacity(world: World, endpoint: string): boolean {
    const state = world.endpoints[endpoint];
    return state !== undefined && machines.endpoint(endpoint).next(state, 'START') >= 0;
  }

  function hasQueuedBehind(world: World, copy: MessageCopy): boolean {
    let seen = false;
    for (const c of world.copies) {
      if (c === copy) seen = true;
      else if (
        seen &&
        c.destination === copy.destination &&
        stateValue(machines.copy(c.destination), c.machine) === 'queued'
      )
        return true;
    }
    return false;
  }

  function pushRunChoices(world: World, inv: Invocation, out: Choice[]): void {
    const p = inv.pending;
    const id = inv.attemptId;
    if (p.phase === 'failed') return;
    if (p.phase === 'call' && p.effect.kind === 'choose') {
      for (let i = 0; i < p.effect.options.length; i++) {
        out.push({ t: 'run', attemptId: id, outcome: 'ok', option: i });
      }
      return;
    }
    out.push({ t: 'run', attemptId: id, outcome: 'ok' });
    // No fault left: only the normal outcome (the common case in long runs).
    if (world.faults.total >= budget.total) return;
    switch (p.phase) {
      case 'call': {
        const k = p.effect.kind;
        const isWrite = k === 'batch' || k === 'kvPut' || k === 'kvDelete' || k === 'append';
        if (isWrite || k === 'send' || k === 'external') pushFault(world, out, id, 'fail', k);
        if (k === 'external') pushFault(world, out, id, 'commitLost', k);
        pushFault(world, out, id, 'crash', k);
        return;
      }
      case 'dispatch':
        pushFault(world, out, id, 'fail', 'dispatch');
        pushFault(world, out, id, 'crash', 'dispatch');
        return;
      case 'ack':
      case 'respond':
        pushFault(world, out, id, 'fail', p.phase);
        return;
    }
  }

  function pushFault(
    world: World,
    out: Choice[],
    attemptId: string,
    outcome: Exclude<CallOutcome, 'ok'>,
    kind: string,
  ): void {
    const c: Choice = { t: 'run', attemptId, outcome };
    if (canInject(world, budget, faultOf(c, kind)!)) out.push(c);
  }

  // ---- stepping -------------------------------------------------------------------------

  function stepInPlace(
    world: World,
    choice: Choice,
    events: TraceEvent[] | null,
    stepIndex = 0,
  ): void {
    const ctx = new Step(world, events, stepIndex, shared);
    switch (choice.t) {
      case 'act':
        return act(ctx, choice.tab);
      case 'arrive':
        return arrive(ctx, choice.requestId);
      case 'loseRequest':
        recordFault(world, 'requestLost');
        return loseRequest(ctx, choice.requestId);
      case 'deliver':
        if (choice.reorder) recordFault(world, 'reorder');
        return deliver(ctx, choice.copyId, choice.reorder === true);
      case 'duplicate':
        recordFault(world, 'duplicate');
        return duplicate(ctx, choice.copyId);
      case 'delay':
        recordFault(world, 'delay');
        return delay(ctx, choice.copyId);
      case 'timer':
        return timer(ctx);
      case 'expireLease':
        recordFault(world, 'leaseExpire');
        return expireLease(ctx, choice.attemptId);
      case 'run': {
        const inv = findInvocation(world, choice.attemptId);
        const kind = inv.pending.phase === 'call' ? inv.pending.effect.kind : inv.pending.phase;
        const fault = faultOf(choice, kind);
        if (fault) recordFault(world, fault);
        return runInvocation(ctx, inv, choice.outcome, choice.option ?? 0);
      }
    }
  }

  // Tab and request helpers live here because they need the tab specs.
  function act(ctx: StepContext, tabName: string): void {
    const { world } = ctx;
    const tab = world.tabs.find((t) => t.tab === tabName);
    const spec = tabsByName.get(tabName);
    if (!tab || !spec) throw new InternalError(`unknown tab ${tabName}`);
    const action = spec.actions[tab.next];
    if (!action) throw new InternalError(`${tabName} has no action ${tab.next}`);
    tab.machine = fire(machines.tab(tabName), tab.machine, tabEvent(spec, tab.next)!);
    tab.next += 1;
    const requestId = `r${++world.seq.request}`;
    world.requests.push({
      requestId,
      tab: tabName,
      route: action.route,
      endpoint: action.endpoint,
      body: action.body ?? null,
      machine: machines.http(tabName).initial,
      attempts: [],
      response: null,
    });
    if (ctx.tracing)
      ctx.emit({
        type: 'userAct',
        tab: tabName,
        requestId,
        route: action.route,
        endpoint: action.endpoint,
      });
  }

  const engine: Engine = {
    manifest,
    machines,
    initialWorld: () => createInitialWorld(manifest, machines),
    enabledSteps,
    step(world, choice) {
      const next = cloneWorld(world);
      const events: TraceEvent[] = [];
      stepInPlace(next, choice, events);
      return { world: next, events };
    },
    stepInPlace,
    reset: () => runtime.clear(),
  };
  return engine;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What stays the same across the steps of one engine. */
type StepShared = Omit<StepContext, 'world' | 'tracing' | 'emit'>;

/**
 * The context of one step: the world it changes and where its events go. A class, not a bag of
 * closures: one allocation per step on the hottest path of every driver.
 */
class Step implements StepContext {
  readonly tracing: boolean;
  readonly machines: ActorMachines;
  readonly runtime: HandlerRuntime;
  readonly dispatch: 'immediate' | 'batched';
  readonly defaultStore: string;
  readonly manifest: ExerciseManifest;
  readonly bookkeeping: Map<string, Set<string> | true>;
  readonly retryPolicy: (endpoint: string) => RetryPolicy;
  readonly describeError?: (error: unknown) => string;

  constructor(
    readonly world: World,
    private readonly events: TraceEvent[] | null,
    private readonly stepIndex: number,
    shared: StepShared,
  ) {
    this.tracing = events !== null;
    this.machines = shared.machines;
    this.runtime = shared.runtime;
    this.dispatch = shared.dispatch;
    this.defaultStore = shared.defaultStore;
    this.manifest = shared.manifest;
    this.bookkeeping = shared.bookkeeping;
    this.retryPolicy = shared.retryPolicy;
    this.describeError = shared.describeError;
  }

  /** Events are built once and stamped in place; without a trace nothing is kept. */
  emit(e: DistributiveOmit<TraceEvent, 'step' | 'tick'>): void {
    if (!this.events) return;
    const stamped = e as TraceEvent;
    stamped.step = this.stepIndex;
    stamped.tick = this.world.tick;
    this.events.push(stamped);
  }
}

export interface StepContext {
  world: World;
  /** Whether events are recorded; without a trace (benchmarks) they are not even built. */
  tracing: boolean;
  emit(e: DistributiveOmit<TraceEvent, 'step' | 'tick'>): void;
  machines: ActorMachines;
  runtime: HandlerRuntime;
  dispatch: 'immediate' | 'batched';
  defaultStore: string;
  manifest: ExerciseManifest;
  /** Per store: the collections (documents) or the whole store (kv) that hold bookkeeping, not business state. */
  bookkeeping: Map<string, Set<string> | true>;
  retryPolicy(endpoint: string): RetryPolicy;
  describeError?: (error: unknown) => string;
}

function findInvocation(world: World, attemptId: string): Invocation {
  const inv = world.invocations.find((i) => i.attemptId === attemptId);
  if (!inv) throw new InternalError(`no invocation ${attemptId}`);
  return inv;
}

function newInvocation(
  world: World,
  f: Pick<
    Invocation,
    'endpoint' | 'kind' | 'route' | 'copyId' | 'requestId' | 'incomingId' | 'input' | 'headers'
  >,
): Invocation {
  const inv: Invocation = {
    attemptId: `a${++world.seq.attempt}`,
    endpoint: f.endpoint,
    kind: f.kind,
    route: f.route,
    copyId: f.copyId,
    requestId: f.requestId,
    incomingId: f.incomingId,
    input: f.input,
    headers: f.headers,
    results: [],
    pending: { phase: 'ack' },
    captured: [],
    leaseLost: false,
    committed: false,
    idCounter: 0,
    reads: {},
  };
  world.invocations.push(inv);
  return inv;
}

function arrive(ctx: StepContext, requestId: string): void {
  const { world, machines } = ctx;
  const req = world.requests.find((r) => r.requestId === requestId);
  if (!req) throw new InternalError(`no request ${requestId}`);
  req.machine = fire(machines.http(req.tab), req.machine, 'ARRIVE');
  const attempt = req.attempts.length + 1;
  const input: HttpRequest = { requestId, route: req.route, body: req.body, attempt };
  const inv = newInvocation(world, {
    endpoint: req.endpoint,
    kind: 'http',
    route: req.route,
    copyId: null,
    requestId,
    incomingId: requestId,
    input,
    headers: { attempt: String(attempt) },
  });
  req.attempts.push(inv.attemptId);
  if (ctx.tracing)
    ctx.emit({
      type: 'httpArrive',
      requestId,
      attemptId: inv.attemptId,
      endpoint: req.endpoint,
      route: req.route,
      attempt,
    });
  startHandler(ctx, inv);
}

function loseRequest(ctx: StepContext, requestId: string): void {
  const req = ctx.world.requests.find((r) => r.requestId === requestId);
  if (!req) throw new InternalError(`no request ${requestId}`);
  req.machine = fire(ctx.machines.http(req.tab), req.machine, 'REQUEST_LOST');
  afterHttpLoss(ctx, requestId, 'request');
}

/** After a lost request or response: the client retries (machine back in `sending`) or gives up. */
function afterHttpLoss(
  ctx: StepContext,
  requestId: string,
  which: 'request' | 'response' | 'serverError',
): void {
  const { world, machines } = ctx;
  const req = world.requests.find((r) => r.requestId === requestId)!;
  const failed = stateValue(machines.http(req.tab), req.machine) === 'failed';
  if (ctx.tracing) ctx.emit({ type: 'httpLost', requestId, which, willRetry: !failed });
  if (failed) {
    if (ctx.tracing) ctx.emit({ type: 'httpGiveUp', requestId, tab: req.tab });
    finishRequest(ctx, requestId);
  }
}

function finishRequest(ctx: StepContext, requestId: string): void {
  const { world, machines } = ctx;
  const i = world.requests.findIndex((r) => r.requestId === requestId);
  const req = world.requests[i]!;
  world.requests.splice(i, 1);
  const tab = world.tabs.find((t) => t.tab === req.tab)!;
  tab.machine = fire(machines.tab(req.tab), tab.machine, 'RESPONSE');
}

function deliver(ctx: StepContext, copyId: string, reordered: boolean): void {
  const { world, machines } = ctx;
  const copy = world.copies.find((c) => c.copyId === copyId);
  if (!copy) throw new InternalError(`no copy ${copyId}`);
  copy.machine = fire(machines.copy(copy.destination), copy.machine, 'DELIVER');
  copy.deliveries += 1;
  const spec = ctx.manifest.endpoints[copy.destination];
  if (spec?.kind !== 'messages' || !spec.handles[copy.type]) {
    throw new InternalError(`${copy.destination} cannot handle ${copy.type}`);
  }
  world.endpoints[copy.destination] = fire(
    machines.endpoint(copy.destination),
    world.endpoints[copy.destination]!,
    'START',
  );
  const message: IncomingMessage = {
    id: copy.messageId,
    type: copy.type,
    payload: copy.payload,
    headers: copy.headers,
  };
  const inv = newInvocation(world, {
    endpoint: copy.destination,
    kind: 'message',
    route: copy.type,
    copyId,
    requestId: null,
    incomingId: copy.messageId,
    input: message,
    headers: { ...copy.headers, delivery: String(copy.deliveries) },
  });
  copy.leasedBy = inv.attemptId;
  if (ctx.tracing)
    ctx.emit({
      type: 'deliver',
      copyId,
      messageId: copy.messageId,
      messageType: copy.type,
      endpoint: copy.destination,
      attemptId: inv.attemptId,
      delivery: copy.deliveries,
      reordered,
      payload: copy.payload,
    });
  startHandler(ctx, inv);
}

function duplicate(ctx: StepContext, copyId: string): void {
  const { world } = ctx;
  const copy = world.copies.find((c) => c.copyId === copyId)!;
  const newCopyId = `c${++world.seq.copy}`;
  world.copies.push({
    ...copy,
    copyId: newCopyId,
    headers: { ...copy.headers },
    deliveries: 0,
    leasedBy: null,
    machine: ctx.machines.copy(copy.destination).initial,
  });
  if (ctx.tracing) ctx.emit({ type: 'duplicate', copyId, newCopyId, messageId: copy.messageId });
}

function delay(ctx: StepContext, copyId: string): void {
  const { world } = ctx;
  const i = world.copies.findIndex((c) => c.copyId === copyId);
  const [copy] = world.copies.splice(i, 1);
  world.copies.push(copy!);
  if (ctx.tracing) ctx.emit({ type: 'delay', copyId, messageId: copy!.messageId });
}

function timer(ctx: StepContext): void {
  const { world, machines } = ctx;
  let due = Infinity;
  for (const c of world.copies) {
    if (stateValue(machines.copy(c.destination), c.machine) === 'delayed')
      due = Math.min(due, c.dueTick);
  }
  world.tick = Math.max(world.tick, due);
  const fired: MessageCopy[] = [];
  world.copies = world.copies.filter((c) => {
    if (c.dueTick === due && stateValue(machines.copy(c.destination), c.machine) === 'delayed') {
      c.machine = fire(machines.copy(c.destination), c.machine, 'TIMER');
      fired.push(c);
      return false;
    }
    return true;
  });
  world.copies.push(...fired);
  if (ctx.tracing) ctx.emit({ type: 'timer', copyIds: fired.map((c) => c.copyId) });
}

function expireLease(ctx: StepContext, attemptId: string): void {
  const { world, machines } = ctx;
  const inv = findInvocation(world, attemptId);
  const copy = world.copies.find((c) => c.copyId === inv.copyId)!;
  copy.machine = fire(machines.copy(copy.destination), copy.machine, 'LEASE_EXPIRED');
  copy.leasedBy = null;
  inv.leaseLost = true;
  if (ctx.tracing)
    ctx.emit({
      type: 'leaseExpire',
      copyId: copy.copyId,
      messageId: copy.messageId,
      attemptId,
      endpoint: inv.endpoint,
    });
}

// ---- invocations ---------------------------------------------------------------------------

/**
 * What learner code did live during one resume. One sink is reused (steps are synchronous and
 * `afterRun` empties it), sparing three allocations per handler step.
 */
const sink: LiveSink = { sends: [], logs: [] };

function startHandler(ctx: StepContext, inv: Invocation): void {
  const outcome = ctx.runtime.start(inv, ctx.dispatch, ctx.defaultStore, sink);
  afterRun(ctx, inv, outcome, sink);
}

function resumeHandler(ctx: StepContext, inv: Invocation): void {
  const outcome = ctx.runtime.resume(inv, ctx.dispatch, ctx.defaultStore, sink);
  afterRun(ctx, inv, outcome, sink);
}

/** Records what the handler did live (sends, logs), then moves the invocation to its next phase. */
function afterRun(ctx: StepContext, inv: Invocation, outcome: RunOutcome, sink: LiveSink): void {
  const { world } = ctx;
  for (const text of sink.logs)
    if (ctx.tracing)
      ctx.emit({ type: 'log', attemptId: inv.attemptId, endpoint: inv.endpoint, text });
  for (const s of sink.sends) {
    const intended = (world.history.intended[inv.attemptId] ??= []);
    intended.push(shortHash([s.message.type, s.message.payload ?? null]));
    if (ctx.dispatch === 'batched') {
      inv.captured.push(s);
      if (ctx.tracing)
        ctx.emit({
          type: 'captured',
          attemptId: inv.attemptId,
          endpoint: inv.endpoint,
          messageType: s.message.type,
          destination: s.destination,
        });
    }
  }
  sink.sends.length = 0;
  sink.logs.length = 0;
  switch (outcome.kind) {
    case 'yield':
      inv.pending = { phase: 'call', effect: outcome.effect };
      return;
    case 'return':
      if (ctx.tracing)
        ctx.emit({ type: 'complete', attemptId: inv.attemptId, endpoint: inv.endpoint });
      {
        const response = inv.kind === 'http' ? { status: 200, body: toJson(outcome.value) } : null;
        if (inv.captured.length > 0) inv.pending = { phase: 'dispatch', response };
        else if (response) inv.pending = { phase: 'respond', ...response };
        else inv.pending = { phase: 'ack' };
      }
      return;
    case 'throw':
      handlerFailed(ctx, inv, outcome.error);
      return;
  }
}

function toJson(v: unknown): unknown {
  if (v === undefined) return null;
  try {
    return JSON.parse(JSON.stringify(v));
  } catch {
    return String(v);
  }
}

/** The handler threw (or a dispatch failed): the message is retried per policy; HTTP answers 500. */
function handlerFailed(ctx: StepContext, inv: Invocation, error: unknown): void {
  const { world, machines } = ctx;
  const name = error instanceof Error ? error.name : 'Error';
  const simError = typeof (error as { code?: unknown })?.code === 'string';
  const message =
    !simError && ctx.describeError
      ? ctx.describeError(error)
      : error instanceof Error
        ? error.message
        : String(error);
  if (ctx.tracing)
    ctx.emit({
      type: 'handlerThrew',
      attemptId: inv.attemptId,
      endpoint: inv.endpoint,
      error: name,
      message,
    });
  removeInvocation(ctx, inv);
  if (inv.kind === 'http') {
    const req = world.requests.find((r) => r.requestId === inv.requestId)!;
    req.machine = fire(machines.http(req.tab), req.machine, 'SERVER_ERROR');
    afterHttpLoss(ctx, req.requestId, 'serverError');
    return;
  }
  const copy = world.copies.find((c) => c.copyId === inv.copyId);
  if (copy && copy.leasedBy === inv.attemptId) failCopy(ctx, copy);
}

function removeInvocation(ctx: StepContext, inv: Invocation): void {
  const { world, machines } = ctx;
  const i = world.invocations.indexOf(inv);
  if (i >= 0) world.invocations.splice(i, 1);
  if (inv.kind === 'message') {
    world.endpoints[inv.endpoint] = fire(
      machines.endpoint(inv.endpoint),
      world.endpoints[inv.endpoint]!,
      'FINISH',
    );
  }
}

function crash(ctx: StepContext, inv: Invocation, after: string): void {
  const { world, machines } = ctx;
  if (ctx.tracing)
    ctx.emit({ type: 'crash', attemptId: inv.attemptId, endpoint: inv.endpoint, after });
  removeInvocation(ctx, inv);
  if (inv.kind === 'http') {
    const req = world.requests.find((r) => r.requestId === inv.requestId)!;
    req.machine = fire(machines.http(req.tab), req.machine, 'RESPONSE_LOST');
    afterHttpLoss(ctx, req.requestId, 'response');
    return;
  }
  const copy = world.copies.find((c) => c.copyId === inv.copyId);
  if (copy && copy.leasedBy === inv.attemptId) {
    copy.machine = fire(machines.copy(copy.destination), copy.machine, 'CRASH');
    copy.leasedBy = null;
  }
}

function runInvocation(
  ctx: StepContext,
  inv: Invocation,
  outcome: CallOutcome,
  option: number,
): void {
  const p = inv.pending;
  switch (p.phase) {
    case 'call': {
      const result = performCall(ctx, inv, p.effect, outcome, option);
      if (outcome === 'crash') return crash(ctx, inv, p.effect.kind);
      inv.results.push(result);
      return resumeHandler(ctx, inv);
    }
    case 'dispatch': {
      if (outcome === 'fail') {
        for (const s of inv.captured) {
          if (ctx.tracing)
            ctx.emit({
              type: 'sendFail',
              attemptId: inv.attemptId,
              endpoint: inv.endpoint,
              messageType: s.message.type,
              destination: s.destination,
            });
        }
        return handlerFailed(
          ctx,
          inv,
          Object.assign(new Error('the broker rejected the outgoing messages'), {
            name: 'BrokerUnavailable',
          }),
        );
      }
      for (const s of inv.captured) enqueue(ctx, inv, s.destination, s.message, s.mode);
      if (outcome === 'crash') return crash(ctx, inv, 'dispatch');
      inv.pending = p.response ? { phase: 'respond', ...p.response } : { phase: 'ack' };
      return;
    }
    case 'ack':
      return ack(ctx, inv, outcome === 'ok');
    case 'respond':
      return respond(ctx, inv, outcome === 'ok', p.status, p.body);
    case 'failed':
      throw new InternalError('a failed invocation cannot run');
  }
}

function ack(ctx: StepContext, inv: Invocation, ok: boolean): void {
  const { world, machines } = ctx;
  const copy = world.copies.find((c) => c.copyId === inv.copyId);
  removeInvocation(ctx, inv);
  if (!copy || copy.leasedBy !== inv.attemptId) {
    if (ctx.tracing)
      ctx.emit({
        type: 'ackFail',
        copyId: inv.copyId ?? '?',
        messageId: inv.incomingId,
        attemptId: inv.attemptId,
        endpoint: inv.endpoint,
        reason: 'leaseLost',
      });
    return;
  }
  if (!ok) {
    copy.machine = fire(machines.copy(copy.destination), copy.machine, 'LEASE_EXPIRED');
    copy.leasedBy = null;
    if (ctx.tracing)
      ctx.emit({
        type: 'ackFail',
        copyId: copy.copyId,
        messageId: copy.messageId,
        attemptId: inv.attemptId,
        endpoint: inv.endpoint,
        reason: 'fault',
      });
    return;
  }
  copy.machine = fire(machines.copy(copy.destination), copy.machine, 'ACK');
  removeCopy(world, copy);
  if (ctx.tracing)
    ctx.emit({
      type: 'ack',
      copyId: copy.copyId,
      messageId: copy.messageId,
      attemptId: inv.attemptId,
      endpoint: inv.endpoint,
    });
}

function respond(
  ctx: StepContext,
  inv: Invocation,
  ok: boolean,
  status: number,
  body: unknown,
): void {
  const { world, machines } = ctx;
  removeInvocation(ctx, inv);
  const req = world.requests.find((r) => r.requestId === inv.requestId)!;
  if (!ok) {
    req.machine = fire(machines.http(req.tab), req.machine, 'RESPONSE_LOST');
    return afterHttpLoss(ctx, req.requestId, 'response');
  }
  req.machine = fire(machines.http(req.tab), req.machine, 'RESPOND');
  req.response = { status, body };
  if (ctx.tracing)
    ctx.emit({
      type: 'httpRespond',
      requestId: req.requestId,
      attemptId: inv.attemptId,
      status,
      body,
    });
  finishRequest(ctx, req.requestId);
}
