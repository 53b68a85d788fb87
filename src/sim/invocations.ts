/**
 * Handler attempts: starting one, resuming it after each call (the pending call is performed by
 * perform.ts), what happens when it returns (dispatch captured sends, then ack or respond), throws
 * (retry policy, or a 500) or crashes (the lease goes, the response is lost), and its ack or
 * response step with its faults.
 */
import { attemptName } from './naming';
import { InternalError } from '../core/assert';
import { shortHash } from '../core/hash';
import { fire } from './actors';
import { enqueue, failCopy, removeCopy } from './broker';
import type { CallOutcome } from './choices';
import { afterHttpLoss, finishRequest } from './requests';
import { performCall } from './perform';
import { effectDigest } from './runtime';
import type { LiveSink, RunOutcome } from './runtime';
import type { StepContext } from './stepContext';
import type { Invocation, World } from './world';
import { created, own, ownCopy, ownHistoryList, ownInvocation } from './cloneWorld';

/** The invocation `attemptId`, the step's own to change (cloneWorld.ts). */
export function findInvocation(world: World, attemptId: string): Invocation {
  const inv = ownInvocation(world, attemptId);
  if (!inv) throw new InternalError(`no invocation ${attemptId}`);
  return inv;
}

export function newInvocation(
  world: World,
  f: Pick<
    Invocation,
    'endpoint' | 'kind' | 'route' | 'copyId' | 'requestId' | 'incomingId' | 'input' | 'headers'
  >,
): Invocation {
  const inv: Invocation = {
    attemptId: attemptName(world, f.endpoint, f.incomingId),
    endpoint: f.endpoint,
    kind: f.kind,
    route: f.route,
    copyId: f.copyId,
    requestId: f.requestId,
    incomingId: f.incomingId,
    input: f.input,
    headers: f.headers,
    results: [],
    calls: [],
    pending: { phase: 'ack' },
    captured: [],
    leaseLost: false,
    committed: false,
    idCounter: 0,
    reads: {},
  };
  world.invocations.push(created(world, inv));
  return inv;
}

/**
 * What learner code did live during one resume. One sink is reused (steps are synchronous and
 * `afterRun` empties it), sparing three allocations per handler step.
 */
const sink: LiveSink = { sends: [], logs: [] };

export function startHandler(ctx: StepContext, inv: Invocation): void {
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
    ownHistoryList(world, 'intended', inv.attemptId).push(
      shortHash([s.message.type, s.message.payload ?? null]),
    );
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
    const req = own(world, 'requests').find((r) => r.requestId === inv.requestId)!;
    req.machine = fire(machines.http(req.tab), req.machine, 'SERVER_ERROR');
    afterHttpLoss(ctx, req.requestId, 'serverError');
    return;
  }
  const copy = ownCopy(world, inv.copyId);
  if (copy && copy.leasedBy === inv.attemptId) failCopy(ctx, copy);
}

export function removeInvocation(ctx: StepContext, inv: Invocation): void {
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
    const req = own(world, 'requests').find((r) => r.requestId === inv.requestId)!;
    req.machine = fire(machines.http(req.tab), req.machine, 'RESPONSE_LOST');
    afterHttpLoss(ctx, req.requestId, 'response');
    return;
  }
  const copy = ownCopy(world, inv.copyId);
  if (copy && copy.leasedBy === inv.attemptId) {
    copy.machine = fire(machines.copy(copy.destination), copy.machine, 'CRASH');
    copy.leasedBy = null;
  }
}

export function runInvocation(
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
      inv.calls.push(effectDigest(p.effect));
      // Equal results are one object across the engine's worlds (they are never changed).
      inv.results.push(ctx.results.of(result));
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
  const copy = ownCopy(world, inv.copyId);
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
  const req = own(world, 'requests').find((r) => r.requestId === inv.requestId)!;
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
