/**
 * The shape of a sequence diagram: plain data computed from a trace by `toSequenceDiagram`
 * (sequence.ts) and drawn by src/ui/diagram/SequenceDiagram.tsx. Rows are one per trace event,
 * in trace order, so a row's index is its event's index.
 */
import type { TraceEvent } from '../sim/trace';

export type LifelineKind = 'tab' | 'http' | 'endpoint' | 'broker' | 'queue' | 'store' | 'api';

/** One actor, drawn as a vertical line with a header. */
export interface Lifeline {
  /** `tab:alice`, `ep:Orders`, `broker` or `queue:Orders`, `store:db`, `api:PierogiPay`. */
  id: string;
  kind: LifelineKind;
  /** The actor's name as the manifest spells it ("Broker" for the single broker lifeline). */
  label: string;
  /** Left-to-right position, 0-based. */
  index: number;
}

/**
 * How an arrow fails: `lost` stops half-way with a cross (a lost request or response), `failed`
 * reaches its target and is refused there (rejected write, failed send or ack), `responseLost`
 * reached its target, which acted, but the answer never came back (the caller sees a failure).
 */
export type ArrowFailure = 'lost' | 'failed' | 'responseLost';

export interface ArrowShape {
  from: string;
  to: string;
  /** Message type and id, or the call kind and its target ("commit carts/cart-1 v2"). */
  label: string;
  /** Responses and acknowledgements are dashed. */
  dashed: boolean;
  failure: ArrowFailure | null;
}

export interface NoteShape {
  lifeline: string;
  text: string;
}

/** A link of the causal chain ("which attempt produced this"), nearest cause first. */
export interface CauseLink {
  kind: 'attempt' | 'message' | 'request' | 'tab' | 'workload';
  id: string;
  /** The endpoint of an attempt, or the destination of a message. */
  at?: string;
}

export type HighlightKind = 'ghost' | 'secondProcessing' | 'lostUpdate' | 'conflict';

/** An invariant-relevant fact, shown with an amber background and its reason. */
export interface RowHighlight {
  kind: HighlightKind;
  /** One sentence for the learner. */
  reason: string;
  /** The core invariant this fact bears on. */
  invariant: string;
  /**
   * Whether the exercise checks that invariant. When it does not, the fact is a note, not an
   * alarm: e.g. a message that finishes another's leftover transaction sends on its behalf.
   */
  checked: boolean;
}

/** How a row changes a handler attempt's activation bar. */
export interface ActivationEdge {
  attemptId: string;
  lifeline: string;
  edge: 'start' | 'end';
}

interface RowBase {
  /** Index of the row, equal to the event's index in the trace. */
  index: number;
  /** The step that produced the event (rows of one step are adjacent). */
  step: number;
  tick: number;
  event: TraceEvent;
  /** `describeEvent(event)`. */
  summary: string;
  /** An injected fault happened here (lost request, crash, failed write, duplicate...). */
  fault: boolean;
  /** Something went wrong without a fault of its own (handler threw, gave up, dead letter...). */
  trouble: boolean;
  highlight: RowHighlight | null;
  activation: ActivationEdge | null;
  causes: CauseLink[];
  /** The event's fields, for a tooltip (payloads, ids, versions). */
  details: { label: string; value: string }[];
}

export type SequenceRow =
  (RowBase & { kind: 'arrow'; arrow: ArrowShape }) | (RowBase & { kind: 'note'; note: NoteShape });

export type ActivationEnd =
  'ack' | 'ackFail' | 'respond' | 'responseLost' | 'serverError' | 'crash' | 'threw';

/** A handler attempt's bar on its endpoint's lifeline, from its start row to its end row. */
export interface Activation {
  attemptId: string;
  lifeline: string;
  startRow: number;
  /** null: still running at the end of the trace. */
  endRow: number | null;
  end: ActivationEnd | null;
  /** 0 for the first concurrent attempt on the lifeline, 1 for the next... (bars are offset). */
  depth: number;
}

export interface SequenceDiagram {
  lifelines: Lifeline[];
  rows: SequenceRow[];
  activations: Activation[];
  /** Distinct step indexes in trace order. */
  steps: number[];
}

export interface SequenceOptions {
  /** One Broker lifeline (default), or one per destination queue. */
  broker?: 'single' | 'perQueue';
}

/**
 * The one step numbering every view shows (diagram, table, slider, menus, presenter, exports):
 * step n is the n-th choice of the run (1-based), and "step n of N" means the world after it.
 * Projections keep 0-based step indexes; views print `stepNumber(index)`.
 */
export function stepNumber(index: number): number {
  return index + 1;
}
