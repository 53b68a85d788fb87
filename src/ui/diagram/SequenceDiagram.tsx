/**
 * The sequence diagram of a run: a drawing of `toSequenceDiagram(events, manifest)`.
 *
 * - A scrubber (range input) above it is bound to `cursor`; rows of later steps are dimmed.
 * - Rows are a grid with a roving tab stop: ↑/↓ (and ←/→) move the cursor by one step,
 *   PageUp/PageDown by ten, Home/End to the ends, Enter/Space set the cursor to the focused row,
 *   the context-menu key, Shift+F10 or F asks for the faults there (`onRowAction`).
 * - Hover or focus shows the row's details; the header of lifelines stays put while scrolling.
 * - Only the rows in view (plus a margin) are rendered, so long traces scroll smoothly.
 *
 * Keys handled here call `preventDefault()`: a page-wide shortcut handler should ignore events
 * whose `defaultPrevented` is set.
 */
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { toSequenceDiagram } from '../../projections';
import type { SequenceDiagram as Diagram, SequenceOptions } from '../../projections';
import type { ExerciseManifest, TraceEvent } from '../../sim';
import { HEADER_HEIGHT_PX, OVERSCAN_ROWS, ROW_HEIGHT_PX, visibleRange } from './geometry';
import { DiagramToolbar, useFitZoom } from './DiagramToolbar';
import { SequenceHeader } from './SequenceHeader';
import { SequenceRowView } from './SequenceRowView';
import { SequenceTooltip } from './SequenceTooltip';
import './diagram.css';

export interface SequenceDiagramProps {
  events: TraceEvent[];
  manifest: ExerciseManifest;
  /** Last step shown as done; rows of later steps are dimmed. -1: before the first step. */
  cursor: number;
  onCursor(step: number): void;
  /** Secondary action on a row (offer faults there). Without it, no "faults…" button. */
  onRowAction?(row: { step: number; event: TraceEvent }): void;
  /** A step to emphasise (e.g. where an invariant broke); scrolled into view when it changes. */
  highlightStep?: number;
  /** The step of the row under the pointer (null: none), e.g. to mark the code it ran. */
  onHoverStep?(step: number | null): void;
  /** One broker lifeline (default) or one per queue. */
  broker?: SequenceOptions['broker'];
  /**
   * Projector mode: labels sized for 20 px type, and "fit" may zoom in up to ZOOM_MAX to fill
   * the width.
   */
  large?: boolean;
  /**
   * "Fit" also fits the height (the run's full view): every row in view, as far as readable
   * labels allow.
   */
  fitHeight?: boolean;
}

/** Viewport height assumed before the first measurement (and in server rendering). */
const INITIAL_VIEWPORT_PX = 720;
const PAGE_STEPS = 10;
const SCROLL_CHUNK_PX = (OVERSCAN_ROWS / 2) * ROW_HEIGHT_PX;

