/**
 * `npm run check -- <exercise> [--variant starter|solution|<known-bad>] [--file handler.ts]
 *                   [--set name=value ...] [--json]`
 *
 * Checks one exercise with the given code and settings, exhaustively, and prints a summary (or,
 * with --json, always exactly one JSON object on stdout, errors included). Exit codes:
 * 0 passed, 1 violated (or a cycle), 2 bad arguments or a broken exercise, 3 the learner's code
 * failed (with file and line), 4 a limit was reached, 70 an internal error of the workshop.
 *
 * The check runs in a worker thread with a memory limit, watched from the main thread: a learner
 * file stuck inside one step (an endless built-in call, a catastrophic regular expression) or
 * hoarding memory ends the check with a learner error instead of hanging or crashing.
 */
// First: lock this process's realm down (SES), so a learner file runs in a compartment with no
// `process`, `require`, file system or network: an instructor can check anyone's file.
import '../src/sandbox/lockdown';
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { checkModel } from '../src/checker/explorer';
import { createModelFromRequest } from '../src/checker/registry';
import type { BeyondReport, SampledRuns } from '../src/checker/types';
import { evaluateModelSource } from '../src/checker/sandboxModules';
import { describeEvent } from '../src/sim';
import { isMessaging, modelCheckingVariantSource } from '../src/workshop/bundle';
import type { LoadedExercise, ModelCheckingBundle } from '../src/workshop/bundle';
import { loadExercisesFromDisk } from '../src/workshop/loadNode';
import { parameterValues } from '../src/workshop/modelCheckingManifest';
import { SettingError } from '../src/workshop/settings';
import { checkVariant, checkVariantWithHelpers, variantsOf } from '../src/workshop/verify';
import { oracleReferences } from '../src/workshop/oracle';
import { isLockedDown } from '../src/sandbox/hardened';
import { defaultHelpers, threadPool, yieldToThreads } from '../src/workers/threadPool';
import { configuredBundle, type HelperModelArgs } from './checkRecipe';

const USAGE = `usage: npm run check -- <exercise> [--variant starter|solution|<name>] [--file <handler.ts>] [--set name=value ...] [--helpers N] [--json]

  <exercise>   an exercise id (e.g. lost-message) or folder (e.g. 04-lost-message)
  --variant    which of the exercise's files to check (default: starter)
  --file       check this file instead (your own handler code)
  --set        change a setting: dispatch=immediate|batched, faults.total=N, faults.<kind>=N;
               for model-checking: messages=N, maxFailures=F
  --max-states stop after this many distinct states (default: the exercise's limit)
  --helpers    threads that help a search past 2,000 states (default: one less than the
               cores, none below three, at most 8); the verdict is the same with any number
  --json       print one JSON object instead of a summary (also for errors)

exit codes: 0 passed, 1 violated, 2 usage, 3 your code failed, 4 limit reached, 70 internal error`;

/** The process exit code of each verdict (and of usage and internal errors). */
export const EXIT_CODES = {
  passed: 0,
  violated: 1,
  cycle: 1,
  usage: 2,
  'learner-error': 3,
  'limit-reached': 4,
  cancelled: 4,
  internal: 70,
} as const;

class UsageError extends Error {}

interface Args {
  exercise: string;
  variant: string;
  file?: string;
  settings: Record<string, string>;
  json: boolean;
  maxStates?: number;
  helpers?: number;
}

function parseArgs(argv: string[]): Args {
  const args: Partial<Args> & { settings: Record<string, string> } = {
    settings: {},
    json: false,
    variant: 'starter',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--json') args.json = true;
    else if (a === '--variant') args.variant = value();
    else if (a === '--file') args.file = value();
    else if (a === '--max-states') {
      const v = value();
      if (!/^[1-9]\d*$/.test(v))
        throw new UsageError(`--max-states takes a whole number, not "${v}"`);
      args.maxStates = Number(v);
    } else if (a === '--helpers') {
      const v = value();
      if (!/^\d+$/.test(v)) throw new UsageError(`--helpers takes a whole number, not "${v}"`);
      args.helpers = Number(v);
    } else if (a === '--set') {
      const kv = value();
      const eq = kv.indexOf('=');
      if (eq <= 0) throw new UsageError(`--set takes name=value, not "${kv}"`);
      args.settings[kv.slice(0, eq)] = kv.slice(eq + 1);
    } else if (a === '--help' || a === '-h') throw new UsageError('');
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else if (!args.exercise) args.exercise = a;
    else throw new UsageError(`unexpected argument "${a}"`);
  }
  if (!args.exercise) throw new UsageError('which exercise? (give its id or folder)');
  return args as Args;
}

