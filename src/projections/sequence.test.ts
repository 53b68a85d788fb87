import { describe, expect, it } from 'vitest';
import { toSequenceDiagram } from './sequence';
import type { SequenceDiagram, SequenceRow } from './sequence';
import {
  concurrentRun,
  crashRun,
  ghostRun,
  l3HappyRun,
  leaseRun,
  longRun,
  reorderRun,
  responseLostRun,
} from './testing/runs';

const arrows = (d: SequenceDiagram) =>
  d.rows.filter((r): r is Extract<SequenceRow, { kind: 'arrow' }> => r.kind === 'arrow');

/** A compact, readable text form of a diagram (for snapshots and failure messages). */
function toText(d: SequenceDiagram): string {
  const lines = [d.lifelines.map((l) => l.id).join(' | ')];
  for (const r of d.rows) {
    const shape =
      r.kind === 'arrow'
        ? `${r.arrow.from} ${r.arrow.dashed ? '-->' : '->'} ${r.arrow.to}: ${r.arrow.label}${r.arrow.failure ? ` [${r.arrow.failure}]` : ''}`
        : `note ${r.note.lifeline}: ${r.note.text}`;
    const flags = [
      r.fault ? 'FAULT' : '',
      r.trouble ? 'TROUBLE' : '',
      r.highlight ? `HIGHLIGHT ${r.highlight.kind}` : '',
      r.activation ? `${r.activation.edge} ${r.activation.attemptId}` : '',
    ].filter(Boolean);
    lines.push(
      `${r.step}: ${shape}${flags.length ? ` {${flags.join(', ')}}` : ''} <= ${r.causes.map((c) => c.id).join(' < ')}`,
    );
  }
  return lines.join('\n');
}

