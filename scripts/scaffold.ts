/**
 * Copies the exercise template (scripts/templates/exercise) into a folder, filling in the id,
 * title and folder name (the exercise test loads its folder by name). Used by
 * `npm run new-exercise` and by the test that proves the template verifies.
 */
import { cpSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export const TEMPLATE_DIR = join(import.meta.dirname, 'templates', 'exercise');

export function scaffoldExercise(target: string, id: string, title: string): void {
  cpSync(TEMPLATE_DIR, target, { recursive: true });
  const fill = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        fill(p);
        continue;
      }
      if (!name.endsWith('.tpl')) continue;
      // In TypeScript the title sits in a single-quoted string; in Markdown it is plain text.
      const inCode = name.endsWith('.ts.tpl');
      const text = readFileSync(p, 'utf8')
        .replaceAll('{{id}}', id)
        .replaceAll('{{folder}}', basename(target))
        .replaceAll(
          '{{title}}',
          inCode ? title.replaceAll('\\', '\\\\').replaceAll("'", "\\'") : title,
        );
      writeFileSync(p, text);
      renameSync(p, p.slice(0, -'.tpl'.length));
    }
  };
  fill(target);
}

/**
 * Copies an existing exercise folder (`npm run new-exercise -- <slug> --from <folder>`), e.g. the
 * model-checking lesson to make a second one: the manifest gets the new id (and title, when
 * given), and tests that load their folder by name load the copy.
 */
export function copyExercise(source: string, target: string, id: string, title?: string): void {
  cpSync(source, target, { recursive: true });
  const manifestPath = join(target, 'manifest.ts');
  let manifest = readFileSync(manifestPath, 'utf8');
  if (!/\bid: '[^']*'/.test(manifest))
    throw new Error(`${manifestPath}: no "id: '…'" field to give the copy its own id`);
  manifest = manifest.replace(/\bid: '[^']*'/, `id: '${id}'`);
  if (title !== undefined) {
    const quoted = title.replaceAll('\\', '\\\\').replaceAll("'", "\\'");
    manifest = manifest.replace(/\btitle: '(?:[^'\\]|\\.)*'/, () => `title: '${quoted}'`);
  }
  writeFileSync(manifestPath, manifest);
  const from = basename(source);
  const retarget = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) retarget(p);
      else if (name.endsWith('.test.ts'))
        writeFileSync(p, readFileSync(p, 'utf8').replaceAll(`'${from}'`, `'${basename(target)}'`));
    }
  };
  retarget(target);
}
