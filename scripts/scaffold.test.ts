import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isMessaging, toLoaded } from '../src/workshop/bundle';
import { checkVariant, variantsOf } from '../src/workshop/verify';
import { scaffoldExercise } from './scaffold';

// The scaffold lives next to the real exercises (its imports are relative) in a folder the
// loaders ignore (no NN- prefix), and is removed afterwards.
const dir = mkdtempSync(join(import.meta.dirname, '..', 'exercises', '.scaffold-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run new-exercise', () => {
  it('scaffolds an exercise that already verifies', async () => {
    scaffoldExercise(dir, 'replay-the-error-queue', "Replaying the error queue's messages");
    const sources: Record<string, string> = {};
    for (const f of ['starter.ts', 'solution.ts', 'variants/swallow-error.ts'])
      sources[f] = readFileSync(join(dir, f), 'utf8');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tpl'))).toEqual([]);
    const mod = (await import(pathToFileURL(join(dir, 'manifest.ts')).href)) as {
      default: unknown;
    };
    const loaded = toLoaded(
      '19-replay-the-error-queue',
      mod,
      readFileSync(join(dir, 'README.md'), 'utf8'),
      sources,
    );
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
});
