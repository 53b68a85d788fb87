/**
 * The world before anything happens (stores with their initial documents and events, the
 * workload's tabs and initial messages, every actor's machine in its initial state), and a fast
 * deep copy of a world for drivers that keep old worlds (the checker, time travel).
 */
import { copyName } from './naming';
import type { ActorMachines } from './actors';
import { initialMessageIds, readsResponses } from './manifest';
import type { ExerciseManifest } from './manifest';
import type { EventStoreState, StoreState, World } from './world';

export function createInitialWorld(manifest: ExerciseManifest, machines: ActorMachines): World {
  const stores: Record<string, StoreState> = {};
  for (const [name, spec] of Object.entries(manifest.stores)) {
    if (spec.kind === 'documents') {
      const collections: Record<
        string,
        Record<string, { value: unknown; version: number; writtenBy: string }>
      > = {};
      for (const [coll, docs] of Object.entries(spec.initial ?? {})) {
        collections[coll] = {};
        for (const [id, value] of Object.entries(docs))
          collections[coll][id] = { value: cloneValue(value), version: 1, writtenBy: 'initial' };
      }
      stores[name] = { kind: 'documents', collections };
    } else if (spec.kind === 'events') {
      // Initial events take global positions in the order their streams are listed.
      let position = 0;
      const streams: EventStoreState['streams'] = {};
      for (const [stream, events] of Object.entries(spec.initial ?? {}))
        streams[stream] = events.map((data) => ({
          data: cloneValue(data),
          position: ++position,
          writtenBy: 'initial',
        }));
      stores[name] = { kind: 'events', streams, position };
    } else {
      const entries: Record<string, { value: unknown; version: number; writtenBy: string }> = {};
      for (const [key, value] of Object.entries(spec.initial ?? {}))
        entries[key] = { value: cloneValue(value), version: 1, writtenBy: 'initial' };
      stores[name] = { kind: 'kv', entries };
    }
  }
  const world: World = {
    tick: 0,
    minted: {},
    stores,
    copies: [],
    errorQueue: [],
    invocations: [],
    requests: [],
    tabs: (manifest.workload.tabs ?? []).map((t) => ({
      tab: t.name,
      machine: machines.tab(t.name).initial,
      next: 0,
      ...(readsResponses(t) ? { responses: [] } : {}),
    })),
    external: Object.fromEntries(
      Object.keys(manifest.external ?? {}).map((name) => [
        name,
        {
          machine: machines.external().initial,
          records: {},
          keys: {},
          nextId: 0,
          ...(manifest.external?.[name]?.outageUntilTick !== undefined
            ? { callsWhileDown: [] }
            : {}),
        },
      ]),
    ),
    endpoints: Object.fromEntries(
      Object.entries(manifest.endpoints)
        .filter(([, s]) => s.kind === 'messages')
        .map(([name]) => [name, machines.endpoint(name).initial]),
    ),
    faults: { total: 0, byKind: {} },
    history: {
      effects: {},
      out: {},
      enqueued: {},
      intended: {},
      ghosts: [],
      lostUpdates: [],
      inconsistent: [],
      deadLettered: [],
      requestIntents: {},
      failedRequests: [],
    },
  };
  const messages = manifest.workload.messages ?? [];
  const ids = initialMessageIds(messages);
  for (const [index, m] of messages.entries()) {
    const messageId = ids[index]!;
    const copyId = copyName(world, messageId, m.destination);
    const producedBy = { endpoint: 'workload', incomingId: 'start', attemptId: 'start' };
    world.copies.push({
      copyId,
      messageId,
      type: m.type,
      payload: cloneValue(m.payload ?? null),
      headers: {},
      destination: m.destination,
      producedBy,
      machine: machines.copy(m.destination).initial,
      deliveries: 0,
      dueTick: 0,
      leasedBy: null,
    });
  }
  return world;
}

/** Deep copy of JSON-compatible data (several times faster than structuredClone for small objects). */
export function cloneValue<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = cloneValue(v[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const k in v as Record<string, unknown>)
    out[k] = cloneValue((v as Record<string, unknown>)[k]);
  return out as T;
}
