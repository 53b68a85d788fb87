/**
 * Per-exercise checker figures: for every messaging exercise, the time to the starter's
 * violation and to the solution's proof (grown workloads, exactly-once oracle included; the
 * oracle's reference outcomes are warm, as in the browser after the first check), and the
 * solution's states per second; and the median and maximum over the solutions.
 */
import { performance } from 'node:perf_hooks';
import { isMessaging } from '../../src/workshop/bundle';
import { loadExercisesFromDisk } from '../../src/workshop/loadNode';
import { checkVariant, variantsOf } from '../../src/workshop/verify';
import { round } from './report';
import type { BenchEntry } from './report';

export async function runExerciseBench(): Promise<BenchEntry[]> {
  const out: BenchEntry[] = [];
  const solutions: number[] = [];
  const now = () => performance.now();
  for (const ex of await loadExercisesFromDisk()) {
    if (!isMessaging(ex)) continue;
    const id = ex.manifest.id;
    for (const v of variantsOf(ex).filter(
      (x) => x.variant === 'starter' || x.variant === 'solution',
    )) {
      checkVariant(ex, v, now); // warm-up (JIT, machine compilation)
      const t = now();
      const r = checkVariant(ex, v, now);
      const ms = now() - t;
      out.push({
        name: `exercise.${id}.${v.variant}.ms`,
        value: round(ms),
        unit: 'ms',
      });
      if (v.variant === 'solution') {
        solutions.push(ms);
        out.push({
          name: `exercise.${id}.solution.distinctStates`,
          value: r.distinctStates,
          unit: 'states',
        });
        out.push({
          name: `exercise.${id}.solution.statesPerSecond`,
          value: Math.round(r.distinctStates / (ms / 1000)),
          unit: 'states/s',
        });
      }
    }
  }
  solutions.sort((a, b) => a - b);
  out.push({
    name: 'exercise.solution.medianMs',
    value: round(solutions[Math.floor((solutions.length - 1) / 2)] ?? 0),
    unit: 'ms',
  });
  out.push({ name: 'exercise.solution.maxMs', value: round(solutions.at(-1) ?? 0), unit: 'ms' });
  return out;
}
