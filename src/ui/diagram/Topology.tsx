/**
 * The topology of the exercise: actors and channels (React Flow), with each actor's live state.
 * Read-only and derived: nodes and edges come from `toTopology(manifest, world)` on every world.
 */
import { Controls, MarkerType, ReactFlow } from '@xyflow/react';
import type { Edge } from '@xyflow/react';
import { useMemo } from 'react';
import '@xyflow/react/dist/style.css';
import { toTopology } from '../../projections';
import type { ExerciseManifest, World } from '../../sim';
import { nodeTypes } from './topologyNodes';
import type { TopologyFlowNode } from './topologyNodes';
import './diagram.css';

export interface TopologyProps {
  manifest: ExerciseManifest;
  world: World;
  /** The learner's exports, to name copy states when the retry policy is exported by the learner. */
  handlers?: Record<string, unknown>;
}

const FIT_VIEW_OPTIONS = { padding: 0.08 };

export function Topology({ manifest, world, handlers }: TopologyProps) {
  const { nodes, edges } = useMemo(() => {
    const t = toTopology(manifest, world, handlers ? { handlers } : {});
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
  }, [manifest, world, handlers]);

  return (
    <div className="topo" role="figure" aria-label="Topology: actors, channels and their state">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
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