interface Report {
  exercise: string;
  variant: string;
  verdict: string;
  invariant?: string;
  explanation?: string;
  distinctStates: number;
  generatedStates: number;
  depth: number;
  terminalStates: number;
  elapsedMs: number;
  /** Helper threads that expanded part of the search (--helpers), when there were any. */
  helpers?: number;
  counterexample?: { steps: string[]; events?: string[] };
  learnerError?: string;
  /** Where the learner's code failed (file, 1-based line and column when known). */
  learnerErrorAt?: { file: string; line?: number; column?: number };
  limit?: string;
  /** What reached the limit, when it was not the search itself (the oracle's reference run). */
  limitReason?: string;
  /** Random runs past the bound (after a limit): how many, and the one that found a violation. */
  sampled?: SampledRuns;
  /** After a pass: the random runs on grown workloads (one more fault, message, tab). */
  beyond?: BeyondReport[];
  /** A violation found on a grown workload: which, and the settings its run replays with. */
  foundBeyond?: { name: string; settings: Record<string, string> };
}

function readFile(path: string): string {
  if (!existsSync(path)) throw new UsageError(`no such file: ${path}`);
  return readFileSync(path, 'utf8');
}

async function run(args: Args, now: () => number): Promise<Report> {
  const loaded = await loadExercisesFromDisk();
  const found = loaded.find(
    (l) => l.folder === args.exercise || (l.ok && l.manifest.id === args.exercise),
  );
  if (!found) {
    const ids = loaded.map((l) => (l.ok ? l.manifest.id : l.folder));
    throw new UsageError(`unknown exercise "${args.exercise}" (known: ${ids.join(', ')})`);
  }
  if (!found.ok) throw new UsageError(`exercise ${found.folder} is broken: ${found.error}`);
  if (!isMessaging(found)) return runModelChecking(found, loaded, args, now);
  const bundle = configuredBundle(found, args.settings, args.maxStates);
  const v = variantsOf(bundle).find((x) => x.variant === args.variant);
  if (!v && !args.file) {
    throw new UsageError(
      `unknown variant "${args.variant}" (known: ${variantsOf(bundle)
        .map((x) => x.variant)
        .join(', ')})`,
    );
  }
  const target = args.file ? { variant: args.file, file: args.file, expected: null } : v!;
  const source = args.file ? readFile(args.file) : undefined;
  const helpers = args.helpers ?? defaultHelpers();
  const r = helpers
    ? await checkVariantWithHelpers(
        bundle,
        target,
        now,
        (remainingMs) =>
          threadPool(
            {
              module: new URL('./checkRecipe.ts', import.meta.url).href,
              exportName: 'helperModel',
              args: {
                folder: found.folder,
                settings: args.settings,
                ...(args.maxStates ? { maxStates: args.maxStates } : {}),
                target,
                ...(source !== undefined ? { source } : {}),
                remainingMs,
                references: oracleReferences(),
              } satisfies HelperModelArgs,
              lockdown: isLockedDown(),
            },
            { size: helpers, memoryMB: MEMORY_MB },
          ),
        { ...(source !== undefined ? { source } : {}), yieldToEvents: yieldToThreads },
      )
    : checkVariant(bundle, target, now, source);
  const report: Report = {
    exercise: bundle.manifest.id,
    variant: args.file ?? args.variant,
    verdict: r.verdict,
    distinctStates: r.distinctStates,
    generatedStates: r.generatedStates,
    depth: r.depth,
    terminalStates: 'terminalStates' in r.result ? r.result.terminalStates : 0,
    elapsedMs: Math.round(r.elapsedMs),
    ...('helpers' in r.result && r.result.helpers ? { helpers: r.result.helpers } : {}),
  };
  const result = r.result;
  if (result.verdict === 'violated') {
    report.invariant = result.invariant;
    report.explanation = r.explanation ?? undefined;
    const events = r
      .replayCounterexample()
      ?.events.map((e) => `${e.step + 1}. ${describeEvent(e)}`);
    report.counterexample = { steps: result.counterexample.labels, ...(events ? { events } : {}) };
    if (result.sampled) report.sampled = result.sampled;
    if (result.beyond) report.foundBeyond = result.beyond;
  } else if (result.verdict === 'passed') {
    if (result.beyond) report.beyond = result.beyond;
  } else if (result.verdict === 'learner-error') {
    report.learnerError = r.explanation ?? result.message;
    report.learnerErrorAt = {
      file: result.file,
      ...(result.line !== undefined ? { line: result.line } : {}),
      ...(result.column !== undefined ? { column: result.column } : {}),
    };
  } else if (result.verdict === 'limit-reached') {
    report.limit = result.limit;
    if (result.reason) report.limitReason = result.reason;
    if (result.sampled) report.sampled = result.sampled;
  }
  return report;
}

