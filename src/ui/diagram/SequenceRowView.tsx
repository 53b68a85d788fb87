/**
 * One row of the sequence diagram: an HTML row (focusable, clickable) holding an SVG strip with
 * the lifelines, the activation bars that cross it, and its arrow or note. Fixed height, so the
 * diagram virtualises by arithmetic. Memoised: scrolling re-renders only rows that appear.
 */
import { memo } from 'react';
import type { KeyboardEvent, MouseEvent } from 'react';
import type { Activation, SequenceRow } from '../../projections';
import { BAR_WIDTH_PX, barX, fitText, laneX, midY, noteInset } from './geometry';
import type { Layout } from './geometry';
import { stepNumber } from '../../projections';

interface Props {
  row: SequenceRow;
  layout: Layout;
  lifelineIds: readonly string[];
  active: readonly Activation[];
  firstOfStep: boolean;
  future: boolean;
  atCursor: boolean;
  emphasised: boolean;
  /** The row holding the roving tab stop. */
  tabStop: boolean;
  id: string;
  tooltipId: string | undefined;
  onSelect(index: number): void;
  onKey(e: KeyboardEvent<HTMLDivElement>, index: number): void;
  onHover(index: number | null): void;
  onAction: ((index: number) => void) | null;
}

export function rowLabel(row: SequenceRow): string {
  const parts = [`Step ${stepNumber(row.step)}`, row.summary];
  if (row.fault) parts.push('fault');
  if (row.highlight) parts.push(row.highlight.reason);
  return parts.join('. ');
}

export const SequenceRowView = memo(function SequenceRowView(p: Props) {
  const { row, layout } = p;
  const { rowHeight } = layout;
  const mid = midY(layout);
  const classes = ['seq-row'];
  if (p.future) classes.push('is-future');
  if (p.atCursor) classes.push('is-cursor');
  if (p.emphasised) classes.push('is-emphasised');
  if (row.highlight) classes.push(row.highlight.checked ? 'is-highlight' : 'is-highlight is-note');
  if (row.fault) classes.push('is-fault');
  if (p.firstOfStep) classes.push('is-step-start');
  return (
    <div
      id={p.id}
      role="row"
      aria-rowindex={row.index + 1}
      aria-selected={p.atCursor}
      aria-label={rowLabel(row)}
      aria-describedby={p.tooltipId}
      tabIndex={p.tabStop ? 0 : -1}
      className={classes.join(' ')}
      style={{ top: row.index * rowHeight, height: rowHeight, width: layout.width }}
      data-index={row.index}
      data-step={row.step}
      data-fault={row.fault || undefined}
      data-highlight={row.highlight?.kind}
      onClick={() => p.onSelect(row.index)}
      onKeyDown={(e) => p.onKey(e, row.index)}
      onMouseEnter={() => p.onHover(row.index)}
      onMouseLeave={() => p.onHover(null)}
    >
      <span role="gridcell" className="seq-gutter">
        {p.atCursor && <span className="seq-cursor-mark" aria-hidden="true" />}
        {p.firstOfStep ? stepNumber(row.step) : ''}
      </span>
      <svg
        className="seq-strip"
        width={layout.width}
        height={rowHeight}
        aria-hidden="true"
        focusable="false"
      >
        {p.lifelineIds.map((id) => (
          <line
            key={id}
            className="seq-lifeline"
            x1={laneX(layout, id)}
            x2={laneX(layout, id)}
            y1={0}
            y2={rowHeight}
          />
        ))}
        {p.active.map((a) => (
          <rect
            key={a.attemptId}
            className={`seq-bar${a.end === 'crash' ? ' is-crashed' : ''}`}
            x={barX(layout, a) - BAR_WIDTH_PX / 2}
            y={a.startRow === row.index ? mid : 0}
            width={BAR_WIDTH_PX}
            height={
              (a.endRow === row.index ? mid : rowHeight) - (a.startRow === row.index ? mid : 0)
            }
          />
        ))}
        {row.kind === 'arrow' ? (
          <ArrowShape row={row} layout={layout} active={p.active} />
        ) : (
          <NoteShape row={row} layout={layout} />
        )}
      </svg>
      {p.onAction && (
        <span role="gridcell" className="seq-action-cell" style={{ left: actionX(row, layout) }}>
          <button
            type="button"
            tabIndex={-1}
            className="seq-action"
            aria-label={`Faults at step ${stepNumber(row.step)}`}
            onClick={(e: MouseEvent) => {
              e.stopPropagation();
              p.onAction!(row.index);
            }}
          >
            faults…
          </button>
        </span>
      )}
    </div>
  );
});

