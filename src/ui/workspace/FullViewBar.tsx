/**
 * The run's one toolbar in full view (useFullView.ts): Back, Forward, what the run shows (the
 * counterexample's verdict) and the way out, in a single row so the diagram keeps the height.
 * The run's other controls come back when the full view is left.
 */
import type { ReactNode } from 'react';
import { BackForward } from './RunControls';

interface Props {
  canBack: boolean;
  canForward: boolean;
  onBack(): void;
  onForward(): void;
  onLeave(): void;
  /** The line about what is shown (the counterexample banner), if any. */
  children?: ReactNode;
  /** What the run is doing now, for screen readers and sighted users alike. */
  status: string;
}

export function FullViewBar(props: Props) {
  return (
    <div className="run-toolbar full-view-bar">
      <h2 id="run-title" className="visually-hidden">
        Run, full view
      </h2>
      <BackForward {...props} />
      {props.children}
      <p role="status" className="run-status">
        {props.status}
      </p>
      <button
        type="button"
        className="button button-secondary button-small full-view-button"
        aria-pressed="true"
        aria-keyshortcuts="f"
        aria-label="Leave full view"
        title="Leave the full view (Esc or F)"
        onClick={props.onLeave}
      >
        Leave
      </button>
    </div>
  );
}
