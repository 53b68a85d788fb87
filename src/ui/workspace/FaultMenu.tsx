/**
 * The faults that could have happened at a step of the run, each re-running the run from there
 * with that fault instead (same seed).
 */
import { FAULT_DESCRIPTIONS } from '../../sim';
import type { EnabledChoice } from '../../workers/sessionProtocol';
import { stepNumber } from '../../projections';

export function FaultMenu({
  step,
  faults,
  onPick,
}: {
  step: number;
  faults: EnabledChoice[] | null;
  onPick(index: number): void;
}) {
  if (faults === null) return <p className="muted">Looking for faults…</p>;
  if (faults.length === 0) {
    return (
      <p className="muted">
        No fault could happen at step {stepNumber(step)} (or the fault budget is used up: see Faults
        and settings).
      </p>
    );
  }
  return (
    <div className="fault-menu" role="group" aria-label={`Faults at step ${stepNumber(step)}`}>
      <p>Instead of step {stepNumber(step)}, inject a fault and re-run from there (same seed):</p>
      <ul className="choice-list">
        {faults.map((f) => (
          <li key={f.index}>
            <button
              type="button"
              className="button button-fault button-small"
              onClick={() => onPick(f.index)}
            >
              {f.label}
            </button>{' '}
            <span className="muted">{f.fault ? FAULT_DESCRIPTIONS[f.fault] : ''}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