/** The "faults…" button sits just right of the row's arrow or note. */
function actionX(row: SequenceRow, layout: Layout): number {
  if (row.kind === 'arrow')
    return Math.max(laneX(layout, row.arrow.from), laneX(layout, row.arrow.to)) + 16;
  return laneX(layout, row.note.lifeline) + layout.laneWidth * 0.9 + 8;
}

function Cross({ x, y }: { x: number; y: number }) {
  const r = 8;
  return (
    <g className="seq-cross">
      <circle cx={x} cy={y} r={r + 5} className="seq-cross-bg" />
      <line x1={x - r} y1={y - r} x2={x + r} y2={y + r} />
      <line x1={x - r} y1={y + r} x2={x + r} y2={y - r} />
    </g>
  );
}

/** The attempt an event belongs to (its arrows start or end on that attempt's bar). */
function attemptOf(row: SequenceRow): string | undefined {
  const e = row.event;
  if ('attemptId' in e) return e.attemptId;
  return e.type === 'enqueue' ? e.producedBy.attemptId : undefined;
}

export function ArrowShape({
  row,
  layout,
  active,
}: {
  row: Extract<SequenceRow, { kind: 'arrow' }>;
  layout: Layout;
  active: readonly Activation[];
}) {
  const { arrow } = row;
  const attempt = attemptOf(row);
  const xOf = (lifeline: string) => {
    const bar = active.find((a) => a.lifeline === lifeline && a.attemptId === attempt);
    return bar ? barX(layout, bar) : laneX(layout, lifeline);
  };
  const x1 = xOf(arrow.from);
  const x2 = xOf(arrow.to);
  const dir = x2 >= x1 ? 1 : -1;
  const lost = arrow.failure === 'lost';
  const end = lost ? x1 + (x2 - x1) * 0.55 : x2 - dir * (BAR_WIDTH_PX / 2);
  const start = x1 + dir * (BAR_WIDTH_PX / 2);
  const head = 11;
  const MID_Y = midY(layout);
  const labelX = (x1 + x2) / 2;
  const span = Math.max(Math.abs(x2 - x1), layout.laneWidth * 1.5) - 8;
  return (
    <g
      className={`seq-arrow${arrow.dashed ? ' is-dashed' : ''}${arrow.failure ? ' is-failed' : ''}`}
    >
      <line x1={start} x2={end} y1={MID_Y} y2={MID_Y} />
      {!lost && (
        <polygon
          points={`${end},${MID_Y} ${end - dir * head},${MID_Y - 6} ${end - dir * head},${MID_Y + 6}`}
        />
      )}
      <text x={labelX} y={MID_Y - 9} textAnchor="middle" className="seq-label">
        {fitText(arrow.label, span, layout.charWidthPx)}
      </text>
      {arrow.failure === 'lost' && <Cross x={end} y={MID_Y} />}
      {arrow.failure === 'failed' && <Cross x={end - dir * 18} y={MID_Y} />}
      {arrow.failure === 'responseLost' && <Cross x={start + dir * 18} y={MID_Y} />}
    </g>
  );
}

export function NoteShape({
  row,
  layout,
}: {
  row: Extract<SequenceRow, { kind: 'note' }>;
  layout: Layout;
}) {
  const x = laneX(layout, row.note.lifeline);
  const maxWidth = layout.laneWidth * 1.8;
  const text = fitText(row.note.text, maxWidth - 24 - (row.fault ? 22 : 0), layout.charWidthPx);
  const width = Math.min(maxWidth, text.length * layout.charWidthPx + 24 + (row.fault ? 22 : 0));
  const left = x - width / 2;
  const tone = row.fault ? ' is-fault' : row.trouble ? ' is-trouble' : '';
  const { rowHeight } = layout;
  const inset = noteInset(layout);
  return (
    <g className={`seq-note${tone}`}>
      <rect x={left} y={inset} width={width} height={rowHeight - 2 * inset} rx={6} />
      {row.fault && <Cross x={left + 16} y={rowHeight / 2} />}
      <text x={left + 12 + (row.fault ? 22 : 0)} y={rowHeight / 2 + 5} className="seq-label">
        {text}
      </text>
    </g>
  );
}
