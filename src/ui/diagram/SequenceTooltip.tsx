/** The details of one row, shown next to it on hover or focus: ids, versions, payload, causes. */
import type { SequenceRow } from '../../projections';
import { GUTTER_WIDTH_PX, HEADER_HEIGHT_PX } from './geometry';
import { stepNumber } from '../../projections';

interface Props {
  id: string;
  row: SequenceRow;
  rowHeight: number;
}

export function SequenceTooltip({ id, row, rowHeight }: Props) {
  return (
    <div
      id={id}
      role="tooltip"
      className="seq-tooltip"
      style={{ top: HEADER_HEIGHT_PX + (row.index + 1) * rowHeight + 4, left: GUTTER_WIDTH_PX }}
    >
      <p className="seq-tooltip-title">
        <span className="seq-tooltip-step">
          Step {stepNumber(row.step)} · tick {row.tick}
        </span>{' '}
        {row.summary}
      </p>
      {row.fault && <p className="seq-tooltip-fault">Fault injected here.</p>}
      {row.highlight && (
        <p className="seq-tooltip-highlight">
          {row.highlight.reason}{' '}
          <span className="seq-tooltip-inv">({row.highlight.invariant})</span>
        </p>
      )}
      <dl className="seq-tooltip-details">
        {row.details.map((d) => (
          <div key={d.label}>
            <dt>{d.label}</dt>
            <dd>{d.value}</dd>
          </div>
        ))}
      </dl>
      {row.causes.length > 0 && (
        <p className="seq-tooltip-causes">
          <span className="seq-tooltip-caption">Caused by </span>
          {row.causes.map((c, i) => (
            <span key={`${c.kind}:${c.id}:${i}`}>
              {i > 0 && ' ← '}
              <code>{c.id}</code>
              <span className="seq-tooltip-kind">
                {' '}
                {c.kind}
                {c.at ? ` at ${c.at}` : ''}
              </span>
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
