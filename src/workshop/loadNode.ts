/**
 * Loads exercise folders from the file system (Node: tests, the CLI, the validator). A folder
 * that fails to load becomes a `BrokenExercise` with the reason, never an exception.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { folderOrder, toLoaded } from './bundle';
import type { LoadedExercise } from './bundle';

export const EXERCISES_DIR = join(import.meta.dirname, '..', '..', 'exercises');

function sourcesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.ts') && name !== 'manifest.ts' && !name.endsWith('.test.ts'))
        out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** One exercise folder at `path`, loaded as `folder` (its name decides its order). */
export async function loadExerciseFolder(path: string, folder: string): Promise<LoadedExercise> {
  try {
    const mod = (await import(pathToFileURL(join(path, 'manifest.ts')).href)) as {
      default?: unknown;
    };
    const readmePath = join(path, 'README.md');
    const readme = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : '';
    return toLoaded(folder, mod, readme, sourcesOf(path));
  } catch (e) {
    return {
      ok: false,
      folder,
      order: folderOrder(folder),
      error: `exercises/${folder}: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}

export async function loadExercisesFromDisk(dir = EXERCISES_DIR): Promise<LoadedExercise[]> {
  const folders = readdirSync(dir)
    .filter((f) => /^\d+-/.test(f) && statSync(join(dir, f)).isDirectory())
    .sort((a, b) => folderOrder(a) - folderOrder(b));
  const out: LoadedExercise[] = [];
  for (const folder of folders) out.push(await loadExerciseFolder(join(dir, folder), folder));
  return out;
}

/**
 * A module of an exercise folder, imported as code (trusted author files only: the benchmarks
 * compare the lesson model natively with SPIN). The checker evaluates the same files as text.
 */
export async function importExerciseModule<T>(
  folder: string,
  file: string,
  dir = EXERCISES_DIR,
): Promise<T> {
  return (await import(pathToFileURL(join(dir, folder, file)).href)) as T;
}
