import { describe, expect, it } from 'vitest';
import { createCheckerClient, createInThreadTransport } from '../checker/client';
import type { EnteringLearnerCode } from '../checker/protocol';
import { loadExercisesFromDisk } from './loadNode';
import { createExerciseModelFactory } from './exerciseModel';
import { isMessaging } from './bundle';

const exercises = await loadExercisesFromDisk();
const lost = exercises.filter(isMessaging).find((e) => e.folder === '04-lost-message')!;

describe('checking a messaging exercise through the checker protocol (in-thread client)', () => {
  const client = createCheckerClient(
    createInThreadTransport({
      createExerciseModel: createExerciseModelFactory(exercises),
      now: () => performance.now(),
      yieldToEvents: () => Promise.resolve(),
    }),
  );
  const request = (source: string, settings?: Record<string, string>) => ({
    kind: 'exercise' as const,
    folder: '04-lost-message',
    source,
    file: 'starter.ts',
    ...(settings ? { settings } : {}),
  });

  it('the starter is violated with a counterexample; the solution passes', async () => {
    const bad = await client.check(request(lost.sources['starter.ts']!)).result;
    expect(bad).toMatchObject({ verdict: 'violated', invariant: 'noLostMessages' });
    const good = await client.check(request(lost.sources['solution.ts']!)).result;
    expect(good).toMatchObject({ verdict: 'passed' });
  });

  it('settings change the verdict: without faults the starter passes', async () => {
    const r = await client.check(request(lost.sources['starter.ts']!, { 'faults.total': '0' }))
      .result;
    expect(r).toMatchObject({ verdict: 'passed' });
  });

  it('a compile error is a learner error at the learner line', async () => {
    const r = await client.check(
      request('export async function submitCart(req, ctx) {\n  await ctx.load(\n}'),
    ).result;
    expect(r).toMatchObject({ verdict: 'learner-error', file: 'starter.ts', line: 3 });
  });

  it('a runaway loop in a handler is a learner error naming the line', async () => {
    const src = lost.sources['solution.ts']!.replace(
      "const cart = await ctx.load<Cart>('carts', req.body.cartId);",
      "const cart = await ctx.load<Cart>('carts', req.body.cartId);\n  while (true) {}",
    );
    const r = await client.check(request(src)).result;
    expect(r).toMatchObject({ verdict: 'learner-error', file: 'starter.ts' });
    expect((r as { message: string }).message).toMatch(/Step budget exceeded/);
  });

  it('warming up ahead of a check changes no verdict, and a file that does not compile is harmless', async () => {
    client.warm(request('export async function submitCart(req, ctx) {\n  await ctx.load(\n}'));
    client.warm(request(lost.sources['solution.ts']!));
    const good = await client.check(request(lost.sources['solution.ts']!)).result;
    expect(good).toMatchObject({ verdict: 'passed' });
    expect(good.verdict === 'passed' && good.beyond?.map((b) => b.name)).toEqual([
      'one more fault',
      'one more browser tab',
    ]);
  });

  it('a diagnostic run announces every call into learner code, with the line it resumes after', async () => {
    const entered: EnteringLearnerCode[] = [];
    const r = await client.check(request(lost.sources['starter.ts']!), {
      onEnter: (where) => entered.push(where),
    }).result;
    expect(r).toMatchObject({ verdict: 'violated', invariant: 'noLostMessages' });
    // submitCart starts from the top, then resumes after its load (line 5), its store (line 10)
    // and its send (line 16); onSubmitOrder likewise on the Orders side.
    const frontend = entered.filter((e) => e.handler === 'submitCart');
    expect(frontend[0]).toEqual({
      endpoint: 'Frontend',
      handler: 'submitCart',
      attemptId: 'r1@Frontend',
    });
    expect(new Set(frontend.map((e) => e.afterLine))).toEqual(new Set([undefined, 5, 10, 16]));
    expect(entered.some((e) => e.handler === 'onSubmitOrder')).toBe(true);
  });
});
