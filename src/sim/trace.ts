/**
 * The trace: every event of a run, with its causal links (attempt, copy, producer), in the
 * vocabulary of curriculum §0. `step` returns the events it caused; Play and replay append them
 * to a trace; the checker discards them and re-creates a counterexample's trace by replaying
 * its choices. Views (timeline table, sequence diagram) are projections of this list.
 */
import type { ProducedBy } from './world';

interface Base {
  /** Index of the step that produced this event. */
  step: number;
  tick: number;
}

export type TraceEvent = Base &
  (
    | { type: 'userAct'; tab: string; requestId: string; route: string; endpoint: string }
    | {
        type: 'httpArrive';
        requestId: string;
        attemptId: string;
        endpoint: string;
        route: string;
        attempt: number;
      }
    | {
        type: 'httpLost';
        requestId: string;
        which: 'request' | 'response' | 'serverError';
        willRetry: boolean;
      }
    | { type: 'httpRespond'; requestId: string; attemptId: string; status: number; body: unknown }
    | { type: 'httpGiveUp'; requestId: string; tab: string }
    | {
        type: 'deliver';
        copyId: string;
        messageId: string;
        messageType: string;
        endpoint: string;
        attemptId: string;
        delivery: number;
        reordered: boolean;
        /** The message body, for the diagram's details. */
        payload: unknown;
      }
    | {
        type: 'read';
        attemptId: string;
        endpoint: string;
        store: string;
        target: string;
        version: number | null;
      }
    | {
        type: 'commit';
        attemptId: string;
        endpoint: string;
        incomingId: string;
        store: string;
        writes: { target: string; version: number | null }[];
      }
    | {
        type: 'reject';
        attemptId: string;
        endpoint: string;
        store: string;
        reason: 'conflict' | 'fault';
        code: string;
        target?: string;
      }
    | {
        type: 'enqueue';
        messageId: string;
        copyId: string;
        messageType: string;
        destination: string;
        producedBy: ProducedBy;
        ghost: boolean;
        /** The message body, for the diagram's details. */
        payload: unknown;
      }
    | {
        type: 'sendFail';
        attemptId: string;
        endpoint: string;
        messageType: string;
        destination: string;
      }
    | {
        type: 'captured';
        attemptId: string;
        endpoint: string;
        messageType: string;
        destination: string;
      }
    | { type: 'ack'; copyId: string; messageId: string; attemptId: string; endpoint: string }
    | {
        type: 'ackFail';
        copyId: string;
        messageId: string;
        attemptId: string;
        endpoint: string;
        reason: 'fault' | 'leaseLost';
      }
    | {
        type: 'leaseExpire';
        copyId: string;
        messageId: string;
        attemptId: string;
        endpoint: string;
      }
    | { type: 'crash'; attemptId: string; endpoint: string; after: string }
    | { type: 'handlerThrew'; attemptId: string; endpoint: string; error: string; message: string }
    | {
        type: 'retry';
        copyId: string;
        messageId: string;
        how: 'immediate' | 'delayed';
        dueTick?: number;
      }
    | { type: 'deadLetter'; copyId: string; messageId: string; messageType: string }
    | { type: 'timer'; copyIds: string[] }
    | { type: 'duplicate'; copyId: string; newCopyId: string; messageId: string }
    | { type: 'delay'; copyId: string; messageId: string }
    | {
        type: 'external';
        attemptId: string;
        endpoint: string;
        api: string;
        operation: string;
        outcome: 'ok' | 'failed' | 'committedResponseLost';
        recordId?: string;
        replayed: boolean;
        idempotencyKey?: string;
      }
    | {
        type: 'kv';
        attemptId: string;
        endpoint: string;
        store: string;
        op: 'get' | 'put' | 'delete';
        key: string;
        outcome: 'ok' | 'conflict' | 'fault' | 'missing';
        version: number | null;
      }
    | {
        type: 'append';
        attemptId: string;
        endpoint: string;
        store: string;
        stream: string;
        count: number;
        outcome: 'ok' | 'conflict' | 'fault';
        version: number;
      }
    | {
        type: 'readStream';
        attemptId: string;
        endpoint: string;
        store: string;
        stream: string;
        version: number;
      }
    | { type: 'choose'; attemptId: string; endpoint: string; label: string; value: unknown }
    | { type: 'log'; attemptId: string; endpoint: string; text: string }
    | { type: 'complete'; attemptId: string; endpoint: string }
  );

