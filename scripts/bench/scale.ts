/**
 * The checker at scale (issue "The checker at scale"): solutions of exercises on grown workloads,
 * each checked exhaustively with a 30 s budget, oracle included. Entries, named to compare
 * across versions:
 * - `scale.grown.<name>.distinctStates`, `.ms` (the whole check: search, the oracle's reference
 *   runs, walks past the bound), `.searchMs` (the exhaustive search alone), `.statesPerSecond`
 *   (distinct states ÷ search time: how fast states are explored, as the packed checker's figure
 *   is), `.verdict` (1 = a verdict within 30 s, 0 = a limit was reached);
 * - `scale.messagingToPacked`: the suite's distinct states ÷ its total search time, divided by the
 *   packed lesson checker's states/s at (4,4) in the same run; `scale.messagingToPackedWholeCheck`
 *   the same over the whole checks' time (the reference runs of grown workloads dominate it);
 * - `scale.heapMBPerMillionStates`: the live heap (sampled after a full garbage collection every
 *   2 s, `npm run bench` runs Node with --expose-gc; the collections' time is not counted) of the
 *   grown check with the most states, per million of its states. Without --expose-gc: the
 *   largest heap growth seen, garbage included.
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { checkModel, checkModelAsync } from '../../src/checker/explorer';
import { createHandlerModel } from '../../src/checker/messageHandler/model';
import { checkVariant, checkVariantWithHelpers, prepareVariant } from '../../src/workshop/verify';
import { defaultHelpers, threadPool, yieldToThreads } from '../../src/workers/threadPool';
import { GROWN, grownBundle } from './grown';
import { loadLessonSolution } from './lesson';
import { ReferenceSolutionError, oracleReferences } from '../../src/workshop/oracle';
import { round } from './report';
import type { BenchEntry } from './report';

const BUDGET_MS = 30_000;

const lesson = await loadLessonSolution();

function heapMB(): number {
  return getHeapStatistics().used_heap_size / 1_048_576;
}

export async function runScaleBench(): Promise<BenchEntry[]> {
  const out: BenchEntry[] = [];
  let totalStates = 0;
  let totalMs = 0;
  let totalSearchMs = 0;
  let heapPerMillion = 0;
  let largest = 10_000;
  const helpers = defaultHelpers();
  console.log(`  ${helpers} helper threads`);
  for (const g of GROWN) {
    const grown = await grownBundle(g.name, BUDGET_MS);
    const manifest = grown.manifest;
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const base = heapMB();
    let peak = base;
    let inGc = 0;
    let sampled = performance.now();
    // The check's clock leaves out the collections made here to sample its live heap.
    const now = () => {
      const t = performance.now();
      if (!gc) peak = Math.max(peak, heapMB());
      else if (t - sampled > 2_000) {
        gc();
        peak = Math.max(peak, heapMB());
        sampled = performance.now();
        inGc += sampled - t;
      }
      return t - inGc;
    };
    const t = performance.now();
    let r: { verdict: string; distinctStates: number; searchMs: number };
    try {
      // Every core (from three on, see threadPool.ts): helper threads build the same model
      // and expand the search's levels.
      const solution = { variant: 'solution', file: manifest.files.solution, expected: null };
      const check = helpers
        ? await checkVariantWithHelpers(grown, solution, now, grownPool(g.name, helpers), {
            yieldToEvents: yieldToThreads,
          })
        : checkVariant(grown, solution, now);
      const searchMs = 'elapsedMs' in check.result ? (check.result.searchMs ?? check.elapsedMs) : 0;
      r = { verdict: check.verdict, distinctStates: check.distinctStates, searchMs };
    } catch (e) {
      // The reference outcomes of the oracle are too big to compute: no verdict either.
      if (!(e instanceof ReferenceSolutionError)) throw e;
      r = { verdict: 'limit-reached', distinctStates: 0, searchMs: 0 };
    }
    const ms = performance.now() - t - inGc;
    // A verdict counts only within the budget (shrinking a sampled violation may take longer).
    const verdict =
      r.verdict === 'limit-reached' || r.verdict === 'cancelled' || ms > BUDGET_MS ? 0 : 1;
    totalStates += r.distinctStates;
    totalMs += ms;
    totalSearchMs += r.searchMs;
    if (r.distinctStates > largest) {
      largest = r.distinctStates;
      heapPerMillion = ((peak - base) / r.distinctStates) * 1_000_000;
    }
    const key = `scale.grown.${g.name}`;
    console.log(
      `  ${key}: ${r.verdict}, ${r.distinctStates} states, search ${Math.round(r.searchMs)} ms, whole ${Math.round(ms)} ms`,
    );
    out.push(
      { name: `${key}.distinctStates`, value: r.distinctStates, unit: 'states' },
      {
        name: `${key}.statesPerSecond`,
        value: r.searchMs > 0 ? Math.round(r.distinctStates / (r.searchMs / 1000)) : 0,
        unit: 'states/s',
      },
      { name: `${key}.ms`, value: round(ms), unit: 'ms' },
      { name: `${key}.searchMs`, value: round(r.searchMs), unit: 'ms' },
      {
        name: `${key}.verdict`,
        value: verdict,
        unit: verdict
          ? `verdict (${r.verdict})`
          : r.verdict === 'limit-reached' || r.verdict === 'cancelled'
            ? 'limit'
            : `verdict (${r.verdict}) after ${BUDGET_MS / 1000} s`,
      },
    );
  }
  out.push(...(await helpersBench()));
  const packed = packedStatesPerSecond();
  const searching = totalStates / (totalSearchMs / 1000);
  const whole = totalStates / (totalMs / 1000);
  out.push(
    { name: 'scale.messagingToPacked', value: round(searching / packed, 3), unit: 'ratio' },
    { name: 'scale.messagingToPackedWholeCheck', value: round(whole / packed, 4), unit: 'ratio' },
    { name: 'scale.heapMBPerMillionStates', value: round(heapPerMillion), unit: 'MB' },
  );
  return out;
}

/** Helper threads for grown workload `name`, with the time left when they start. */
function grownPool(name: string, size: number) {
  return (remainingMs: number) =>
    threadPool(
      {
        module: new URL('./grown.ts', import.meta.url).href,
        exportName: 'grownModel',
        args: { name, remainingMs, references: oracleReferences() },
        lockdown: false,
      },
      { size },
    );
}

