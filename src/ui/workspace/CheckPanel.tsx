/**
 * The checker panel: Check (C) runs the exhaustive checker in its worker with live progress and
 * Cancel, then shows the verdict: passed (with counts), violated (the invariant in words, and
 * the shortest counterexample, loaded by the caller), cycle, limit reached, the learner's error.
 */
import { useMachine } from '@xstate/react';
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import type { WireResult } from '../../checker/protocol';
import type { BeyondReport } from '../../checker/types';
import { assertNever } from '../../core/assert';
import { createCheckMachine } from '../../machines/checkMachine';
import type { CheckJob } from '../../machines/checkMachine';
import { checkInWorker } from './checkRunner';

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

const fmt = (n: number) => n.toLocaleString('en-US');

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
              : `${fmt(progress?.distinctStates ?? 0)} states, depth ${progress?.depth ?? 0}, ${fmt(rate)} states/s, ${(elapsedMs / 1000).toFixed(1)} s`}
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
    </section>
  );
}

function Stats({ r }: { r: WireResult }) {
  return (
    <>
      {fmt(r.distinctStates)} states explored to depth {r.depth}, {fmt(r.terminalStates)} terminal
      states, in {(r.elapsedMs / 1000).toFixed(2)} s
    </>
  );
}

/** What the random runs past the bounds covered after a pass, and what they could not try. */
function BeyondSummary({ reports }: { reports: BeyondReport[] }) {
  const walked = reports.filter((b) => !b.skipped);
  const skipped = reports.filter((b) => b.skipped);
  return (
    <p data-testid="beyond">
      {walked.length > 0 && (
        <>
          Sampled beyond them:{' '}
          {walked.map((b) => `${fmt(b.walks)} random runs with ${b.name}`).join(' and ')} found
          nothing.{' '}
        </>
      )}
      {skipped.length > 0 && (
        <span className="muted">
          Not sampled: {skipped.map((b) => `${b.name} (${b.skipped})`).join('; ')}.
        </span>
      )}
    </p>
  );
}

function Verdict({ result: r }: { result: WireResult }) {
  switch (r.verdict) {
    case 'passed':
      return (
        <div className="callout callout-ok" role="status">
          <h3>Passed</h3>
          <p>
            Proven: every invariant holds in every run within the exercise's bounds: <Stats r={r} />
            .
          </p>
          {r.beyond && r.beyond.length > 0 && <BeyondSummary reports={r.beyond} />}
        </div>
      );
    case 'violated':
      return (
        <div className="callout callout-error">
          <h3>
            Violated: <code>{r.invariant}</code>
          </h3>
          <p>
            {r.description}{' '}
            <span className="muted">
              ({r.kind === 'stuck' ? 'stuck' : r.kind};{' '}
              {r.sampled ? 'counterexample' : 'shortest counterexample'}: {r.counterexample.depth}{' '}
              steps; <Stats r={r} />)
            </span>
          </p>
          {r.beyond && r.sampled?.found && (
            <p data-testid="sampled">
              Found beyond the exercise's bounds, with {r.beyond.name}: every run within the bounds
              passed, but random run {fmt(r.sampled.found.walk)} after them broke the invariant. Its{' '}
              {r.sampled.found.walkDepth} steps were cut down to the {r.counterexample.depth} shown
              (a shorter run may exist); the run below has{' '}
              {r.beyond.name.replace(/^one more /, 'the extra ')}. The reference solution holds
              there.
            </p>
          )}
          {!r.beyond && r.sampled?.found && (
            <p data-testid="sampled">
              Found past the bound: the search stopped at its limit, and random run{' '}
              {fmt(r.sampled.found.walk)} of the ones that followed broke the invariant. Its{' '}
              {r.sampled.found.walkDepth} steps were cut down to the {r.counterexample.depth} shown;
              a shorter run may exist.
            </p>
          )}
        </div>
      );
    case 'cycle':
      return (
        <div className="callout callout-error">
          <h3>Your code can loop forever</h3>
          <p>{r.description}</p>
        </div>
      );
    case 'limit-reached':
      return (
        <div className="callout callout-warn" role="status">
          <h3>Limit reached ({r.limit})</h3>
          <p>
            No violation found so far, but this is not a pass: <Stats r={r} />. Lower the fault
            budgets to check completely.
          </p>
          {r.sampled && (
            <p data-testid="sampled">
              Proven: every run within the states explored. Sampled: {fmt(r.sampled.walks)} random
              runs past them (up to {r.sampled.maxDepth} steps each, {fmt(r.sampled.steps)} steps in
              all) found nothing.
            </p>
          )}
        </div>
      );
    case 'learner-error':
      return (
        <div className="callout callout-error">
          <h3>Your code threw</h3>
          <pre className="code-error">
            {r.file}
            {r.line !== undefined ? `:${r.line}:${r.column ?? 1}` : ''}: {r.message}
          </pre>
        </div>
      );
    case 'cancelled':
      return (
        <div className="callout" role="status">
          <h3>Check cancelled</h3>
          <p>Stopped after {fmt(r.distinctStates)} states.</p>
        </div>
      );
    default:
      return assertNever(r, 'check result');
  }
}
