/**
 * Each messaging exercise's README says what its check proves and within which bounds, and what
 * it does not prove (the mutants the manifest justifies as equivalent). The two sections are
 * generated from the manifest between markers, so they cannot drift from what the checker does:
 * `npm run verify-exercises` reports a stale block, `npm run verify-exercises -- --write`
 * rewrites it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { intentsOf } from '../src/sim';
import type { ExerciseManifest } from '../src/sim';
import type { ExerciseBundle } from '../src/workshop/bundle';
import { EXERCISES_DIR } from '../src/workshop/loadNode';

const BEGIN =
  '<!-- checker-bounds: generated from manifest.ts by `npm run verify-exercises -- --write` -->';
const END = '<!-- /checker-bounds -->';

export function boundsBlock(m: ExerciseManifest): string {
  const intents = intentsOf(m).map((i) => i.label);
  const tries = (m.workload.tabs ?? [])
    .filter((t) => (t.maxAttempts ?? 1) > 1)
    .map((t) => `${t.name}'s browser tries each request up to ${t.maxAttempts} times`);
  const kinds = Object.entries(m.faults.perKind)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([k, n]) => `${k} (up to ${n})`);
  const faults =
    m.faults.total === 0 || kinds.length === 0
      ? 'none: every call succeeds (the lesson is about interleavings)'
      : `at most ${m.faults.total} per run, at any step where it applies: ${kinds.join(', ')}`;
  const consumers = Object.entries(m.endpoints)
    .filter(([, e]) => e.kind === 'messages')
    .map(
      ([n, e]) =>
        `${n} ${e.kind === 'messages' && (e.concurrency ?? 1) > 1 ? `runs ${e.concurrency} handlers at once` : 'handles one message at a time'}`,
    );
  const checks = m.invariants.map((i) => `\`${i.name}\` (${i.description.replace(/\.$/, '')})`);
  const equivalent = Object.entries(m.equivalentMutants ?? {});
  // The grown workloads sampled after a pass (src/workshop/beyond.ts).
  const grown = [
    ...(m.faults.total > 0 ? ['one more fault'] : []),
    ...((m.workload.messages ?? []).length > 0 ? ['one more message'] : []),
    ...((m.workload.tabs ?? []).length > 0 ? ['one more browser tab'] : []),
  ];
  return [
    BEGIN,
    '',
    '## What the checker proves',
    '',
    'Press **Check** and every run within these bounds is explored, every interleaving and every fault:',
    '',
    `- **Workload:** ${intents.join('; ')}${tries.length ? ` (${tries.join('; ')})` : ''}.`,
    `- **Faults:** ${faults}.`,
    ...(consumers.length ? [`- **Consumers:** ${consumers.join('; ')}.`] : []),
    `- **Dispatch:** sends leave ${m.dispatch === 'immediate' ? 'as the handler makes them' : 'after the handler returns'}.`,
    `- **Checked:** ${checks.join('; ')}; and the exactly-once oracle — the end result is one the reference solution reaches with no faults (what was answered or processed took effect exactly once, nothing else happened), and with no fault every request is answered and every message processed.`,
    '',
    ...(grown.length
      ? [
          `Once every run within the bounds passes, random runs go one step beyond them — ${grown.join(', ')} — wherever the reference solution still holds, and an invariant they break fails the check too.`,
          '',
        ]
      : []),
    '## What the checker does not prove',
    '',
    `- Anything beyond these bounds: more users, messages or faults than above, or other timings of them${grown.length ? ' (one step beyond them is sampled, not proven)' : ''}.`,
    ...equivalent.map(([id, why]) => `- \`${id}\`: ${why}`),
    '',
    END,
  ].join('\n');
}

function withBlock(readme: string, block: string): string {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin >= 0 && end > begin)
    return readme.slice(0, begin) + block + readme.slice(end + END.length);
  const discuss = readme.indexOf('\n## Discuss');
  if (discuss >= 0) return `${readme.slice(0, discuss)}\n${block}\n${readme.slice(discuss)}`;
  return `${readme.trimEnd()}\n\n${block}\n`;
}

/** Problems with the README's generated block (empty when it is current). */
export function readmeBoundsProblems(bundle: ExerciseBundle): string[] {
  const expected = withBlock(bundle.readme, boundsBlock(bundle.manifest));
  return expected === bundle.readme
    ? []
    : [
        `exercises/${bundle.folder}/README.md: "What the checker proves" is missing or out of date: run npm run verify-exercises -- --write`,
      ];
}

/** Rewrites the README's generated block from the manifest. */
export function writeReadmeBounds(bundle: ExerciseBundle): void {
  const path = join(EXERCISES_DIR, bundle.folder, 'README.md');
  const text = readFileSync(path, 'utf8');
  const next = withBlock(text, boundsBlock(bundle.manifest));
  if (next !== text) writeFileSync(path, next);
}
