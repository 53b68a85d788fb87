/**
 * The grown workloads of the checker-at-scale suite (scale.ts): solutions of exercises on one
 * more message, payment, action, tab, order or fault. `grownBundle` gives the exercise as the
 * suite checks it, and `grownModel` the model a helper thread builds for it (threadPool.ts), so
 * the threads and the search check exactly one model.
 */
import type { ExerciseManifest, InitialMessage, TabSpec } from '../../src/sim';
import type { ExerciseBundle } from '../../src/workshop/bundle';
import { loadBundle } from '../../src/workshop/testing';
import { helperVariantModel } from '../../src/workshop/verify';
import type { OracleReferences } from '../../src/workshop/oracle';
import { importExerciseModule } from '../../src/workshop/loadNode';
import type { SimModel } from '../../src/workshop/simModel';
import { performance } from 'node:perf_hooks';

// 17's business invariant is built per list of payments: its manifest exports the builder.
const { couponWhenTotalCrosses100 } = await importExerciseModule<{
  couponWhenTotalCrosses100: (
    payments: readonly { amount: number }[],
  ) => ExerciseManifest['invariants'][number];
}>('17-event-sourcing', 'manifest.ts');
/**
 * The suite's cap on states, so that no grown check can run the 4 GB benchmark heap out (a
 * limit, verdict 0, instead of a crash). When it was set, a world cost 7-12 KB of heap per
 * frontier state; copy-on-write worlds now hold 125-600 MB per million states
 * (`scale.heapMBPerMillionStates`), and every grown check ends below the cap.
 */
export const MAX_STATES = 300_000;

export interface Grown {
  name: string;
  folder: string;
  grow(m: ExerciseManifest): ExerciseManifest;
}

const messages = (m: ExerciseManifest): InitialMessage[] => m.workload.messages ?? [];
const tabs = (m: ExerciseManifest): TabSpec[] => m.workload.tabs ?? [];

/** `n` AddItem messages for 08's order (two consumers already). */
function addItems(n: number) {
  return (m: ExerciseManifest): ExerciseManifest => ({
    ...m,
    workload: {
      messages: Array.from({ length: n }, (_, i) => ({
        ...messages(m)[0]!,
        payload: {
          orderId: 'order-1',
          filling: ['Meat', 'Mushrooms', 'Strawberry', 'SwissCheese'][i % 4],
        },
      })),
    },
  });
}

/** `n` PaymentBooked messages for 17, with its business invariant over those payments. */
function payments(n: number) {
  return (m: ExerciseManifest): ExerciseManifest => {
    const first = messages(m)[0]!;
    const grown = Array.from({ length: n }, (_, i) => ({ ...first, id: `payment-${i + 1}` }));
    const amounts = grown.map((g) => ({ amount: (g.payload as { amount: number }).amount }));
    return {
      ...m,
      workload: { messages: grown },
      // Identical payments: a world and its renamings are one state (src/sim/symmetry.ts).
      interchangeable: [grown.map((g) => g.id)],
      invariants: m.invariants.map((inv) =>
        inv.name === 'couponWhenTotalCrosses100' ? couponWhenTotalCrosses100(amounts) : inv,
      ),
    };
  };
}

export const GROWN: Grown[] = [
  { name: 'visibility-timeout-4-messages', folder: '08-visibility-timeout', grow: addItems(4) },
  { name: 'event-sourcing-4-payments', folder: '17-event-sourcing', grow: payments(4) },
  { name: 'event-sourcing-5-payments', folder: '17-event-sourcing', grow: payments(5) },
  {
    name: 'http-edges-4-actions',
    folder: '22-http-edges',
    grow: (m) => ({
      ...m,
      workload: {
        tabs: tabs(m).map((t) => ({ ...t, actions: [...t.actions, ...t.actions] })),
      },
    }),
  },
  {
    name: 'http-edges-second-tab',
    folder: '22-http-edges',
    // Alice on two devices doing the same: interchangeable tabs (named apart from the customer
    // "alice" in the data, which is not interchangeable with anything).
    grow: (m) => ({
      ...m,
      workload: {
        tabs: [
          { ...tabs(m)[0]!, name: 'laptop' },
          { ...tabs(m)[0]!, name: 'phone' },
        ],
      },
      interchangeable: [['laptop', 'phone']],
    }),
  },
  {
    name: 'inbox-2-messages-2-faults',
    folder: '14-inbox',
    grow: (m) => ({
      ...m,
      faults: { total: 2, perKind: { crash: 1, duplicate: 1 } },
      workload: {
        messages: [
          ...messages(m),
          { ...messages(m)[0]!, payload: { orderId: 'order-1', filling: 'Mushrooms' } },
        ],
      },
    }),
  },
  {
    name: 'token-dedup-2-orders',
    folder: '15-token-dedup',
    grow: (m) => {
      const db = m.stores.db!;
      if (db.kind !== 'documents') throw new Error('15: db is not a document store');
      const first = messages(m)[0]!;
      return {
        ...m,
        stores: {
          ...m.stores,
          db: {
            ...db,
            initial: {
              ...db.initial,
              invoices: { ...db.initial?.invoices, 'order-2': { customer: 'bob', charges: [] } },
            },
          },
        },
        workload: {
          messages: [
            first,
            {
              ...first,
              payload: { ...(first.payload as object), orderId: 'order-2', customer: 'bob' },
            },
          ],
        },
      };
    },
  },
];

/** The exercise of grown workload `name` as the suite checks it, with `maxTimeMs` to check it in. */
export async function grownBundle(name: string, maxTimeMs: number): Promise<ExerciseBundle> {
  const g = GROWN.find((x) => x.name === name);
  if (!g) throw new Error(`No grown workload named ${name}.`);
  const bundle = await loadBundle(g.folder);
  const manifest = g.grow(bundle.manifest);
  return {
    ...bundle,
    manifest: { ...manifest, limits: { maxStates: MAX_STATES, maxDepth: 10_000, maxTimeMs } },
  };
}

/** The model of grown workload `name`'s solution, as a helper thread builds it. */
export async function grownModel(args: {
  name: string;
  remainingMs: number;
  references: OracleReferences;
}): Promise<SimModel> {
  const bundle = await grownBundle(args.name, args.remainingMs);
  const solution = { variant: 'solution', file: bundle.manifest.files.solution, expected: null };
  return helperVariantModel(bundle, solution, args.references, args.remainingMs, () =>
    performance.now(),
  );
}
