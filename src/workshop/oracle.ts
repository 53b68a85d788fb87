/**
 * The exactly-once oracle, on in every messaging exercise (curriculum §0 I-EQUIV; design §5).
 *
 * Contract: `oracleInvariants(reference)` returns two `atQuiescence` invariants, appended after
 * the exercise's own (so a lesson's specific invariant is reported first when both break):
 * - `everyIntentTakesEffect` (no vacuous pass): in a run with no injected fault, every intent is
 *   definite — every request answered, no message dead-lettered. A handler that throws, or a
 *   browser that gets no answer, fails it;
 * - `exactlyOnce`: the observable outcome of every quiescent state equals an outcome the
 *   exercise's **reference solution** reaches with **zero faults**, over all interleavings, with
 *   the definite intents included and each indeterminate one either included or left out. A
 *   do-nothing handler (nothing happened for an answered request), a second order, a lost
 *   message, a ghost message, a duplicate charge: each makes an outcome the reference never does.
 *
 * Reference outcomes are computed lazily per set of included intents by checking the reference
 * solution (faults off) and collecting its quiescent outcomes, in two tiers: deliveries in order
 * first, and only when a run's outcome is not among those, with as many out-of-order deliveries
 * as the run's faults could cause (an outcome is accepted exactly when one reordered run would
 * accept it, at a fraction of the cost for the runs that end in order; the schema of fields
 * compared is what the in-order runs write). With the whole workload, the exercise's
 * interchangeable ids reduce the reference runs, and each outcome is expanded to every renaming.
 * They are cached per exercise ×
 * settings × intent set for the life of the process (the browser worker reuses them across checks).
 * They share the check's time budget (`budget`): a reference run still going at its deadline
 * throws SearchLimitReached, and the check ends "limit reached", saying why, instead of running
 * past its budget.
 */
import { checkModel } from '../checker/explorer';
import { SearchLimitReached } from '../checker/limitReached';
import type { CheckBudget, LimitKind } from '../checker/types';
import { shortHash, stableStringify } from '../core/hash';
import {
  classifyIntents,
  createCanonicaliser,
  EVERY_INTENT_TAKES_EFFECT,
  EXACTLY_ONCE,
  createOutcomeObserver,
  createFingerprint,
  describeDifference,
  initialMessageIds,
  intentOfAction,
  renamer,
  renamingsOf,
  intentOfMessage,
  intentsOf,
  isQuiescent,
  schemaOf,
} from '../sim';
import type {
  ExerciseManifest,
  Intent,
  IntentStatus,
  InvariantSpec,
  ObservedOutcome,
  OutcomeSchema,
  RawOutcome,
  InvariantWorld,
} from '../sim';
import { createProgram } from './program';
import { createSimModel } from './simModel';

/** The reference the oracle compares with: the exercise (settings applied) and its solution. */
export interface OracleReference {
  manifest: ExerciseManifest;
  solutionSource: string;
  solutionFile: string;
  /** Identifies exercise × everything the reference depends on, for the cache. */
  cacheKey: string;
  /**
   * The check's time budget, which the reference runs share: they stop at `deadlineMs` on `now`'s
   * clock (SearchLimitReached). None: no time limit.
   */
  budget?: CheckBudget;
  /** Most states a reference run may take (default: a million, a guard against runaways). */
  maxStates?: number;
}

/** The reference runs without faults are small; this only guards against a runaway. */
const REFERENCE_MAX_STATES = 1_000_000;

/** Intent subsets with more indeterminate intents than this are not enumerated (2^n checks). */
const MAX_INDETERMINATE = 6;

/** An outcome of the reference, with the fewest out-of-order deliveries that reach it. */
interface ReferenceOutcome<O> {
  outcome: O;
  reorders: number;
}

/** The reference solution's fault-free outcomes for one set of included intents. */
interface ReferenceRun {
  outcomes: ReferenceOutcome<RawOutcome>[];
  /** Intents it left undone in some run without reordering (a request that lost a conflict). */
  undone: Set<string>;
}

