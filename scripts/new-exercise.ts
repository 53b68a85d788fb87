/**
 * `npm run new-exercise -- <slug> [--title "Title"] [--from <folder>]`: scaffolds
 * exercises/NN-<slug>/ from scripts/templates/exercise (a small exercise that already passes
 * `npm run verify-exercises`), or copies an existing folder (`--from 18-model-checking` makes a
 * second model-checking exercise), numbered after the last existing folder, for the instructor
 * to change.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isMessaging, isModelChecking } from '../src/workshop/bundle';
import { loadExercisesFromDisk } from '../src/workshop/loadNode';
import { addToAgenda } from './agendaEntry';
import { writeReadmeBounds } from './readmeBounds';
import { copyExercise, scaffoldExercise } from './scaffold';

const root = join(import.meta.dirname, '..');
const exercisesDir = join(root, 'exercises');

function fail(message: string): never {
  console.error(
    `error: ${message}\n\nusage: npm run new-exercise -- <slug> [--title "Title"] [--from <existing folder>]   (slug: lowercase words joined by dashes)`,
  );
  process.exit(2);
}

const args = process.argv.slice(2);
const slug = args.find(
  (a, i) => !a.startsWith('--') && args[i - 1] !== '--title' && args[i - 1] !== '--from',
);
if (!slug) fail('which slug?');
if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(slug))
  fail(`"${slug}" is not a slug (e.g. "dead-letter-replay")`);
const titleIndex = args.indexOf('--title');
const title =
  titleIndex >= 0
    ? args[titleIndex + 1]
    : slug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
if (!title) fail('--title needs a value');
const fromIndex = args.indexOf('--from');
const from = fromIndex >= 0 ? args[fromIndex + 1] : undefined;
if (fromIndex >= 0 && !from) fail('--from needs an exercise folder, e.g. 18-model-checking');

const existing = readdirSync(exercisesDir).filter((f) => /^\d+-/.test(f));
if (existing.some((f) => f.replace(/^\d+-/, '') === slug))
  fail(`an exercise folder for "${slug}" already exists`);
const next = Math.max(0, ...existing.map((f) => Number(f.split('-')[0]))) + 1;
const folder = `${String(next).padStart(2, '0')}-${slug}`;
const target = join(exercisesDir, folder);
if (existsSync(target)) fail(`${target} exists`);

if (from) {
  if (!/^\d+-/.test(from) || !existsSync(join(exercisesDir, from, 'manifest.ts')))
    fail(`--from: no exercise folder "${from}" (known: ${existing.join(', ')})`);
  copyExercise(join(exercisesDir, from), target, slug, titleIndex >= 0 ? title : undefined);
} else {
  mkdirSync(target);
  scaffoldExercise(target, slug, title);
}
// The README's generated "What the checker proves" block, and a place on the agenda: `npm test`
// passes right away.
const created = (await loadExercisesFromDisk()).find((e) => e.folder === folder);
if (!created || !(isMessaging(created) || isModelChecking(created)))
  fail(`the new folder did not load: ${created && !created.ok ? created.error : 'not found'}`);
if (isMessaging(created)) writeReadmeBounds(created);
await addToAgenda(join(exercisesDir, 'agenda.json'), folder);
console.log(`Created exercises/${folder}/ (${from ? `a copy of ${from}` : 'manifest.ts, README.md, starter.ts, solution.ts, variants/, exercise.test.ts'}) and added it to exercises/agenda.json (block "New exercises").
Next:
  npm run check -- ${slug} --variant starter     # what the learner starts from (a messaging starter must be caught)
  npm run check -- ${slug} --variant solution    # the solution must pass
  npm run verify-exercises                        # every exercise, every variant
  npm start                                       # the app hot-reloads the new folder
  npm test                                        # everything, the new exercise included
See docs/authoring-exercises.md.`);
