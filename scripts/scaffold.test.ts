import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { isMessaging, isModelChecking } from '../src/workshop/bundle';
import { EXERCISES_DIR, loadExerciseFolder } from '../src/workshop/loadNode';
import { checkLessonSteps, checkVariant, variantsOf } from '../src/workshop/verify';
import { copyExercise, scaffoldExercise } from './scaffold';

// The scaffold lives next to the real exercises (its imports are relative) in a folder the
// loaders ignore (no NN- prefix), and is removed afterwards.
const dir = mkdtempSync(join(import.meta.dirname, '..', 'exercises', '.scaffold-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run new-exercise', () => {
  it('scaffolds an exercise that already verifies', async () => {
    scaffoldExercise(dir, 'replay-the-error-queue', "Replaying the error queue's messages");
    expect(readdirSync(dir).filter((f) => f.endsWith('.tpl'))).toEqual([]);
    const loaded = await loadExerciseFolder(dir, '19-replay-the-error-queue');
    expect(loaded.ok).toBe(true);
    if (!isMessaging(loaded)) throw new Error('not a messaging exercise');
    expect(loaded.manifest.id).toBe('replay-the-error-queue');
    expect(loaded.manifest.title).toBe("Replaying the error queue's messages");
    expect(loaded.readme).toContain("# Replaying the error queue's messages");
    for (const v of variantsOf(loaded)) {
      const r = checkVariant(loaded, v);
      expect({ variant: v.variant, ok: r.ok, verdict: r.verdict }).toEqual({
        variant: v.variant,
        ok: true,
        verdict: v.expected ? 'violated' : 'passed',
      });
    }
  });

  it('--from copies the model-checking lesson into a second exercise with its own id', async () => {
    const copy = mkdtempSync(join(EXERCISES_DIR, '.scaffold-copy-'));
    onTestFinished(() => rmSync(copy, { recursive: true, force: true }));
    copyExercise(join(EXERCISES_DIR, '18-model-checking'), copy, 'second-model', 'A second model');
    const loaded = await loadExerciseFolder(copy, '32-second-model');
    if (!isModelChecking(loaded))
      throw new Error(`not a model-checking exercise: ${JSON.stringify(loaded)}`);
    expect(loaded.manifest).toMatchObject({ id: 'second-model', title: 'A second model' });
    expect(checkLessonSteps(loaded).filter((s) => !s.ok)).toEqual([]);
  });
});
