/**
 * What the checker found, next to its verdict: the invariant's own words on the violating state,
 * and buttons that step through the shortest run breaking it (loaded in the run view).
 */
import type { ShownCounterexample } from '../../machines/playbackMachine';
import type { MatchedHint } from '../../workshop/hints';

interface Props {
  counterexample: ShownCounterexample;
  /** The run view is still loading it (else, without words yet, it is elsewhere in the run). */
  loading: boolean;
  /** The last step of the run that ran the learner's code, and its line (code ↔ run). */
  lastLine?: { step: number; line: number } | null;
  /** The exercise's hints this run matches (src/workshop/hints.ts). */
  hints?: readonly MatchedHint[];
  onSeek(cursor: number): void;
}

export function CounterexampleCallout({
  counterexample,
  loading,
  lastLine,
  hints = [],
  onSeek,
}: Props) {
  const steps = counterexample.labels.length;
  const words =
    counterexample.explanation ??
    (loading
      ? 'Loading the counterexample…'
      : `Jump to the violation (step ${steps}) to see what breaks there.`);
  return (
    <div className="callout counterexample" data-testid="counterexample">
      <p>
        <strong>
          What is wrong (<code>{counterexample.invariant}</code>):
        </strong>{' '}
        {words}
      </p>
      <p className="muted">
        The shortest run that breaks it ({steps} steps) is loaded in the run view.
        {lastLine && (
          <>
            {' '}
            Its last step in your code (step {lastLine.step}) ran{' '}
            <strong data-testid="counterexample-line">line {lastLine.line}</strong>.
          </>
        )}
      </p>
      {hints.length > 0 && (
        <ul className="counterexample-hints" aria-label="Hints for this run" data-testid="hints">
          {hints.map((h, i) => (
            <li key={i}>
              <strong>Hint:</strong> {h.text}
              {h.detail && <span className="muted"> {h.detail}</span>}
            </li>
          ))}
        </ul>
      )}
      <div className="toolbar">
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => onSeek(0)}
        >
          Step through it from the start
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => onSeek(steps)}
        >
          Jump to the violation
        </button>
        {lastLine && (
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => onSeek(lastLine.step)}
          >
            Show line {lastLine.line}
          </button>
        )}
      </div>
    </div>
  );
}

/** The counterexample in one line, in the run's full view (FullViewBar.tsx). */
export function CounterexampleBanner({
  counterexample,
  lastLine,
}: Pick<Props, 'counterexample' | 'lastLine'>) {
  const steps = counterexample.labels.length;
  return (
    <p className="full-view-banner" data-testid="full-view-banner">
      <strong>
        Violated: <code>{counterexample.invariant}</code>
      </strong>{' '}
      · {steps} steps
      {lastLine && ` · last ran line ${lastLine.line}`}
    </p>
  );
}
