/**
 * The trace of a run as a plain, readable table (one row per trace event). With a cursor, rows
 * after it are the run's future (dimmed) and the first row of each step offers "Go to" and, when
 * `onFaults` is given, the faults that could have happened at that step.
 *
 * A long run renders a window of {@link WINDOW_ROWS} rows around the cursor, with buttons to show
 * the rows before and after it, so 50,000 events never block the page: the DOM stays bounded.
 */
import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { TraceEvent } from '../sim';
import { isTroubleEvent, toTimelineRows } from './timeline';
import { fmt } from './format';
import { stepNumber } from '../projections';

interface Props {
  events: readonly TraceEvent[];
  seed: number | null;
  file: string;
  /** Steps taken in the world shown; events of later steps are dimmed. */
  cursor?: number;
  onSeek?(cursor: number): void;
  /** Opens the fault menu of a step; the menu is rendered under that step's first row. */
  onFaults?(step: number): void;
  faultMenu?: { step: number; content: ReactNode } | null;
  branchStep?: number | null;
}

export const WINDOW_ROWS = 400;

/** The first row of the window: `WINDOW_ROWS` rows with the cursor's step in their middle. */
function windowStart(rows: readonly { step: number }[], cursor: number | undefined): number {
  if (rows.length <= WINDOW_ROWS) return 0;
  const at = cursor === undefined ? rows.length - 1 : lowerBound(rows, cursor - 1);
  return Math.max(0, Math.min(rows.length - WINDOW_ROWS, at - WINDOW_ROWS / 2));
}

/** The index of the first row of `step` or later (rows are in step order). */
function lowerBound(rows: readonly { step: number }[], step: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid]!.step < step) lo = mid + 1;
    else hi = mid;
  }
  return Math.min(lo, rows.length - 1);
}

export function TimelineTable(props: Props) {
  const { events, seed, file, cursor, onSeek, onFaults, faultMenu, branchStep } = props;
  const rows = useMemo(() => toTimelineRows(events), [events]);
  // The learner's own choice of window (Show earlier / later), until the cursor moves.
  const [moved, setMoved] = useState<{ cursor: number | undefined; start: number } | null>(null);
  if (rows.length === 0) return <p className="notice">No events yet: take a step or press Play.</p>;
  const actions = onSeek !== undefined || onFaults !== undefined;
  const start =
    moved && moved.cursor === cursor
      ? Math.max(0, Math.min(moved.start, Math.max(0, rows.length - WINDOW_ROWS)))
      : windowStart(rows, cursor);
  const end = Math.min(rows.length, start + WINDOW_ROWS);
  const shown = rows.slice(start, end);
  const more = (label: string, to: number) => (
    <tr className="timeline-more">
      <td colSpan={actions ? 6 : 5}>
        <button
          type="button"
          className="link-button"
          onClick={() => setMoved({ cursor, start: to })}
        >
          {label}
        </button>
      </td>
    </tr>
  );
  return (
    <table className="timeline" data-testid="timeline">
      <caption>
        Timeline of <code>{file}</code>
        {seed !== null ? (
          <>
            {' '}
            with seed <span data-testid="timeline-seed">{seed}</span>
          </>
        ) : (
          ' (chosen step by step)'
        )}
        {rows.length > WINDOW_ROWS && (
          <span className="muted" data-testid="timeline-window">
            {' '}
            · rows {fmt(start + 1)}–{fmt(end)} of {fmt(rows.length)}
          </span>
        )}
      </caption>
      <thead>
        <tr>
          <th scope="col" className="num">
            Step
          </th>
          <th scope="col" className="num">
            Tick
          </th>
          <th scope="col">Actor</th>
          <th scope="col">Event</th>
          <th scope="col">What happened</th>
          {actions && (
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {start > 0 &&
          more(
            `Show earlier rows (${fmt(start)} before these)`,
            Math.max(0, start - WINDOW_ROWS / 2),
          )}
        {shown.map((row, k) => {
          const i = start + k;
          const trouble = isTroubleEvent(row.type);
          const future = cursor !== undefined && row.step >= cursor;
          const current = cursor !== undefined && row.step === cursor - 1;
          const firstOfStep = i === 0 || rows[i - 1]!.step !== row.step;
          const className = [
            trouble && 'trouble',
            future && 'future',
            current && 'current',
            branchStep === row.step && 'branch',
          ]
            .filter(Boolean)
            .join(' ');
          return (
            <TimelineRow
              key={row.key}
              className={className || undefined}
              cells={
                <>
                  <td className="num">{stepNumber(row.step)}</td>
                  <td className="num">{row.tick}</td>
                  <td>{row.actor}</td>
                  <td>
                    <code>{row.type}</code>
                  </td>
                  <td>
                    {trouble && <span className="visually-hidden">Fault or problem: </span>}
                    {future && (
                      <span className="visually-hidden">Not yet (after the cursor): </span>
                    )}
                    {row.description}
                  </td>
                  {actions && (
                    <td className="row-actions">
                      {firstOfStep && onSeek && (
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => onSeek(row.step + 1)}
                          aria-label={`Go to step ${stepNumber(row.step)}`}
                        >
                          Go to
                        </button>
                      )}
                      {firstOfStep && onFaults && (
                        <button
                          type="button"
                          className="link-button"
                          aria-expanded={faultMenu?.step === row.step}
                          onClick={() => onFaults(row.step)}
                          aria-label={`Faults at step ${stepNumber(row.step)}`}
                        >
                          Faults…
                        </button>
                      )}
                    </td>
                  )}
                </>
              }
              menu={
                firstOfStep && faultMenu?.step === row.step ? (
                  <tr className="fault-menu-row">
                    <td colSpan={6}>{faultMenu.content}</td>
                  </tr>
                ) : null
              }
            />
          );
        })}
        {end < rows.length &&
          more(`Show later rows (${fmt(rows.length - end)} after these)`, start + WINDOW_ROWS / 2)}
      </tbody>
    </table>
  );
}

function TimelineRow({
  className,
  cells,
  menu,
}: {
  className: string | undefined;
  cells: ReactNode;
  menu: ReactNode;
}) {
  return (
    <>
      <tr className={className}>{cells}</tr>
      {menu}
    </>
  );
}
