/** The lifeline headers of the sequence diagram (sticky at the top of the scroller). */
import type { Lifeline, LifelineKind } from '../../projections';
import { GUTTER_WIDTH_PX, HEADER_HEIGHT_PX, fitText, laneX } from './geometry';
import type { Layout } from './geometry';

const KIND_CAPTION: Record<LifelineKind, string> = {
  tab: 'browser tab',
  http: 'HTTP endpoint',
  endpoint: 'endpoint',
  broker: 'message broker',
  queue: 'queue',
  store: 'database',
  api: 'external API',
};

export function SequenceHeader({ lifelines, layout }: { lifelines: Lifeline[]; layout: Layout }) {
  return (
    <div
      role="row"
      className="seq-header"
      style={{ height: HEADER_HEIGHT_PX, width: layout.width }}
    >
      <span role="columnheader" className="seq-gutter seq-gutter-head">
        Step
      </span>
      {lifelines.map((l) => (
        <span key={l.id} role="columnheader" className="visually-hidden">
          {l.label} ({KIND_CAPTION[l.kind]})
        </span>
      ))}
      <svg
        className="seq-header-strip"
        width={layout.width}
        height={HEADER_HEIGHT_PX}
        aria-hidden="true"
        focusable="false"
      >
        {lifelines.map((l) => {
          const x = laneX(layout, l.id);
          const w = layout.laneWidth - 20;
          return (
            <g key={l.id} className={`seq-head seq-head-${l.kind}`} data-lifeline={l.id}>
              <rect x={x - w / 2} y={6} width={w} height={HEADER_HEIGHT_PX - 12} rx={8} />
              <text x={x} y={30} textAnchor="middle" className="seq-head-label">
                {fitText(l.label, w - 12, layout.charWidthPx)}
              </text>
              <text x={x} y={50} textAnchor="middle" className="seq-head-kind">
                {KIND_CAPTION[l.kind]}
              </text>
            </g>
          );
        })}
        <line
          className="seq-head-rule"
          x1={GUTTER_WIDTH_PX}
          x2={layout.width}
          y1={HEADER_HEIGHT_PX - 1}
          y2={HEADER_HEIGHT_PX - 1}
        />
      </svg>
    </div>
  );
}
