/**
 * The checker's fingerprint of a world: 64 bits over exactly what shapes its future and its
 * invariants. Names are already canonical (naming.ts); on top of that, orders the semantics never
 * reads are left out, so runs that differ only in them meet in one state:
 * - message copies: only their order within one destination matters (each queue is FIFO, a
 *   reorder fault picks a copy behind the head), so copies are hashed per destination;
 * - handlers in flight, HTTP requests in flight and tabs: sets, hashed by id;
 * - provenance is left out: which attempt last wrote a document, a key or an event, and which
 *   attempt of its producer enqueued a copy (its endpoint and input stay). Nothing in the engine
 *   reads them (handlers see values and versions, messages without producers), and invariants
 *   cannot (`InvariantWorld` has no such fields): they are there for the diagram, which replays
 *   the run. So two runs that differ only in which retry wrote what meet in one state.
 * Equal fingerprints therefore mean equal futures up to the order in which `enabledSteps` lists
 * the same choices. The checker keeps the first world it met and replays counterexamples from its
 * own choices, so a trace is always exact.
 *
 * `createFingerprint` is for worlds that never change once hashed (the checker's: each step
 * copies, cloneWorld.ts): big sections enter by a digest cached per section object, so a section
 * a step did not write is not hashed again, and the world's digest is combined from those
 * digests directly (`combinedFingerprint`; under a symmetry, from their digests under the canonical
 * renaming), building no view of the world.
 */
import { DigestMap } from '../core/digestMap';
import { fingerprint64, UnorderedDigests } from '../core/hash';
import { KeptOnObjects } from '../core/keptOnObjects';
import type { Hash64 } from '../core/hash';
import { createSymmetry } from './symmetry';
import type { IdKeys, Interchangeable, Symmetry } from './symmetry';
import type {
  History,
  HttpRequestState,
  Invocation,
  MessageCopy,
  ProducedBy,
  StoreState,
  UserTabState,
  World,
} from './world';

/** The fingerprint of any world (no cached digests: it may have been changed in place). */
export function fingerprintWorld(world: World): Hash64 {
  return fingerprint64(orderFree(world));
}

/**
 * The fingerprint a check uses: over everything (`all`) or only what outcomes depend on
 * (`outcomes`, see `outcomeHistory`), and canonical under the manifest's interchangeable
 * ids when it declares some (symmetry.ts).
 */
export function createFingerprint(
  interchangeable: Interchangeable | undefined,
  scope: 'all' | 'outcomes',
): (world: World) => Hash64 {
  const history = scope === 'all' ? wholeHistory : outcomeHistory;
  if (!interchangeable || interchangeable.flat().length === 0) {
    const combine = combinedFingerprint(history);
    return (world) => combine(world, plainDigests);
  }
  return symmetricWorldFingerprint(createSymmetry(interchangeable), combinedFingerprint(history));
}

/** How `combinedFingerprint` takes the digest of a world's part. */
interface PartDigests {
  /** A section, message copy or invocation: never changed once its step is over. */
  section(section: object, view?: (s: never) => unknown): Digest;
  /** Any other member (a number, or a small record copied by every step). */
  value(v: unknown): Digest;
}

/**
 * The fingerprint of `orderFree(world)` (with `outcomeHistory` for outcomes), with the same states
 * equal and different, combined from its parts' digests (`parts`) without building that view:
 * each top-level member by its key; copies by their digest and their place in their destination's
 * queue; invocations by their digest (an invocation's digest includes its attempt id, so this is
 * the set keyed by attempt). A member this does not know enters by its whole value, as in the view.
 */
function combinedFingerprint(
  history: (h: History, parts: PartDigests) => Digest,
): (world: World, parts: PartDigests) => Hash64 {
  const top = new UnorderedDigests();
  const inner = new UnorderedDigests();
  const copiesDigest = (copies: readonly MessageCopy[], parts: PartDigests): Digest => {
    inner.reset();
    for (let i = 0; i < copies.length; i++) {
      const c = copies[i]!;
      let place = 0;
      for (let j = 0; j < i; j++) if (copies[j]!.destination === c.destination) place++;
      const d = parts.section(c, copyState);
      inner.add(placeTag(place), d[0], d[1]);
    }
    return pair(inner.digest());
  };
  const invocationsDigest = (invocations: readonly Invocation[], parts: PartDigests): Digest => {
    inner.reset();
    for (const inv of invocations) {
      const d = parts.section(inv);
      inner.add(INVOCATION_TAG, d[0], d[1]);
    }
    return pair(inner.digest());
  };
  return (world, parts) => {
    top.reset();
    for (const key in world) {
      const value = world[key as keyof World];
      // Own members only: learner code may have put enumerable junk on a shared prototype.
      if (value === undefined || !hasOwn.call(world, key)) continue;
      let d: Digest;
      switch (key) {
        case 'copies':
          d = copiesDigest(world.copies, parts);
          break;
        case 'invocations':
          d = invocationsDigest(world.invocations, parts);
          break;
        case 'requests':
          d = parts.section(world.requests, byRequestId);
          break;
        case 'tabs':
          d = parts.section(world.tabs, byTab);
          break;
        case 'stores':
          d = parts.section(world.stores, storesState);
          break;
        case 'external':
          d = parts.section(world.external);
          break;
        case 'errorQueue':
          d = parts.section(world.errorQueue, errorQueueState);
          break;
        case 'history':
          d = history(world.history, parts);
          break;
        default:
          d = parts.value(value);
      }
      top.add(keyTag(key), d[0], d[1]);
    }
    return top.digest();
  };
}

