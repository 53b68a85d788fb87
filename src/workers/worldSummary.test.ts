import { describe, expect, it } from 'vitest';
import { createEngine, playSeeded } from '../sim';
import { isMessaging } from '../workshop/bundle';
import { loadExercisesFromDisk } from '../workshop/loadNode';
import { createProgram } from '../workshop/program';
import { summarizeWorld } from './worldSummary';

describe('summarizeWorld', async () => {
  const exercises = await loadExercisesFromDisk();
  const engineOf = (folder: string) => {
    const bundle = exercises.find((e) => e.folder === folder);
    if (!bundle || !isMessaging(bundle)) throw new Error(`${folder} missing`);
    const program = createProgram(bundle.manifest, bundle.sources['solution.ts']!, 'solution.ts');
    if (!program.ok) throw new Error(`${folder}'s solution does not compile`);
    return createEngine(program.program);
  };

  it('lists the answers of a tab that keeps its responses, in order', () => {
    const engine = engineOf('20-consistency-token');
    const run = playSeeded(engine, { seed: 1 });
    const answers = summarizeWorld(engine, run.world).answers;
    expect(answers.map((a) => `${a.tab} ${a.route}`)).toEqual([
      'alice submit',
      'alice myOrders',
      'alice submit',
      'alice myOrders',
    ]);
    expect(answers[0]!.body).toContain('"token":1');
    expect(answers[3]!.body).toContain('cart-2');
  });

  it('has no answers for tabs that keep none', () => {
    const engine = engineOf('04-lost-message');
    const run = playSeeded(engine, { seed: 1 });
    expect(summarizeWorld(engine, run.world).answers).toEqual([]);
  });
});
