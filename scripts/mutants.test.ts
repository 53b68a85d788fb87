import { describe, expect, it } from 'vitest';
import { generateMutants } from './mutants';
import { mutationTest } from './mutation';
import { loadBundle } from '../src/workshop/testing';

const SOURCE = `import type { HandlerContext } from '../types';
export async function onSubmit(msg: { id: string }, ctx: HandlerContext) {
  const doc = await ctx.load('carts', msg.id);
  await ctx.store('carts', msg.id, { done: true }, { expectedVersion: doc!.version });
  await ctx.send('Orders', { type: 'Go', payload: {} }, { id: \`go-\${msg.id}\` });
  try {
    await ctx.call('Api', 'charge', {}, { idempotencyKey: msg.id });
  } catch (e) {
    throw e;
  }
}
export const helper = async (ctx: HandlerContext) => {
  await ctx.publish({ type: 'X' });
};`;

describe('generateMutants', () => {
  const mutants = generateMutants(SOURCE);
  const byId = new Map(mutants.map((m) => [m.id, m.source]));

  it('names every mutant by operator, function and ordinal', () => {
    expect([...byId.keys()]).toEqual([
      'swap-calls in onSubmit #1',
      'delete-call in onSubmit #1',
      'swap-calls in onSubmit #2',
      'delete-call in onSubmit #2',
      'drop-expectedVersion in onSubmit #1',
      'per-attempt-id in onSubmit #1',
      'delete-call in onSubmit #3',
      'per-attempt-id in onSubmit #2',
      'swallow in onSubmit #1',
      'delete-call in helper #1',
      'gut in onSubmit #1',
      'throw-first in onSubmit #1',
      'gut in helper #1',
      'throw-first in helper #1',
      'do-nothing-file in file #1',
      'throw-file in file #1',
    ]);
  });

  it('applies each edit to the source', () => {
    expect(byId.get('delete-call in onSubmit #2')).not.toContain("ctx.send('Orders'");
    expect(byId.get('drop-expectedVersion in onSubmit #1')).toContain('expectedVersion: undefined');
    expect(byId.get('per-attempt-id in onSubmit #1')).toContain('{ id: ctx.newId() }');
    expect(byId.get('per-attempt-id in onSubmit #2')).toContain('idempotencyKey: ctx.newId()');
    expect(byId.get('swallow in onSubmit #1')).toContain('catch (e) {}');
    expect(byId.get('gut in helper #1')).toContain('async (ctx: HandlerContext) => { return; }');
    const swapped = byId.get('swap-calls in onSubmit #2')!;
    expect(swapped.indexOf("ctx.send('Orders'")).toBeLessThan(swapped.indexOf("ctx.store('carts'"));
    expect(byId.get('throw-file in file #1')!.match(/not implemented yet/g)).toHaveLength(2);
  });
});

describe('mutationTest', () => {
  it('kills the mutants of a real exercise and reports survivors by id', async () => {
    const bundle = await loadBundle('04-lost-message');
    const withoutJustifications = {
      ...bundle,
      manifest: { ...bundle.manifest, equivalentMutants: {} },
    };
    const report = mutationTest(withoutJustifications);
    expect(report.total).toBeGreaterThan(8);
    expect(report.killed + report.survivors.length).toBe(report.total);
    // Gutting the frontend or the back end can never pass: nothing would happen.
    expect(report.survivors.map((s) => s.id)).not.toContain('gut in submitCart #1');
    expect(report.survivors.map((s) => s.id)).not.toContain('gut in onSubmitOrder #1');
  });

  it('reports a stale justification', async () => {
    const bundle = await loadBundle('04-lost-message');
    const report = mutationTest({
      ...bundle,
      manifest: {
        ...bundle.manifest,
        equivalentMutants: { 'gut in onSubmitOrder #1': 'not really', 'no such #1': 'x' },
      },
    });
    expect(report.staleJustifications).toEqual(['gut in onSubmitOrder #1']);
    expect(report.unknownJustifications).toEqual(['no such #1']);
  });
});