type Digest = readonly [number, number];

const pair = (h: Hash64): Digest => [h.hi, h.lo];

/**
 * The history as `historyState` shows it, combined from its members' digests: a step copies only
 * the members it writes (`ownHistory`, cloneWorld.ts), so the others enter by their kept digests.
 */
const historyMembers = new UnorderedDigests();
function wholeHistory(h: History, parts: PartDigests): Digest {
  historyMembers.reset();
  for (const key in h) {
    const value = h[key as keyof History];
    if (value === undefined || !hasOwn.call(h, key)) continue;
    const d =
      key === 'enqueued'
        ? parts.section(h.enqueued, enqueuedState)
        : typeof value === 'object' && value !== null
          ? parts.section(value)
          : parts.value(value);
    historyMembers.add(keyTag(key), d[0], d[1]);
  }
  return pair(historyMembers.digest());
}

/**
 * For a search that only collects end outcomes (the oracle's reference runs): the history that
 * only invariants read is left out too. What the outcome observer and the intent classifier read
 * stays (messages enqueued, dead letters, requests' intents, failed requests), in that order; no
 * transition reads the rest (who committed, ghosts, intended sends, lost updates), so equal
 * fingerprints still mean equal futures and equal outcomes.
 */
function outcomeHistory(h: History, parts: PartDigests): Digest {
  return pair(
    fingerprint64([
      parts.section(h.enqueued, enqueuedState),
      parts.section(h.deadLettered),
      parts.section(h.requestIntents),
      parts.section(h.failedRequests),
    ]),
  );
}

const keyTags = new Map<string, Hash64>();
function keyTag(key: string): Hash64 {
  let t = keyTags.get(key);
  if (t === undefined) keyTags.set(key, (t = fingerprint64(`key:${key}`)));
  return t;
}

const placeTags: Hash64[] = [];
function placeTag(place: number): Hash64 {
  return (placeTags[place] ??= fingerprint64(`place:${place}`));
}

