/**
 * The whole sequence diagram as one standalone SVG (every row, no virtualisation), for export.
 * Drawn with the same shapes and classes as the live diagram; exportDiagram.ts inlines the
 * computed styles so the file renders anywhere.
 */
import type { SequenceDiagram } from '../../projections';
import type { ExerciseManifest, TraceEvent } from '../../sim';
import { toSequenceDiagram } from '../../projections';
import {
  BAR_WIDTH_PX,
  GUTTER_WIDTH_PX,
  HEADER_HEIGHT_PX,
  ROW_HEIGHT_PX,
  barX,
  createLayout,
  midY,
  fitText,
  laneX,
} from './geometry';
import { ArrowShape, NoteShape } from './SequenceRowView';
import { stepNumber } from '../../projections';

/** What an exported picture says about itself: the exercise, and what breaks where. */
export interface DiagramCaption {
  title: string;
  /** e.g. "Violated: noLostMessages at step 8". */
  detail?: string;
}

/** Height of the caption band above the lanes. */
const CAPTION_HEIGHT_PX = 56;

export function DiagramSvg({
  events,
  manifest,
  cursor,
  caption,
  highlightStep,
}: {
  events: TraceEvent[];
  manifest: ExerciseManifest;
  cursor: number;
  caption?: DiagramCaption;
  /** The step index whose rows are highlighted (where a counterexample breaks the invariant). */
  highlightStep?: number;
}) {
  const d: SequenceDiagram = toSequenceDiagram(events, manifest, {});
  const layout = createLayout(d);
  const MID_Y = midY(layout);
  const top = caption ? CAPTION_HEIGHT_PX : 0;
  const height = top + HEADER_HEIGHT_PX + d.rows.length * ROW_HEIGHT_PX;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={layout.width}
      height={height}
      viewBox={`0 0 ${layout.width} ${height}`}
      className="seq-export"
    >
      <rect className="seq-export-bg" x={0} y={0} width={layout.width} height={height} />
      {caption && (
        <g className="seq-export-caption">
          <text x={16} y={24} className="seq-export-title">
            {caption.title}
          </text>
          {caption.detail && (
            <text x={16} y={46} className="seq-export-detail">
              {caption.detail}
            </text>
          )}
        </g>
      )}
      <g transform={`translate(0 ${top})`}>
        {d.lifelines.map((l) => {
          const x = laneX(layout, l.id);
          const w = layout.laneWidth - 20;
          return (
            <g key={l.id} className={`seq-head seq-head-${l.kind}`}>
              <rect x={x - w / 2} y={6} width={w} height={HEADER_HEIGHT_PX - 12} rx={8} />
              <text x={x} y={38} textAnchor="middle" className="seq-head-label">
                {fitText(l.label, w - 12)}
              </text>
            </g>
          );
        })}
        {d.rows.map((row, i) => (
          <g
            key={i}
            transform={`translate(0 ${HEADER_HEIGHT_PX + i * ROW_HEIGHT_PX})`}
            className={`seq-row${row.step > cursor ? ' is-future' : ''}`}
          >
            {row.step === highlightStep && (
              <rect
                className="seq-export-highlight"
                x={0}
                y={0}
                width={layout.width}
                height={ROW_HEIGHT_PX}
              />
            )}
            <text x={GUTTER_WIDTH_PX - 16} y={MID_Y} textAnchor="end" className="seq-export-step">
              {i === 0 || d.rows[i - 1]!.step !== row.step ? stepNumber(row.step) : ''}
            </text>
            {d.lifelines.map((l) => (
              <line
                key={l.id}
                className="seq-lifeline"
                x1={laneX(layout, l.id)}
                x2={laneX(layout, l.id)}
                y1={0}
                y2={ROW_HEIGHT_PX}
              />
            ))}
            {layout.activeAt[i]!.map((a) => (
              <rect
                key={a.attemptId}
                className={`seq-bar${a.end === 'crash' ? ' is-crashed' : ''}`}
                x={barX(layout, a) - BAR_WIDTH_PX / 2}
                y={a.startRow === i ? MID_Y : 0}
                width={BAR_WIDTH_PX}
                height={(a.endRow === i ? MID_Y : ROW_HEIGHT_PX) - (a.startRow === i ? MID_Y : 0)}
              />
            ))}
            {row.kind === 'arrow' ? (
              <ArrowShape row={row} layout={layout} active={layout.activeAt[i]!} />
            ) : (
              <NoteShape row={row} layout={layout} />
            )}
          </g>
        ))}
      </g>
    </svg>
  );
}
