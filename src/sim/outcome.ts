/**
 * What a run did, as the exactly-once oracle sees it (curriculum §0, I-EQUIV; design §5).
 *
 * - **Intents** are the workload's items: each action of a scripted browser tab (with all the
 *   browser's retries of it) and each initial message. At the end of a run each is `definite`
 *   (answered, or processed), `indeterminate` (the browser gave up, or a message it caused was
 *   dead-lettered: it may or may not have taken effect, as Jepsen treats an operation whose
 *   answer is unknown) or `absent` (never issued).
 * - **The observable outcome** is a projection of the world: business documents, key-value
 *   entries and event streams (bookkeeping stores and collections excluded, plus whatever the
 *   manifest's `outcome.ignore` lists), external systems' records, and the distinct logical
 *   messages the system sent (deduplicated by id: redelivering a copy is not a second message).
 *   Ids the engine mints (attempts `a3`, `a3.1`, requests `r2`, copies `c5`, API records
 *   `stripe-1`) are masked, so equal outcomes compare equal whatever ids the code minted.
 *
 * Pure: no engine state, no clock; `observeOutcome` and `classifyIntents` read only the world.
 */
import { escapeRegExp } from '../core/regex';
import { stableStringify } from '../core/hash';
import { initialMessageIds, intentOfAction, intentOfMessage } from './manifest';
import type { ExerciseManifest, OutcomeSpec, UserAction } from './manifest';

export type { OutcomeSpec };
import type { InvariantWorld } from './world';

/** The oracle's invariants, added to every messaging exercise (src/workshop/oracle.ts). */
export const EXACTLY_ONCE = 'exactlyOnce';
export const EVERY_INTENT_TAKES_EFFECT = 'everyIntentTakesEffect';
export const ORACLE_INVARIANTS: readonly string[] = [EVERY_INTENT_TAKES_EFFECT, EXACTLY_ONCE];

export type IntentStatus = 'definite' | 'indeterminate' | 'absent';

export interface Intent {
  key: string;
  /** In the learner's words: "alice's submit (cartId cart-1)". */
  label: string;
}

/** A canonical outcome: one sorted list of entries per section ("db/orders", "messages", ...). */
export interface ObservedOutcome {
  key: string;
  sections: Record<string, string[]>;
}

export function intentsOf(manifest: ExerciseManifest): Intent[] {
  const out: Intent[] = [];
  for (const tab of manifest.workload.tabs ?? [])
    tab.actions.forEach((a, i) =>
      out.push({ key: intentOfAction(tab.name, i), label: actionLabel(tab.name, a) }),
    );
  const messages = manifest.workload.messages ?? [];
  const ids = initialMessageIds(messages);
  messages.forEach((m, i) =>
    out.push({ key: intentOfMessage(i), label: `the ${m.type} message ${ids[i]}` }),
  );
  return out;
}

function actionLabel(tab: string, a: UserAction): string {
  const body =
    typeof a.body === 'object' && a.body !== null
      ? Object.entries(a.body)
          .filter(([, v]) => typeof v !== 'object' || v === null)
          .map(([k, v]) => `${k} ${String(v)}`)
          .join(', ')
      : '';
  return `${tab}'s ${a.route}${body ? ` (${body})` : ''}`;
}

/** Each intent's status at the end of a run. */
export function classifyIntents(
  w: InvariantWorld,
  manifest: ExerciseManifest,
): Map<string, IntentStatus> {
  const status = new Map<string, IntentStatus>();
  for (const tab of manifest.workload.tabs ?? []) {
    const state = w.tabs.find((t) => t.tab === tab.name);
    tab.actions.forEach((_, i) =>
      status.set(intentOfAction(tab.name, i), state && state.next > i ? 'definite' : 'absent'),
    );
  }
  const messages = manifest.workload.messages ?? [];
  const initialIds = initialMessageIds(messages);
  messages.forEach((_, i) => status.set(intentOfMessage(i), 'definite'));
  const h = w.history;
  for (const requestId of h.failedRequests) {
    const intent = h.requestIntents[requestId];
    if (intent) status.set(intent, 'indeterminate');
  }
  for (const messageId of h.deadLettered) {
    const intent = rootIntent(w, messageId, initialIds);
    if (intent) status.set(intent, 'indeterminate');
  }
  return status;
}

/** The intent a message descends from: follow producer links to a request or an initial message. */
function rootIntent(
  w: InvariantWorld,
  messageId: string,
  initialIds: string[],
): string | undefined {
  let id = messageId;
  for (let hops = 0; hops < 1000; hops++) {
    const initial = initialIds.indexOf(id);
    if (initial >= 0) return intentOfMessage(initial);
    const fromRequest = w.history.requestIntents[id];
    if (fromRequest) return fromRequest;
    const enqueued = w.history.enqueued[id];
    if (!enqueued) return undefined;
    id = enqueued.producedBy.incomingId;
  }
  return undefined;
}