describe('toSequenceDiagram', () => {
  it('marks an out-of-order delivery as a fault, and only that one', () => {
    const { events, manifest } = reorderRun();
    const deliveries = arrows(toSequenceDiagram(events, manifest)).filter((r) =>
      r.arrow.label.startsWith('SubmitOrder'),
    );
    const outOfOrder = deliveries.filter((r) => r.arrow.label.endsWith('(out of order)'));
    expect(outOfOrder).toHaveLength(1);
    expect(outOfOrder[0]!.fault).toBe(true);
    expect(deliveries.filter((r) => r.fault)).toEqual(outOfOrder);
  });

  it('orders lifelines tabs, HTTP endpoints, message endpoints, broker, stores, APIs', () => {
    const { events, manifest } = crashRun();
    const d = toSequenceDiagram(events, manifest);
    expect(d.lifelines.map((l) => l.id)).toEqual([
      'tab:alice',
      'ep:Frontend',
      'ep:Orders',
      'ep:Billing',
      'broker',
      'store:db',
      'api:PierogiPay',
    ]);
    expect(d.lifelines.map((l) => l.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(d.lifelines.find((l) => l.id === 'broker')?.label).toBe('Broker');
  });

  it('can draw one broker lifeline per destination queue', () => {
    const { events, manifest } = crashRun();
    const d = toSequenceDiagram(events, manifest, { broker: 'perQueue' });
    expect(d.lifelines.filter((l) => l.kind === 'queue').map((l) => l.id)).toEqual([
      'queue:Orders',
      'queue:Billing',
    ]);
    const deliverBilling = arrows(d).find(
      (r) => r.event.type === 'deliver' && r.event.endpoint === 'Billing',
    );
    expect(deliverBilling?.arrow.from).toBe('queue:Billing');
  });

  it('draws requests, deliveries, calls and responses as arrows with type and id', () => {
    const { events, manifest } = l3HappyRun();
    const d = toSequenceDiagram(events, manifest);
    expect(d.rows).toHaveLength(events.length);
    const labels = arrows(d).map((r) => `${r.arrow.from}>${r.arrow.to} ${r.arrow.label}`);
    expect(labels).toContain('tab:alice>ep:Frontend submit r1');
    expect(labels).toContain('ep:Frontend>store:db read carts/cart-1 v1');
    expect(labels).toContain('ep:Frontend>store:db commit carts/cart-1 v2');
    expect(labels).toContain('ep:Frontend>broker SubmitOrder r1@Frontend.1');
    expect(labels).toContain('broker>ep:Orders SubmitOrder r1@Frontend.1');
    const response = arrows(d).find((r) => r.event.type === 'httpRespond')!;
    expect(response.arrow).toMatchObject({ from: 'ep:Frontend', to: 'tab:alice', dashed: true });
    const ack = arrows(d).find((r) => r.event.type === 'ack')!;
    expect(ack.arrow.dashed).toBe(true);
    expect(d.rows.some((r) => r.fault || r.highlight)).toBe(false);
  });

  it('keeps each row’s step, source event and causal chain', () => {
    const { events, manifest } = l3HappyRun();
    const d = toSequenceDiagram(events, manifest);
    d.rows.forEach((r, i) => {
      expect(r.event).toBe(events[i]);
      expect(r.step).toBe(events[i]!.step);
    });
    expect(d.steps).toEqual([...new Set(events.map((e) => e.step))]);
    const commitOrder = d.rows.find(
      (r) => r.event.type === 'commit' && r.event.endpoint === 'Orders',
    )!;
    expect(commitOrder.causes.map((c) => `${c.kind}:${c.id}`)).toEqual([
      'attempt:r1@Frontend.1@Orders',
      'message:r1@Frontend.1',
      'attempt:r1@Frontend',
      'request:r1',
      'tab:alice',
    ]);
    expect(commitOrder.details).toContainEqual({
      label: 'attemptId',
      value: 'r1@Frontend.1@Orders',
    });
  });

  it('opens an activation at delivery or arrival and closes it at ack or response', () => {
    const { events, manifest } = l3HappyRun();
    const d = toSequenceDiagram(events, manifest);
    expect(d.activations.map((a) => [a.attemptId, a.lifeline, a.end])).toEqual([
      ['r1@Frontend', 'ep:Frontend', 'respond'],
      ['r1@Frontend.1@Orders', 'ep:Orders', 'ack'],
    ]);
    for (const a of d.activations) {
      expect(d.rows[a.startRow]!.activation).toEqual({
        attemptId: a.attemptId,
        lifeline: a.lifeline,
        edge: 'start',
      });
      expect(d.rows[a.endRow!]!.activation?.edge).toBe('end');
    }
  });

  it('highlights a ghost message and marks the failed write as a fault', () => {
    const { events, manifest } = ghostRun();
    const d = toSequenceDiagram(events, manifest);
    const ghost = d.rows.find((r) => r.highlight?.kind === 'ghost')!;
    expect(ghost.event.type).toBe('enqueue');
    expect(ghost.highlight!.invariant).toBe('noGhostMessages');
    expect(ghost.highlight!.reason).toMatch(/Ghost message: r1@Frontend sent SubmitOrder/);
    const reject = arrows(d).find((r) => r.event.type === 'reject')!;
    expect(reject.fault).toBe(true);
    expect(reject.arrow.failure).toBe('failed');
  });

  it('shows a fact the exercise does not check as a note, not an alarm', () => {
    const { events, manifest } = ghostRun();
    expect(manifest.invariants.map((i) => i.name)).toContain('noGhostMessages');
    const checked = toSequenceDiagram(events, manifest).rows.find((r) => r.highlight)!.highlight!;
    expect(checked).toMatchObject({ kind: 'ghost', checked: true });
    const unchecked = {
      ...manifest,
      invariants: manifest.invariants.filter((i) => i.name !== 'noGhostMessages'),
    };
    const note = toSequenceDiagram(events, unchecked).rows.find((r) => r.highlight)!.highlight!;
    expect(note).toMatchObject({ kind: 'ghost', checked: false });
    expect(note.reason).toMatch(/does not check noGhostMessages/);
  });

  it('marks a crash as a fault that ends the attempt, and the lost response after it', () => {
    const { events, manifest } = crashRun();
    const d = toSequenceDiagram(events, manifest);
    const crash = d.rows.find((r) => r.event.type === 'crash')!;
    expect(crash).toMatchObject({ kind: 'note', fault: true, note: { lifeline: 'ep:Frontend' } });
    expect(crash.activation).toEqual({
      attemptId: 'r1@Frontend',
      lifeline: 'ep:Frontend',
      edge: 'end',
    });
    expect(d.activations.find((a) => a.attemptId === 'r1@Frontend')?.end).toBe('crash');
    // Concurrent attempts on one lifeline are offset.
    expect(d.activations.find((a) => a.attemptId === 'r2@Frontend')?.depth).toBe(1);
  });

  it('draws a lost response as a dashed arrow that stops half-way', () => {
    const { events, manifest } = responseLostRun();
    const d = toSequenceDiagram(events, manifest);
    const lost = arrows(d).find((r) => r.event.type === 'httpLost')!;
    expect(lost.arrow).toMatchObject({
      from: 'ep:Frontend',
      to: 'tab:alice',
      dashed: true,
      failure: 'lost',
    });
    expect(lost.fault).toBe(true);
    expect(lost.activation?.edge).toBe('end');
  });

  it('highlights a second processing of one message after a lease expiry', () => {
    const { events, manifest } = leaseRun();
    const d = toSequenceDiagram(events, manifest);
    expect(d.rows.find((r) => r.event.type === 'leaseExpire')?.fault).toBe(true);
    const second = d.rows.filter((r) => r.highlight?.kind === 'secondProcessing');
    expect(second).toHaveLength(1);
    expect(second[0]!.event).toMatchObject({
      type: 'commit',
      attemptId: 'm1@Orders#2',
      incomingId: 'm1',
    });
    expect(second[0]!.highlight!.invariant).toBe('noDuplicateProcessing');
    const ackFail = d.rows.find((r) => r.event.type === 'ackFail')!;
    expect(ackFail).toMatchObject({ fault: false, trouble: true });
  });

  it('highlights a rejected conflict, and a lost update without expectedVersion', () => {
    const guarded = toSequenceDiagram(concurrentRun(true).events, concurrentRun(true).manifest);
    expect(guarded.rows.find((r) => r.event.type === 'duplicate')?.fault).toBe(true);
    expect(guarded.rows.filter((r) => r.highlight?.kind === 'conflict')).toHaveLength(1);
    const unguarded = concurrentRun(false);
    const d = toSequenceDiagram(unguarded.events, unguarded.manifest);
    const lost = d.rows.filter((r) => r.highlight?.kind === 'lostUpdate');
    expect(lost).toHaveLength(1);
    expect(lost[0]!.highlight!.reason).toMatch(/read orders\/order-1 at v1 and overwrote v2/);
    expect(unguarded.world.history.lostUpdates).toHaveLength(1);
  });

  it('is pinned by a snapshot (the ghost run)', () => {
    const { events, manifest } = ghostRun();
    expect(toText(toSequenceDiagram(events, manifest))).toMatchSnapshot();
  });

  it('projects a long trace quickly', () => {
    const { events, manifest } = longRun(60);
    expect(events.length).toBeGreaterThan(500);
    const t0 = performance.now();
    const d = toSequenceDiagram(events, manifest);
    const elapsedMs = performance.now() - t0;
    expect(d.rows).toHaveLength(events.length);
    expect(elapsedMs).toBeLessThan(500);
  });
});
