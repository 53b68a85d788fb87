/**
 * Partial-order reduction (src/sim/reduction.ts, src/checker/reduced.ts) is sound and exact:
 * - on every variant of exercises it applies to (not 06, 15 and 22, whose invariants read the
 *   copies in flight, nor 23 past its first states), with their own fault budget and
 *   with one more fault, the reduced search ALONE (no unreduced re-run behind it) passes exactly
 *   when the unreduced search does, with fewer states in all;
 * - with the re-run, a check that does not pass ends exactly as the unreduced check: verdict,
 *   invariant, depth and counterexample;
 * - an invariant that reads what reduced steps write turns the reduction off, from the first
 *   state or wherever it first does, even when it catches what that throws.
 */
import { describe, expect, it } from 'vitest';
import { checkModel } from '../checker/explorer';
import { ReductionUnsound } from '../checker/reduced';
import type { CheckOptions, CheckResult, Model } from '../checker/types';
import { fingerprintWorld, invariant } from '../sim';
import type { Choice, World } from '../sim';
import type { ExerciseBundle } from './bundle';
import { applySettings } from './settings';
import { checkSummary, loadBundle } from './testing';
import { prepareVariant, variantsOf } from './verify';

type SimCheck = CheckResult<World, Choice>;

function withSettings(bundle: ExerciseBundle, settings: Record<string, string>): ExerciseBundle {
  return { ...bundle, manifest: applySettings(bundle.manifest, settings) };
}

function prepared(bundle: ExerciseBundle, variant: string, source?: string) {
  const v = variantsOf(bundle).find((x) => x.variant === variant)!;
  const p = prepareVariant(bundle, v, () => 0, source);
  if ('early' in p) throw new Error(`${variant} did not compile`);
  const options: CheckOptions = { ...p.options, maxTimeMs: 120_000 };
  delete options.sample;
  return { model: p.model as Model<World, Choice>, options };
}

