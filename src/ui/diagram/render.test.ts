/**
 * A visual check without a browser: the diagram components rendered to static markup in Node,
 * with traces from the real engine. Asserts structure (lifelines, labels, fault markers,
 * highlights, aria) rather than pixels.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { crashRun, ghostRun, longRun } from '../../projections/testing/runs';
import { SequenceDiagram } from './SequenceDiagram';
import { Topology } from './Topology';
import { OVERSCAN_ROWS } from './geometry';

const noop = () => {};

function renderSequence(run: ReturnType<typeof ghostRun>, cursor: number, extra = {}) {
  return renderToStaticMarkup(
    createElement(SequenceDiagram, {
      events: run.events,
      manifest: run.manifest,
      cursor,
      onCursor: noop,
      onRowAction: noop,
      ...extra,
    }),
  );
}

const count = (html: string, needle: string) => html.split(needle).length - 1;

describe('SequenceDiagram (static markup)', () => {
  const run = ghostRun();
  const html = renderSequence(run, 5, { highlightStep: 3 });

  it('has a labelled scrubber bound to the cursor', () => {
    expect(html).toMatch(/<label for="[^"]+-scrub">Step<\/label>/);
    const input = /<input[^>]*type="range"[^>]*>/.exec(html)?.[0] ?? '';
    for (const attr of ['min="-1"', 'max="15"', 'value="5"']) expect(input).toContain(attr);
    // One numbering (stepNumber): the cursor's step index 5 is step 6, the last of 16.
    expect(html).toContain('aria-valuetext="step 6 of 16"');
    expect(html).toMatch(/class="seq-scrub-value"[^>]*>6 \/ 16</);
  });

  it('draws a header per lifeline, in order', () => {
    const order = ['tab:alice', 'ep:Frontend', 'ep:Orders', 'broker', 'store:db'];
    const positions = order.map((id) => html.indexOf(`data-lifeline="${id}"`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(html).toContain('>Frontend<');
    expect(html).toContain('Broker (message broker)');
  });

  it('draws arrows with their labels, a fault marker and a highlighted ghost', () => {
    expect(html).toContain('>submit r1<');
    expect(html).toContain('>SubmitOrder r1@Frontend.1<');
    expect(count(html, 'role="row" aria-rowindex=')).toBe(run.events.length);
    // The failed write: a fault row with a red cross.
    expect(html).toMatch(/data-fault="true"[^>]*>.*?class="seq-cross"/);
    expect(html).toMatch(
      /aria-label="Step 5\. r1@Frontend&#x27;s write to db is rejected \(StoreUnavailable\)\. fault"/,
    );
    expect(html).toMatch(
      /class="seq-row is-emphasised is-highlight[^"]*"[^>]*data-highlight="ghost"/,
    );
    expect(html).toContain('Ghost message: r1@Frontend sent SubmitOrder r1@Frontend.1');
    expect(html).toContain('aria-label="Faults at step 4"');
  });

  it('dims the future, marks the cursor and keeps one tab stop', () => {
    const rows = [...html.matchAll(/<div[^>]*role="row" aria-rowindex[^>]*>/g)].map((m) => m[0]);
    expect(rows.filter((r) => r.includes('is-future'))).toHaveLength(
      run.events.filter((e) => e.step > 5).length,
    );
    expect(rows.filter((r) => r.includes('aria-selected="true"'))).toHaveLength(
      run.events.filter((e) => e.step === 5).length,
    );
    expect(rows.filter((r) => r.includes('tabindex="0"'))).toHaveLength(1);
    expect(rows.find((r) => r.includes('tabindex="0"'))).toContain('data-step="5"');
  });

  it('renders only the rows in view of a long trace', () => {
    const long = longRun(60);
    const t0 = performance.now();
    const big = renderSequence(long, 0);
    const elapsedMs = performance.now() - t0;
    const rendered = count(big, 'role="row" aria-rowindex=');
    expect(long.events.length).toBeGreaterThan(500);
    expect(rendered).toBeLessThan(40 + 2 * OVERSCAN_ROWS);
    expect(big).toContain(`aria-rowcount="${long.events.length}"`);
    expect(elapsedMs).toBeLessThan(1000);
  });
});

describe('Topology (static markup)', () => {
  it('renders a node per actor with its state and contents', () => {
    const { manifest, world } = crashRun();
    const html = renderToStaticMarkup(createElement(Topology, { manifest, world }));
    expect(html).toContain('aria-label="Topology: actors, channels and their state"');
    for (const label of [
      'alice',
      'Frontend',
      'Orders queue',
      'Orders',
      'Billing',
      'db',
      'PierogiPay',
    ])
      expect(html).toContain(`<h3>${label}</h3>`);
    expect(html).toContain('<code>carts/cart-1</code> v2');
    expect(html).toContain('<code>pierogipay-1</code> by');
    expect(html).toMatch(/class="topo-state is-done"[^>]*>done</);
    expect(html).toMatch(/class="topo-state is-idle"[^>]*>idle</);
    expect(html).toContain('error queue 0');
  });
});
