/**
 * The topology's edges. The manifest fixes tab -> HTTP endpoint and queue -> consumer; the rest
 * (endpoint -> queue, endpoint -> store, endpoint -> API) depends on learner code and is read
 * from the world: the history of enqueued messages, who wrote each document, who created each
 * API record, what in-flight handlers touch. A store or API with no known user yet is linked to
 * every endpoint as `inferred` (a possible use, drawn faint).
 */
import type { ExerciseManifest } from '../sim/manifest';
import type { World } from '../sim/world';
import { parseReadKey } from '../sim/historyKeys';

export interface TopologyEdge {
  id: string;
  source: string;
  target: string;
  label: string;
  /** Drawn from the manifest's structure or from what happened so far; `inferred`: possible use. */
  data: { basis: 'manifest' | 'observed' | 'inferred' };
}

export function edgesOf(manifest: ExerciseManifest, world: World): TopologyEdge[] {
  const edges = new Map<string, TopologyEdge & { labels: Set<string> }>();
  const add = (
    source: string,
    target: string,
    basis: TopologyEdge['data']['basis'],
    label?: string,
  ) => {
    const id = `${source}->${target}`;
    let edge = edges.get(id);
    if (!edge)
      edges.set(id, (edge = { id, source, target, label: '', data: { basis }, labels: new Set() }));
    if (label) edge.labels.add(label);
  };

  for (const tab of manifest.workload.tabs ?? [])
    for (const a of tab.actions) add(`tab:${tab.name}`, `ep:${a.endpoint}`, 'manifest', a.route);
  for (const [name, spec] of Object.entries(manifest.endpoints))
    if (spec.kind === 'messages')
      for (const type of Object.keys(spec.handles))
        add(`queue:${name}`, `ep:${name}`, 'manifest', type);

  const isEndpoint = (name: string) => manifest.endpoints[name] !== undefined;
  const sent = (from: string, destination: string, type: string) => {
    if (!isEndpoint(from)) return;
    const targets = manifest.subscriptions?.[type]?.includes(destination)
      ? [destination]
      : isEndpoint(destination)
        ? [destination]
        : (manifest.subscriptions?.[type] ?? []);
    for (const t of targets) add(`ep:${from}`, `queue:${t}`, 'observed', type);
  };
  for (const m of Object.values(world.history.enqueued))
    sent(m.producedBy.endpoint, m.destination, m.type);
  for (const c of [...world.copies, ...world.errorQueue])
    sent(c.producedBy.endpoint, c.destination, c.type);

  const endpointOf = attemptEndpoints(world);
  const storeUsers = new Map<string, Set<string>>();
  const apiUsers = new Map<string, Set<string>>();
  const use = (map: Map<string, Set<string>>, target: string, attemptId: string) => {
    const endpoint = endpointOf.get(attemptId);
    if (endpoint === undefined) return;
    let set = map.get(target);
    if (!set) map.set(target, (set = new Set()));
    set.add(endpoint);
  };
  for (const [name, store] of Object.entries(world.stores)) {
    const writers =
      store.kind === 'documents'
        ? Object.values(store.collections).flatMap((c) => Object.values(c).map((d) => d.writtenBy))
        : store.kind === 'kv'
          ? Object.values(store.entries).map((d) => d.writtenBy)
          : Object.values(store.streams).flatMap((s) => s.map((e) => e.writtenBy));
    for (const w of writers) use(storeUsers, name, w);
  }
  for (const [name, api] of Object.entries(world.external))
    for (const r of Object.values(api.records)) use(apiUsers, name, r.createdBy);
  for (const inv of world.invocations) {
    for (const key of Object.keys(inv.reads))
      use(storeUsers, parseReadKey(key).store, inv.attemptId);
    if (inv.pending.phase === 'call') {
      const e = inv.pending.effect;
      if (e.kind === 'external') use(apiUsers, e.api, inv.attemptId);
      else if ('store' in e) use(storeUsers, e.store, inv.attemptId);
    }
  }

  const endpoints = Object.keys(manifest.endpoints);
  const link = (prefix: string, names: string[], users: Map<string, Set<string>>) => {
    for (const name of names) {
      const known = users.get(name);
      if (known && known.size > 0)
        for (const ep of known) add(`ep:${ep}`, `${prefix}:${name}`, 'observed');
      else for (const ep of endpoints) add(`ep:${ep}`, `${prefix}:${name}`, 'inferred');
    }
  };
  link('store', Object.keys(manifest.stores), storeUsers);
  link('api', Object.keys(manifest.external ?? {}), apiUsers);

  return [...edges.values()].map(({ labels, ...edge }) => ({
    ...edge,
    label: [...labels].join(', '),
  }));
}

/** The endpoint of every attempt the world still knows about. */
function attemptEndpoints(world: World): Map<string, string> {
  const map = new Map<string, string>();
  for (const key of Object.keys(world.history.effects)) {
    const endpoint = key.slice(0, key.indexOf('|'));
    for (const a of world.history.effects[key] ?? []) map.set(a, endpoint);
  }
  for (const m of Object.values(world.history.enqueued))
    map.set(m.producedBy.attemptId, m.producedBy.endpoint);
  for (const c of [...world.copies, ...world.errorQueue]) {
    map.set(c.producedBy.attemptId, c.producedBy.endpoint);
    if (c.leasedBy !== null) map.set(c.leasedBy, c.destination);
  }
  for (const r of world.requests) for (const a of r.attempts) map.set(a, r.endpoint);
  for (const inv of world.invocations) map.set(inv.attemptId, inv.endpoint);
  return map;
}
