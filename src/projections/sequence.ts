/**
 * Trace -> sequence diagram. One row per trace event, in trace order: an arrow between two
 * lifelines (requests, deliveries, calls to stores and APIs; responses and acks dashed) or a
 * note on one lifeline (crash, lease expiry, retry, dead letter, log...). Rows carry their fault
 * flag, their highlight (ghost, second processing, lost update, conflict), the edge of the
 * handler attempt's activation bar they open or close, and the causal chain of ids.
 *
 * Pure: the same trace and manifest always give the same diagram (snapshot-tested).
 */
import { assertNever } from '../core/assert';
import type { ExerciseManifest } from '../sim/manifest';
import { describeEvent } from '../sim/trace';
import type { TraceEvent } from '../sim/trace';
import { createCauseTracker } from './causes';
import type { CauseTracker } from './causes';
import { createHighlighter } from './highlights';
import { createLifelineSet } from './lifelines';
import type { LifelineSet } from './lifelines';
import type {
  Activation,
  ActivationEnd,
  ArrowFailure,
  SequenceDiagram,
  SequenceOptions,
  SequenceRow,
} from './sequenceTypes';

export type * from './sequenceTypes';

/** Characters of a detail value kept for the tooltip. */
const DETAIL_LENGTH_MAX = 240;

/** What one event looks like, before the bookkeeping common to every row. */
type Shape = (
  | {
      kind: 'arrow';
      from: string;
      to: string;
      label: string;
      dashed?: boolean;
      failure?: ArrowFailure;
    }
  | { kind: 'note'; lifeline: string; text: string }
) & {
  fault?: boolean;
  trouble?: boolean;
  start?: { attemptId: string; lifeline: string };
  end?: { attemptId: string; why: ActivationEnd };
};

export function toSequenceDiagram(
  events: readonly TraceEvent[],
  manifest: ExerciseManifest,
  options: SequenceOptions = {},
): SequenceDiagram {
  const lines = createLifelineSet(manifest, options.broker ?? 'single');
  const causes = createCauseTracker(manifest);
  const highlighter = createHighlighter(manifest, causes);
  const rows: SequenceRow[] = [];
  const activations: Activation[] = [];
  const open = new Map<string, Activation>();
  const steps: number[] = [];

  events.forEach((event, index) => {
    causes.observe(event);
    const highlight = highlighter.highlightOf(event);
    const shape = shapeOf(event, lines, causes);
    let activation: SequenceRow['activation'] = null;
    if (shape.start) {
      const depth = [...open.values()].filter((a) => a.lifeline === shape.start!.lifeline).length;
      const a: Activation = {
        ...shape.start,
        startRow: index,
        endRow: null,
        end: null,
        depth,
      };
      activations.push(a);
      open.set(a.attemptId, a);
      activation = { ...shape.start, edge: 'start' };
    } else if (shape.end) {
      const a = open.get(shape.end.attemptId);
      if (a) {
        a.endRow = index;
        a.end = shape.end.why;
        open.delete(a.attemptId);
        activation = { attemptId: a.attemptId, lifeline: a.lifeline, edge: 'end' };
      }
    }
    if (steps[steps.length - 1] !== event.step) steps.push(event.step);
    const base = {
      index,
      step: event.step,
      tick: event.tick,
      event,
      summary: describeEvent(event),
      fault: shape.fault ?? false,
      trouble: shape.trouble ?? false,
      highlight,
      activation,
      causes: causes.chainOf(event),
      details: detailsOf(event),
    };
    rows.push(
      shape.kind === 'arrow'
        ? {
            ...base,
            kind: 'arrow',
            arrow: {
              from: shape.from,
              to: shape.to,
              label: shape.label,
              dashed: shape.dashed ?? false,
              failure: shape.failure ?? null,
            },
          }
        : { ...base, kind: 'note', note: { lifeline: shape.lifeline, text: shape.text } },
    );
  });
  return { lifelines: lines.list(), rows, activations, steps };
}

/** The event's own fields (ids, versions, payloads), as label/value pairs for a tooltip. */
function detailsOf(event: TraceEvent): { label: string; value: string }[] {
  return Object.entries(event)
    .filter(([k]) => k !== 'type' && k !== 'step' && k !== 'tick')
    .map(([label, v]) => {
      const value = typeof v === 'string' ? v : JSON.stringify(v ?? null);
      return {
        label,
        value: value.length > DETAIL_LENGTH_MAX ? `${value.slice(0, DETAIL_LENGTH_MAX)}…` : value,
      };
    });
}

const v = (version: number | null): string => (version === null ? 'absent' : `v${version}`);

