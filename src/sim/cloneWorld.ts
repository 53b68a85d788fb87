/**
 * Copy-on-write worlds: the copy a step mutates shares everything it has not changed yet.
 *
 * Contract:
 * - `cloneWorld(w)` returns a world the engine may step without changing `w`. The sections every
 *   step changes (copies, invocations, endpoints) are copied one level down at once; the others
 *   (`LazySection`: stores, history, requests, tabs, APIs, faults, names minted, dead letters)
 *   are shared with `w` until the step first writes one: **every write to a lazy section goes
 *   through `own(world, section)`**, which copies it (once per step) when it is shared; the
 *   history's through `ownHistory(world, member)`, which copies only that member.
 * - Values are never mutated, only replaced: data from the learner or the manifest (payloads,
 *   inputs, documents, events, call results, pending calls, responses) and the records the engine
 *   builds once (a stored document, an event). So a copy stops one level down, at the records the
 *   engine updates field by field (a message copy, an invocation, a request, a tab, an API, an
 *   enqueued-message entry).
 * - Only the world from the latest `cloneWorld` is copy-on-write. Any other world is its own: an
 *   initial world, or one mutated in place for a long run (`stepInPlace` from the initial world).
 *   A world returned by a step is never mutated again (the checker keeps it in its frontier).
 *
 * `src/workshop/sharedWorlds.test.ts` holds the engine to this: it freezes every world deeply
 * before stepping it, in every exercise, so a write that bypasses `own` throws.
 *
 * Why: a world is 340-575 nodes and a step changes 9-13 % of them. Sections a step leaves alone
 * keep their identity, so the checker's fingerprint hashes each of them once (fingerprint.ts).
 */
import { InternalError } from '../core/assert';
import type {
  ExternalApiState,
  History,
  Invocation,
  MessageCopy,
  StoreState,
  UserTabState,
  HttpRequestState,
  World,
} from './world';

/**
 * The sections a step copies only when it writes them. The history is copied member by member
 * (`ownHistory`): most steps write one or two of its members.
 */
export type LazySection =
  'minted' | 'stores' | 'errorQueue' | 'requests' | 'tabs' | 'external' | 'faults' | 'history';

/** Sections written through `own`; the history is written through `ownHistory` only. */
export type OwnedWhole = Exclude<LazySection, 'history'>;

const copySection: { [K in LazySection]: (v: World[K]) => World[K] } = {
  minted: (m) => ({ ...m }),
  stores: (s) => mapRecord(s, cloneStore),
  // A dead-lettered copy is never changed again.
  errorQueue: (q) => q.slice(),
  requests: (r) => r.map(cloneRequest),
  tabs: (t) => t.map(cloneTab),
  external: (e) => mapRecord(e, cloneApi),
  faults: (f) => ({ total: f.total, byKind: { ...f.byKind } }),
  // The record only: its members are shared until `ownHistory` copies one.
  history: (h) => ({ ...h }),
};

const BIT: Record<LazySection, number> = {
  minted: 1,
  stores: 2,
  errorQueue: 4,
  requests: 8,
  tabs: 16,
  external: 32,
  faults: 64,
  history: 128,
};

/** The world being stepped after the latest `cloneWorld`, and which lazy sections it owns. */
let copyOnWrite: World | null = null;
let owned = 0;
/** The history members that world owns (bits by `HISTORY_BIT`). */
let ownedHistory = 0;
/**
 * The message copies, invocations, history lists and enqueued entries that world's step created or
 * copied: its own to change.
 */
const ownRecords = new Set<object>();

export function cloneWorld(w: World): World {
  const next: World = {
    ...w,
    copies: w.copies.slice(),
    invocations: w.invocations.slice(),
    endpoints: { ...w.endpoints },
  };
  copyOnWrite = next;
  owned = 0;
  ownedHistory = 0;
  ownRecords.clear();
  return next;
}

/** `world[section]`, safe to write: copied first if `world` still shares it. */
export function own<K extends OwnedWhole>(world: World, section: K): World[K] {
  return ownSection(world, section);
}

function ownSection<K extends LazySection>(world: World, section: K): World[K] {
  if (world === copyOnWrite && (owned & BIT[section]) === 0) {
    owned |= BIT[section];
    world[section] = copySection[section](world[section]);
  }
  return world[section];
}

/**
 * `world.history[member]`, safe to write: the history's record and that member are copied first if
 * `world` still shares them. A member keyed by input or attempt (effects, out, intended, enqueued)
 * is copied as a record only: its lists and entries are written through `ownHistoryList` and
 * `ownEnqueued`. Reads need no call.
 */
export function ownHistory<K extends keyof History>(world: World, member: K): History[K] {
  const history = ownSection(world, 'history');
  const bit = HISTORY_BIT[member];
  if (world === copyOnWrite && (ownedHistory & bit) === 0) {
    ownedHistory |= bit;
    history[member] = copyHistoryMember[member](history[member]);
  }
  return history[member];
}

