/** Two versions of the learner's code, one line per row (+ added, − removed). */
import { useMemo } from 'react';
import { diffLines, diffStats } from '../lineDiff';

export function DiffView({
  before,
  after,
  against = 'the starter',
}: {
  before: string;
  after: string;
  /** What `before` is, for the summary line. */
  against?: string;
}) {
  const diff = useMemo(() => diffLines(before, after), [before, after]);
  const { added, removed } = diffStats(diff);
  return (
    <div className="diff" data-testid="diff">
      <p className="muted">
        {added === 0 && removed === 0
          ? `Your code is ${against}, unchanged.`
          : `${added} line${added === 1 ? '' : 's'} added, ${removed} removed, against ${against}.`}
      </p>
      <pre className="diff-lines">
        {diff.map((d, i) => (
          <div key={i} className={`diff-line diff-${d.kind}`}>
            <span className="diff-mark" aria-hidden="true">
              {d.kind === 'added' ? '+' : d.kind === 'removed' ? '−' : ' '}
            </span>
            {d.kind !== 'same' && <span className="visually-hidden">{d.kind}: </span>}
            {d.text}
          </div>
        ))}
      </pre>
    </div>
  );
}
