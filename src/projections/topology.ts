/**
 * World -> topology: the actors as nodes (React Flow shaped: id, type, position, data) with their
 * live state, and who talks to whom as edges. Nodes are derived from the manifest and the world,
 * never the source of truth (style point 13).
 *
 * Edges the manifest states (tab -> HTTP endpoint, queue -> its consumer) are always drawn. Who
 * sends to which queue and who uses which store or API is decided by learner code, so those
 * edges come from what the world has seen (history, documents' writers, API records, handlers
 * in flight); a store or API nobody has used yet is linked to every endpoint, `inferred`.
 */
import { createActorMachines, stateValue } from '../sim/actors';
import type { ActorMachines } from '../sim/actors';
import type { ExerciseManifest } from '../sim/manifest';
import type { Invocation, World } from '../sim/world';
import { edgesOf } from './topologyEdges';
import type { TopologyEdge } from './topologyEdges';

export type { TopologyEdge } from './topologyEdges';

export type TopologyNodeType = 'tab' | 'endpoint' | 'queue' | 'store' | 'api';

/** Items a node lists at most (the rest is counted in `more`). */
export const NODE_ITEMS_MAX = 8;

export interface TabData {
  kind: 'tab';
  label: string;
  /** XState state of the tab's `userTab` machine. */
  state: string;
  actionsDone: number;
  actionsTotal: number;
  requests: { requestId: string; route: string; state: string; attempts: number }[];
}

export interface InFlight {
  attemptId: string;
  /** Message id or HTTP request id. */
  input: string;
  route: string;
  /** What the handler waits on: "load carts/cart-1", "ack", "respond 200"... */
  waitingOn: string;
  leaseLost: boolean;
}

export interface EndpointData {
  kind: 'endpoint';
  label: string;
  protocol: 'http' | 'messages';
  /** XState state of the `endpoint` machine (idle / busy / saturated). */
  state: string;
  concurrency: number | null;
  handles: string[];
  inFlight: InFlight[];
}

export interface QueuedCopy {
  copyId: string;
  messageId: string;
  type: string;
  /** XState state of the copy's machine: queued, leased, delayed. */
  state: string;
  deliveries: number;
}

export interface QueueData {
  kind: 'queue';
  label: string;
  destination: string;
  depth: number;
  ready: number;
  leased: number;
  delayed: number;
  errorQueue: number;
  copies: QueuedCopy[];
  more: number;
}

export interface StoreData {
  kind: 'store';
  label: string;
  storeKind: 'documents' | 'events' | 'kv';
  /** "carts/cart-1 v2", with the attempt that last wrote it. */
  items: { key: string; version: number; writtenBy: string }[];
  more: number;
}

export interface ApiData {
  kind: 'api';
  label: string;
  state: string;
  honoursIdempotencyKeys: boolean;
  down: boolean;
  records: { id: string; createdBy: string; idempotencyKey: string | null }[];
  more: number;
}

export type TopologyData = TabData | EndpointData | QueueData | StoreData | ApiData;

export interface TopologyNode {
  id: string;
  type: TopologyNodeType;
  position: { x: number; y: number };
  data: TopologyData;
}

export interface Topology {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
}

const COLUMN_WIDTH = 340;
const ROW_HEIGHT = 280;

const machinesByManifest = new WeakMap<ExerciseManifest, ActorMachines>();
function machinesOf(manifest: ExerciseManifest): ActorMachines {
  let m = machinesByManifest.get(manifest);
  if (!m) machinesByManifest.set(manifest, (m = createActorMachines(manifest)));
  return m;
}

export const nodeId = {
  tab: (name: string) => `tab:${name}`,
  endpoint: (name: string) => `ep:${name}`,
  queue: (name: string) => `queue:${name}`,
  store: (name: string) => `store:${name}`,
  api: (name: string) => `api:${name}`,
};

/**
 * The topology of `world`. It needs no learner code: copy states are read from the copy's fields
 * (the copy machines, which may depend on a learner-exported retry policy, are never built).
 */
export function toTopology(manifest: ExerciseManifest, world: World): Topology {
  const machines = machinesOf(manifest);
  const columns: TopologyNode[][] = [[], [], [], [], []];
  const place = (column: number, id: string, type: TopologyNodeType, data: TopologyData) => {
    const col = columns[column]!;
    col.push({
      id,
      type,
      data,
      position: { x: column * COLUMN_WIDTH, y: col.length * ROW_HEIGHT },
    });
  };

  for (const tab of world.tabs)
    place(0, nodeId.tab(tab.tab), 'tab', tabData(manifest, world, machines, tab.tab));
  for (const [name, spec] of Object.entries(manifest.endpoints)) {
    if (spec.kind === 'http')
      place(1, nodeId.endpoint(name), 'endpoint', endpointData(manifest, world, machines, name));
  }
  for (const [name, spec] of Object.entries(manifest.endpoints)) {
    if (spec.kind !== 'messages') continue;
    place(2, nodeId.queue(name), 'queue', queueData(world, machines, name));
    place(3, nodeId.endpoint(name), 'endpoint', endpointData(manifest, world, machines, name));
  }
  for (const name of Object.keys(manifest.stores))
    place(4, nodeId.store(name), 'store', storeData(world, name));
  for (const [name, spec] of Object.entries(manifest.external ?? {})) {
    const api = world.external[name];
    const records = Object.entries(api?.records ?? {});
    place(4, nodeId.api(name), 'api', {
      kind: 'api',
      label: name,
      state: api ? stateValue(machines.external(), api.machine) : '?',
      honoursIdempotencyKeys: spec.honoursIdempotencyKeys,
      down: spec.outageUntilTick !== undefined && world.tick < spec.outageUntilTick,
      records: records.slice(0, NODE_ITEMS_MAX).map(([id, r]) => ({
        id,
        createdBy: r.createdBy,
        idempotencyKey: r.idempotencyKey ?? null,
      })),
      more: Math.max(0, records.length - NODE_ITEMS_MAX),
    });
  }
  return { nodes: columns.flat(), edges: edgesOf(manifest, world) };
}

