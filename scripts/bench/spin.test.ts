import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/checker/explorer';
import { createHandlerModel } from '../../src/checker/messageHandler/model';
import { loadLessonSolution } from './lesson';
import { hasSpin, runSpin } from './spin';

const spinAvailable = hasSpin();
const solution = (await loadLessonSolution()).module;

describe('SPIN agrees with the checker on the lesson solution', () => {
  for (const [n, f] of [
    [1, 1],
    [2, 1],
    [2, 2],
    [3, 2],
  ] as const) {
    // Skipped where SPIN (Debian package `spin`) or gcc is not installed.
    it.skipIf(!spinAvailable)(
      `pan stores as many states as we find at N=${n}, MaxFailures=${f}`,
      () => {
        const ours = checkModel(createHandlerModel(solution, { messages: n, maxFailures: f }));
        expect(ours.verdict).toBe('passed');
        const spin = runSpin(n, f);
        expect(spin.errors).toBe(0);
        expect(spin.statesStored).toBe(ours.distinctStates);
      },
    );
  }
});
