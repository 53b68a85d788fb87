/**
 * The checker panel: Check (C) runs the exhaustive checker in its worker with live progress and
 * Cancel, then shows the verdict: passed (with counts), violated (the invariant in words, and
 * the shortest counterexample, loaded by the caller), cycle, limit reached, the learner's error.
 */
import { useRoomStore } from '../room/useRoomStore';
import { useMachine } from '@xstate/react';
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import type { WireResult } from '../../checker/protocol';
import { createCheckMachine } from '../../machines/checkMachine';
import type { CheckJob } from '../../machines/checkMachine';
import { checkInWorker } from './checkRunner';
import { fmt } from '../format';
import { Verdict } from './Verdict';

const checkMachine = createCheckMachine(checkInWorker);

export interface CheckControls {
  check(): void;
}

interface Props {
  makeJob(): CheckJob;
  onResult(result: WireResult, job: CheckJob): void;
  /** Rendered under a violated / cycle verdict (counterexample controls and explanation). */
  counterexample?: ReactNode;
  /** Lets the page's keyboard shortcut (C) start a check. */
  controls?: React.RefObject<CheckControls | null>;
}

/** A finished check's verdict goes to the room, if this browser is in one (src/ui/room). */
function reportToRoom(result: WireResult, job: CheckJob) {
  if (result.verdict === 'cancelled' || !('folder' in job.model)) return;
  useRoomStore.getState().reportVerdict({
    folder: job.model.folder,
    verdict: result.verdict,
    ...(result.verdict === 'violated' ? { invariant: result.invariant.slice(0, 80) } : {}),
  });
}

export function CheckPanel({ makeJob, onResult, counterexample, controls }: Props) {
  const [state, send] = useMachine(checkMachine);
  const reported = useRef<WireResult | null>(null);
  const checking = state.matches('checking');
  const cancelling = state.matches({ checking: 'cancelling' });
  const { result, progress, elapsedMs, failure, job } = state.context;

  const check = () => send({ type: 'CHECK', job: makeJob() });
  useEffect(() => {
    if (controls) controls.current = { check: () => send({ type: 'CHECK', job: makeJob() }) };
  });
  useEffect(() => {
    if (result && job && reported.current !== result) {
      reported.current = result;
      onResult(result, job);
      reportToRoom(result, job);
    }
  }, [result, job, onResult]);

  // A new verdict is brought into view: the panel may be short and scrolled to its top.
  const verdict = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (result && !checking) verdict.current?.scrollIntoView({ block: 'nearest' });
  }, [result, checking]);

  const rate =
    progress && elapsedMs > 0 ? Math.round((progress.distinctStates * 1000) / elapsedMs) : 0;
  return (
    <section className="panel checker" aria-labelledby="check-title" aria-busy={checking}>
      <div className="panel-bar">
        <h2 id="check-title">Checker</h2>
        <div className="toolbar">
          <button
            type="button"
            className="button"
            onClick={check}
            aria-keyshortcuts="c"
            disabled={checking}
          >
            Check
          </button>
          {checking && (
            <button
              type="button"
              className="button button-secondary"
              disabled={cancelling}
              onClick={() => send({ type: 'CANCEL' })}
            >
              {cancelling ? 'Cancelling…' : 'Cancel'}
            </button>
          )}
        </div>
      </div>
      <p className="muted">
        Explores every interleaving and every fault within the budget, and shows the shortest run
        that breaks an invariant.
      </p>
      <p role="status" className="run-status">
        {checking ? (cancelling ? 'Cancelling the check…' : 'Checking…') : ''}
      </p>
      {checking && (
        <p className="progress" data-testid="check-progress">
          {progress?.phase === 'sampling' && progress.beyond
            ? `Every run within the bounds passed (${fmt(progress.distinctStates)} states); now random runs with ${progress.beyond} (${fmt(progress.walks ?? 0)} so far), ${(elapsedMs / 1000).toFixed(1)} s`
            : progress?.phase === 'sampling'
              ? `${fmt(progress.distinctStates)} states explored; now sampling random runs past the bound (${fmt(progress.walks ?? 0)} so far), ${(elapsedMs / 1000).toFixed(1)} s`
              : `${progress?.findingShortest ? 'Found a failing run; now finding the shortest: ' : ''}${fmt(progress?.distinctStates ?? 0)} states, depth ${progress?.depth ?? 0}, ${fmt(rate)} states/s, ${(elapsedMs / 1000).toFixed(1)} s${progress?.helpers ? `, on ${progress.helpers + 1} cores` : ''}`}
        </p>
      )}
      {state.matches('failed') && (
        <div className="callout callout-error" role="alert">
          <p>
            <strong>The checker could not run:</strong> {failure}
          </p>
          <button type="button" className="button button-secondary" onClick={check}>
            Try again
          </button>
        </div>
      )}
      {result && !checking && (
        <div data-testid="verdict" ref={verdict}>
          <Verdict result={result} />
          {(result.verdict === 'violated' || result.verdict === 'cycle') && counterexample}
        </div>
      )}
      {/* A counterexample that came without a check here (an imported run file). */}
      {!result && !checking && counterexample}
    </section>
  );
}
