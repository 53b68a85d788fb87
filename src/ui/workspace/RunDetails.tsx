/**
 * Beside the run: a summary of the run at the cursor, its invariants, and the world at this step
 * (a state table, or the topology with the messages travelling).
 */
import { useState } from 'react';
import type { ComponentProps } from 'react';
import type { ExerciseManifest } from '../../sim';
import { Topology } from '../diagram/Topology';
import { Invariants } from './Invariants';
import { Tabs } from './Tabs';
import type { Session } from './useSession';
import { WorldState } from './WorldState';

interface Props {
  view: NonNullable<Session['view']>;
  /** A request is in flight: what is shown may be about to change. */
  stale: boolean;
  manifest: ExerciseManifest;
  inFlight?: ComponentProps<typeof Topology>['inFlight'];
}

export function RunDetails({ view, stale, manifest, inFlight }: Props) {
  const [worldTab, setWorldTab] = useState<'topology' | 'table'>('table');
  const length = view.choices.length;
  return (
    <div className={stale ? 'run-details stale' : 'run-details'}>
      <div className="summary" aria-label="Run summary">
        <p className="summary-line">
          <strong>
            {length} steps, {view.events.length} events.
          </strong>{' '}
          {view.cursor < length
            ? `Showing the world after step ${view.cursor}.`
            : view.enabled.length === 0
              ? view.quiescent
                ? 'The run reached quiescence: nothing was left to do.'
                : 'Nothing can happen next, but work is left in flight.'
              : 'The run can go on: choose what happens next.'}
        </p>
        <Invariants invariants={view.invariants} quiescent={view.quiescent} />
      </div>
      <h3>World at this step</h3>
      <Tabs<'topology' | 'table'>
        label="World view"
        selected={worldTab}
        onSelect={setWorldTab}
        tabs={[
          {
            key: 'table',
            label: 'State table',
            render: () => <WorldState summary={view.summary} />,
          },
          {
            key: 'topology',
            label: 'Topology',
            render: () => (
              <div className="topology-host">
                <Topology
                  manifest={manifest}
                  world={view.world}
                  {...(inFlight ? { inFlight } : {})}
                />
              </div>
            ),
          },
        ]}
      />
    </div>
  );
}
