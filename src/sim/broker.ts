/**
 * The broker's side of a step: enqueueing a message (one copy per destination, with the
 * producer link and the facts I-GHOST, I-LOSS and I-CONSISTENT-OUT need), failing a copy after a
 * handler failure (immediate retry, delayed retry with exponential backoff, error queue), and
 * removing an acknowledged copy.
 */
import { copyName } from './naming';
import { shortHash } from '../core/hash';
import { fire, stateValue } from './actors';
import type { OutgoingMessage } from './effects';
import type { StepContext } from './stepContext';
import type { Invocation, MessageCopy, World } from './world';
import { logicalKey } from './historyKeys';
import { created, own, ownEnqueued, ownHistory, ownHistoryList } from './cloneWorld';

/** Where a send goes: one destination, or every subscriber of a published event type. */
export function destinationsOf(
  ctx: StepContext,
  destination: string,
  message: OutgoingMessage,
  mode: string,
): string[] {
  if (mode === 'publish') return ctx.manifest.subscriptions?.[message.type] ?? [];
  return [destination];
}

export function enqueue(
  ctx: StepContext,
  inv: Invocation,
  destination: string,
  message: OutgoingMessage,
  mode: 'send' | 'publish' | 'reply',
): void {
  const { world, machines } = ctx;
  const messageId = message.id ?? `${inv.attemptId}.${++inv.idCounter}`;
  const key = logicalKey(inv.endpoint, inv.incomingId);
  const spec = ctx.manifest.endpoints[inv.endpoint];
  const ghost =
    !world.history.effects[key]?.length && !(spec?.kind === 'http' && spec.forwardsOnly);
  const digest = shortHash([message.type, message.payload ?? null]);
  const producedBy = {
    endpoint: inv.endpoint,
    incomingId: inv.incomingId,
    attemptId: inv.attemptId,
  };
  for (const dest of destinationsOf(ctx, destination, message, mode)) {
    const copyId = copyName(world, messageId, dest);
    const headers: Record<string, string> = { ...(message.headers ?? {}) };
    if (mode !== 'reply' && inv.kind === 'message') headers.replyTo ??= inv.endpoint;
    const copy: MessageCopy = {
      copyId,
      messageId,
      type: message.type,
      payload: message.payload ?? null,
      headers,
      destination: dest,
      producedBy,
      machine: machines.copy(dest).initial,
      deliveries: 0,
      dueTick: 0,
      leasedBy: null,
    };
    world.copies.push(created(world, copy));
    if (ctx.tracing)
      ctx.emit({
        type: 'enqueue',
        messageId,
        copyId,
        messageType: message.type,
        destination: dest,
        producedBy,
        ghost,
        payload: copy.payload,
      });
  }
  const seen = world.history.enqueued[messageId];
  if (seen) {
    ownEnqueued(world, messageId).copies += 1;
    if (seen.digest !== digest)
      ownHistory(world, 'inconsistent').push({ messageId, attemptId: inv.attemptId });
  } else {
    ownHistory(world, 'enqueued')[messageId] = {
      digest,
      copies: 1,
      producedBy,
      type: message.type,
      destination,
      payload: message.payload ?? null,
    };
  }
  if (!world.history.out[key]?.includes(messageId))
    ownHistoryList(world, 'out', key).push(messageId);
  if (ghost) ownHistory(world, 'ghosts').push({ messageId, attemptId: inv.attemptId });
}

/** A handler failed while holding the copy's lease: retry now, retry later, or park it. */
export function failCopy(ctx: StepContext, copy: MessageCopy): void {
  const { world, machines } = ctx;
  const machine = machines.copy(copy.destination);
  copy.machine = fire(machine, copy.machine, 'FAIL');
  copy.leasedBy = null;
  const value = stateValue(machine, copy.machine);
  if (value === 'queued') {
    if (ctx.tracing)
      ctx.emit({ type: 'retry', copyId: copy.copyId, messageId: copy.messageId, how: 'immediate' });
  } else if (value === 'delayed') {
    const retries = ctx.retryPolicy(copy.destination);
    const used = machine.states[copy.machine]?.context.delayedUsed ?? 1;
    copy.dueTick = world.tick + retries.backoffBaseTicks * 2 ** (used - 1);
    if (ctx.tracing)
      ctx.emit({
        type: 'retry',
        copyId: copy.copyId,
        messageId: copy.messageId,
        how: 'delayed',
        dueTick: copy.dueTick,
      });
  } else {
    removeCopy(world, copy);
    own(world, 'errorQueue').push(copy);
    if (!world.history.deadLettered.includes(copy.messageId))
      ownHistory(world, 'deadLettered').push(copy.messageId);
    if (ctx.tracing)
      ctx.emit({
        type: 'deadLetter',
        copyId: copy.copyId,
        messageId: copy.messageId,
        messageType: copy.type,
      });
  }
}

export function removeCopy(world: World, copy: MessageCopy): void {
  const i = world.copies.indexOf(copy);
  if (i >= 0) world.copies.splice(i, 1);
}
