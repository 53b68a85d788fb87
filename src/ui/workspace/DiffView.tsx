/** The learner's code against the starter, one line per row (+ added, − removed). */
import { useMemo } from 'react';
import { diffLines, diffStats } from '../lineDiff';

export function DiffView({ before, after }: { before: string; after: string }) {
  const diff = useMemo(() => diffLines(before, after), [before, after]);
  const { added, removed } = diffStats(diff);
  return (
    <div className="diff" data-testid="diff">
      <p className="muted">
        {added === 0 && removed === 0
          ? 'Your code is the starter, unchanged.'
          : `${added} line${added === 1 ? '' : 's'} added, ${removed} removed, against the starter.`}
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