function shapeOf(e: TraceEvent, lines: LifelineSet, causes: CauseTracker): Shape {
  const tabOf = (requestId: string): string => lines.tab(causes.tabOf(requestId) ?? '?');
  const queueOfCopy = (copyId: string): string => lines.queue(causes.destinationOf(copyId));
  switch (e.type) {
    case 'userAct':
      return {
        kind: 'note',
        lifeline: lines.tab(e.tab),
        text: `clicks ${e.route} (${e.requestId})`,
      };
    case 'httpArrive':
      return {
        kind: 'arrow',
        from: tabOf(e.requestId),
        to: lines.endpoint(e.endpoint),
        label: `${e.route} ${e.requestId}${e.attempt > 1 ? ` try ${e.attempt}` : ''}`,
        start: { attemptId: e.attemptId, lifeline: lines.endpoint(e.endpoint) },
      };
    case 'httpLost':
      return httpLostShape(e, lines, causes);
    case 'httpRespond': {
      const input = causes.inputOf(e.attemptId);
      return {
        kind: 'arrow',
        from: lines.endpoint(input?.endpoint ?? '?'),
        to: tabOf(e.requestId),
        label: `${e.status} ${e.requestId}`,
        dashed: true,
        end: { attemptId: e.attemptId, why: 'respond' },
      };
    }
    case 'httpGiveUp':
      return {
        kind: 'note',
        lifeline: lines.tab(e.tab),
        text: `gives up on ${e.requestId}`,
        trouble: true,
      };
    case 'deliver':
      return {
        kind: 'arrow',
        from: queueOfCopy(e.copyId),
        to: lines.endpoint(e.endpoint),
        label: `${e.messageType} ${e.messageId}${e.delivery > 1 ? ` #${e.delivery}` : ''}${e.reordered ? ' (out of order)' : ''}`,
        fault: e.reordered,
        start: { attemptId: e.attemptId, lifeline: lines.endpoint(e.endpoint) },
      };
    case 'read':
      return storeCall(e, lines, `read ${e.target} ${v(e.version)}`);
    case 'commit':
      return storeCall(
        e,
        lines,
        `commit ${e.writes.map((w) => `${w.target} ${w.version === null ? 'deleted' : v(w.version)}`).join(', ')}`,
      );
    case 'reject':
      return {
        ...storeCall(e, lines, `write ${e.target ?? ''} rejected: ${e.code}`.replace('  ', ' ')),
        failure: 'failed',
        fault: e.reason === 'fault',
      };
    case 'enqueue':
      return lines.has(lines.endpoint(e.producedBy.endpoint))
        ? {
            kind: 'arrow',
            from: lines.endpoint(e.producedBy.endpoint),
            to: lines.queue(e.destination),
            label: `${e.messageType} ${e.messageId}`,
          }
        : {
            kind: 'note',
            lifeline: lines.queue(e.destination),
            text: `${e.messageType} ${e.messageId} queued`,
          };
    case 'sendFail':
      return {
        kind: 'arrow',
        from: lines.endpoint(e.endpoint),
        to: lines.queue(e.destination),
        label: `${e.messageType} not sent`,
        failure: 'failed',
        fault: true,
      };
    case 'captured':
      return {
        kind: 'note',
        lifeline: lines.endpoint(e.endpoint),
        text: `holds ${e.messageType} for ${e.destination} until it returns`,
      };
    case 'ack':
      return {
        kind: 'arrow',
        from: lines.endpoint(e.endpoint),
        to: queueOfCopy(e.copyId),
        label: `ack ${e.messageId}`,
        dashed: true,
        end: { attemptId: e.attemptId, why: 'ack' },
      };
    case 'ackFail':
      return {
        kind: 'arrow',
        from: lines.endpoint(e.endpoint),
        to: queueOfCopy(e.copyId),
        label: `ack ${e.messageId} ${e.reason === 'leaseLost' ? 'refused: lease lost' : 'failed'}`,
        dashed: true,
        failure: 'failed',
        fault: e.reason === 'fault',
        trouble: e.reason === 'leaseLost',
        end: { attemptId: e.attemptId, why: 'ackFail' },
      };
    case 'leaseExpire':
      return {
        kind: 'note',
        lifeline: queueOfCopy(e.copyId),
        text: `lease of ${e.attemptId} on ${e.messageId} expires`,
        fault: true,
      };
    case 'crash':
      return {
        kind: 'note',
        lifeline: lines.endpoint(e.endpoint),
        text: `crash after ${e.after} (${e.attemptId})`,
        fault: true,
        end: { attemptId: e.attemptId, why: 'crash' },
      };
    case 'handlerThrew':
      return {
        kind: 'note',
        lifeline: lines.endpoint(e.endpoint),
        text: `${e.attemptId} threw ${e.error}`,
        trouble: true,
        end: { attemptId: e.attemptId, why: 'threw' },
      };
    case 'retry':
      return {
        kind: 'note',
        lifeline: queueOfCopy(e.copyId),
        text: `retry ${e.messageId} ${e.how}${e.dueTick !== undefined ? ` at tick ${e.dueTick}` : ''}`,
      };
    case 'deadLetter':
      return {
        kind: 'note',
        lifeline: queueOfCopy(e.copyId),
        text: `${e.messageType} ${e.messageId} → error queue`,
        trouble: true,
      };
    case 'timer':
      return {
        kind: 'note',
        lifeline: lines.queue(
          e.copyIds[0] === undefined ? undefined : causes.destinationOf(e.copyIds[0]),
        ),
        text: `timer: ${e.copyIds.join(', ') || 'nothing'} visible again`,
      };
    case 'duplicate':
      return {
        kind: 'note',
        lifeline: queueOfCopy(e.copyId),
        text: `duplicate of ${e.messageId}: ${e.newCopyId}`,
        fault: true,
      };
    case 'delay':
      return {
        kind: 'note',
        lifeline: queueOfCopy(e.copyId),
        text: `${e.messageId} delayed`,
        fault: true,
      };
    case 'external':
      return {
        kind: 'arrow',
        from: lines.endpoint(e.endpoint),
        to: lines.api(e.api),
        label: `${e.operation}${e.recordId ? ` ${e.recordId}` : ''}${e.replayed ? ' (replayed)' : ''}${e.outcome === 'failed' ? ' failed' : ''}${e.outcome === 'committedResponseLost' ? ': no answer' : ''}`,
        failure:
          e.outcome === 'failed'
            ? 'failed'
            : e.outcome === 'committedResponseLost'
              ? 'responseLost'
              : undefined,
        fault: e.outcome !== 'ok',
      };
    case 'kv':
      return {
        ...storeCall(e, lines, `${e.op} ${e.key} ${e.outcome === 'ok' ? v(e.version) : e.outcome}`),
        failure: e.outcome === 'fault' || e.outcome === 'conflict' ? 'failed' : undefined,
        fault: e.outcome === 'fault',
      };
    case 'append':
      return {
        ...storeCall(
          e,
          lines,
          `append ${e.count} to ${e.stream} ${e.outcome === 'ok' ? `v${e.version}` : e.outcome}`,
        ),
        failure: e.outcome === 'ok' ? undefined : 'failed',
        fault: e.outcome === 'fault',
      };
    case 'readStream':
      return storeCall(e, lines, `read ${e.stream} v${e.version}`);
    case 'choose':
      return {
        kind: 'note',
        lifeline: lines.endpoint(e.endpoint),
        text: `chooses ${e.label} = ${JSON.stringify(e.value)}`,
      };
    case 'log':
      return { kind: 'note', lifeline: lines.endpoint(e.endpoint), text: `log: ${e.text}` };
    case 'complete':
      return { kind: 'note', lifeline: lines.endpoint(e.endpoint), text: `${e.attemptId} returns` };
    default:
      return assertNever(e, 'trace event');
  }
}

