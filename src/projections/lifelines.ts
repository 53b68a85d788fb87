/**
 * The lifelines of a sequence diagram, left to right: browser tabs, HTTP endpoints, message
 * endpoints, the broker (one lifeline, or one per destination queue), stores, external APIs.
 * Actors the trace names but the manifest does not are added at the end of their group.
 */
import type { ExerciseManifest } from '../sim/manifest';
import type { Lifeline, LifelineKind } from './sequenceTypes';

const GROUP_ORDER: readonly LifelineKind[] = [
  'tab',
  'http',
  'endpoint',
  'broker',
  'queue',
  'store',
  'api',
];

export interface LifelineSet {
  tab(name: string): string;
  endpoint(name: string): string;
  /** The broker lifeline a copy bound for `destination` sits on. */
  queue(destination: string | undefined): string;
  store(name: string): string;
  api(name: string): string;
  has(id: string): boolean;
  list(): Lifeline[];
}

export function lifelineId(kind: LifelineKind, name: string): string {
  switch (kind) {
    case 'tab':
      return `tab:${name}`;
    case 'http':
    case 'endpoint':
      return `ep:${name}`;
    case 'broker':
      return 'broker';
    case 'queue':
      return `queue:${name}`;
    case 'store':
      return `store:${name}`;
    case 'api':
      return `api:${name}`;
  }
}

export function createLifelineSet(
  manifest: ExerciseManifest,
  broker: 'single' | 'perQueue',
): LifelineSet {
  const groups = new Map<LifelineKind, { id: string; label: string }[]>(
    GROUP_ORDER.map((k) => [k, []]),
  );
  const ids = new Set<string>();
  const ensure = (kind: LifelineKind, name: string): string => {
    const id = lifelineId(kind, name);
    if (!ids.has(id)) {
      ids.add(id);
      groups.get(kind)!.push({ id, label: kind === 'broker' ? 'Broker' : name });
    }
    return id;
  };
  const messageEndpoints = Object.entries(manifest.endpoints)
    .filter(([, spec]) => spec.kind === 'messages')
    .map(([name]) => name);

  for (const tab of manifest.workload.tabs ?? []) ensure('tab', tab.name);
  for (const [name, spec] of Object.entries(manifest.endpoints))
    ensure(spec.kind === 'http' ? 'http' : 'endpoint', name);
  if (broker === 'single' || messageEndpoints.length === 0) ensure('broker', 'Broker');
  else for (const name of messageEndpoints) ensure('queue', name);
  for (const name of Object.keys(manifest.stores)) ensure('store', name);
  for (const name of Object.keys(manifest.external ?? {})) ensure('api', name);

  return {
    tab: (name) => ensure('tab', name),
    endpoint: (name) =>
      ensure(manifest.endpoints[name]?.kind === 'http' ? 'http' : 'endpoint', name),
    queue: (destination) =>
      broker === 'perQueue' && destination !== undefined && messageEndpoints.includes(destination)
        ? ensure('queue', destination)
        : ensure('broker', 'Broker'),
    store: (name) => ensure('store', name),
    api: (name) => ensure('api', name),
    has: (id) => ids.has(id),
    list: () =>
      GROUP_ORDER.flatMap((kind) => groups.get(kind)!.map((l) => ({ ...l, kind }))).map(
        (l, index) => ({ ...l, index }),
      ),
  };
}
