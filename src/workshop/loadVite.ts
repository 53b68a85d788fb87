/**
 * Loads exercise folders in the browser through Vite's glob imports: manifests as modules,
 * READMEs and handler files as raw text. Vite's dev server hot-reloads them when an instructor
 * edits a folder. A folder whose manifest fails to load becomes a `BrokenExercise`.
 */
import { folderOrder, toLoaded } from './bundle';
import type { LoadedExercise } from './bundle';

const manifests = import.meta.glob<{ default?: unknown }>('/exercises/*/manifest.ts');
const readmes = import.meta.glob<string>('/exercises/*/README.md', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const sources = import.meta.glob<string>(
  [
    '/exercises/*/*.ts',
    '/exercises/*/variants/*.ts',
    '!/exercises/*/manifest.ts',
    '!/exercises/**/*.test.ts',
  ],
  {
    query: '?raw',
    import: 'default',
    eager: true,
  },
);

function folderOf(path: string): string {
  return path.split('/')[2] ?? path;
}

export async function loadExercises(): Promise<LoadedExercise[]> {
  const folders = new Set<string>();
  for (const p of [...Object.keys(manifests), ...Object.keys(readmes)]) folders.add(folderOf(p));
  const loaded = await Promise.all(
    [...folders].map(async (folder): Promise<LoadedExercise> => {
      const order = folderOrder(folder);
      const load = manifests[`/exercises/${folder}/manifest.ts`];
      if (!load)
        return { ok: false, folder, order, error: `exercises/${folder}/manifest.ts is missing` };
      try {
        const mod = await load();
        const files: Record<string, string> = {};
        const prefix = `/exercises/${folder}/`;
        for (const [path, text] of Object.entries(sources)) {
          if (path.startsWith(prefix)) files[path.slice(prefix.length)] = text;
        }
        return toLoaded(folder, mod, readmes[`${prefix}README.md`] ?? '', files);
      } catch (e) {
        return {
          ok: false,
          folder,
          order,
          error: `exercises/${folder}/manifest.ts: ${e instanceof Error ? e.message : String(e)}`,
        };
      }
    }),
  );
  return loaded.sort((a, b) => a.order - b.order || a.folder.localeCompare(b.folder));
}
