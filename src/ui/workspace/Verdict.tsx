/**
 * A check's verdict in words: what was proven (every run within the bounds) and what was only
 * sampled (random runs past them), a violation with its invariant and the counterexample's
 * length, a learner error with its file and line, a limit, a cancel.
 */
import { assertNever } from '../../core/assert';
import type { WireResult } from '../../checker/protocol';
import type { BeyondReport } from '../../checker/types';
import { fmt } from '../format';

function Stats({ r }: { r: WireResult }) {
  return (
    <>
      {fmt(r.distinctStates)} states explored to depth {r.depth}, {fmt(r.terminalStates)} terminal
      states, in {(r.elapsedMs / 1000).toFixed(2)} s
      {'helpers' in r && r.helpers ? `, on ${r.helpers + 1} cores` : ''}
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

export function Verdict({ result: r }: { result: WireResult }) {
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
          {r.reason && <p data-testid="limit-reason">{r.reason}</p>}
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
