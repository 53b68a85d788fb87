/**
 * Bugs in learner code are learner errors with the learner's file and line, never faults the
 * retries paper over, never "internal errors": engine-raised errors (TypeError, ReferenceError,
 * ...), misused ctx calls (unknown store, reserved names, non-JSON values), and handlers whose
 * replay makes different calls. Module state cannot survive from one attempt to the next.
 */
import { describe, expect, it } from 'vitest';
import { checkVariant } from './verify';
import { loadBundle } from './testing';

const bundle = await loadBundle('04-lost-message');
const solution = bundle.sources['solution.ts']!;
const FILE = 'mine.ts';

function check(source: string) {
  return checkVariant(bundle, { variant: 'mine', file: FILE, expected: null }, () => 0, source);
}

/** The solution with `needle` replaced by `replacement` (which must occur exactly once). */
function edit(needle: string, replacement: string): string {
  expect(solution.split(needle).length, `"${needle}" occurs once`).toBe(2);
  return solution.replace(needle, replacement);
}

function lineOf(source: string, text: string): number {
  return source.split('\n').findIndex((l) => l.includes(text)) + 1;
}

describe('bugs in learner code stop the check at their line', () => {
  it('the unmodified solution passes (the edits below are what breaks it)', () => {
    expect(check(solution).verdict).toBe('passed');
  });

  it('a TypeError in the first line of a handler is a learner error, not a retried fault', () => {
    const source = edit(
      "  await ctx.store('orders', ctx.newId(), {",
      "  const broken = (msg as unknown as { nope: { x: number } }).nope.x;\n  await ctx.store('orders', ctx.newId(), { broken,",
    );
    const r = check(source);
    expect(r.result).toMatchObject({
      verdict: 'learner-error',
      file: FILE,
      line: lineOf(source, 'const broken'),
    });
    expect(r.explanation).toMatch(/TypeError.*bug in your code/);
  });

  it('a ReferenceError in an HTTP handler is a learner error at its line', () => {
    const source = edit(
      "  if (!cart) return { error: 'no such cart' };",
      "  if (!cart) return { error: 'no such cart' };\n  // @ts-expect-error a typo the learner made\n  carts.length;",
    );
    expect(check(source).result).toMatchObject({
      verdict: 'learner-error',
      line: lineOf(source, 'carts.length'),
    });
  });

  it('a caught TypeError is still reported (a bug is not a fault to handle)', () => {
    const source = edit(
      "  if (!cart) return { error: 'no such cart' };",
      "  if (!cart) return { error: 'no such cart' };\n  try { (cart as unknown as { x: { y: number } }).x.y; } catch { /* swallowed */ }",
    );
    expect(check(source).result).toMatchObject({ verdict: 'learner-error', kind: 'runtime' });
  });

  it.each([
    [
      'a store-name typo',
      "ctx.load<Cart>('carts', req.body.cartId, { store: 'dbb' })",
      /no document store named "dbb"/,
    ],
    ["a collection named '__proto__'", "ctx.load<Cart>('__proto__', req.body.cartId)", /reserved/],
    ["a document id 'constructor'", "ctx.load<Cart>('carts', 'constructor')", /reserved/],
  ])('%s is a learner error naming the call', (_name, call, message) => {
    const source = edit("ctx.load<Cart>('carts', req.body.cartId)", call);
    const r = check(source);
    expect(r.result).toMatchObject({
      verdict: 'learner-error',
      file: FILE,
      line: lineOf(source, call),
    });
    expect(r.explanation).toMatch(message);
  });

  it.each([
    ['a function', 'items: () => 1,'],
    ['a BigInt', 'items: BigInt(1),'],
    ['a class instance', 'items: new Map(),'],
    ['a cycle', 'items: (() => { const a: unknown[] = []; a.push(a); return a; })(),'],
    ['undefined in an array', 'items: [...msg.items, undefined],'],
    ['a hole in an array', 'items: Object.assign(new Array(2), { 0: 1 }),'],
  ])('a payload holding %s is a learner error naming the call', (_name, field) => {
    const source = edit('    items: msg.items,\n  });', `    ${field}\n  });`);
    const r = check(source);
    expect(r.result).toMatchObject({ verdict: 'learner-error', file: FILE });
    expect((r.result as { line?: number }).line).toBeGreaterThan(0);
    expect(r.explanation).toMatch(/plain|cycle|JSON/);
  });

  it('ctx.store with a reserved collection name never pollutes Object.prototype', () => {
    const source = edit(
      "await ctx.store('orders', ctx.newId(), {",
      "await ctx.store('__proto__', 'polluted', {",
    );
    expect(check(source).verdict).toBe('learner-error');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(check(solution).verdict).toBe('passed');
  });
});

describe('module state cannot survive an attempt', () => {
  it('a module-level memo of ids is fresh for every attempt and replay', () => {
    // Memoising "already sent" in module memory would hide the resend after a failed send; with a
    // fresh module per attempt it forgets, and the solution's behaviour is unchanged.
    const source = edit(
      'export async function onSubmitOrder(',
      'const seen = new Set<string>();\nexport function seenCount() { return seen.size; }\nexport async function onSubmitOrder(',
    ).replace(
      "  await ctx.store('orders', ctx.newId(), {",
      "  if (seen.has(msg.cartId)) return;\n  seen.add(msg.cartId);\n  await ctx.store('orders', ctx.newId(), {",
    );
    expect(check(source).verdict).toBe('passed');
  });

  it('a handler that keeps state on a shared prototype makes a different call on replay: a learner error at that call', () => {
    const source = edit(
      "  await ctx.store('orders', ctx.newId(), {",
      "  const box = Object.prototype as unknown as { __n?: number };\n  box.__n = (box.__n ?? 0) + 1;\n  await ctx.store('orders', `order-${box.__n}`, {",
    );
    const r = check(source);
    delete (Object.prototype as unknown as { __n?: number }).__n;
    // (Without lockdown, as here, the polluted prototype shows in every call's digest, so the
    // first replayed call already differs; in the app's locked-down workers it cannot happen.)
    expect(r.result).toMatchObject({ verdict: 'learner-error', file: FILE });
    expect(r.explanation).toMatch(/not deterministic/);
  });

  it('a send whose content changes on replay is located at the send', () => {
    const source = edit(
      "  if (!cart) return { error: 'no such cart' };",
      "  if (!cart) return { error: 'no such cart' };\n  const box = Object.prototype as unknown as { __m?: number };\n  box.__m = (box.__m ?? 0) + 1;\n  await ctx.send('Orders', { type: 'Noise', payload: { n: box.__m } });",
    );
    const r = check(source);
    delete (Object.prototype as unknown as { __m?: number }).__m;
    expect(r.result).toMatchObject({
      verdict: 'learner-error',
      file: FILE,
      line: lineOf(source, "type: 'Noise'"),
    });
  });
});

describe('a retry policy exported by the learner', () => {
  it('that is not usable is a learner error naming the learner’s own file', async () => {
    const storm = await loadBundle('07-retry-storm');
    const starter = storm.sources['starter.ts']!;
    const broken = starter.replace(
      'export const retries = { immediate: 5, delayed: 0, backoffBaseTicks: 10 };',
      "export const retries = { immediate: 'five', delayed: 0, backoffBaseTicks: 10 };",
    );
    expect(broken).not.toBe(starter);
    const r = checkVariant(storm, { variant: 'mine', file: FILE, expected: null }, () => 0, broken);
    expect(r.result).toMatchObject({ verdict: 'learner-error', file: FILE });
    expect(r.explanation).toMatch(/must export `retries`/);
  });
});