/** Everything the oracle knows about one exercise. */
interface Reference {
  schema: OutcomeSchema;
  /** Intents exempt from the progress goal: the reference itself can leave them undone. */
  exempt: Set<string>;
  /** Included intents (sorted, joined) → its outcomes, in order and (once needed) reordered. */
  bySubset: Map<string, SubsetOutcomes>;
}

/** Canonical outcome key → outcome. */
type Outcomes = Map<string, ReferenceOutcome<ObservedOutcome>>;

/**
 * The reference outcomes of one set of intents, in two tiers: `inOrder` from runs that deliver in
 * order (cheap, and where a correct handler's runs nearly always end), `reordered` from runs with
 * up to the exercise's reorder allowance (computed only when an outcome is not in order's).
 */
interface SubsetOutcomes {
  inOrder: Outcomes;
  reordered?: Outcomes;
}

const references = new Map<string, Reference>();

/**
 * The reference outcomes computed so far, as data that survives `postMessage` (Maps, Sets and
 * plain objects): a helper on another thread adopts them instead of running the reference again
 * (src/workers/threadPool.ts). Opaque outside this module.
 */
export type OracleReferences = ReadonlyMap<string, object>;

export function oracleReferences(): OracleReferences {
  return new Map(references);
}

/** Takes in references computed by another thread (those not known here yet). */
export function adoptOracleReferences(known: OracleReferences): void {
  for (const [key, reference] of known) {
    if (!references.has(key)) references.set(key, reference as Reference);
  }
}

/** The reference solution made a run that is not a clean zero-fault pass: an authoring error. */
export class ReferenceSolutionError extends Error {
  override name = 'ReferenceSolutionError';
}

export function oracleInvariants(reference: OracleReference): InvariantSpec[] {
  const { manifest } = reference;
  const intents = intentsOf(manifest);
  const labelOf = new Map(intents.map((i) => [i.key, i.label]));
  const observe = createOutcomeObserver(manifest);
  const canonical = createCanonicaliser(manifest);
  const reorderLimit = (w: InvariantWorld) => reordersFor(w.faults.total, intents.length);
  const ref = referenceOf(reference, intents, canonical);
  // The invariants below run on the same terminal world one after the other: classify it once.
  let lastWorld: InvariantWorld | undefined;
  let lastStatus = new Map<string, IntentStatus>();
  const statusOf = (w: InvariantWorld) => {
    if (w !== lastWorld) [lastWorld, lastStatus] = [w, classifyIntents(w, manifest)];
    return lastStatus;
  };

  const progress: InvariantSpec = {
    name: EVERY_INTENT_TAKES_EFFECT,
    kind: 'atQuiescence',
    description:
      'With no fault injected, every request is answered and every message processed (nothing is left undone).',
    check(w) {
      if (w.faults.total > 0) return true;
      const status = statusOf(w);
      const undone = intents.filter(
        (i) => status.get(i.key) !== 'definite' && !ref.exempt.has(i.key),
      );
      if (undone.length === 0) return true;
      return `No fault was injected, yet ${undone.map((i) => labelOf.get(i.key)).join(' and ')} did not take effect (${undone.map((i) => whyUndone(status.get(i.key)!)).join('; ')}).`;
    },
  };

  const exactlyOnce: InvariantSpec = {
    name: EXACTLY_ONCE,
    kind: 'atQuiescence',
    description:
      'The end result is one the reference solution reaches with no faults: every answered request and processed message took effect exactly once, and nothing else happened.',
    check(w) {
      const status = statusOf(w);
      const definite = intents.filter((i) => status.get(i.key) === 'definite').map((i) => i.key);
      const open = intents.filter((i) => status.get(i.key) === 'indeterminate').map((i) => i.key);
      if (open.length > MAX_INDETERMINATE) return true;
      const actual = canonical(observe(w), ref.schema);
      const limit = reorderLimit(w);
      let closest: ObservedOutcome | undefined;
      // In-order outcomes first: reordered ones are computed only when none matches.
      for (const tier of limit > 0 ? (['inOrder', 'reordered'] as const) : (['inOrder'] as const))
        for (let mask = (1 << open.length) - 1; mask >= 0; mask--) {
          const included = [...definite, ...open.filter((_, k) => mask & (1 << k))];
          const outcomes = outcomesFor(reference, ref, included, canonical, tier);
          const found = outcomes.get(actual.key);
          if (found && found.reorders <= limit) return true;
          closest ??= first(outcomes)?.outcome;
        }
      return explain(w, actual, closest, intents, status);
    },
  };
  // An intent the reference itself can leave undone without faults (a request that loses a
  // concurrency conflict) must still take effect in SOME fault-free run: a handler that always
  // fails it is no solution.
  const possible: InvariantSpec[] = [...ref.exempt].map((key) => ({
    name: `canTakeEffect(${key})`,
    kind: 'sometimes',
    description: `${labelOf.get(key) ?? key} takes effect in some run without faults, as with the reference solution`,
    check: (w) =>
      isQuiescent(w) && w.faults.total === 0 && statusOf(w).get(key) === 'definite'
        ? true
        : 'not here',
  }));
  return [progress, exactlyOnce, ...possible];
}

