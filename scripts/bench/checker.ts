/**
 * Checker throughput on the model-checking lesson's solution ("diet" MessageHandler model),
 * compared with SPIN's pan on the Promela port of the same model, in the same run. The model is
 * imported as a TS module (found through the bundle loader, scripts/bench/lesson.ts); `sandboxedMs` is the same check with the source evaluated by the
 * sandbox, as a learner's edited file is. Each side runs three times and reports its median
 * (pan compiled once).
 *
 * Run it with `npm run bench -- checker` (scripts/bench.ts).
 */
import { checkModel } from '../../src/checker/explorer';
import { createHandlerModel } from '../../src/checker/messageHandler/model';
import { evaluateModelSource } from '../../src/checker/sandboxModules';
import type { HandlerModule } from '../../src/checker/messageHandler/dsl';
import { round } from './report';
import type { BenchEntry } from './report';
import { hasSpin, median, runSpin } from './spin';
import { loadLessonSolution } from './lesson';

const CONFIGS: [number, number][] = [
  [3, 3],
  [4, 4],
  [5, 3],
];

const solution = await loadLessonSolution();
/** Each side runs this many times; the figures are medians (one run is at the machine's mercy). */
const REPEATS = 3;

/** The solution imported as a TS module, or (sandboxed) evaluated from source like learner code. */
function runOurs(
  messages: number,
  maxFailures: number,
  sandboxed = false,
): { states: number; ms: number } {
  const evaluated = sandboxed
    ? evaluateModelSource(solution.source, solution.file)
    : { exports: solution.module };
  const module = evaluated.exports as HandlerModule;
  const model = createHandlerModel(module, { messages, maxFailures }, 'solution.ts', evaluated);
  const now = (): number => performance.now();
  const t0 = now();
  const r = checkModel(model, { now, maxStates: 50_000_000 });
  const ms = now() - t0;
  if (r.verdict !== 'passed') throw new Error(`mc-${messages}-${maxFailures}: ${r.verdict}`);
  return { states: r.distinctStates, ms };
}

export async function runCheckerBench(): Promise<BenchEntry[]> {
  const entries: BenchEntry[] = [];
  const spin = hasSpin();
  runOurs(3, 2); // warm up the JIT on a small instance (12k states)
  for (const [n, f] of CONFIGS) {
    const key = `mc-${n}-${f}`;
    const runs = Array.from({ length: REPEATS }, () => runOurs(n, f));
    const ours = { states: runs[0]!.states, ms: median(runs.map((r) => r.ms)) };
    entries.push(
      { name: `checker.${key}.distinctStates`, value: ours.states, unit: 'states' },
      { name: `checker.${key}.ms`, value: round(ours.ms), unit: 'ms' },
      {
        name: `checker.${key}.statesPerSecond`,
        value: Math.round((ours.states / ours.ms) * 1000),
        unit: 'states/s',
      },
    );
    if (n === 4 && f === 4) {
      const sandboxed = runOurs(n, f, true);
      entries.push({ name: `checker.${key}.sandboxedMs`, value: round(sandboxed.ms), unit: 'ms' });
    }
    if (!spin) continue;
    const s = runSpin(n, f, REPEATS);
    if (s.statesStored !== ours.states) {
      throw new Error(
        `${key}: pan stored ${s.statesStored} states, the checker found ${ours.states}`,
      );
    }
    const total = s.generateMs + s.compileMs + s.panMs;
    entries.push(
      { name: `spin.${key}.generateMs`, value: round(s.generateMs), unit: 'ms' },
      { name: `spin.${key}.compileMs`, value: round(s.compileMs), unit: 'ms' },
      { name: `spin.${key}.panMs`, value: round(s.panMs), unit: 'ms' },
      { name: `checker.${key}.ratioToSpin`, value: round(ours.ms / s.panMs, 2), unit: 'x' },
      { name: `checker.${key}.vsSpinTotal`, value: round(ours.ms / total, 2), unit: 'x' },
    );
  }
  return Promise.resolve(entries);
}
