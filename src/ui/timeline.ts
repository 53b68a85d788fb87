/**
 * Timeline rows: a projection of the trace into the plain table the exercise page shows
 * (step, tick, actor, event type, one-line description). Pure, so it is tested in Node.
 */
import { assertNever } from '../core/assert';
import { describeEvent } from '../sim';
import type { TraceEvent } from '../sim';

export interface TimelineRow {
  /** Stable React key (an event's index in the trace). */
  key: number;
  step: number;
  tick: number;
  actor: string;
  type: TraceEvent['type'];
  description: string;
}

/** The actor, endpoint or component an event happens at (what a reader scans the table for). */
export function actorOf(e: TraceEvent): string {
  switch (e.type) {
    case 'userAct':
    case 'httpGiveUp':
      return e.tab;
    case 'httpArrive':
    case 'deliver':
    case 'read':
    case 'commit':
    case 'reject':
    case 'sendFail':
    case 'captured':
    case 'ack':
    case 'ackFail':
    case 'leaseExpire':
    case 'crash':
    case 'handlerThrew':
    case 'external':
    case 'kv':
    case 'append':
    case 'readStream':
    case 'choose':
    case 'log':
    case 'complete':
      return e.endpoint;
    case 'enqueue':
      return e.destination;
    case 'httpLost':
    case 'httpRespond':
      return 'network';
    case 'retry':
    case 'deadLetter':
    case 'timer':
    case 'duplicate':
    case 'delay':
      return 'broker';
    default:
      return assertNever(e, 'trace event');
  }
}

export function toTimelineRows(events: readonly TraceEvent[]): TimelineRow[] {
  return events.map((e, key) => ({
    key,
    step: e.step,
    tick: e.tick,
    actor: actorOf(e),
    type: e.type,
    description: describeEvent(e),
  }));
}

/** Event types that show a fault or a problem, highlighted in the table. */
export function isTroubleEvent(type: TraceEvent['type']): boolean {
  return [
    'httpLost',
    'httpGiveUp',
    'reject',
    'sendFail',
    'ackFail',
    'leaseExpire',
    'crash',
    'handlerThrew',
    'deadLetter',
    'duplicate',
  ].includes(type);
}