function whyUndone(status: string): string {
  return status === 'absent' ? 'never sent' : 'no answer, or a message ended in the error queue';
}

function first<T>(map: Map<string, T>): T | undefined {
  for (const v of map.values()) return v;
  return undefined;
}

function explain(
  w: InvariantWorld,
  actual: ObservedOutcome,
  reference: ObservedOutcome | undefined,
  intents: Intent[],
  status: Map<string, string>,
): string {
  const answered = intents.filter((i) => status.get(i.key) === 'definite').map((i) => i.label);
  const open = intents.filter((i) => status.get(i.key) === 'indeterminate').map((i) => i.label);
  const difference = reference
    ? describeDifference(actual, reference, 'the fault-free system')
    : 'the fault-free system reaches no end state at all';
  const faults = w.faults.total === 1 ? '1 fault' : `${w.faults.total} faults`;
  return (
    `Not exactly once: with ${faults}, the end result differs from every end result of the reference solution without faults — ${difference}.` +
    (answered.length ? ` Took effect (answered or processed): ${answered.join(', ')}.` : '') +
    (open.length ? ` In doubt (may or may not have taken effect): ${open.join(', ')}.` : '')
  );
}

type Canonicaliser = ReturnType<typeof createCanonicaliser>;

const subsetKey = (included: string[]) => [...included].sort().join(',');

/**
 * The schema and progress exemptions, from the in-order reference run with every intent included
 * (whose outcomes are kept: it is the subset every fault-free run is compared with). The schema
 * is what the reference writes when nothing goes wrong; reordered runs are read through it.
 */
function referenceOf(
  reference: OracleReference,
  intents: Intent[],
  canonical: Canonicaliser,
): Reference {
  const cached = references.get(reference.cacheKey);
  if (cached) return cached;
  const keys = intents.map((i) => i.key);
  const all = runReference(reference, keys, 0);
  const r: Reference = {
    schema: schemaOf(all.outcomes.map((o) => o.outcome)),
    exempt: all.undone,
    bySubset: new Map(),
  };
  r.bySubset.set(subsetKey(keys), { inOrder: canonicalOutcomes(all, r.schema, canonical) });
  references.set(reference.cacheKey, r);
  return r;
}

/**
 * How often the reference may deliver out of order to match a run with `faults` faults: none
 * without faults (the broker is FIFO), else as often as every other intent overtaking once per
 * fault (a failed or delayed message is retried behind the others).
 */
function reordersFor(faults: number, intents: number): number {
  return faults * Math.max(0, intents - 1);
}

/** The reference outcomes with `included` intents in one tier, computed once per subset and tier. */
function outcomesFor(
  reference: OracleReference,
  r: Reference,
  included: string[],
  canonical: Canonicaliser,
  tier: keyof SubsetOutcomes,
): Outcomes {
  const key = subsetKey(included);
  const run = (reorders: number) =>
    canonicalOutcomes(runReference(reference, included, reorders), r.schema, canonical);
  let subset = r.bySubset.get(key);
  if (!subset) r.bySubset.set(key, (subset = { inOrder: run(0) }));
  if (tier === 'inOrder') return subset.inOrder;
  // Reordering covers what a delay does to the order of deliveries; delays add nothing here.
  const base = reference.manifest;
  return (subset.reordered ??= run(reordersFor(base.faults.total, intentsOf(base).length)));
}

