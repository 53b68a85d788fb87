/**
 * `npm run verify-exercises`: for every exercise folder, the manifest and files are valid, the
 * starter violates the invariant its lesson is about, the solution passes exhaustively, and every
 * known-bad variant is caught with the expected invariant. Prints a table; exits non-zero on any
 * mismatch (including a folder that does not load).
 */
import { performance } from 'node:perf_hooks';
import { isMessaging, isModelChecking, validateBundle } from '../src/workshop/bundle';
import { loadExercisesFromDisk } from '../src/workshop/loadNode';
import { checkLessonSteps, checkVariant, variantsOf } from '../src/workshop/verify';
import type { LessonStepCheck, VariantCheck } from '../src/workshop/verify';
import { mutationProblems, mutationTest, scoreLine } from './mutation';
import type { MutationReport } from './mutation';
import { readmeBoundsProblems, writeReadmeBounds } from './readmeBounds';

interface Row {
  exercise: string;
  variant: string;
  expected: string;
  verdict: string;
  states: number;
  depth: number;
  ms: number;
  ok: boolean;
  note?: string;
}

/** A line of the table: a lesson step or a variant, as checked. */
function rowOf(
  folder: string,
  r: LessonStepCheck | (VariantCheck & { explanation: string | null }),
): Row {
  const note = 'explanation' in r && !r.ok ? r.explanation : null;
  return {
    exercise: folder,
    variant: r.variant,
    expected: r.expected ?? 'pass',
    verdict: r.verdict === 'violated' ? `violated ${r.invariant}` : r.verdict,
    states: r.distinctStates,
    depth: r.depth,
    ms: Math.round(r.elapsedMs),
    ok: r.ok,
    ...(note ? { note } : {}),
  };
}

const rows: Row[] = [];
const problems: string[] = [];
const mutation: MutationReport[] = [];
const now = () => performance.now();

for (const ex of await loadExercisesFromDisk()) {
  if (!ex.ok) {
    problems.push(ex.error);
    continue;
  }
  if (isModelChecking(ex)) {
    // A model-checking folder: each lesson step at the default parameters.
    for (const r of checkLessonSteps(ex, now)) rows.push(rowOf(ex.folder, r));
    continue;
  }
  if (!isMessaging(ex)) continue;
  const invalid = validateBundle(ex);
  if (invalid.length > 0) {
    problems.push(...invalid);
    continue;
  }
  if (process.argv.includes('--write')) writeReadmeBounds(ex);
  else problems.push(...readmeBoundsProblems(ex));
  mutation.push(mutationTest(ex));
  for (const v of variantsOf(ex)) rows.push(rowOf(ex.folder, checkVariant(ex, v, now)));
}

const header = ['exercise', 'variant', 'expected', 'verdict', 'states', 'depth', 'ms', ''];
const table = rows.map((r) => [
  r.exercise,
  r.variant,
  r.expected,
  r.verdict,
  r.states.toLocaleString('en-US'),
  String(r.depth),
  String(r.ms),
  r.ok ? 'ok' : 'MISMATCH',
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]) =>
  cells
    .map((c, i) => c.padEnd(widths[i]!))
    .join('  ')
    .trimEnd();
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of table) console.log(line(row));
console.log('');
for (const m of mutation) {
  console.log(scoreLine(m));
  problems.push(...mutationProblems(m));
}
for (const r of rows.filter((x) => !x.ok))
  problems.push(
    `${r.exercise} ${r.variant}: expected ${r.expected}, got ${r.verdict}${r.note ? ` — ${r.note}` : ''}`,
  );
const bad = rows.filter((r) => !r.ok).length;
console.log(`\n${rows.length - bad} checks passed, ${bad} failed; ${problems.length} problem(s)`);
if (problems.length > 0) {
  console.error('\nProblems:');
  for (const p of problems) console.error(`- ${p}`);
  process.exit(1);
}
