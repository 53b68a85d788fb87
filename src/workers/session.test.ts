import { describe, expect, it } from 'vitest';
import { createEngine, describeChoice, playSeeded } from '../sim';
import { isMessaging } from '../workshop/bundle';
import { loadExercisesFromDisk } from '../workshop/loadNode';
import { createProgram } from '../workshop/program';
import { createSessionHost } from './session';
import type { SessionResponse, SessionSpec, SessionView } from './sessionProtocol';

const FOLDER = '04-lost-message';

function asView(r: SessionResponse): SessionView {
  if (r.type !== 'session') throw new Error(`expected a session view, got ${JSON.stringify(r)}`);
  return r;
}

describe('session host', async () => {
  const exercises = await loadExercisesFromDisk();
  const bundle = exercises.find((e) => e.folder === FOLDER);
  if (!bundle || !isMessaging(bundle)) throw new Error('04 missing');
  const spec: SessionSpec = {
    folder: FOLDER,
    file: 'starter.ts',
    source: bundle.sources['starter.ts']!,
    settings: {},
  };

  it('plays exactly like playSeeded from the start', () => {
    const host = createSessionHost(exercises);
    asView(host.handle({ type: 'session', op: { op: 'open', spec, labels: [] } }));
    const v = asView(host.handle({ type: 'session', op: { op: 'play', seed: 42, maxSteps: 500 } }));
    const program = createProgram(bundle.manifest, spec.source, spec.file);
    if (!program.ok) throw new Error('starter does not compile');
    const run = playSeeded(createEngine(program.program), { seed: 42, maxSteps: 500 });
    expect(v.choices.map((c) => c.label)).toEqual(run.choices.map(describeChoice));
    expect(v.events).toEqual(run.events);
    expect(v.cursor).toBe(run.choices.length);
  });

  it('steps, goes back, restores from labels and offers faults at a step', () => {
    const host = createSessionHost(exercises);
    let v = asView(host.handle({ type: 'session', op: { op: 'open', spec, labels: [] } }));
    expect(v.enabled.length).toBeGreaterThan(0);
    for (let i = 0; i < 8 && v.enabled.length > 0; i++) {
      v = asView(host.handle({ type: 'session', op: { op: 'step', index: 0 } }));
    }
    const labels = v.choices.map((c) => c.label);
    const back = asView(host.handle({ type: 'session', op: { op: 'seek', cursor: 2 } }));
    expect(back.cursor).toBe(2);
    expect(back.events).toBeUndefined();
    const restored = asView(
      createSessionHost(exercises).handle({
        type: 'session',
        op: { op: 'open', spec, labels, cursor: 2 },
      }),
    );
    expect(restored.world).toEqual(back.world);
    expect(restored.choices).toEqual(v.choices);

    // Some step of the run offers the exercise's fault (the broker rejects the send).
    const faults = labels.map((_, step) => {
      const r = host.handle({ type: 'session', op: { op: 'faultsAt', step } });
      return r.type === 'faults' ? r.faults : [];
    });
    const step = faults.findIndex((f) => f.some((c) => c.fault === 'sendFail'));
    expect(step).toBeGreaterThanOrEqual(0);
    const fault = faults[step]!.find((c) => c.fault === 'sendFail')!;
    const branched = asView(
      host.handle({
        type: 'session',
        op: { op: 'play', seed: 1, maxSteps: 500, from: { step, index: fault.index } },
      }),
    );
    expect(branched.branchStep).toBe(step);
    expect(branched.choices[step]).toMatchObject({ label: fault.label, fault: 'sendFail' });
    expect(branched.choices.slice(0, step).map((c) => c.label)).toEqual(labels.slice(0, step));
    expect(branched.events!.some((e) => e.type === 'sendFail')).toBe(true);
  });

  it("names the line of the learner's code each step ran, and the line each choice would run", () => {
    const host = createSessionHost(exercises);
    asView(host.handle({ type: 'session', op: { op: 'open', spec, labels: [] } }));
    const v = asView(host.handle({ type: 'session', op: { op: 'play', seed: 3, maxSteps: 60 } }));
    const lines = spec.source.split('\n');
    const lineOf = (text: string) => lines.findIndex((l) => l.includes(text)) + 1;
    const located = v.choices.filter((c) => c.line !== undefined);
    expect(located.length).toBeGreaterThan(3);
    // Every located step made a ctx call on that line.
    for (const c of located) expect(lines[c.line! - 1], c.label).toMatch(/ctx\./);
    // The request arriving starts the handler, which stops at its first call: the cart's load.
    const arrives = v.choices.find((c) => c.label.startsWith('request r1 arrives'))!;
    expect(arrives.line).toBe(lineOf("ctx.load<Cart>('carts'"));
    // The browser acting runs no learner code.
    expect(v.choices.find((c) => c.label.endsWith('acts'))!.line).toBeUndefined();
    // The step picker says where: the handler's next call, by line.
    const back = asView(host.handle({ type: 'session', op: { op: 'seek', cursor: 2 } }));
    const next = back.enabled.find((c) => c.label.endsWith(': ok'))!;
    expect(next.what).toBe(
      `Frontend, line ${lineOf("ctx.load<Cart>('carts'")}: ctx.load('carts', 'cart-1') → ok`,
    );
  });

  it('explains a run that does not fit the code', () => {
    const host = createSessionHost(exercises);
    const r = host.handle({ type: 'session', op: { op: 'open', spec, labels: ['deliver c99'] } });
    expect(r).toEqual({
      type: 'replayError',
      message: expect.stringContaining('Step 1 ("deliver c99") is not possible'),
    });
  });

  it('reports compile errors and bad settings', () => {
    const host = createSessionHost(exercises);
    const c = host.handle({
      type: 'compile',
      folder: FOLDER,
      file: 'starter.ts',
      source: 'export {',
    });
    expect(c.type).toBe('compiled');
    if (c.type === 'compiled') expect(c.error?.line).toBeGreaterThan(0);
    expect(
      host.handle({
        type: 'compile',
        folder: FOLDER,
        file: 'starter.ts',
        source: spec.source,
      }),
    ).toEqual({ type: 'compiled', error: null, warnings: [] });
    // A slip compiles, with a warning at its line.
    const slip = host.handle({
      type: 'compile',
      folder: FOLDER,
      file: 'starter.ts',
      source: spec.source.replace('await ctx.send(', 'ctx.send('),
    });
    expect(slip).toMatchObject({
      type: 'compiled',
      error: null,
      warnings: [{ file: 'starter.ts', message: expect.stringContaining('not awaited') }],
    });
    const bad = host.handle({
      type: 'session',
      op: { op: 'open', spec: { ...spec, settings: { 'faults.total': 'x' } }, labels: [] },
    });
    expect(bad.type).toBe('unavailable');
  });

  it('turns an infinite loop in a handler into a learner error', () => {
    const host = createSessionHost(exercises);
    const source = spec.source.replace(
      "const cart = await ctx.load<Cart>('carts', req.body.cartId);",
      "while (true) {}\n  const cart = await ctx.load<Cart>('carts', req.body.cartId);",
    );
    asView(
      host.handle({ type: 'session', op: { op: 'open', spec: { ...spec, source }, labels: [] } }),
    );
    const v = asView(host.handle({ type: 'session', op: { op: 'play', seed: 1, maxSteps: 100 } }));
    expect(v.stepError?.kind).toBe('budget');
    expect(v.stepError?.line).toBe(5);
  });
});
