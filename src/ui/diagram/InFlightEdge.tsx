/**
 * A topology edge with messages on it at the shown step: the edge is highlighted (and animated by
 * React Flow), and a labelled marker travels from source to target along the edge's path in CSS
 * (`offset-path`), for about one step of Play. With `prefers-reduced-motion` the marker stays at
 * the middle of the edge and nothing moves (see diagram.css).
 */
import { BaseEdge, EdgeLabelRenderer, getBezierPath } from '@xyflow/react';
import type { Edge, EdgeProps } from '@xyflow/react';
import type { CSSProperties } from 'react';

export type InFlightFlowEdge = Edge<
  {
    /** The message types travelling, e.g. "SubmitOrder". */
    flight: string;
    kind: 'enqueue' | 'deliver';
    /** How long the marker takes to travel the edge. */
    durationMs: number;
    /** Changes every step, so the marker starts over. */
    stepKey: number;
  },
  'inFlight'
>;

export function InFlightEdge(props: EdgeProps<InFlightFlowEdge>) {
  const [path, labelX, labelY] = getBezierPath(props);
  const data = props.data;
  const style = {
    '--flight-path': `path('${path}')`,
    animationDuration: `${data?.durationMs ?? 700}ms`,
    '--flight-x': `${labelX}px`,
    '--flight-y': `${labelY}px`,
  } as CSSProperties;
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        markerEnd={props.markerEnd}
        label={props.label}
        labelX={labelX}
        labelY={labelY}
        labelStyle={props.labelStyle}
        labelShowBg={props.labelShowBg}
        labelBgStyle={props.labelBgStyle}
        labelBgPadding={props.labelBgPadding}
        labelBgBorderRadius={props.labelBgBorderRadius}
      />
      {data && (
        <EdgeLabelRenderer>
          <div
            key={data.stepKey}
            className={`topo-flight is-${data.kind}`}
            style={style}
            data-testid="message-in-flight"
            data-edge={props.id}
          >
            <span className="topo-flight-dot" aria-hidden="true" />
            {data.flight}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const edgeTypes = { inFlight: InFlightEdge };
