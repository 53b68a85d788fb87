/** The trace of a run as a plain, readable table (one row per trace event). */
import { useMemo } from 'react';
import type { TraceEvent } from '../sim';
import { isTroubleEvent, toTimelineRows } from './timeline';

interface Props {
  events: readonly TraceEvent[];
  seed: number;
  file: string;
}

export function TimelineTable({ events, seed, file }: Props) {
  const rows = useMemo(() => toTimelineRows(events), [events]);
  if (rows.length === 0) return <p className="notice">The run produced no events.</p>;
  return (
    <table className="timeline" data-testid="timeline">
      <caption>
        Timeline of <code>{file}</code> with seed <span data-testid="timeline-seed">{seed}</span>
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
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const trouble = isTroubleEvent(row.type);
          return (
            <tr key={row.key} className={trouble ? 'trouble' : undefined}>
              <td className="num">{row.step}</td>
              <td className="num">{row.tick}</td>
              <td>{row.actor}</td>
              <td>
                <code>{row.type}</code>
              </td>
              <td>
                {trouble && <span className="visually-hidden">Fault or problem: </span>}
                {row.description}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
