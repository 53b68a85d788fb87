/**
 * The one transition function. `createEngine(program)` gives:
 * - `initialWorld()`: the world before anything happened;
 * - `enabledSteps(world)`: every choice possible now, in a deterministic order (faults only
 *   while their budget lasts);
 * - `step(world, choice)`: a NEW world and the trace events of that step (the input is never
 *   changed: the new world shares what the step did not write, see cloneWorld.ts);
 *   `stepInPlace` does the same by mutating, for long runs from an initial world (Play,
 *   benchmarks).
 * Play, Step, the checker, replay from a URL and the exercise validator all use these.
 */
import { requestName } from './naming';
import { InternalError } from '../core/assert';
import { Interned } from '../core/interned';
import { createActorMachines, fire, retryPolicyOf, stateValue, tabEvent } from './actors';
import type { ActorMachines } from './actors';
import { faultOf, pendingKindOf } from './choices';
import type { CallOutcome, Choice } from './choices';
import type { CallResult } from './effects';
import { delay, deliver, duplicate, expireLease, timer } from './delivery';
import { safeStepIndex } from './reduction';
import { canInject, recordFault } from './faults';
import type { FaultBudget } from './faults';
import { arrive, loseRequest } from './http';
import { findInvocation, runInvocation } from './invocations';
import { intentOfAction, isFromResponse } from './manifest';
import type { ExerciseManifest, RetryPolicy } from './manifest';
import { cloneWorld, own, ownHistory } from './cloneWorld';
import { createInitialWorld } from './initial';
import { HandlerRuntime } from './runtime';
import type { Program } from './runtime';
import { Step } from './stepContext';
import type { StepContext, StepShared } from './stepContext';
import type { TraceEvent } from './trace';
import type { Invocation, MessageCopy, UserTabState, World } from './world';

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
  /** The index in `enabled` of a step the checker may explore alone, or -1 (reduction.ts). */
  safeStep(world: World, enabled: readonly Choice[]): number;
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
  const machines = createActorMachines(manifest, program);
  const runtime = new HandlerRuntime(program);
  const defaultStore =
    Object.entries(manifest.stores).find(([, s]) => s.kind === 'documents')?.[0] ?? 'db';
  const tabsByName = new Map((manifest.workload.tabs ?? []).map((t) => [t.name, t]));
  const retryPolicies = new Map<string, RetryPolicy>();
  const retryPolicy = (endpoint: string): RetryPolicy => {
    let p = retryPolicies.get(endpoint);
    if (!p) retryPolicies.set(endpoint, (p = retryPolicyOf(manifest, endpoint, program)));
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
    results: new Interned<CallResult>(),
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
        const fault = faultOf(choice, pendingKindOf(inv));
        if (fault) recordFault(world, fault);
        return runInvocation(ctx, inv, choice.outcome, choice.option ?? 0);
      }
    }
  }

  // Tab and request helpers live here because they need the tab specs.
  function act(ctx: StepContext, tabName: string): void {
    const { world } = ctx;
    const tab = own(world, 'tabs').find((t) => t.tab === tabName);
    const spec = tabsByName.get(tabName);
    if (!tab || !spec) throw new InternalError(`unknown tab ${tabName}`);
    const action = spec.actions[tab.next];
    if (!action) throw new InternalError(`${tabName} has no action ${tab.next}`);
    tab.machine = fire(machines.tab(tabName), tab.machine, tabEvent(spec, tab.next)!);
    const requestId = requestName(world.tabs.length, tabName, tab.next);
    ownHistory(world, 'requestIntents')[requestId] = intentOfAction(tabName, tab.next);
    tab.next += 1;
    own(world, 'requests').push({
      requestId,
      tab: tabName,
      route: action.route,
      endpoint: action.endpoint,
      body: requestBody(action.body, tab),
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
    safeStep: (world, enabled) => safeStepIndex(world, enabled, budget),
  };
  return engine;
}

export type { StepContext } from './stepContext';

/** The action's body with its `$fromResponse` fields taken from the tab's last response. */
function requestBody(body: unknown, tab: UserTabState): unknown {
  if (!tab.responses || typeof body !== 'object' || body === null) return body ?? null;
  const last = tab.responses.at(-1)?.body;
  const from = (name: string): unknown =>
    typeof last === 'object' && last !== null
      ? ((last as Record<string, unknown>)[name] ?? null)
      : null;
  return Object.fromEntries(
    Object.entries(body).map(([k, v]) => [k, isFromResponse(v) ? from(v.$fromResponse) : v]),
  );
}