function runModelChecking(
  bundle: ModelCheckingBundle,
  loaded: readonly LoadedExercise[],
  args: Args,
  now: () => number,
): Report {
  const { manifest } = bundle;
  const params = parameterValues(manifest);
  for (const [k, v] of Object.entries(args.settings)) {
    const p = manifest.parameters.find((x) => x.id === k);
    if (!p) {
      const known = manifest.parameters.map((x) => x.id).join(', ');
      throw new UsageError(`${manifest.id} has no setting "${k}" (it has ${known})`);
    }
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < p.min || n > p.max)
      throw new UsageError(`${k} must be a whole number from ${p.min} to ${p.max}, not "${v}"`);
    params[k] = n;
  }
  let code: { variant: string } | { source: string; file: string };
  if (args.file) code = { source: readFile(args.file), file: args.file };
  else {
    if (!manifest.variants.some((v) => v.id === args.variant)) {
      const known = manifest.variants.map((v) => v.id).join(', ');
      throw new UsageError(`unknown variant "${args.variant}" (known: ${known})`);
    }
    code = { variant: args.variant };
  }
  const model = createModelFromRequest(
    { kind: 'model-checking', folder: bundle.folder, params: params as never, code },
    {
      evaluateModule: evaluateModelSource,
      modelCheckingVariant: (folder, variant) =>
        modelCheckingVariantSource(loaded, folder, variant),
    },
  );
  const result = checkModel(model, { now, maxStates: 50_000_000 });
  const report: Report = {
    exercise: manifest.id,
    variant: args.file ?? args.variant,
    verdict: result.verdict,
    distinctStates: result.distinctStates,
    generatedStates: result.generatedStates,
    depth: result.verdict === 'violated' ? result.counterexample.depth : result.depth,
    terminalStates: result.terminalStates,
    elapsedMs: Math.round(result.elapsedMs),
  };
  if (result.verdict === 'violated') {
    report.invariant = result.invariant;
    report.explanation = result.description;
    report.counterexample = { steps: result.counterexample.labels };
  } else if (result.verdict === 'learner-error') {
    report.learnerError = `${result.file}${result.line ? `:${result.line}` : ''}: ${result.message}`;
  } else if (result.verdict === 'limit-reached') report.limit = result.limit;
  return report;
}

/** Settings as they are given on the command line. */
function settingsText(settings: Record<string, string>): string {
  return Object.entries(settings)
    .map(([k, v]) => `--set ${k}=${v}`)
    .join(' ');
}

function printSummary(r: Report): void {
  const n = (x: number) => x.toLocaleString('en-US');
  const head = `${r.exercise} (${r.variant}): `;
  switch (r.verdict) {
    case 'passed':
      console.log(
        `${head}PASSED — every invariant holds in all ${n(r.distinctStates)} states (${n(r.terminalStates)} terminal, depth ${r.depth}), ${r.elapsedMs} ms${r.helpers ? ` on ${r.helpers + 1} threads` : ''}`,
      );
      for (const b of r.beyond ?? [])
        console.log(
          b.skipped
            ? `  Not sampled with ${b.name}: ${b.skipped}.`
            : `  Sampled beyond the bounds with ${b.name} (${settingsText(b.settings)}): ${n(b.walks)} random runs found nothing.`,
        );
      break;
    case 'violated':
      console.log(
        `${head}VIOLATED ${r.invariant} after ${r.depth} steps (${n(r.distinctStates)} states explored, ${r.elapsedMs} ms)`,
      );
      if (r.explanation) console.log(`  ${r.explanation}`);
      if (r.foundBeyond && r.sampled?.found)
        console.log(
          `  Found beyond the exercise's bounds, with ${r.foundBeyond.name} (${settingsText(r.foundBeyond.settings)}): every run within the bounds passed; random run ${n(r.sampled.found.walk)} broke the invariant (${r.sampled.found.walkDepth} steps, cut down to ${r.depth}). The reference solution holds there.`,
        );
      else if (r.sampled?.found)
        console.log(
          `  Found past the bound by random run ${n(r.sampled.found.walk)} (${r.sampled.found.walkDepth} steps, cut down to ${r.depth}; a shorter one may exist).`,
        );
      console.log(r.sampled ? '  Counterexample:' : '  Shortest counterexample:');
      for (const line of r.counterexample?.events ??
        r.counterexample?.steps.map((s, i) => `${i + 1}. ${s}`) ??
        [])
        console.log(`    ${line}`);
      break;
    case 'learner-error':
      console.log(`${head}YOUR CODE FAILED — ${r.learnerError}`);
      break;
    case 'limit-reached':
      console.log(
        `${head}LIMIT REACHED (${r.limit}) after ${n(r.distinctStates)} states, depth ${r.depth}: nothing is proven`,
      );
      if (r.limitReason) console.log(`  ${r.limitReason}`);
      if (r.sampled)
        console.log(
          `  Sampled past the bound: ${n(r.sampled.walks)} random runs (up to ${r.sampled.maxDepth} steps each) found nothing.`,
        );
      break;
    default:
      console.log(`${head}${r.verdict.toUpperCase()} (${n(r.distinctStates)} states)`);
  }
}

