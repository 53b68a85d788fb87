/**
 * Above the sequence diagram: the step scrubber (bound to the cursor) and the zoom — "Fit" (the
 * default: every lane in view, lanes narrowed first, then the drawing zoomed down no further
 * than readable labels), or the learner's own zoom with − and +.
 */
import { useMemo, useState } from 'react';
import type { SequenceDiagram } from '../../projections';
import { stepNumber } from '../../projections';
import {
  COMPACT_ROW_HEIGHT_PX,
  HEADER_HEIGHT_PX,
  LANE_WIDTH_PX,
  LARGE_CHAR_WIDTH_PX,
  ROW_HEIGHT_PX,
  createLayout,
  laneWidthFor,
} from './geometry';
import type { Layout } from './geometry';

const ZOOM_MAX = 1.8;
/** The smallest zoom "fit" goes down to, so labels stay readable (15 px labels at 10.5 px). */
export const FIT_MIN_ZOOM = 0.7;
/** Projector mode's 20 px labels stay above 18 px. */
export const FIT_MIN_ZOOM_LARGE = 0.91;
const ZOOM_STEP = 0.1;
const ZOOM_LIMITS = [0.5, 2] as const;

/**
 * The zoom "fit" picks: the whole width of the lanes in view, within what keeps labels
 * readable (below, the diagram scrolls sideways inside its own box, never the page).
 */
export function fitZoom(availablePx: number, diagramPx: number, large: boolean): number {
  if (availablePx <= 0) return 1;
  const fit = availablePx / diagramPx;
  return Math.min(large ? ZOOM_MAX : 1, Math.max(large ? FIT_MIN_ZOOM_LARGE : FIT_MIN_ZOOM, fit));
}

export interface ZoomControls {
  value: number;
  /** Is the zoom following the box ("Fit")? */
  fitting: boolean;
  fit(): void;
  by(delta: number): void;
}

/**
 * The zoom "fit" picks when the height counts too (the run's full view): the smaller of the
 * width's fit and the one that shows every row, never below readable labels.
 */
export function fitZoomToBox(
  box: { widthPx: number; heightPx: number },
  diagram: { widthPx: number; rows: number; rowHeightPx: number },
  large: boolean,
): number {
  const byWidth = fitZoom(box.widthPx, diagram.widthPx, large);
  if (box.heightPx <= 0) return byWidth;
  const heightPx = HEADER_HEIGHT_PX + diagram.rows * diagram.rowHeightPx;
  return Math.min(byWidth, fitZoom(box.heightPx, heightPx, large));
}

/**
 * The diagram's layout and zoom for a box `widthPx` wide (and `heightPx` high when given: "fit"
 * then shows every row too, see fitZoomToBox).
 */
export function useFitZoom(
  diagram: SequenceDiagram,
  widthPx: number,
  large: boolean,
  fit: { heightPx?: number } = {},
): { layout: Layout; zoom: number; controls: ZoomControls } {
  // "fit" (the default) follows the box's width; a number is the learner's own zoom.
  const [choice, setChoice] = useState<'fit' | number>('fit');
  const minZoom = large ? FIT_MIN_ZOOM_LARGE : FIT_MIN_ZOOM;
  // Fitting the height too (the full view) takes compact rows.
  const compact = fit.heightPx !== undefined;
  // Fitting narrows the lanes first (in steps of 8 px, so a resize rarely re-lays them out).
  const laneWidth =
    choice === 'fit'
      ? Math.floor(laneWidthFor(widthPx - 4, diagram.lifelines.length, minZoom) / 8) * 8
      : LANE_WIDTH_PX;
  const layout = useMemo(
    () =>
      createLayout(
        diagram,
        large ? LARGE_CHAR_WIDTH_PX : undefined,
        laneWidth,
        compact ? COMPACT_ROW_HEIGHT_PX : ROW_HEIGHT_PX,
      ),
    [diagram, large, laneWidth, compact],
  );
  const zoom =
    choice !== 'fit'
      ? choice
      : fit.heightPx === undefined
        ? fitZoom(widthPx - 4, layout.width, large)
        : fitZoomToBox(
            { widthPx: widthPx - 4, heightPx: fit.heightPx - 4 },
            { widthPx: layout.width, rows: diagram.rows.length, rowHeightPx: layout.rowHeight },
            large,
          );
  const controls: ZoomControls = {
    value: zoom,
    fitting: choice === 'fit',
    fit: () => setChoice('fit'),
    by: (delta) =>
      setChoice(
        Math.round(Math.min(ZOOM_LIMITS[1], Math.max(ZOOM_LIMITS[0], zoom + delta)) / ZOOM_STEP) *
          ZOOM_STEP,
      ),
  };
  return { layout, zoom, controls };
}

interface Props {
  id: string;
  /** The step index shown (-1: before the first). */
  cursor: number;
  lastStep: number;
  disabled: boolean;
  onCursor(step: number): void;
  zoom: ZoomControls;
}

export function DiagramToolbar({ id, cursor, lastStep, disabled, onCursor, zoom }: Props) {
  return (
    <div className="seq-scrubber">
      <label htmlFor={id}>Step</label>
      <input
        id={id}
        type="range"
        min={-1}
        max={Math.max(lastStep, -1)}
        step={1}
        value={Math.min(cursor, lastStep)}
        disabled={disabled}
        aria-valuetext={
          cursor < 0
            ? 'before the first step'
            : `step ${stepNumber(cursor)} of ${stepNumber(lastStep)}`
        }
        onChange={(e) => onCursor(Number(e.currentTarget.value))}
      />
      <output htmlFor={id} className="seq-scrub-value">
        {`${stepNumber(cursor)} / ${stepNumber(lastStep)}`}
      </output>
      <div className="seq-zoom" role="group" aria-label="Zoom of the diagram">
        <button
          type="button"
          className="button button-secondary button-small"
          aria-label="Zoom out"
          onClick={() => zoom.by(-ZOOM_STEP)}
        >
          −
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          aria-pressed={zoom.fitting}
          title="Fit the lanes to the width"
          onClick={zoom.fit}
        >
          Fit
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          aria-label="Zoom in"
          onClick={() => zoom.by(ZOOM_STEP)}
        >
          +
        </button>
        <output className="seq-zoom-value" data-testid="diagram-zoom">
          {Math.round(zoom.value * 100)}%
        </output>
      </div>
    </div>
  );
}