/** A regular expression for the ids the engine mints in this exercise. */
/**
 * Ids the engine names (naming.ts) or an API numbers: anything naming an attempt
 * (`<input>@<Endpoint>...`, so every id a handler mints), a request (`r2`, `alice.r2`), a copy.
 */
function mintedIdPattern(manifest: ExerciseManifest): RegExp {
  const apis = Object.keys(manifest.external ?? {}).map((a) => escapeRegExp(a.toLowerCase()));
  const endpoints = Object.keys(manifest.endpoints).map(escapeRegExp).join('|');
  const tabs = (manifest.workload.tabs ?? []).map((t) => `${escapeRegExp(t.name)}\\.`).join('|');
  const token = '[^"\\s,:{}\\[\\]]*';
  const alternatives = [
    `${token}[@>](?:${endpoints})\\b${token}`,
    `\\b(?:${tabs ? `${tabs}|` : ''})?r\\d+\\b`,
    ...apis.map((a) => `\\b${a}-\\d+\\b`),
  ];
  return new RegExp(alternatives.join('|'), 'g');
}

const MASK = '#';

/** One document, entry, record or message of a section; `id` null where ids do not count. */
export interface ObservedEntry {
  id: string | null;
  value: unknown;
}

/** One part of the outcome: a collection, a key-value store, a stream, an API, the messages. */
export interface ObservedSection {
  /** Event streams keep their order; every other section is a multiset. */
  ordered: boolean;
  entries: ObservedEntry[];
}

/** What a run left behind, before canonicalisation. */
export type RawOutcome = Record<string, ObservedSection>;

/**
 * Per section, the top-level fields that count (those the reference solution ever writes);
 * sections absent from the schema do not count. `null` for sections compared whole.
 */
export type OutcomeSchema = Map<string, Set<string> | null>;

/** Builds the observer of an exercise's outcome (the ignore lists are parsed once). */
export function createOutcomeObserver(
  manifest: ExerciseManifest,
): (w: InvariantWorld) => RawOutcome {
  const ignore = new Set(manifest.outcome?.ignore ?? []);
  const ignoredFields = (store: string, collection: string): string[] =>
    [...ignore]
      .filter((p) => p.startsWith(`${store}/${collection}.`))
      .map((p) => p.slice(store.length + collection.length + 2));
  const withoutFields = (value: unknown, fields: string[]): unknown => {
    if (fields.length === 0 || typeof value !== 'object' || value === null) return value;
    const copy = { ...(value as Record<string, unknown>) };
    for (const f of fields) delete copy[f];
    return copy;
  };
  // Ids the exercise gives (initial documents) count; ids the code chooses do not: a correct
  // solution may call its order `cart-1`, `order-cart-1` or a minted id.
  const initialIds = new Set<string>();
  for (const [name, spec] of Object.entries(manifest.stores))
    if (spec.kind === 'documents')
      for (const [collection, docs] of Object.entries(spec.initial ?? {}))
        for (const id of Object.keys(docs)) initialIds.add(`${name}/${collection}/${id}`);

  return (w) => {
    const sections: RawOutcome = {};
    for (const [name, spec] of Object.entries(manifest.stores)) {
      const store = w.stores[name];
      if (!store || ignore.has(name)) continue;
      if (store.kind === 'documents' && spec.kind === 'documents') {
        const bookkeeping = new Set(spec.bookkeeping ?? []);
        for (const [collection, docs] of Object.entries(store.collections)) {
          if (bookkeeping.has(collection) || ignore.has(`${name}/${collection}`)) continue;
          const fields = ignoredFields(name, collection);
          sections[`${name}/${collection}`] = unordered(
            Object.entries(docs).map(([id, d]) => ({
              id: initialIds.has(`${name}/${collection}/${id}`) ? id : null,
              value: withoutFields(d.value, fields),
            })),
          );
        }
      } else if (store.kind === 'kv' && spec.kind === 'kv' && !spec.bookkeeping) {
        sections[name] = unordered(
          Object.entries(store.entries).map(([, d]) => ({ id: null, value: d.value })),
        );
      } else if (store.kind === 'events') {
        for (const [stream, events] of Object.entries(store.streams))
          sections[`${name}/${stream}`] = {
            ordered: true,
            entries: events.map((e) => ({ id: null, value: e.data })),
          };
      }
    }
    for (const [api, state] of Object.entries(w.external)) {
      if (ignore.has(api)) continue;
      sections[api] = unordered(
        Object.values(state.records).map((r) => ({ id: null, value: r.data })),
      );
    }
    if (!ignore.has('messages')) {
      // One section per message type: distinct logical messages (by id), their content. A
      // message parked in the error queue never reached its receiver: it is in doubt, like the
      // intent it came from, and left out here.
      const parked = new Set(w.history.deadLettered);
      for (const [id, m] of Object.entries(w.history.enqueued)) {
        const section = `messages/${m.type}`;
        if (ignore.has(section) || parked.has(id)) continue;
        // The payload's fields at the top, so only those the reference sends are compared.
        const payload =
          typeof m.payload === 'object' && m.payload !== null && !Array.isArray(m.payload)
            ? m.payload
            : { payload: m.payload };
        (sections[section] ??= unordered([])).entries.push({
          id: null,
          value: { ...payload, '→': m.destination },
        });
      }
    }
    return sections;
  };
}

