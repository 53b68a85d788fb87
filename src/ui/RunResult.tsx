/** What a run produced: the summary line and the timeline, or the error that stopped it. */
import { assertNever } from '../core/assert';
import { formatLearnerError } from '../sandbox/errors';
import type { InvariantResult, SimulationOutcome } from '../workers/simulationProtocol';
import { CopyableReport } from './CopyableReport';
import { TimelineTable } from './TimelineTable';

interface Props {
  outcome: SimulationOutcome;
}

export function RunResult({ outcome }: Props) {
  switch (outcome.type) {
    case 'ran':
      return (
        <>
          <RunSummary
            steps={outcome.steps}
            events={outcome.events.length}
            end={outcome.end}
            invariants={outcome.invariants}
          />
          <TimelineTable events={outcome.events} seed={outcome.seed} file={outcome.file} />
        </>
      );
    case 'learnerError':
      return (
        <div className="callout callout-error" role="alert">
          <h3>Your code has an error</h3>
          <pre className="code-error">{formatLearnerError(outcome.error)}</pre>
        </div>
      );
    case 'timedOut':
      return (
        <div className="callout callout-error" role="alert">
          <h3>Your code did not finish</h3>
          <p>
            The run was stopped after {outcome.deadlineMs / 1000} s. Is there an infinite loop or a
            runaway recursion in <code>{outcome.file}</code>?
          </p>
        </div>
      );
    case 'unavailable':
      return (
        <div className="callout" role="status">
          <p>{outcome.message}</p>
        </div>
      );
    case 'internalError':
      return (
        <div className="callout callout-error" role="alert">
          <h3>The simulation failed</h3>
          <p>This is a bug in the workshop, not in your code.</p>
          <CopyableReport
            label="Error report"
            text={[outcome.message, outcome.stack ?? ''].filter(Boolean).join('\n')}
          />
        </div>
      );
    default:
      return assertNever(outcome, 'simulation outcome');
  }
}

interface SummaryProps {
  steps: number;
  events: number;
  end: 'quiescent' | 'stepLimit';
  invariants: InvariantResult[];
}

function RunSummary({ steps, events, end, invariants }: SummaryProps) {
  const quiescent = end === 'quiescent';
  const verdicts = invariants.map((inv) => toVerdict(inv, quiescent));
  const failed = verdicts.filter((v) => v.status === 'violated').length;
  return (
    <div className="summary" aria-label="Run summary">
      <p className="summary-line">
        <strong>
          {steps} steps, {events} events.
        </strong>{' '}
        {quiescent
          ? 'The run reached quiescence: nothing was left to do.'
          : 'The run stopped at the step limit before reaching quiescence.'}{' '}
        {failed === 0
          ? 'Every invariant holds at the end.'
          : `${failed} of ${invariants.length} invariants ${failed === 1 ? 'is' : 'are'} violated at the end.`}
      </p>
      <ul className="invariants">
        {verdicts.map((v) => (
          <li key={v.name} className={`invariant invariant-${v.status}`}>
            <span className="invariant-status">{STATUS_TEXT[v.status]}</span>
            <span>
              <code>{v.name}</code> <span className="muted">({v.kind})</span>: {v.description}
              {v.detail && <span className="invariant-detail">{v.detail}</span>}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

type VerdictStatus = 'holds' | 'violated' | 'unchecked';

const STATUS_TEXT: Record<VerdictStatus, string> = {
  holds: '✓ holds',
  violated: '✗ violated',
  unchecked: '– not checked',
};

function toVerdict(inv: InvariantResult, quiescent: boolean) {
  const base = { name: inv.name, kind: inv.kind, description: inv.description };
  if (inv.kind === 'atQuiescence' && !quiescent) {
    return { ...base, status: 'unchecked' as const, detail: 'The run did not reach quiescence.' };
  }
  if (inv.result === true) return { ...base, status: 'holds' as const, detail: null };
  return { ...base, status: 'violated' as const, detail: inv.result };
}