function storeCall(
  e: { endpoint: string; store: string },
  lines: LifelineSet,
  label: string,
): Shape & { kind: 'arrow' } {
  return { kind: 'arrow', from: lines.endpoint(e.endpoint), to: lines.store(e.store), label };
}

function httpLostShape(
  e: Extract<TraceEvent, { type: 'httpLost' }>,
  lines: LifelineSet,
  causes: CauseTracker,
): Shape {
  const tab = lines.tab(causes.tabOf(e.requestId) ?? '?');
  const attemptId = causes.attemptOfRequest(e.requestId);
  const input = attemptId === undefined ? undefined : causes.inputOf(attemptId);
  const retry = e.willRetry ? ' (retry)' : '';
  // `which` is widened to string: the engine may add kinds (a server error answers 500).
  const which: string = e.which;
  if (which === 'request' || input === undefined)
    return {
      kind: 'arrow',
      from: tab,
      to: lines.endpoint(causes.endpointOfRequest(e.requestId) ?? '?'),
      label: `request ${e.requestId} lost${retry}`,
      failure: 'lost',
      fault: true,
    };
  const serverError = which !== 'response';
  return {
    kind: 'arrow',
    from: lines.endpoint(input.endpoint),
    to: tab,
    label: serverError ? `500 ${e.requestId}${retry}` : `response ${e.requestId} lost${retry}`,
    dashed: true,
    failure: serverError ? undefined : 'lost',
    fault: !serverError,
    trouble: serverError,
    end: { attemptId: attemptId!, why: serverError ? 'serverError' : 'responseLost' },
  };
}
