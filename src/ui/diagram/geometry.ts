/**
 * Geometry of the sequence diagram: one row height per layout (so rows can be virtualised by
 * arithmetic; compact in the run's full view), lane widths, and the few helpers the row and
 * header drawings share.
 */
import type { Activation, SequenceDiagram } from '../../projections';

export const ROW_HEIGHT_PX = 44;
/** Rows in the run's full view, where a whole counterexample should fit the window. */
export const COMPACT_ROW_HEIGHT_PX = 34;
export const HEADER_HEIGHT_PX = 64;
/** A lane's width when there is room; with many lanes in a narrow box they narrow down to MIN. */
export const LANE_WIDTH_PX = 176;
export const MIN_LANE_WIDTH_PX = 120;
export const GUTTER_WIDTH_PX = 72;
/** Width of an activation bar, and the offset of each concurrent one. */
export const BAR_WIDTH_PX = 14;
export const BAR_OFFSET_PX = 12;
/** Average advance of a 15 px label character, to size notes without measuring. */
export const CHAR_WIDTH_PX = 8.6;
/** Rows rendered beyond the visible ones, above and below. */
export const OVERSCAN_ROWS = 12;

export interface Layout {
  lanes: Map<string, number>;
  /** Width of one lane (LANE_WIDTH_PX, or less where many lanes share a narrow box). */
  laneWidth: number;
  width: number;
  /** Activations covering each row, by row index. */
  activeAt: Activation[][];
  /** Label character advance: larger in projector mode, where labels are 20 px. */
  charWidthPx: number;
  /** Height of one row (ROW_HEIGHT_PX, or COMPACT_ROW_HEIGHT_PX in the full view). */
  rowHeight: number;
}

/** The y of a row's arrow (labels sit above it). */
export function midY(layout: Pick<Layout, 'rowHeight'>): number {
  return layout.rowHeight / 2 + 8;
}

/** The gap above and below a note's box. */
export function noteInset(layout: Pick<Layout, 'rowHeight'>): number {
  return layout.rowHeight > 40 ? 6 : 3;
}

/** Character advance of the 20 px labels of projector mode. */
export const LARGE_CHAR_WIDTH_PX = 11.6;

export function laneX(layout: Layout, lifeline: string): number {
  const lane = layout.lanes.get(lifeline) ?? 0;
  return GUTTER_WIDTH_PX + lane * layout.laneWidth + layout.laneWidth / 2;
}

/** Centre x of an activation bar (concurrent attempts on one lifeline are offset). */
export function barX(layout: Layout, a: Activation): number {
  return laneX(layout, a.lifeline) + a.depth * BAR_OFFSET_PX;
}

export function createLayout(
  d: SequenceDiagram,
  charWidthPx = CHAR_WIDTH_PX,
  laneWidth = LANE_WIDTH_PX,
  rowHeight = ROW_HEIGHT_PX,
): Layout {
  const lanes = new Map(d.lifelines.map((l) => [l.id, l.index]));
  const activeAt: Activation[][] = d.rows.map(() => []);
  for (const a of d.activations) {
    const end = a.endRow ?? d.rows.length - 1;
    for (let i = a.startRow; i <= end; i++) activeAt[i]!.push(a);
  }
  return {
    lanes,
    laneWidth,
    width: GUTTER_WIDTH_PX + d.lifelines.length * laneWidth,
    activeAt,
    charWidthPx,
    rowHeight,
  };
}

/**
 * Rows to render for a scroll position, [first, last) with overscan. The header is sticky inside
 * the scroller and the rows start below it, so row i is at `i * rowHeightPx` from `scrollTopPx`.
 */
export function visibleRange(
  scrollTopPx: number,
  viewportPx: number,
  rowCount: number,
  rowHeightPx = ROW_HEIGHT_PX,
): { first: number; last: number } {
  const first = Math.max(0, Math.floor(scrollTopPx / rowHeightPx) - OVERSCAN_ROWS);
  const last = Math.min(
    rowCount,
    Math.ceil((scrollTopPx + viewportPx) / rowHeightPx) + OVERSCAN_ROWS,
  );
  return { first, last };
}

/** Shortens `text` to fit `widthPx` (the full text is in the tooltip and the aria label). */
export function fitText(text: string, widthPx: number, charWidthPx = CHAR_WIDTH_PX): string {
  const max = Math.max(4, Math.floor(widthPx / charWidthPx));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * The lane width for `lanes` lanes in a box `availablePx` wide, where the drawing may zoom down
 * to `minZoom`: the ideal width when everything fits, narrower (labels shortened, full text in
 * the tooltip) rather than a diagram that scrolls sideways, never below MIN_LANE_WIDTH_PX.
 */
export function laneWidthFor(availablePx: number, lanes: number, minZoom: number): number {
  if (availablePx <= 0 || lanes === 0) return LANE_WIDTH_PX;
  const fitting = Math.floor((availablePx / minZoom - GUTTER_WIDTH_PX) / lanes);
  return Math.max(MIN_LANE_WIDTH_PX, Math.min(LANE_WIDTH_PX, fitting));
}
