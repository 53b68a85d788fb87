/**
 * A long run's diagram is exported as a window of steps around the cursor: bounded, and drawn
 * even though lines and activations began before the window.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { longRun } from '../../projections/testing/runs';
import { DiagramSvg } from '../diagram/DiagramSvg';
import { exportWindow } from './exportDiagram';

describe('exporting a long run', () => {
  const run = longRun(60);
  const steps = run.events.at(-1)!.step + 1;

  it('keeps a short run whole', () => {
    const w = exportWindow(run.events, 10, 10_000);
    expect(w).toMatchObject({ first: 0, last: run.events.length - 1, total: run.events.length });
    expect(w.events).toHaveLength(run.events.length);
  });

  it('cuts a long one to the events around the cursor, which still draw', () => {
    const cursor = Math.floor(steps / 2);
    const w = exportWindow(run.events, cursor, 100);
    expect(w.events).toHaveLength(100);
    expect(w.events[0]!.step).toBeLessThanOrEqual(cursor);
    expect(w.events.at(-1)!.step).toBeGreaterThanOrEqual(cursor);
    expect(w.events).toEqual(run.events.slice(w.first, w.last + 1));
    const svg = renderToStaticMarkup(
      createElement(DiagramSvg, { events: w.events, manifest: run.manifest, cursor }),
    );
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.length).toBeLessThan(
      renderToStaticMarkup(
        createElement(DiagramSvg, { events: run.events, manifest: run.manifest, cursor }),
      ).length / 2,
    );
  });
});
