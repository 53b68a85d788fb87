import { describe, expect, it } from 'vitest';
import { FIT_MIN_ZOOM, FIT_MIN_ZOOM_LARGE, fitZoom, fitZoomToBox } from './DiagramToolbar';
import {
  COMPACT_ROW_HEIGHT_PX,
  GUTTER_WIDTH_PX,
  HEADER_HEIGHT_PX,
  LANE_WIDTH_PX,
  MIN_LANE_WIDTH_PX,
  laneWidthFor,
} from './geometry';

describe('fitting the diagram to its box', () => {
  it('narrows lanes before zooming, within their limits', () => {
    expect(laneWidthFor(2000, 5, FIT_MIN_ZOOM)).toBe(LANE_WIDTH_PX);
    const seven = laneWidthFor(770, 7, FIT_MIN_ZOOM);
    expect(seven).toBeLessThan(LANE_WIDTH_PX);
    expect((GUTTER_WIDTH_PX + 7 * seven) * FIT_MIN_ZOOM).toBeLessThanOrEqual(770);
    expect(laneWidthFor(300, 8, FIT_MIN_ZOOM)).toBe(MIN_LANE_WIDTH_PX);
  });

  it('zooms down no further than readable labels, and up only in projector mode', () => {
    expect(fitZoom(770, 1100, false)).toBeCloseTo(0.7, 2);
    expect(fitZoom(300, 1100, false)).toBe(FIT_MIN_ZOOM);
    expect(fitZoom(2000, 900, false)).toBe(1);
    expect(fitZoom(300, 1100, true)).toBe(FIT_MIN_ZOOM_LARGE);
    expect(fitZoom(1500, 900, true)).toBeCloseTo(1500 / 900, 5);
    expect(FIT_MIN_ZOOM * 15).toBeGreaterThanOrEqual(10);
    expect(FIT_MIN_ZOOM_LARGE * 20).toBeGreaterThan(18);
  });

  it('in the full view, fits the rows too, still no further than readable labels', () => {
    const diagram = { widthPx: 900, rows: 18, rowHeightPx: COMPACT_ROW_HEIGHT_PX };
    const tall = HEADER_HEIGHT_PX + 18 * COMPACT_ROW_HEIGHT_PX;
    // Wide box: the height decides (projector mode would zoom in to 1.4 on width alone).
    expect(fitZoomToBox({ widthPx: 1260, heightPx: tall * 0.95 }, diagram, true)).toBeCloseTo(
      0.95,
      5,
    );
    // Height never pushes labels below 18 px on a projector.
    expect(fitZoomToBox({ widthPx: 1260, heightPx: 300 }, diagram, true)).toBe(FIT_MIN_ZOOM_LARGE);
    // The width still binds when it is the tighter one; no height known: the width alone.
    expect(fitZoomToBox({ widthPx: 810, heightPx: tall * 2 }, diagram, false)).toBeCloseTo(0.9, 5);
    expect(fitZoomToBox({ widthPx: 1260, heightPx: 0 }, diagram, true)).toBeCloseTo(1.4, 5);
  });
});
