/**
 * A step the learner can pick, in words: who does what, and with which outcome — "Frontend
 * r1@Frontend: ctx.send('Orders', SubmitOrder) → fails (sendFail)" — where the choice's label
 * ("r1@Frontend: fail") is only its replayable name. `ctx.choose` options are shown by value.
 */
import { stableStringify } from '../core/hash';
import { describeChoice, faultIn } from './choices';
import type { Choice } from './choices';
import type { EffectRequest } from './effects';
import type { Invocation, World } from './world';

const MAX_VALUE_CHARS = 40;

function short(value: unknown): string {
  const text = typeof value === 'string' ? `'${value}'` : stableStringify(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

/** The call an effect is, as the learner wrote it (near enough). */
function describeCall(effect: EffectRequest): string {
  switch (effect.kind) {
    case 'load':
      return `ctx.load('${effect.collection}', '${effect.id}')`;
    case 'batch':
      return effect.ops.length === 1
        ? `a write to ${effect.store}`
        : `${effect.ops.length} writes to ${effect.store}, together`;
    case 'send':
      return `ctx.${effect.mode}('${effect.destination}', ${effect.message.type})`;
    case 'kvGet':
      return `ctx.kv.get('${effect.store}', '${effect.key}')`;
    case 'kvPut':
      return `ctx.kv.put('${effect.store}', '${effect.key}')`;
    case 'kvDelete':
      return `ctx.kv.delete('${effect.store}', '${effect.key}')`;
    case 'append':
      return `ctx.events.append('${effect.store}', '${effect.stream}')`;
    case 'readStream':
      return `ctx.events.read('${effect.store}', '${effect.stream}')`;
    case 'readAll':
      return `ctx.events.readAll('${effect.store}')`;
    case 'external':
      return `ctx.call('${effect.api}', '${effect.operation}')`;
    case 'choose':
      return `ctx.choose('${effect.label}')`;
  }
}

function pendingOf(inv: Invocation): string {
  switch (inv.pending.phase) {
    case 'call':
      return describeCall(inv.pending.effect);
    case 'dispatch':
      return 'sends what it captured';
    case 'respond':
      return 'answers the request';
    case 'ack':
      return 'acknowledges its message';
    case 'failed':
      return inv.kind === 'http' ? 'answers with an error' : 'gives its message back';
  }
}

/**
 * The step `choice` in words, in `world` (where it is enabled); `line`: where the learner's code
 * makes that call ("Frontend, line 16: ctx.send('Orders', SubmitOrder) → ok").
 */
export function describeStep(world: World, choice: Choice, line?: number): string {
  if (choice.t !== 'run') return describeChoice(choice);
  const inv = world.invocations.find((i) => i.attemptId === choice.attemptId);
  if (!inv) return describeChoice(choice);
  const pending = inv.pending;
  let outcome: string;
  switch (choice.outcome) {
    case 'ok':
      outcome =
        pending.phase === 'call' && pending.effect.kind === 'choose'
          ? `picks ${short(pending.effect.options[choice.option ?? 0])}`
          : 'ok';
      break;
    case 'fail':
      outcome = `fails (${faultIn(world, choice) ?? 'fault'})`;
      break;
    case 'crash':
      outcome = 'the process crashes';
      break;
    case 'commitLost':
      outcome = 'it happens, but the answer is lost';
      break;
  }
  const where = line !== undefined ? `${inv.endpoint}, line ${line}` : inv.endpoint;
  return `${where}: ${pendingOf(inv)} → ${outcome}`;
}