export type TraceEventType = TraceEvent['type'];

/** A one-line, human-readable summary of an event (for the timeline table and test messages). */
export function describeEvent(e: TraceEvent): string {
  switch (e.type) {
    case 'userAct':
      return `${e.tab} clicks ${e.route} (request ${e.requestId})`;
    case 'httpArrive':
      return `request ${e.requestId} reaches ${e.endpoint} ${e.route} (attempt ${e.attempt}, ${e.attemptId})`;
    case 'httpLost':
      return e.which === 'serverError'
        ? `${e.requestId} fails with 500${e.willRetry ? '; the client retries' : ''}`
        : `the ${e.which} of ${e.requestId} is lost${e.willRetry ? '; the client retries' : ''}`;
    case 'httpRespond':
      return `${e.attemptId} answers ${e.requestId} with ${e.status}`;
    case 'httpGiveUp':
      return `${e.tab} gives up on ${e.requestId} and sees an error`;
    case 'deliver':
      return `${e.messageType} ${e.messageId} (copy ${e.copyId}) delivered to ${e.endpoint} as ${e.attemptId}${e.delivery > 1 ? ` (delivery ${e.delivery})` : ''}${e.reordered ? ', out of order' : ''}`;
    case 'read':
      return `${e.attemptId} reads ${e.store}/${e.target}: ${e.version === null ? 'absent' : `v${e.version}`}`;
    case 'commit':
      return `${e.attemptId} commits ${e.writes.map((w) => `${w.target}→${w.version === null ? 'deleted' : `v${w.version}`}`).join(', ')}`;
    case 'reject':
      return `${e.attemptId}'s write to ${e.store}${e.target ? `/${e.target}` : ''} is rejected (${e.code})`;
    case 'enqueue':
      return `${e.messageType} ${e.messageId} enqueued for ${e.destination} by ${e.producedBy.attemptId}${e.ghost ? ' — a GHOST: nothing was committed' : ''}`;
    case 'sendFail':
      return `${e.attemptId} fails to send ${e.messageType} to ${e.destination} (broker unavailable)`;
    case 'captured':
      return `${e.attemptId} queues ${e.messageType} for ${e.destination} (sent after the handler returns)`;
    case 'ack':
      return `${e.attemptId} acknowledges ${e.messageId} (copy ${e.copyId})`;
    case 'ackFail':
      return `${e.attemptId} fails to acknowledge ${e.messageId}${e.reason === 'leaseLost' ? ': its lease had expired' : ''}`;
    case 'leaseExpire':
      return `the lease of ${e.attemptId} on ${e.messageId} expires: the copy is visible again`;
    case 'crash':
      return `${e.endpoint} crashes during ${e.attemptId} (after ${e.after})`;
    case 'handlerThrew':
      return `${e.attemptId} throws ${e.error}: ${e.message}`;
    case 'retry':
      return `${e.messageId} will be retried (${e.how}${e.dueTick !== undefined ? ` at tick ${e.dueTick}` : ''})`;
    case 'deadLetter':
      return `${e.messageType} ${e.messageId} moved to the error queue`;
    case 'timer':
      return `timer fires: ${e.copyIds.join(', ')} visible again`;
    case 'duplicate':
      return `the broker duplicates ${e.messageId} (copy ${e.newCopyId})`;
    case 'delay':
      return `delivery of ${e.messageId} is delayed`;
    case 'external':
      return `${e.attemptId} calls ${e.api}.${e.operation}: ${e.outcome}${e.replayed ? ' (stored response for the idempotency key)' : ''}`;
    case 'kv':
      return `${e.attemptId} ${e.op} ${e.store}/${e.key}: ${e.outcome}`;
    case 'append':
      return `${e.attemptId} appends ${e.count} event(s) to ${e.stream}: ${e.outcome}`;
    case 'readStream':
      return `${e.attemptId} reads stream ${e.stream} (version ${e.version})`;
    case 'choose':
      return `${e.attemptId} chooses ${e.label} = ${JSON.stringify(e.value)}`;
    case 'log':
      return `${e.attemptId}: ${e.text}`;
    case 'complete':
      return `${e.attemptId} finished its handler`;
  }
}
