/** Why the last run request gave no run: learner error, deadline, bad link, worker failure. */
import { assertNever } from '../../core/assert';
import { formatLearnerError } from '../../sandbox/errors';
import { CopyableReport } from '../CopyableReport';
import type { SessionState } from './useSession';

export function RunProblem({
  problem,
  onRetry,
}: {
  problem: NonNullable<SessionState['problem']>;
  onRetry(): void;
}) {
  switch (problem.type) {
    case 'learnerError':
      return (
        <div className="callout callout-error" role="alert">
          <h3>Your code has an error</h3>
          <pre className="code-error">{formatLearnerError(problem.error)}</pre>
        </div>
      );
    case 'timedOut':
      return (
        <div className="callout callout-error" role="alert">
          <h3>Your code did not finish</h3>
          <p>
            The run was stopped after {problem.deadlineMs / 1000} s. Is there an infinite loop or a
            runaway recursion in your code?
          </p>
        </div>
      );
    case 'replayError':
      return (
        <div className="callout callout-error" role="alert">
          <h3>This run cannot be replayed</h3>
          <p>{problem.message}</p>
        </div>
      );
    case 'unavailable':
      return (
        <div className="callout" role="status">
          <p>{problem.message}</p>
        </div>
      );
    case 'internalError':
      return (
        <div className="callout callout-error" role="alert">
          <h3>The simulation failed</h3>
          <p>This is a bug in the workshop, not in your code.</p>
          <CopyableReport
            label="Error report"
            text={[problem.message, problem.stack ?? ''].filter(Boolean).join('\n')}
          />
        </div>
      );
    case 'failed':
      return (
        <div className="callout callout-error" role="alert">
          <p>
            <strong>The simulation could not run:</strong> {problem.message}
          </p>
          <button type="button" className="button button-secondary" onClick={onRetry}>
            Try again
          </button>
        </div>
      );
    default:
      return assertNever(problem, 'run problem');
  }
}
