import { describe, expect, it } from 'vitest';
import type { ExerciseManifest } from '../sim';
import type { LoadedExercise } from '../workshop/bundle';
import { blockLabel, toLearningPath } from './learningPath';

function ok(folder: string, block: string, title = folder): LoadedExercise {
  const manifest = { title, summary: `${title} summary`, block } as ExerciseManifest;
  return {
    ok: true,
    folder,
    order: Number(folder.slice(0, 2)),
    manifest,
    readme: '#',
    sources: {},
  };
}

describe('toLearningPath', () => {
  it('groups by block in order of first appearance, keeping folder order', () => {
    const path = toLearningPath([
      ok('01-a', 'Foundations'),
      ok('02-b', 'Partial failures'),
      ok('03-c', 'Foundations'),
      { ok: false, folder: '04-broken-one', order: 4, error: 'boom' },
      ok('05-e', 'Duplicates'),
    ]);
    expect(path.map((b) => b.block)).toEqual(['Foundations', 'Partial failures', 'Duplicates']);
    expect(path[0]!.items.map((i) => i.folder)).toEqual(['01-a', '03-c', '04-broken-one']);
    expect(path[0]!.items[2]).toMatchObject({ kind: 'broken', number: '04', title: 'Broken one' });
  });

  it('marks model-checking bundles', () => {
    const mc = ok('18-model-checking', 'model-checking', 'Model checking');
    (mc as { manifest: unknown }).manifest = {
      ...(mc.ok ? mc.manifest : {}),
      kind: 'model-checking',
    };
    const [block] = toLearningPath([mc]);
    expect(block).toMatchObject({ block: 'Model checking' });
    expect(block!.items[0]!.kind).toBe('modelChecking');
  });

  it('labels blocks', () => {
    expect(blockLabel('model-checking')).toBe('Model checking');
    expect(blockLabel('Partial failures')).toBe('Partial failures');
  });
});