const INVOCATION_TAG = fingerprint64('invocation');

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * The canonical fingerprint under a symmetry, combined as without one (`combinedFingerprint`)
 * from its parts' digests under the canonical renaming. Two passes over the parts: the first
 * gathers the ids' sort keys, the second takes each part's digest under the renaming they give.
 *
 * What a section gives under the symmetry (its ids' keys, its digests under each renaming) depends
 * on its content only, and a step makes many sections equal to ones met before (the same tabs
 * after another interleaving), so it is kept per content (`SymmetricContent`, by the plain
 * digest, `DigestMap`): a section met again costs one plain hash, not a walk for its keys and a renamed hash.
 * Each section object keeps its entry (a section never changes after its step). A section naming
 * no id enters by its plain digest, its digest under every renaming.
 */
function symmetricWorldFingerprint(
  symmetry: Symmetry,
  combine: (world: World, parts: PartDigests) => Hash64,
): (world: World) => Hash64 {
  const contents = new DigestMap<SymmetricContent>(MAX_CONTENTS);
  const entries = new KeptOnObjects<SymmetricContent>('content under the symmetry');
  const entryOf = (section: object, view?: (s: never) => unknown): SymmetricContent => {
    let e = entries.get(section);
    if (e === undefined) {
      const digest = digestOf(section, view);
      e = contents.get(digest[0], digest[1]);
      if (e === undefined) {
        e = { digest, keys: symmetry.keysOf(whole(section, view)) };
        contents.set(digest[0], digest[1], e);
      }
      entries.set(section, e);
    }
    return e;
  };
  const parts: IdKeys[] = [];
  const NONE: Digest = [0, 0];
  const gather: PartDigests = {
    section(section, view) {
      const keys = entryOf(section, view).keys;
      if (keys.size > 0) parts.push(keys);
      return NONE;
    },
    value(v) {
      const keys = symmetry.keysOf(v);
      if (keys.size > 0) parts.push(keys);
      return NONE;
    },
  };
  let names: ReadonlyMap<string, string> = new Map();
  let namesKey = '';
  const renamed: PartDigests = {
    section(section, view) {
      const e = entryOf(section, view);
      if (e.keys.size === 0) return e.digest;
      const byNames = (e.renamed ??= new Map());
      let d = byNames.get(namesKey);
      if (d === undefined) {
        // Any section with this content will do: this one.
        const { hi, lo } = symmetry.hashRenamed(whole(section, view), names);
        byNames.set(namesKey, (d = [hi, lo]));
      }
      return d;
    },
    value: (v) => pair(symmetry.hashRenamed(v, names)),
  };
  return (world) => {
    parts.length = 0;
    combine(world, gather);
    names = symmetry.canonicalNames(parts);
    // The names in a fixed order of their ids (canonicalNames' promise): one key per renaming.
    namesKey = [...names.values()].join('\u0000');
    return combine(world, renamed);
  };
}

/** A section's content under a symmetry: what every section equal to it shares. */
interface SymmetricContent {
  /** Its plain digest (the key it is kept under). */
  readonly digest: Digest;
  /** Its ids' sort keys (empty: it names no id). */
  readonly keys: IdKeys;
  /** Its digest under each renaming met so far, by the renaming's key. */
  renamed?: Map<string, Digest>;
}

/** How many contents a symmetric fingerprint keeps (64-bit keys, as states are told apart). */
const MAX_CONTENTS = 50_000;

/** A section as its view shows it (itself, without a view). */
const whole = (section: object, view?: (s: never) => unknown): unknown =>
  view ? view(section as never) : section;

/**
 * Digests of the sections already hashed. A section a step did not write is the very object its
 * parent had (copy-on-write, cloneWorld.ts), and a world is never changed after its step, so each
 * section is hashed once, not once per state; its digest is kept on it (keptOnObjects.ts).
 */
const digests = new KeptOnObjects<[number, number]>('section digest');

const digestOf = (section: object, view?: (s: never) => unknown): [number, number] => {
  let d = digests.get(section);
  if (d === undefined) {
    const { hi, lo } = fingerprint64(whole(section, view));
    d = [hi, lo];
    digests.set(section, d);
  }
  return d;
};

/** Parts by their plain digests (no symmetry). */
const plainDigests: PartDigests = { section: digestOf, value: (v) => pair(fingerprint64(v)) };

/**
 * The world as `fingerprintWorld` hashes it, and as the checker's fingerprints combine it
 * (`combinedFingerprint`): copies per destination queue, the unordered parts as records,
 * provenance left out.
 */
function orderFree(world: World): Record<string, unknown> {
  const queues: Record<string, unknown[]> = {};
  for (const c of world.copies) (queues[c.destination] ??= []).push(copyState(c));
  const running: Record<string, unknown> = {};
  for (const i of world.invocations) running[i.attemptId] = i;
  return {
    ...world,
    copies: queues,
    invocations: running,
    requests: byRequestId(world.requests),
    tabs: byTab(world.tabs),
    stores: storesState(world.stores),
    errorQueue: errorQueueState(world.errorQueue),
    history: historyState(world.history),
  };
}

/** A copy without the attempt that enqueued it (provenance, see the top). */
function copyState(c: MessageCopy): Record<string, unknown> {
  return { ...c, producedBy: source(c.producedBy) };
}

/** The history without which attempt enqueued a message's first copy (provenance, see the top). */
function historyState(history: History): Record<string, unknown> {
  return { ...history, enqueued: enqueuedState(history.enqueued) };
}

function enqueuedState(enqueued: History['enqueued']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, e] of Object.entries(enqueued))
    out[id] = { ...e, producedBy: source(e.producedBy) };
  return out;
}

function source(p: ProducedBy): Omit<ProducedBy, 'attemptId'> {
  return { endpoint: p.endpoint, incomingId: p.incomingId };
}

function errorQueueState(list: MessageCopy[]): Record<string, unknown>[] {
  return list.map(copyState);
}

/** The stores without who wrote what (provenance, see the top). */
function storesState(stores: Record<string, StoreState>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, store] of Object.entries(stores)) {
    if (store.kind === 'documents') {
      const collections: Record<string, Record<string, unknown>> = {};
      for (const [c, byId] of Object.entries(store.collections)) {
        const docs: Record<string, unknown> = {};
        for (const [id, d] of Object.entries(byId))
          docs[id] = { value: d.value, version: d.version };
        collections[c] = docs;
      }
      out[name] = { kind: store.kind, collections };
    } else if (store.kind === 'kv') {
      const entries: Record<string, unknown> = {};
      for (const [k, d] of Object.entries(store.entries))
        entries[k] = { value: d.value, version: d.version };
      out[name] = { kind: store.kind, entries };
    } else {
      const streams: Record<string, unknown> = {};
      for (const [id, events] of Object.entries(store.streams))
        streams[id] = events.map((e) => ({ data: e.data, position: e.position }));
      out[name] = { kind: store.kind, streams, position: store.position };
    }
  }
  return out;
}

function byRequestId(list: HttpRequestState[]): Record<string, HttpRequestState> {
  const out: Record<string, HttpRequestState> = {};
  for (const r of list) out[r.requestId] = r;
  return out;
}

function byTab(list: UserTabState[]): Record<string, UserTabState> {
  const out: Record<string, UserTabState> = {};
  for (const t of list) out[t.tab] = t;
  return out;
}