/** No sign of life from the check for this long: it is stuck inside one step of learner code. */
const WATCHDOG_MS = 10_000;
/** The check's heap; the explorer itself stops at 1,000 MB of counted states. */
const MEMORY_MB = 3_072;

type FromWorker =
  | { type: 'checking' }
  | { type: 'alive' }
  | { type: 'report'; report: Report }
  | { type: 'failed'; usage: boolean; message: string };

/** The worker thread: runs the check and reports; `now` doubles as a heartbeat. */
async function checkInWorker(argv: string[]): Promise<void> {
  const post = (m: FromWorker) => parentPort!.postMessage(m);
  let lastBeat = 0;
  const now = () => {
    const t = performance.now();
    if (t - lastBeat > 250) {
      lastBeat = t;
      post({ type: 'alive' });
    }
    return t;
  };
  try {
    const args = parseArgs(argv);
    post({ type: 'checking' });
    post({ type: 'report', report: await run(args, now) });
  } catch (e) {
    post({
      type: 'failed',
      usage: e instanceof UsageError || e instanceof SettingError,
      message: e instanceof Error ? e.message : String(e),
    });
  }
}

/** The learner's code stopped the check from outside (stuck, or out of memory). */
function stoppedReport(args: Args, why: string): Report {
  return {
    exercise: args.exercise,
    variant: args.file ?? args.variant,
    verdict: 'learner-error',
    learnerError: why,
    ...(args.file ? { learnerErrorAt: { file: args.file } } : {}),
    distinctStates: 0,
    generatedStates: 0,
    depth: 0,
    terminalStates: 0,
    elapsedMs: 0,
  };
}

function checkInThread(args: Args, argv: string[]): Promise<Report> {
  return new Promise((resolve, reject) => {
    // The thread loads this TypeScript file again, through tsx's loader.
    const entry = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;
    const worker = new Worker(entry, {
      eval: true,
      workerData: { argv },
      resourceLimits: { maxOldGenerationSizeMb: MEMORY_MB },
    });
    let watchdog: NodeJS.Timeout | undefined;
    const done = (f: () => void) => {
      clearTimeout(watchdog);
      void worker.terminate();
      f();
    };
    const arm = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(
        () =>
          done(() =>
            resolve(
              stoppedReport(
                args,
                `The check made no progress for ${WATCHDOG_MS / 1000} s inside one step of your code: an endless loop in a built-in call, a catastrophic regular expression, or a very large computation.`,
              ),
            ),
          ),
        WATCHDOG_MS,
      );
    };
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'checking' || m.type === 'alive') arm();
      else if (m.type === 'report') done(() => resolve(m.report));
      else done(() => reject(m.usage ? new UsageError(m.message) : new Error(m.message)));
    });
    worker.on('error', (e: Error & { code?: string }) =>
      done(() =>
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? resolve(
              stoppedReport(
                args,
                `The check ran out of memory (${MEMORY_MB / 1024} GB): most likely a handler that builds something huge, such as an ever-growing array or string.`,
              ),
            )
          : reject(e),
      ),
    );
  });
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const json = argv.includes('--json');
  try {
    const args = parseArgs(argv);
    const report = await checkInThread(args, argv);
    if (args.json) console.log(JSON.stringify(report, null, 2));
    else printSummary(report);
    process.exit(EXIT_CODES[report.verdict as keyof typeof EXIT_CODES] ?? EXIT_CODES.internal);
  } catch (e) {
    const usage = e instanceof UsageError || e instanceof SettingError;
    const message = e instanceof Error ? e.message : String(e);
    if (json) {
      console.log(
        JSON.stringify({ verdict: usage ? 'usage-error' : 'internal-error', message }, null, 2),
      );
    } else if (usage) {
      if (message) console.error(`error: ${message}\n`);
      console.error(USAGE);
    } else {
      console.error(`internal error (a bug in the workshop, not in your code): ${message}`);
    }
    process.exit(usage ? EXIT_CODES.usage : EXIT_CODES.internal);
  }
}

if (isMainThread) await main();
else await checkInWorker((workerData as { argv: string[] }).argv);
