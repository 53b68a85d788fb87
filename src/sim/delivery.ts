/**
 * The broker's transitions: deliver a queued copy to its endpoint (starting a handler attempt
 * that holds the copy's lease), duplicate or delay a copy (faults), fire the next timer (delayed
 * retries), and let a running attempt's lease expire (the copy becomes visible again).
 */
import { copyName } from './naming';
import { InternalError } from '../core/assert';
import { fire, stateValue } from './actors';
import type { IncomingMessage } from './context';
import { findInvocation, newInvocation, startHandler } from './invocations';
import type { StepContext } from './stepContext';
import { created, ownCopy, ownCopyAt } from './cloneWorld';
import type { MessageCopy } from './world';

export function deliver(ctx: StepContext, copyId: string, reordered: boolean): void {
  const { world, machines } = ctx;
  const copy = ownCopy(world, copyId);
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

export function duplicate(ctx: StepContext, copyId: string): void {
  const { world } = ctx;
  const copy = world.copies.find((c) => c.copyId === copyId)!;
  const newCopyId = copyName(world, copy.messageId, copy.destination);
  world.copies.push(
    created(world, {
      ...copy,
      copyId: newCopyId,
      headers: { ...copy.headers },
      deliveries: 0,
      leasedBy: null,
      machine: ctx.machines.copy(copy.destination).initial,
    }),
  );
  if (ctx.tracing) ctx.emit({ type: 'duplicate', copyId, newCopyId, messageId: copy.messageId });
}

export function delay(ctx: StepContext, copyId: string): void {
  const { world } = ctx;
  const i = world.copies.findIndex((c) => c.copyId === copyId);
  const [copy] = world.copies.splice(i, 1);
  world.copies.push(copy!);
  if (ctx.tracing) ctx.emit({ type: 'delay', copyId, messageId: copy!.messageId });
}

export function timer(ctx: StepContext): void {
  const { world, machines } = ctx;
  let due = Infinity;
  for (const c of world.copies) {
    if (stateValue(machines.copy(c.destination), c.machine) === 'delayed')
      due = Math.min(due, c.dueTick);
  }
  world.tick = Math.max(world.tick, due);
  const fired: MessageCopy[] = [];
  const waiting: MessageCopy[] = [];
  world.copies.forEach((c, i) => {
    if (c.dueTick === due && stateValue(machines.copy(c.destination), c.machine) === 'delayed') {
      const copy = ownCopyAt(world, i);
      copy.machine = fire(machines.copy(c.destination), c.machine, 'TIMER');
      fired.push(copy);
    } else waiting.push(c);
  });
  world.copies = [...waiting, ...fired];
  if (ctx.tracing) ctx.emit({ type: 'timer', copyIds: fired.map((c) => c.copyId) });
}

export function expireLease(ctx: StepContext, attemptId: string): void {
  const { world, machines } = ctx;
  const inv = findInvocation(world, attemptId);
  const copy = ownCopy(world, inv.copyId)!;
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
