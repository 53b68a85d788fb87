import { describe, expect, it } from 'vitest';
import { FIT_MIN_ZOOM, FIT_MIN_ZOOM_LARGE, fitZoom } from './DiagramToolbar';
import { GUTTER_WIDTH_PX, LANE_WIDTH_PX, MIN_LANE_WIDTH_PX, laneWidthFor } from './geometry';

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
});
