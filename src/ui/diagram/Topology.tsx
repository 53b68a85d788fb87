/**
 * The topology of the exercise: actors and channels (React Flow), with each actor's live state.
 * Read-only and derived: nodes and edges come from `toTopology(manifest, world)` on every world.
 * Messages enqueued or delivered at the shown step (`messagesInFlightAt`) travel along their
 * edge: the edge is animated and a labelled marker moves from source to target; with
 * `prefers-reduced-motion` the edge is only highlighted.
 *
 * Nodes are rebuilt on every world, so each carries the size React Flow last measured for it
 * (kept from `onNodesChange`). Without it React Flow forgets the size, hides the node until a
 * resize that never comes (its DOM size did not change), and drops its edges: on a slow machine
 * the topology went blank after a few steps.
 */
import { Controls, MarkerType, ReactFlow } from '@xyflow/react';
import type { Edge, NodeChange } from '@xyflow/react';
import { useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import '@xyflow/react/dist/style.css';
import { toTopology } from '../../projections';
import type { MessageInFlight } from '../../projections';
import type { ExerciseManifest, World } from '../../sim';
import { edgeTypes } from './InFlightEdge';
import type { InFlightFlowEdge } from './InFlightEdge';
import { nodeTypes } from './topologyNodes';
import type { TopologyFlowNode } from './topologyNodes';
import './diagram.css';

export interface TopologyProps {
  manifest: ExerciseManifest;
  world: World;
  /** Messages travelling at the shown step, with the step (to restart the animation). */
  inFlight?: { step: number; messages: readonly MessageInFlight[]; durationMs: number };
}

const FIT_VIEW_OPTIONS = { padding: 0.08 };

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';
function subscribeReducedMotion(onChange: () => void) {
  const query = window.matchMedia(REDUCED_MOTION);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
const prefersReducedMotion = () => window.matchMedia(REDUCED_MOTION).matches;

export function Topology({ manifest, world, inFlight }: TopologyProps) {
  const reducedMotion = useSyncExternalStore(
    subscribeReducedMotion,
    prefersReducedMotion,
    () => false,
  );
  const base = useMemo(() => {
    const t = toTopology(manifest, world);
    const flowNodes: TopologyFlowNode[] = t.nodes.map((n) => ({
      id: n.id,
      type: n.type,
      position: n.position,
      data: { model: n.data },
      draggable: false,
      selectable: false,
      connectable: false,
      ariaLabel: `${n.data.label}${'state' in n.data ? `, state ${n.data.state}` : ''}`,
    }));
    const flowEdges: Edge[] = t.edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      label: e.label || undefined,
      className: `is-${e.data.basis}`,
      markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
      selectable: false,
      focusable: false,
    }));
    return { nodes: flowNodes, edges: flowEdges };
  }, [manifest, world]);

  const [measured, setMeasured] = useState<ReadonlyMap<string, Size>>(() => new Map());
  const onNodesChange = useCallback((changes: NodeChange<TopologyFlowNode>[]) => {
    setMeasured((known) => rememberSizes(known, changes));
  }, []);
  const nodes = useMemo(
    () =>
      base.nodes.map((n) => {
        const size = measured.get(n.id);
        return size ? { ...n, measured: size } : n;
      }),
    [base, measured],
  );
  const edges = useMemo(() => {
    const moving = new Map(inFlight?.messages.map((m) => [m.edgeId, m]));
    if (!inFlight || moving.size === 0) return base.edges;
    return base.edges.map((e): Edge | InFlightFlowEdge => {
      const m = moving.get(e.id);
      if (!m) return e;
      return {
        ...e,
        type: 'inFlight',
        animated: !reducedMotion,
        className: `${e.className ?? ''} is-in-flight`,
        zIndex: 1,
        data: {
          flight: m.label,
          kind: m.kind,
          durationMs: inFlight.durationMs,
          stepKey: inFlight.step,
        },
      };
    });
  }, [base, inFlight, reducedMotion]);

  return (
    <div className="topo" role="figure" aria-label="Topology: actors, channels and their state">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesChange}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        zoomOnScroll={false}
        preventScrolling={false}
        minZoom={0.2}
        maxZoom={2}
      >
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}

interface Size {
  width: number;
  height: number;
}

/** The known node sizes with React Flow's measurements applied; the same map when none changed. */
function rememberSizes(
  known: ReadonlyMap<string, Size>,
  changes: readonly NodeChange[],
): ReadonlyMap<string, Size> {
  let next: Map<string, Size> | null = null;
  for (const change of changes) {
    if (change.type !== 'dimensions' || !change.dimensions) continue;
    const { width, height } = change.dimensions;
    const old = (next ?? known).get(change.id);
    if (old?.width === width && old.height === height) continue;
    next ??= new Map(known);
    next.set(change.id, { width, height });
  }
  return next ?? known;
}