export function SequenceDiagram(props: SequenceDiagramProps) {
  const { events, manifest, cursor, onCursor, onRowAction, highlightStep, broker, large } = props;
  const { onHoverStep } = props;
  const diagram = useMemo(
    () => toSequenceDiagram(events, manifest, { broker }),
    [events, manifest, broker],
  );
  const [box, setBox] = useState({ width: 0, height: 0 });
  const {
    layout,
    zoom,
    controls: zoomControls,
  } = useFitZoom(diagram, box.width, large === true, {
    ...(props.fitHeight ? { heightPx: box.height } : {}),
  });
  const zoomRef = useRef(zoom);
  zoomRef.current = zoom;
  const rowHeightRef = useRef(layout.rowHeight);
  rowHeightRef.current = layout.rowHeight;
  const index = useMemo(() => stepIndex(diagram), [diagram]);
  const lifelineIds = useMemo(() => diagram.lifelines.map((l) => l.id), [diagram]);
  const prefix = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: INITIAL_VIEWPORT_PX });
  const [focusRow, setFocusRow] = useState<number | null>(null);
  const [hoverRow, setHoverRow] = useState<number | null>(null);
  // Stable (rows are memoised on it): the latest rows and listener are read through refs.
  const hoverListener = useRef({ onHoverStep, rows: diagram.rows });
  hoverListener.current = { onHoverStep, rows: diagram.rows };
  const onRowHover = useCallback((row: number | null) => {
    setHoverRow(row);
    const { onHoverStep: tell, rows: now } = hoverListener.current;
    tell?.(row === null ? null : (now[row]?.step ?? null));
  }, []);
  const [tipHidden, setTipHidden] = useState(false);
  const pendingFocus = useRef<number | null>(null);

  const rows = diagram.rows;
  const lastStep = diagram.steps[diagram.steps.length - 1] ?? -1;
  const cursorRow = index.rowAtOrBefore(cursor);
  const tabStop = focusRow !== null && focusRow < rows.length ? focusRow : cursorRow;
  const tipRow = hoverRow ?? (tipHidden ? null : focusRow);

  const measure = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    // Re-render only when the scroll crosses a chunk of rows (the overscan covers the rest).
    // With a zoom, scroller pixels are `zoom` times the diagram's own pixels.
    const z = zoomRef.current;
    const top = Math.floor(el.scrollTop / z / SCROLL_CHUNK_PX) * SCROLL_CHUNK_PX;
    const height = (el.clientHeight || INITIAL_VIEWPORT_PX) / z;
    setView((v) => (v.top === top && v.height === height ? v : { top, height }));
    setBox((b) =>
      b.width === el.clientWidth && b.height === el.clientHeight
        ? b
        : { width: el.clientWidth, height: el.clientHeight },
    );
  }, []);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [measure]);

  const reveal = useCallback((row: number) => {
    const el = scroller.current;
    if (!el) return;
    const z = zoomRef.current;
    const rowPx = rowHeightRef.current * z;
    const top = row * rowPx;
    const visible = el.clientHeight - HEADER_HEIGHT_PX * z;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowPx > el.scrollTop + visible) el.scrollTop = top + rowPx - visible;
  }, []);
  useEffect(measure, [zoom, measure]);

  useEffect(() => reveal(cursorRow), [cursorRow, reveal]);
  useEffect(() => {
    if (highlightStep !== undefined) reveal(index.rowAtOrBefore(highlightStep));
  }, [highlightStep, index, reveal]);
  useEffect(() => {
    const row = pendingFocus.current;
    if (row === null) return;
    pendingFocus.current = null;
    scroller.current
      ?.querySelector<HTMLElement>(`[data-index="${row}"]`)
      ?.focus({ preventScroll: true });
  });

  const moveTo = useCallback(
    (row: number) => {
      const target = Math.max(0, Math.min(rows.length - 1, row));
      setFocusRow(target);
      setTipHidden(false);
      pendingFocus.current = target;
      reveal(target);
      onCursor(rows[target]!.step);
    },
    [rows, onCursor, reveal],
  );

  const onKey = useCallback(
    (e: KeyboardEvent<HTMLDivElement>, row: number) => {
      const at = index.stepPosition(rows[row]!.step);
      const byStep = (delta: number) => moveTo(index.firstRowAt(at + delta));
      const action = () => onRowAction?.({ step: rows[row]!.step, event: rows[row]!.event });
      const keys: Record<string, () => void> = {
        ArrowDown: () => byStep(1),
        ArrowRight: () => byStep(1),
        ArrowUp: () => byStep(-1),
        ArrowLeft: () => byStep(-1),
        PageDown: () => byStep(PAGE_STEPS),
        PageUp: () => byStep(-PAGE_STEPS),
        Home: () => moveTo(0),
        End: () => moveTo(index.firstRowAt(diagram.steps.length - 1)),
        Enter: () => onCursor(rows[row]!.step),
        ' ': () => onCursor(rows[row]!.step),
        ContextMenu: action,
        f: action,
        F: action,
        Escape: () => setTipHidden(true),
      };
      const handler = e.shiftKey && e.key === 'F10' ? action : keys[e.key];
      if (!handler || e.altKey || e.ctrlKey || e.metaKey) return;
      e.preventDefault();
      handler();
    },
    [index, rows, moveTo, onCursor, onRowAction, diagram.steps.length],
  );

  const onSelect = useCallback(
    (row: number) => {
      setFocusRow(row);
      onCursor(rows[row]!.step);
    },
    [rows, onCursor],
  );
  const onAction = useMemo(
    () =>
      onRowAction
        ? (row: number) => onRowAction({ step: rows[row]!.step, event: rows[row]!.event })
        : null,
    [onRowAction, rows],
  );

  const { first, last } = visibleRange(view.top, view.height, rows.length, layout.rowHeight);
  const rendered: number[] = [];
  for (let i = first; i < last; i++) rendered.push(i);
  // The tab stop stays rendered (and in place, so a focused row is never moved and blurred).
  if (rows.length > 0 && tabStop < first) rendered.unshift(tabStop);
  else if (rows.length > 0 && tabStop >= last) rendered.push(tabStop);
  const tipId = `${prefix}-tip`;

  return (
    <section className="seq" aria-label="Sequence diagram of the run">
      <DiagramToolbar
        id={`${prefix}-scrub`}
        cursor={cursor}
        lastStep={lastStep}
        disabled={rows.length === 0}
        onCursor={onCursor}
        zoom={zoomControls}
      />
      <div ref={scroller} className="seq-scroll" onScroll={measure}>
        <div
          role="grid"
          aria-label="Trace events, one row per event"
          aria-rowcount={rows.length}
          className="seq-grid"
          style={zoom === 1 ? { width: layout.width } : { width: layout.width, zoom }}
        >
          <SequenceHeader lifelines={diagram.lifelines} layout={layout} />
          <div
            role="rowgroup"
            className="seq-rows"
            style={{ height: rows.length * layout.rowHeight, width: layout.width }}
          >
            {rendered.map((i) => {
              const row = rows[i]!;
              return (
                <SequenceRowView
                  key={i}
                  row={row}
                  layout={layout}
                  lifelineIds={lifelineIds}
                  active={layout.activeAt[i]!}
                  firstOfStep={i === 0 || rows[i - 1]!.step !== row.step}
                  future={row.step > cursor}
                  atCursor={row.step === cursor}
                  emphasised={row.step === highlightStep}
                  tabStop={i === tabStop}
                  id={`${prefix}-row-${i}`}
                  tooltipId={tipRow === i ? tipId : undefined}
                  onSelect={onSelect}
                  onKey={onKey}
                  onHover={onRowHover}
                  onAction={onAction}
                />
              );
            })}
          </div>
        </div>
        {rows.length === 0 && (
          <p className="seq-empty">No events yet: run a step to see the diagram.</p>
        )}
        {tipRow !== null && rows[tipRow] && (
          <SequenceTooltip id={tipId} row={rows[tipRow]!} rowHeight={layout.rowHeight} />
        )}
      </div>
    </section>
  );
}

/** Lookups from steps to rows (rows of one step are adjacent). */
function stepIndex(d: Diagram) {
  const first = new Map<number, number>();
  d.rows.forEach((r, i) => {
    if (!first.has(r.step)) first.set(r.step, i);
  });
  const position = new Map(d.steps.map((s, i) => [s, i]));
  return {
    firstRowAt(stepPos: number): number {
      const s = d.steps[Math.max(0, Math.min(d.steps.length - 1, stepPos))];
      return s === undefined ? 0 : (first.get(s) ?? 0);
    },
    stepPosition: (step: number) => position.get(step) ?? 0,
    /** The first row of the latest step <= `step` (row 0 before the first step). */
    rowAtOrBefore(step: number): number {
      let lo = 0;
      let hi = d.steps.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (d.steps[mid]! <= step) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      return found < 0 ? 0 : (first.get(d.steps[found]!) ?? 0);
    },
  };
}