function tabData(
  manifest: ExerciseManifest,
  world: World,
  machines: ActorMachines,
  name: string,
): TabData {
  const tab = world.tabs.find((t) => t.tab === name)!;
  return {
    kind: 'tab',
    label: name,
    state: stateValue(machines.tab(name), tab.machine),
    actionsDone: tab.next,
    actionsTotal: manifest.workload.tabs?.find((t) => t.name === name)?.actions.length ?? 0,
    requests: world.requests
      .filter((r) => r.tab === name)
      .map((r) => ({
        requestId: r.requestId,
        route: r.route,
        state: stateValue(machines.http(name), r.machine),
        attempts: r.attempts.length,
      })),
  };
}

function endpointData(
  manifest: ExerciseManifest,
  world: World,
  machines: ActorMachines,
  name: string,
): EndpointData {
  const spec = manifest.endpoints[name]!;
  const inFlight = world.invocations.filter((i) => i.endpoint === name).map(inFlightOf);
  const messages = spec.kind === 'messages';
  const state = messages
    ? stateValue(machines.endpoint(name), world.endpoints[name] ?? 0)
    : inFlight.length > 0
      ? 'busy'
      : 'idle';
  return {
    kind: 'endpoint',
    label: name,
    protocol: spec.kind,
    state,
    concurrency: messages ? (spec.concurrency ?? 1) : null,
    handles: Object.keys(messages ? spec.handles : spec.routes),
    inFlight,
  };
}

/** What an in-flight handler is blocked on, in a few words. */
export function waitingOnOf(inv: Invocation): string {
  const p = inv.pending;
  switch (p.phase) {
    case 'call': {
      const e = p.effect;
      switch (e.kind) {
        case 'load':
          return `load ${e.collection}/${e.id}`;
        case 'batch':
          return `write ${e.ops.map((op) => `${op.collection}/${op.id}`).join(', ')}`;
        case 'send':
          return `${e.mode} ${e.message.type}${e.mode === 'send' ? ` to ${e.destination}` : ''}`;
        case 'kvGet':
        case 'kvPut':
        case 'kvDelete':
          return `${e.kind} ${e.key}`;
        case 'append':
          return `append to ${e.stream}`;
        case 'readStream':
          return `read ${e.stream}`;
        case 'readAll':
          return `read all of ${e.store}`;
        case 'external':
          return `${e.api}.${e.operation}`;
        case 'choose':
          return `choose ${e.label}`;
      }
      return 'a call';
    }
    case 'dispatch':
      return `dispatch ${inv.captured.length} message(s)`;
    case 'ack':
      return 'ack';
    case 'respond':
      return `respond ${p.status}`;
    case 'failed':
      return 'failure handling';
  }
}

function inFlightOf(inv: Invocation): InFlight {
  return {
    attemptId: inv.attemptId,
    input: inv.incomingId,
    route: inv.route,
    waitingOn: waitingOnOf(inv),
    leaseLost: inv.leaseLost,
  };
}

function copyState(world: World, machines: ActorMachines, c: World['copies'][number]): string {
  try {
    return stateValue(machines.copy(c.destination), c.machine);
  } catch {
    // The learner's exported retry policy is needed for this machine: read the copy's fields.
    return c.leasedBy !== null ? 'leased' : c.dueTick > world.tick ? 'delayed' : 'queued';
  }
}

function queueData(world: World, machines: ActorMachines, name: string): QueueData {
  const copies = world.copies
    .filter((c) => c.destination === name)
    .map((c) => ({
      copyId: c.copyId,
      messageId: c.messageId,
      type: c.type,
      state: copyState(world, machines, c),
      deliveries: c.deliveries,
    }));
  const count = (state: string) => copies.filter((c) => c.state === state).length;
  return {
    kind: 'queue',
    label: `${name} queue`,
    destination: name,
    depth: copies.length,
    ready: count('queued'),
    leased: count('leased'),
    delayed: count('delayed'),
    errorQueue: world.errorQueue.filter((c) => c.destination === name).length,
    copies: copies.slice(0, NODE_ITEMS_MAX),
    more: Math.max(0, copies.length - NODE_ITEMS_MAX),
  };
}

function storeData(world: World, name: string): StoreData {
  const store = world.stores[name];
  let items: StoreData['items'] = [];
  if (store?.kind === 'documents') {
    items = Object.entries(store.collections).flatMap(([collection, docs]) =>
      Object.entries(docs).map(([id, d]) => ({
        key: `${collection}/${id}`,
        version: d.version,
        writtenBy: d.writtenBy,
      })),
    );
  } else if (store?.kind === 'kv') {
    items = Object.entries(store.entries).map(([key, d]) => ({
      key,
      version: d.version,
      writtenBy: d.writtenBy,
    }));
  } else if (store?.kind === 'events') {
    items = Object.entries(store.streams).map(([stream, events]) => ({
      key: stream,
      version: events.length,
      writtenBy: events[events.length - 1]?.writtenBy ?? '',
    }));
  }
  return {
    kind: 'store',
    label: name,
    storeKind: store?.kind ?? 'documents',
    items: items.slice(0, NODE_ITEMS_MAX),
    more: Math.max(0, items.length - NODE_ITEMS_MAX),
  };
}
