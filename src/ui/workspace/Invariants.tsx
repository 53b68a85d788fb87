/** Every invariant on the world at the cursor (at-quiescence ones only once nothing is in flight). */
import type { InvariantResult } from '../../workers/sessionProtocol';

type Status = 'holds' | 'violated' | 'unchecked';
const STATUS_TEXT: Record<Status, string> = {
  holds: '✓ holds',
  violated: '✗ violated',
  unchecked: '– not yet',
};

export function Invariants({
  invariants,
  quiescent,
}: {
  invariants: readonly InvariantResult[];
  quiescent: boolean;
}) {
  return (
    <ul className="invariants">
      {invariants.map((inv) => {
        const status: Status =
          inv.kind === 'atQuiescence' && !quiescent
            ? 'unchecked'
            : inv.result === true
              ? 'holds'
              : 'violated';
        return (
          <li key={inv.name} className={`invariant invariant-${status}`}>
            <span className="invariant-status">{STATUS_TEXT[status]}</span>
            <span>
              <code>{inv.name}</code> <span className="muted">({inv.kind})</span>: {inv.description}
              {status === 'violated' && typeof inv.result === 'string' && (
                <span className="invariant-detail">{inv.result}</span>
              )}
              {status === 'unchecked' && (
                <span className="invariant-detail">Checked once nothing is left in flight.</span>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