describe('partial-order reduction', () => {
  const folders = [
    '04-lost-message',
    '08-visibility-timeout',
    '12-outbox',
    '13-generic-outbox',
    '14-inbox',
    '16-third-party-apis',
    '17-event-sourcing',
    '21-out-of-document-outbox',
    '20-consistency-token',
  ];
  for (const folder of folders) {
    it(`passes exactly when the unreduced search does, for every variant of ${folder}`, async () => {
      const base = await loadBundle(folder);
      let reducedStates = 0;
      let fullStates = 0;
      const budgets: Record<string, string>[] = [
        {},
        { 'faults.total': String(base.manifest.faults.total + 1) },
      ];
      for (const settings of budgets) {
        const bundle = withSettings(base, settings);
        for (const { variant } of variantsOf(bundle)) {
          const { model, options } = prepared(bundle, variant);
          expect(model.unreduced, `${variant}: reduced`).toBeDefined();
          const full = checkModel(model.unreduced!, options);
          const label = `${folder} ${variant} ${JSON.stringify(settings)}`;
          let reduced: SimCheck;
          try {
            reduced = checkModel({ ...model, unreduced: undefined }, options);
          } catch (err) {
            // An invariant read the broker somewhere: the check is the unreduced one.
            expect(err, label).toBeInstanceOf(ReductionUnsound);
            expect(checkSummary(checkModel(model, options)), label).toEqual(checkSummary(full));
            continue;
          }
          expect(full.verdict, label).not.toBe('limit-reached');
          expect(reduced.verdict === 'passed', label).toBe(full.verdict === 'passed');
          if (full.verdict === 'passed') {
            expect(reduced.distinctStates, label).toBeLessThanOrEqual(full.distinctStates);
            reducedStates += reduced.distinctStates;
            fullStates += full.distinctStates;
          } else {
            // With the re-run, the check is the unreduced one.
            expect(checkSummary(checkModel(model, options)), label).toEqual(checkSummary(full));
          }
        }
      }
      expect(reducedStates).toBeLessThan(fullStates);
    }, 180_000);
  }

  // Stronger than verdicts, and independent of any exercise's invariants: every situation an
  // invariant can see (the world without the broker's sections) that the unreduced model reaches,
  // the reduced one reaches too, and both end in the same states. Fault budgets chosen so each
  // condition on a safe step matters somewhere: reorders, duplicates and delays (queued copies
  // overtaken, copied or held back), crashes, failed acks and expired leases (an attempt struck
  // instead of acking), two consumers of one queue (08, 14, 17).
  const grid: [string, Record<string, string>][] = [
    ['08-visibility-timeout', { 'faults.total': '2', 'faults.reorder': '1' }],
    ['08-visibility-timeout', { 'faults.total': '2', 'faults.ackFail': '1', 'faults.delay': '1' }],
    ['13-generic-outbox', { 'faults.total': '2', 'faults.crash': '1', 'faults.delay': '1' }],
    ['14-inbox', { 'faults.total': '2', 'faults.reorder': '1', 'faults.crash': '0' }],
    ['14-inbox', { 'faults.total': '2', 'faults.leaseExpire': '1', 'faults.duplicate': '0' }],
    ['17-event-sourcing', { 'faults.total': '2', 'faults.delay': '1', 'faults.ackFail': '1' }],
    // Two messages for two consumers: a crash puts the first back ahead of the second.
    [
      '08-visibility-timeout',
      { 'workload.extraMessages': '1', 'faults.leaseExpire': '0', 'faults.crash': '1' },
    ],
    // A failed first message waits for its delayed retry, ahead of the second.
    [
      '08-visibility-timeout',
      {
        'workload.extraMessages': '1',
        'faults.leaseExpire': '0',
        'faults.storeFail': '1',
        'retries.Orders.immediate': '0',
        'retries.Orders.delayed': '1',
      },
    ],
  ];
  for (const [folder, settings] of grid) {
    it(`keeps every situation and every end of ${folder} with ${JSON.stringify(settings)}`, async () => {
      const bundle = withSettings(await loadBundle(folder), settings);
      for (const variant of ['starter', 'solution']) {
        const { model } = prepared(bundle, variant);
        expect(model.unreduced, variant).toBeDefined();
        const reduced = reachable({ ...model, unreduced: undefined });
        const full = reachable(model.unreduced!);
        expect(reduced.states, variant).toBeLessThan(full.states);
        expect(missing(full.seen, reduced.seen), `${variant}: situations`).toEqual([]);
        expect(missing(full.ends, reduced.ends), `${variant}: ends`).toEqual([]);
        expect(missing(reduced.ends, full.ends), `${variant}: ends`).toEqual([]);
      }
    }, 120_000);
  }

  it('does not explore a delivery alone when the handler fails before its first call', async () => {
    // Billing throws at once: its delivery fails the attempt (history, retries), which is more
    // than a broker step; the model sees the sections it wrote and expands every choice.
    const bundle = withSettings(await loadBundle('14-inbox'), { 'faults.total': '0' });
    const solution = bundle.sources[bundle.manifest.files.solution]!;
    const failing = solution.replace(
      'export async function onEvent() {}',
      "export async function onEvent() {\n  throw new Error('Billing is down');\n}",
    );
    expect(failing).not.toBe(solution);
    const { model } = prepared(bundle, 'solution', failing);
    const reduced = reachable({ ...model, unreduced: undefined });
    const full = reachable(model.unreduced!);
    expect(reduced.states).toBeLessThan(full.states);
    expect(missing(full.seen, reduced.seen)).toEqual([]);
    expect(missing(full.ends, reduced.ends)).toEqual([]);
  });

  it('is off when an invariant reads what reduced steps write, from the first state on', async () => {
    const bundle = await loadBundle('14-inbox');
    const reading = withInvariant(bundle, (w) => w.copies.length < 99 || 'many copies');
    const { model } = prepared(reading, 'solution');
    expect(model.unreduced).toBeUndefined();
  });

  it('restarts unreduced when an invariant first reads it deep in the search, even if it catches', async () => {
    const bundle = await loadBundle('14-inbox');
    // Reads the copies only once the inbox knows the message (late), and swallows the error.
    const late = withInvariant(bundle, (w) => {
      const inbox = w.stores.inbox;
      if (inbox?.kind !== 'kv' || Object.keys(inbox.entries).length === 0) return true;
      try {
        return w.copies.length < 99 || 'many copies';
      } catch {
        return true;
      }
    });
    const { model, options } = prepared(late, 'solution');
    expect(model.unreduced).toBeDefined();
    const checked = checkModel(model, options);
    const full = checkModel(model.unreduced!, options);
    expect(checked.verdict).toBe('passed');
    // The states of the unreduced search: the reduced one was abandoned.
    expect(checkSummary(checked)).toEqual(checkSummary(full));
    const untouched = prepared(bundle, 'solution');
    expect(checkModel(untouched.model, untouched.options).distinctStates).toBeLessThan(
      full.distinctStates,
    );
  });
});

/** `bundle` with one more `always` invariant. */
function withInvariant(
  bundle: ExerciseBundle,
  check: Parameters<typeof invariant>[3],
): ExerciseBundle {
  const extra = invariant('readsBroker', 'always', 'reads the broker', check);
  return {
    ...bundle,
    manifest: { ...bundle.manifest, invariants: [...bundle.manifest.invariants, extra] },
  };
}

/** What invariants can see of a world (fingerprint.ts leaves provenance out as well). */
function visible(w: World): string {
  const { hi, lo } = fingerprintWorld({
    ...w,
    copies: [],
    invocations: [],
    endpoints: {},
    minted: {},
  });
  return `${hi}:${lo}`;
}

/** Every state of `model` (breadth first): the visible situations, the end states, the count. */
function reachable(model: Model<World, Choice>) {
  const fingerprint = (w: World) => {
    const { hi, lo } = fingerprintWorld(w);
    return `${hi}:${lo}`;
  };
  const known = new Set<string>();
  const seen = new Set<string>();
  const ends = new Set<string>();
  let frontier = model.initialStates();
  for (const w of frontier) known.add(fingerprint(w));
  while (frontier.length > 0) {
    const next: World[] = [];
    for (const w of frontier) {
      seen.add(visible(w));
      const enabled = model.enabled(w);
      if (enabled.length === 0) ends.add(fingerprint(w));
      for (const c of enabled) {
        const t = model.step(w, c);
        const f = fingerprint(t);
        if (known.has(f)) continue;
        known.add(f);
        next.push(t);
      }
    }
    frontier = next;
    if (known.size > 200_000) throw new Error('too many states for this test');
  }
  return { states: known.size, seen, ends };
}

function missing(from: Set<string>, inside: Set<string>): string[] {
  return [...from].filter((x) => !inside.has(x)).slice(0, 3);
}
