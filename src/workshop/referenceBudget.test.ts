/**
 * The oracle's reference runs share the check's time budget: a check never runs past it while
 * computing what the reference solution reaches. Past the deadline the check ends "limit
 * reached (time)", saying why, in the CLI and verify path (checkVariant) and in the browser
 * worker's path (the check handler); with time left the same check passes.
 */
import { describe, expect, it } from 'vitest';
import { createCheckerHandler } from '../checker/handler';
import type { CheckerResponse } from '../checker/protocol';
import { isMessaging } from './bundle';
import { createExerciseModelFactory } from './exerciseModel';
import { loadExercisesFromDisk } from './loadNode';
import { checkVariant } from './verify';

/** A clock whose time is up from its second reading on: the budget ends before the reference. */
function clockThatRunsOut(): () => number {
  let reads = 0;
  return () => (reads++ === 0 ? 0 : 1e9);
}

const exercises = await loadExercisesFromDisk();
const bundleOf = (folder: string) => {
  const b = exercises.find((e) => e.folder === folder);
  if (!b || !isMessaging(b)) throw new Error(`${folder} missing`);
  return b;
};

describe("the oracle's reference within the check's time budget", () => {
  // The reference outcomes are cached per process: each exercise runs out of time first.
  it('checkVariant: out of time while computing the reference is a limit, never a pass', () => {
    const bundle = bundleOf('04-lost-message');
    const solution = { variant: 'solution', file: bundle.manifest.files.solution, expected: null };
    const late = checkVariant(bundle, solution, clockThatRunsOut());
    expect(late.verdict).toBe('limit-reached');
    expect(late.result).toMatchObject({ verdict: 'limit-reached', limit: 'time' });
    expect(late.explanation).toMatch(/reference solution's end results.*time budget/);
    expect(checkVariant(bundle, solution).verdict).toBe('passed');
  });

  it("the browser's check handler: the same limit, with its reason, as a result", async () => {
    const bundle = bundleOf('05-ghost-message');
    const check = async (now: () => number) => {
      const posted: CheckerResponse[] = [];
      const handler = createCheckerHandler({
        post: (r) => posted.push(r),
        now,
        yieldToEvents: () => Promise.resolve(),
        createExerciseModel: createExerciseModelFactory(exercises),
      });
      await handler.check({
        type: 'check',
        runId: 1,
        model: {
          kind: 'exercise',
          folder: bundle.folder,
          file: bundle.manifest.files.solution,
          source: bundle.sources[bundle.manifest.files.solution]!,
        },
        limits: { maxTimeMs: 60_000 },
      });
      const result = posted.find((r) => r.type === 'result');
      if (result?.type !== 'result') throw new Error(`no result: ${JSON.stringify(posted)}`);
      return result.result;
    };
    const late = await check(clockThatRunsOut());
    expect(late).toMatchObject({ verdict: 'limit-reached', limit: 'time' });
    expect(late.verdict === 'limit-reached' && late.reason).toMatch(/reference solution/);
    let t = 0;
    expect((await check(() => (t += 1))).verdict).toBe('passed');
  });
});
