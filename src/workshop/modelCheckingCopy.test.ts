/**
 * A model-checking exercise is a folder like any other: a copy of exercises/18-model-checking
 * under a new name loads through the bundle loader and checks every lesson step as its manifest
 * says, through the same request the app's worker serves (nothing names folder 18).
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkModel } from '../checker/explorer';
import { createModelFromRequest, ModelRequestError } from '../checker/registry';
import { evaluateModelSource } from '../checker/sandboxModules';
import { isModelChecking, modelCheckingVariantSource } from './bundle';
import { EXERCISES_DIR, loadExercisesFromDisk } from './loadNode';
import { checkLessonSteps } from './verify';

const root = mkdtempSync(join(tmpdir(), 'mc-copy-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
// The copy's manifest imports ../../src/workshop/…, as every exercise folder does.
symlinkSync(join(EXERCISES_DIR, '..', 'src'), join(root, 'src'));
mkdirSync(join(root, 'exercises'));
const COPY = '31-my-model-checking';
cpSync(join(EXERCISES_DIR, '18-model-checking'), join(root, 'exercises', COPY), {
  recursive: true,
});
const loaded = await loadExercisesFromDisk(join(root, 'exercises'));

describe('a copy of the model-checking exercise', () => {
  it('loads as a model-checking exercise under its new folder name', () => {
    expect(loaded.map((e) => [e.folder, e.ok])).toEqual([[COPY, true]]);
    expect(isModelChecking(loaded[0]!)).toBe(true);
  });

  it('checks every lesson step as its manifest says', () => {
    const bundle = loaded[0]!;
    if (!isModelChecking(bundle)) throw new Error('not a model-checking bundle');
    const steps = checkLessonSteps(bundle);
    expect(steps.length).toBeGreaterThan(3);
    expect(steps.filter((s) => !s.ok)).toEqual([]);
    expect(steps.find((s) => s.variant === 'send-first')).toMatchObject({
      verdict: 'violated',
      invariant: 'NoGhostMessages',
    });
  });

  it("is served by the worker's request by folder, and an unknown step is a request error", () => {
    const deps = {
      evaluateModule: evaluateModelSource,
      modelCheckingVariant: (folder: string, variant: string) =>
        modelCheckingVariantSource(loaded, folder, variant),
    };
    const request = (variant: string) =>
      ({
        kind: 'model-checking',
        folder: COPY,
        params: { messages: 2, maxFailures: 1 },
        code: { variant },
      }) as const;
    const r = checkModel(createModelFromRequest(request('db-first'), deps));
    expect(r).toMatchObject({ verdict: 'violated', invariant: 'NoLostMessages' });
    expect(() => createModelFromRequest(request('nope'), deps)).toThrow(ModelRequestError);
    expect(() =>
      createModelFromRequest({ ...request('solution'), folder: '18-model-checking' }, deps),
    ).toThrow(/Unknown lesson step 'solution' of exercise '18-model-checking'/);
  });
});
