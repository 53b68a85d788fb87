import { describe, expect, it } from 'vitest';
import { compileLearnerModule } from './evaluate';

const warningsOf = (source: string) => {
  const compiled = compileLearnerModule(source, 'starter.ts');
  if (!compiled.ok) throw new Error(compiled.error.message);
  return compiled.warnings;
};

describe('slips: code that runs but does something else than meant', () => {
  it('warns about a ctx call whose promise is dropped, at its line in the learner file', () => {
    const warnings = warningsOf(`export async function submit(req: unknown, ctx: any) {
  const cart = await ctx.load('carts', 'c1');
  ctx.send('Orders', { type: 'SubmitOrder', payload: {} });
  await ctx.store('carts', 'c1', cart.value);
  ctx.events.append('s', []);
}
`);
    expect(warnings.map((w) => w.line)).toEqual([3, 5]);
    expect(warnings[1]!.message).toContain('`ctx.events.append(...)` is not awaited');
    expect(warnings.slice(0, 1)).toEqual([
      expect.objectContaining({
        file: 'starter.ts',
        line: 3,
        message: expect.stringContaining('`ctx.send(...)` is not awaited'),
      }),
    ]);
  });

  it('accepts awaited, returned, kept and synchronous calls', () => {
    expect(
      warningsOf(`export async function submit(req: unknown, ctx: any) {
  await ctx.send('Orders', { type: 'A', payload: {} });
  const pending = ctx.load('carts', 'c1');
  await pending;
  ctx.newId();
  other.send('x');
  return ctx.publish({ type: 'B', payload: {} });
}
`),
    ).toEqual([]);
  });

  it('warns about a read whose result is dropped, and a store the exercise does not have', () => {
    const source = `export async function submit(req: unknown, ctx: any) {
  await ctx.load('carts', 'c1');
  await ctx.kv.get('dbb', 'k');
  await ctx.store('carts', 'c1', {}, { store: 'db' });
  const ok = await ctx.kv.get('db', 'k');
  return ok;
}
`;
    const compiled = compileLearnerModule(source, 'starter.ts', { knownStores: ['db'] });
    if (!compiled.ok) throw new Error(compiled.error.message);
    const found = compiled.warnings.map((w) => [w.line, w.message]);
    expect(found).toEqual([
      [2, expect.stringContaining('The result of `ctx.load(...)` is not used')],
      [3, expect.stringContaining('The result of `ctx.kv.get(...)` is not used')],
      [3, expect.stringContaining("This exercise has no store 'dbb' (it has 'db')")],
    ]);
  });
});
