/**
 * "Passed" is earned: the cases that once passed wrongly are pinned here, across every messaging
 * exercise (a do-nothing file, a file that throws first, the solution with one handler gutted),
 * and correct code in another shape still passes (Prettier's formatting of a solution).
 */
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { isMessaging } from '../src/workshop/bundle';
import type { ExerciseBundle } from '../src/workshop/bundle';
import { loadExercisesFromDisk } from '../src/workshop/loadNode';
import { checkVariant } from '../src/workshop/verify';
import { generateMutants } from './mutants';

const exercises = (await loadExercisesFromDisk()).filter(isMessaging) as ExerciseBundle[];

function verdictOf(bundle: ExerciseBundle, source: string): string {
  const file = bundle.manifest.files.solution;
  return checkVariant(bundle, { variant: 'probe', file, expected: null }, () => 0, source).verdict;
}

function mutantsOf(bundle: ExerciseBundle, operators: string[]) {
  const source = bundle.sources[bundle.manifest.files.solution]!;
  return generateMutants(source).filter((m) => operators.includes(m.operator));
}

describe('no vacuous pass', () => {
  it('covers every messaging exercise', () => {
    expect(exercises.length).toBeGreaterThanOrEqual(22);
  });

  for (const bundle of exercises) {
    it(`${bundle.folder}: a do-nothing file and a file that throws first are caught`, () => {
      // With one exported function, gutting it is the do-nothing file.
      const files = mutantsOf(bundle, ['do-nothing-file', 'throw-file']);
      const probes = files.length > 0 ? files : mutantsOf(bundle, ['gut', 'throw-first']);
      expect(probes.length).toBeGreaterThan(0);
      for (const m of probes) expect(verdictOf(bundle, m.source), m.id).not.toBe('passed');
    });

    it(`${bundle.folder}: the solution with any one handler gutted is caught, unless justified`, () => {
      const justified = bundle.manifest.equivalentMutants ?? {};
      for (const m of mutantsOf(bundle, ['gut'])) {
        if (m.id in justified) continue;
        expect(verdictOf(bundle, m.source), m.id).not.toBe('passed');
      }
    });
  }
});

describe('correct code in another shape still passes', () => {
  it.each(['10-message-id-dedup', '11-deterministic-ids', '22-http-edges'])(
    '%s: the solution as Prettier prints it at 40 columns',
    async (folder) => {
      const bundle = exercises.find((e) => e.folder === folder)!;
      const source = await prettier.format(bundle.sources[bundle.manifest.files.solution]!, {
        parser: 'typescript',
        printWidth: 40,
        singleQuote: true,
      });
      expect(verdictOf(bundle, source)).toBe('passed');
    },
  );

  it("10-message-id-dedup: the duplicate check written as Prettier's `.some((id) =>\n  id === x)`", () => {
    const bundle = exercises.find((e) => e.folder === '10-message-id-dedup')!;
    const solution = bundle.sources[bundle.manifest.files.solution]!;
    expect(solution).toContain('if (processed.includes(id)) {');
    const source = solution.replace(
      'if (processed.includes(id)) {',
      'if (\n    processed.some((seen) =>\n      seen === id)\n  ) {',
    );
    expect(verdictOf(bundle, source)).toBe('passed');
  });
});