function canonicalOutcomes(
  run: ReferenceRun,
  schema: OutcomeSchema,
  canonical: Canonicaliser,
): Map<string, ReferenceOutcome<ObservedOutcome>> {
  const out = new Map<string, ReferenceOutcome<ObservedOutcome>>();
  for (const { outcome, reorders } of run.outcomes) {
    const o = canonical(outcome, schema);
    keepFewest(out, o.key, o, reorders);
  }
  return out;
}

/** Keeps `outcome` under `key` unless one there was reached with no more reorderings. */
function keepFewest<O>(
  outcomes: Map<string, ReferenceOutcome<O>>,
  key: string,
  outcome: O,
  reorders: number,
): void {
  const seen = outcomes.get(key);
  if (!seen || reorders < seen.reorders) outcomes.set(key, { outcome, reorders });
}

/**
 * Checks the reference solution with only `included` intents and no faults, but up to `reorders`
 * out-of-order deliveries, and collects each outcome with the fewest reorderings that reach it;
 * and the intents it leaves undone without any.
 */
function runReference(
  reference: OracleReference,
  included: string[],
  reorders: number,
): ReferenceRun {
  const base = reference.manifest;
  const manifest = restrictWorkload(base, new Set(included));
  const observe = createOutcomeObserver(base);
  const outcomes = new Map<string, ReferenceOutcome<RawOutcome>>();
  const undone = new Set<string>();
  const collector: InvariantSpec = {
    name: 'collectReferenceOutcomes',
    kind: 'atQuiescence',
    description: 'collects the reference outcomes',
    check(w) {
      const raw = observe(w);
      keepFewest(outcomes, stableStringify(raw), raw, w.faults.byKind.reorder ?? 0);
      if (w.faults.total === 0)
        for (const [intent, status] of classifyIntents(w, manifest))
          if (status !== 'definite') undone.add(intent);
      return true;
    },
  };
  const prepared = createProgram(
    {
      ...manifest,
      faults: { total: reorders, perKind: { reorder: reorders } },
      invariants: [collector],
    },
    reference.solutionSource,
    reference.solutionFile,
  );
  if (!prepared.ok)
    throw new ReferenceSolutionError(
      `The reference solution does not compile: ${prepared.error.message}`,
    );
  // The learner's limits do not apply: the reference must always be complete.
  // Only end outcomes are collected: states that differ only in history no invariant here reads
  // are one state. With the whole workload, interchangeable ids reduce the search too; each
  // outcome it collects is then renamed in every way they allow (below), since a learner's run
  // may end in any renaming.
  const renamings = referenceRenamings(base, included);
  const model = {
    ...createSimModel(prepared.program),
    fingerprint: createFingerprint(renamings ? base.interchangeable : undefined, 'outcomes'),
  };
  const { budget } = reference;
  const leftMs = budget ? budget.deadlineMs - budget.now() : Infinity;
  if (leftMs <= 0) throw referenceLimit('time');
  const result = checkModel(model, {
    maxStates: reference.maxStates ?? Math.max(base.limits.maxStates, REFERENCE_MAX_STATES),
    maxDepth: Math.max(base.limits.maxDepth, 1000),
    ...(budget ? { now: budget.now, maxTimeMs: leftMs } : {}),
  });
  if (result.verdict === 'limit-reached') throw referenceLimit(result.limit, result.distinctStates);
  if (result.verdict !== 'passed')
    throw new ReferenceSolutionError(
      `The reference solution ${result.verdict === 'violated' ? `ends stuck (${result.invariant})` : `gives "${result.verdict}"`} with no faults: the exercise cannot be checked.`,
    );
  const run = { outcomes: [...outcomes.values()], undone };
  return renamings ? renamed(run, renamings, base) : run;
}

/** Most renamings an outcome is expanded into (5 interchangeable ids: 120). */
const MAX_RENAMINGS = 720;

/**
 * The renamings a reference run may be reduced by: those of the manifest's interchangeable ids
 * when every intent is included (a subset may single one id out) and there are at most
 * MAX_RENAMINGS of them; else none (null).
 */
