/**
 * Step: the learner picks which enabled event happens next. A compact strip under the run
 * toolbar (it wraps, and scrolls past a few rows): normal steps first, then the faults in red.
 * Each says who does what with which outcome ("Frontend: ctx.send('Orders', SubmitOrder) →
 * fails (sendFail)") under its replayable label.
 */
import { FAULT_DESCRIPTIONS } from '../../sim';
import type { EnabledChoice } from '../../workers/sessionProtocol';

interface Props {
  enabled: readonly EnabledChoice[];
  disabled: boolean;
  onPick(index: number): void;
}

export function ChoiceList({ enabled, disabled, onPick }: Props) {
  if (enabled.length === 0) {
    return <p className="muted choices-over">Nothing can happen next: the run is over.</p>;
  }
  const normal = enabled.filter((c) => c.fault === null);
  const faults = enabled.filter((c) => c.fault !== null);
  return (
    <div className="choices">
      <div className="choice-group">
        <h3 id="choices-title" className="choice-heading">
          What happens next?
        </h3>
        <ul className="choice-list" aria-labelledby="choices-title">
          {normal.map((c, i) => (
            <li key={c.index}>
              <button
                type="button"
                className="button button-secondary button-small"
                disabled={disabled}
                onClick={() => onPick(c.index)}
              >
                {c.label}
                {i === 0 && <span className="key-hint"> (space)</span>}
                {c.what !== c.label && <span className="choice-what">{c.what}</span>}
              </button>
            </li>
          ))}
        </ul>
      </div>
      {faults.length > 0 && (
        <div className="choice-group choice-group-faults">
          <h4 id="choice-faults-title" className="choice-heading">
            …or inject a fault
          </h4>
          <ul className="choice-list" aria-labelledby="choice-faults-title">
            {faults.map((c) => (
              <li key={c.index}>
                <button
                  type="button"
                  className="button button-fault button-small"
                  disabled={disabled}
                  title={c.fault ? FAULT_DESCRIPTIONS[c.fault] : undefined}
                  onClick={() => onPick(c.index)}
                >
                  {c.label} <span className="badge badge-fault">{c.fault}</span>
                  {c.what !== c.label && <span className="choice-what">{c.what}</span>}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
