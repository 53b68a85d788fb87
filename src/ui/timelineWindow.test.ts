/**
 * The Timeline table of a long run renders a bounded window of rows around the cursor (static
 * markup in Node), with buttons to see the rows before and after it.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../sim';
import { TimelineTable, WINDOW_ROWS } from './TimelineTable';

/** `n` log events, one per step. */
function logs(n: number): TraceEvent[] {
  return Array.from({ length: n }, (_, step) => ({
    type: 'log' as const,
    step,
    tick: 0,
    attemptId: 'm1@Orders',
    endpoint: 'Orders',
    text: `line ${step + 1}`,
  }));
}

const render = (events: TraceEvent[], cursor?: number) =>
  renderToStaticMarkup(
    createElement(TimelineTable, {
      events,
      seed: 1,
      file: 'starter.ts',
      ...(cursor !== undefined ? { cursor, onSeek: () => {} } : {}),
    }),
  );
const bodyRows = (html: string) => (html.match(/<tr/g) ?? []).length - 1;

describe('the Timeline table of a long run', () => {
  it('renders every row of a short run', () => {
    const html = render(logs(50), 10);
    expect(bodyRows(html)).toBe(50);
    expect(html).not.toContain('Show earlier rows');
  });

  it('renders a bounded window around the cursor of a 50,000-event run', () => {
    const html = render(logs(50_000), 25_000);
    expect(bodyRows(html)).toBe(WINDOW_ROWS + 2);
    expect(html).toContain('line 25000<');
    // The cursor's row in the middle of the window.
    const first = 25_000 - WINDOW_ROWS / 2;
    const n = (x: number) => x.toLocaleString('en-US');
    expect(html).toContain(`Show earlier rows (${n(first - 1)} before these)`);
    expect(html).toContain('Show later rows');
    expect(html).toContain(`rows ${n(first)}–${n(first + WINDOW_ROWS - 1)} of 50,000`);
  });

  it('without a cursor shows the end of the run', () => {
    const html = render(logs(50_000));
    expect(html).toContain('line 50000<');
    expect(html).not.toContain('Show later rows');
  });
});