function referenceRenamings(
  manifest: ExerciseManifest,
  included: string[],
): ReadonlyMap<string, string>[] | null {
  const groups = manifest.interchangeable ?? [];
  if (groups.flat().length === 0 || included.length < intentsOf(manifest).length) return null;
  return renamingsOf(groups, MAX_RENAMINGS);
}

/** A reduced reference run's outcomes and undone intents, with every renaming of each. */
function renamed(
  run: ReferenceRun,
  renamings: ReadonlyMap<string, string>[],
  manifest: ExerciseManifest,
): ReferenceRun {
  const outcomes = new Map<string, ReferenceOutcome<RawOutcome>>();
  const undone = new Set<string>();
  // Message intents are named by position (message#2): renamed through the message's id.
  const ids = initialMessageIds(manifest.workload.messages ?? []);
  const messageAt = new Map(ids.map((id, i) => [intentOfMessage(i), id]));
  const intentOfId = new Map(ids.map((id, i) => [id, intentOfMessage(i)]));
  for (const names of renamings) {
    const rename = renamer(names);
    for (const { outcome, reorders } of run.outcomes) {
      const raw = rename(outcome);
      keepFewest(outcomes, stableStringify(raw), raw, reorders);
    }
    for (const key of run.undone) {
      const id = messageAt.get(key);
      undone.add(id === undefined ? rename(key) : (intentOfId.get(rename(id)) ?? key));
    }
  }
  return { outcomes: [...outcomes.values()], undone };
}

/** The reference run reached a limit: the check cannot say more within its own. */
function referenceLimit(limit: LimitKind, states?: number): SearchLimitReached {
  const within =
    limit === 'time'
      ? "within the check's time budget"
      : `within ${limit === 'states' && states ? `${states.toLocaleString('en-US')} states` : `its ${limit} limit`}`;
  return new SearchLimitReached(
    limit,
    `The reference solution's end results, which the exactly-once oracle compares yours with, could not be computed ${within}.`,
  );
}

/** The manifest with only the included intents in its workload. */
function restrictWorkload(manifest: ExerciseManifest, included: Set<string>): ExerciseManifest {
  const tabs = (manifest.workload.tabs ?? [])
    .map((t) => ({
      ...t,
      actions: t.actions.filter((_, i) => included.has(intentOfAction(t.name, i))),
    }))
    .filter((t) => t.actions.length > 0);
  // Messages keep the ids they have in the full workload (`m2` stays `m2`).
  const all = manifest.workload.messages ?? [];
  const ids = initialMessageIds(all);
  const messages = all
    .map((m, i) => ({ ...m, id: ids[i]! }))
    .filter((_, i) => included.has(intentOfMessage(i)));
  return { ...manifest, workload: { tabs, messages } };
}

/**
 * The exercise as checked: its manifest (settings applied) with the oracle's invariants after
 * its own. Reference outcomes are cached by what they depend on (workload, actors, dispatch,
 * fault total, outcome spec, solution), so settings and grown workloads never share them.
 */
export function withOracle(
  manifest: ExerciseManifest,
  bundle: { folder: string; sources: Record<string, string> },
  budget?: CheckBudget,
  maxStates?: number,
): ExerciseManifest {
  const solutionFile = manifest.files.solution;
  const solutionSource = bundle.sources[solutionFile];
  if (solutionSource === undefined) return manifest;
  // Everything the reference outcomes depend on: a manifest grown in a test or benchmark, or
  // changed by a setting, never reuses another's outcomes.
  const shape = shortHash([
    manifest.workload,
    manifest.endpoints,
    manifest.subscriptions ?? null,
    manifest.stores,
    manifest.external ?? null,
    manifest.dispatch,
    manifest.faults.total,
    manifest.outcome ?? null,
    solutionSource,
  ]);
  const reference: OracleReference = {
    manifest,
    solutionSource,
    solutionFile,
    cacheKey: `${bundle.folder}\n${shape}`,
    ...(budget ? { budget } : {}),
    ...(maxStates !== undefined ? { maxStates } : {}),
  };
  return { ...manifest, invariants: [...manifest.invariants, ...oracleInvariants(reference)] };
}