/** The fields of every section, as the reference solution's outcomes show them. */
export function schemaOf(outcomes: Iterable<RawOutcome>): OutcomeSchema {
  const schema: OutcomeSchema = new Map();
  for (const raw of outcomes)
    for (const [section, { entries }] of Object.entries(raw)) {
      let fields = schema.get(section);
      if (fields === undefined) schema.set(section, (fields = new Set()));
      for (const e of entries) {
        if (fields === null) break;
        if (typeof e.value !== 'object' || e.value === null || Array.isArray(e.value)) {
          schema.set(section, (fields = null));
          break;
        }
        for (const k of Object.keys(e.value)) fields.add(k);
      }
    }
  return schema;
}

/**
 * The canonical form of an outcome under `schema`: sections and fields the reference never
 * writes are left out (a learner may keep more), ids the engine mints are masked, entries sorted.
 */
export function createCanonicaliser(
  manifest: ExerciseManifest,
): (raw: RawOutcome, schema: OutcomeSchema) => ObservedOutcome {
  const pattern = mintedIdPattern(manifest);
  const mask = (text: string) => text.replace(pattern, MASK);
  const sets = new Set(manifest.outcome?.atLeastOnce ?? []);
  return (raw, schema) => {
    const sections: Record<string, string[]> = {};
    for (const [section, fields] of schema) {
      const observed = raw[section];
      const entries = observed?.entries ?? [];
      const texts = entries.map((e) => {
        let value = e.value;
        if (fields && typeof value === 'object' && value !== null && !Array.isArray(value)) {
          const kept: Record<string, unknown> = {};
          for (const f of fields)
            if ((value as Record<string, unknown>)[f] !== undefined)
              kept[f] = (value as Record<string, unknown>)[f];
          value = kept;
        }
        const text = mask(stableStringify(value ?? null));
        return e.id === null ? text : `${e.id}=${text}`;
      });
      sections[section] = observed?.ordered
        ? texts
        : sets.has(section)
          ? [...new Set(texts)].sort()
          : texts.sort();
    }
    const key = Object.keys(sections)
      .sort()
      .map((s) => `${s}:${sections[s]!.join('|')}`)
      .join('\n');
    return { key, sections };
  };
}

function unordered(entries: ObservedEntry[]): ObservedSection {
  return { ordered: false, entries };
}

/** The first difference between two outcomes, in words ("db/orders: 2 here, 1 in ..."). */
export function describeDifference(
  actual: ObservedOutcome,
  reference: ObservedOutcome,
  referenceName: string,
): string {
  const names = [
    ...new Set([...Object.keys(actual.sections), ...Object.keys(reference.sections)]),
  ].sort();
  for (const name of names) {
    const a = actual.sections[name] ?? [];
    const r = reference.sections[name] ?? [];
    if (a.join('|') === r.join('|')) continue;
    const what = name.startsWith('messages/') ? 'distinct messages sent' : 'entries';
    if (a.length !== r.length)
      return `${name}: ${a.length} ${what} here, ${r.length} in ${referenceName}${extraOf(a, r)}`;
    const i = a.findIndex((x, k) => x !== r[k]);
    return `${name}: here ${shorten(a[i]!)}, in ${referenceName} ${shorten(r[i]!)}`;
  }
  return 'no difference';
}

function extraOf(a: string[], r: string[]): string {
  const rest = [...r];
  const extra = a.filter((x) => {
    const k = rest.indexOf(x);
    if (k < 0) return true;
    rest.splice(k, 1);
    return false;
  });
  return extra.length > 0
    ? ` (e.g. ${shorten(extra[0]!)})`
    : rest.length > 0
      ? ` (missing ${shorten(rest[0]!)})`
      : '';
}

function shorten(s: string): string {
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
}