/** `world.history[member][key]`, a list safe to push to (copied first if shared; made if absent). */
export function ownHistoryList(
  world: World,
  member: 'effects' | 'out' | 'intended',
  key: string,
): string[] {
  const record = ownHistory(world, member);
  let list = record[key];
  if (list !== undefined && (world !== copyOnWrite || ownRecords.has(list))) return list;
  list = list ? list.slice() : [];
  record[key] = list;
  if (world === copyOnWrite) ownRecords.add(list);
  return list;
}

/** The enqueued-message entry `messageId`, safe to change (copied first if shared). */
export function ownEnqueued(world: World, messageId: string): History['enqueued'][string] {
  const record = ownHistory(world, 'enqueued');
  let entry = record[messageId];
  if (entry === undefined) throw new InternalError(`no enqueued message ${messageId}`);
  if (world === copyOnWrite && !ownRecords.has(entry)) {
    entry = { ...entry };
    record[messageId] = entry;
    ownRecords.add(entry);
  }
  return entry;
}

const copyHistoryMember: { [K in keyof History]: (v: History[K]) => History[K] } = {
  // Records only: their lists and entries are copied one by one (ownHistoryList, ownEnqueued).
  effects: (r) => ({ ...r }),
  out: (r) => ({ ...r }),
  enqueued: (r) => ({ ...r }),
  intended: (r) => ({ ...r }),
  ghosts: copyList,
  lostUpdates: copyList,
  inconsistent: copyList,
  deadLettered: copyList,
  requestIntents: (r) => ({ ...r }),
  failedRequests: copyList,
};

const HISTORY_BIT: Record<keyof History, number> = {
  effects: 1,
  out: 2,
  enqueued: 4,
  intended: 8,
  ghosts: 16,
  lostUpdates: 32,
  inconsistent: 64,
  deadLettered: 128,
  requestIntents: 256,
  failedRequests: 512,
};

/** The message copy `copyId` in `world.copies`, safe to change (copied first if shared). */
export function ownCopy(world: World, copyId: string | null): MessageCopy | undefined {
  const i = world.copies.findIndex((c) => c.copyId === copyId);
  return i < 0 ? undefined : ownCopyAt(world, i);
}

export function ownCopyAt(world: World, index: number): MessageCopy {
  return ownRecordAt(world, world.copies, index, cloneCopy);
}

/** The invocation `attemptId` in `world.invocations`, safe to change (copied first if shared). */
export function ownInvocation(world: World, attemptId: string): Invocation | undefined {
  const i = world.invocations.findIndex((inv) => inv.attemptId === attemptId);
  return i < 0 ? undefined : ownRecordAt(world, world.invocations, i, cloneInvocation);
}

/** A message copy or invocation the step creates: its own (so it is never copied again). */
export function created<T extends MessageCopy | Invocation>(world: World, record: T): T {
  if (world === copyOnWrite) ownRecords.add(record);
  return record;
}

function ownRecordAt<T extends object>(world: World, list: T[], i: number, copy: (t: T) => T): T {
  let record = list[i]!;
  if (world === copyOnWrite && !ownRecords.has(record)) {
    record = copy(record);
    list[i] = record;
    ownRecords.add(record);
  }
  return record;
}

function mapRecord<T>(r: Record<string, T>, f: (v: T) => T): Record<string, T> {
  const out: Record<string, T> = {};
  // Own keys only: learner code may have put enumerable junk on a shared prototype.
  for (const k of Object.keys(r)) out[k] = f(r[k]!);
  return out;
}

function copyList<T>(list: T[]): T[] {
  return list.slice();
}

function cloneStore(s: StoreState): StoreState {
  switch (s.kind) {
    case 'documents':
      // Documents are replaced on write, never changed: each collection's record is copied.
      return { kind: 'documents', collections: mapRecord(s.collections, (c) => ({ ...c })) };
    case 'events':
      // A stream is replaced by a longer list on append: the lists are shared.
      return { kind: 'events', streams: { ...s.streams }, position: s.position };
    case 'kv':
      return { kind: 'kv', entries: { ...s.entries } };
  }
}

function cloneCopy(c: MessageCopy): MessageCopy {
  return { ...c };
}

function cloneInvocation(i: Invocation): Invocation {
  return {
    ...i,
    results: copyList(i.results),
    calls: copyList(i.calls),
    captured: copyList(i.captured),
    reads: { ...i.reads },
  };
}

function cloneRequest(r: HttpRequestState): HttpRequestState {
  return { ...r, attempts: copyList(r.attempts) };
}

function cloneTab(t: UserTabState): UserTabState {
  return t.responses ? { ...t, responses: copyList(t.responses) } : { ...t };
}

function cloneApi(a: ExternalApiState): ExternalApiState {
  const out: ExternalApiState = { ...a, records: { ...a.records }, keys: { ...a.keys } };
  if (a.callsWhileDown) out.callsWhileDown = copyList(a.callsWhileDown);
  return out;
}