/**
 * Helpers on this machine's cores (one less than the cores, at least one: the search's own
 * thread expands too) against the search alone, on 22 with a second tab (interchangeable tabs, so
 * helpers must keep the first of equal-looking states) up to 50,000 states: the same states, and
 * `scale.helpers.statesPerSecondRatio`, states/s with helpers ÷ alone (>1: they pay).
 */
async function helpersBench(): Promise<BenchEntry[]> {
  const name = 'http-edges-second-tab';
  const size = Math.max(1, availableParallelism() - 1);
  const grown = await grownBundle(name, 120_000);
  const solution = { variant: 'solution', file: grown.manifest.files.solution, expected: null };
  const now = () => performance.now();
  const model = prepareVariant(grown, solution, now);
  if ('early' in model) throw new Error(`${name}: no search`);
  model.options.maxStates = 50_000;
  const alone = await checkModelAsync(model.model, { ...model.options, sample: undefined });
  const pool = grownPool(name, size)(120_000);
  const withHelpers = await checkModelAsync(
    model.model,
    {
      ...model.options,
      sample: undefined,
      pool,
    },
    yieldToThreads,
  ).finally(() => pool.close());
  if (alone.distinctStates !== withHelpers.distinctStates) {
    throw new Error(
      `helpers found ${withHelpers.distinctStates} states, alone ${alone.distinctStates}`,
    );
  }
  const ratio =
    alone.distinctStates /
    (withHelpers.elapsedMs / 1000) /
    (alone.distinctStates / (alone.elapsedMs / 1000));
  console.log(
    `  scale.helpers: ${size} helpers, ${alone.distinctStates} states in ${Math.round(withHelpers.elapsedMs)} ms, alone ${Math.round(alone.elapsedMs)} ms`,
  );
  return [
    { name: 'scale.helpers.count', value: size, unit: 'threads' },
    { name: 'scale.helpers.statesPerSecondRatio', value: round(ratio, 2), unit: 'ratio' },
  ];
}

/** The packed lesson model's states per second at (4,4), as the checker section measures it. */
function packedStatesPerSecond(): number {
  const model = createHandlerModel(lesson.module, { messages: 4, maxFailures: 4 }, lesson.file, {});
  checkModel(model, { maxStates: 50_000_000 }); // warm-up
  const t = performance.now();
  const r = checkModel(model, { maxStates: 50_000_000 });
  return r.distinctStates / ((performance.now() - t) / 1000);
}
