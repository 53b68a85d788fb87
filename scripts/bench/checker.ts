/**
 * Checker throughput on the model-checking lesson's solution ("diet" MessageHandler model),
 * compared with SPIN's pan on the Promela port of the same model, in the same run. The model is
 * imported as a TS module (found through the bundle loader, scripts/bench/lesson.ts);
 * `sandboxedMs` is the same check with the source evaluated by the sandbox, as a learner's edited
 * file is.
 *
 * Per configuration: one untimed-for-the-ratio first run (`coldMs`: the JIT's tiering and the
 * tables' first touch, as pan's compile is left out of `ratioToSpin`), then the checker and pan
 * (compiled once) take turns, five runs each, so a change in the machine's load falls on both;
 * the figures are medians.
 *
 * Run it with `npm run bench -- checker` (scripts/bench.ts).
 */
import { checkModel } from '../../src/checker/explorer';
import { createHandlerModel } from '../../src/checker/messageHandler/model';
import { evaluateModelSource } from '../../src/checker/sandboxModules';
import type { HandlerModule } from '../../src/checker/messageHandler/dsl';
import { round } from './report';
import type { BenchEntry } from './report';
import { compilePan, hasSpin, median } from './spin';
import type { PanRun } from './spin';
import { loadLessonSolution } from './lesson';

const CONFIGS: [number, number][] = [
  [3, 3],
  [4, 4],
  [5, 3],
];

const solution = await loadLessonSolution();
/** Each side runs this many times, in turns; the figures are medians (one run is at the machine's mercy). */
const REPEATS = 5;

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
    const cold = runOurs(n, f);
    const pan = spin ? compilePan(n, f) : null;
    const runs: { states: number; ms: number }[] = [];
    const panRuns: PanRun[] = [];
    try {
      for (let r = 0; r < REPEATS; r++) {
        runs.push(runOurs(n, f));
        if (pan) panRuns.push(pan.run());
      }
    } finally {
      pan?.close();
    }
    const ours = { states: cold.states, ms: median(runs.map((r) => r.ms)) };
    entries.push(
      { name: `checker.${key}.distinctStates`, value: ours.states, unit: 'states' },
      { name: `checker.${key}.ms`, value: round(ours.ms), unit: 'ms' },
      { name: `checker.${key}.coldMs`, value: round(cold.ms), unit: 'ms' },
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
    if (!pan) continue;
    const stored = panRuns.at(-1)!.statesStored;
    if (stored !== ours.states) {
      throw new Error(`${key}: pan stored ${stored} states, the checker found ${ours.states}`);
    }
    const panMs = median(panRuns.map((r) => r.ms));
    const total = pan.generateMs + pan.compileMs + panMs;
    entries.push(
      { name: `spin.${key}.generateMs`, value: round(pan.generateMs), unit: 'ms' },
      { name: `spin.${key}.compileMs`, value: round(pan.compileMs), unit: 'ms' },
      { name: `spin.${key}.panMs`, value: round(panMs), unit: 'ms' },
      { name: `checker.${key}.ratioToSpin`, value: round(ours.ms / panMs, 2), unit: 'x' },
      { name: `checker.${key}.vsSpinTotal`, value: round(ours.ms / total, 2), unit: 'x' },
    );
  }
  return Promise.resolve(entries);
}
