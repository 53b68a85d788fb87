/**
 * The exercise's fault budgets, dispatch mode and retry policies, adjustable by the learner.
 * Changes are saved and apply to the next Play, Reset and Check.
 */
import { useId } from 'react';
import { configuredRetries, FAULT_DESCRIPTIONS, FAULT_KINDS, RETRY_POLICY_RANGE } from '../../sim';
import type { ExerciseManifest, FaultKind, RetryPolicy } from '../../sim';
import { retryEndpoints } from '../../workshop/settings';

const RETRY_FIELDS: { field: keyof RetryPolicy; label: string }[] = [
  { field: 'immediate', label: 'Immediate retries' },
  { field: 'delayed', label: 'Delayed retries' },
  { field: 'backoffBaseTicks', label: 'First delay (ticks, doubling)' },
];

interface Props {
  manifest: ExerciseManifest;
  settings: Record<string, string>;
  onChange(settings: Record<string, string>): void;
}

const MAX_BUDGET = 20;

export function FaultPanel({ manifest, settings, onChange }: Props) {
  const id = useId();
  const dispatch = settings.dispatch ?? manifest.dispatch;
  const total = settings['faults.total'] ?? String(manifest.faults.total);
  const kindValue = (k: FaultKind) =>
    settings[`faults.${k}`] ?? String(manifest.faults.perKind[k] ?? 0);

  const set = (name: string, value: string, defaultValue: string) => {
    const next = { ...settings };
    if (value === defaultValue) delete next[name];
    else next[name] = value;
    onChange(next);
  };
  const setNumber = (
    name: string,
    raw: string,
    defaultValue: number,
    min = 0,
    max = MAX_BUDGET,
  ) => {
    const n = Math.max(min, Math.min(max, Math.floor(Number(raw) || 0)));
    set(name, String(n), String(defaultValue));
  };
  const changed = Object.keys(settings).length > 0;

  return (
    <section className="panel faults" aria-labelledby={`${id}-title`}>
      <div className="panel-bar">
        <h2 id={`${id}-title`}>Faults and settings</h2>
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={!changed}
          onClick={() => onChange({})}
        >
          Exercise defaults
        </button>
      </div>
      <p className="muted">Changes apply to the next Play, Reset and Check.</p>
      <div className="settings-row">
        <label htmlFor={`${id}-dispatch`}>Dispatch of sends</label>
        <select
          id={`${id}-dispatch`}
          value={dispatch}
          onChange={(e) => set('dispatch', e.target.value, manifest.dispatch)}
        >
          <option value="immediate">immediate (during the handler)</option>
          <option value="batched">batched (after the handler returns)</option>
        </select>
      </div>
      <div className="settings-row">
        <label htmlFor={`${id}-total`}>Faults in total</label>
        <input
          id={`${id}-total`}
          type="number"
          min={0}
          max={MAX_BUDGET}
          value={total}
          onChange={(e) => setNumber('faults.total', e.target.value, manifest.faults.total)}
        />
      </div>
      <table className="budget-table">
        <caption className="visually-hidden">Budget per kind of fault</caption>
        <thead>
          <tr>
            <th scope="col">Fault</th>
            <th scope="col" className="num">
              Budget
            </th>
          </tr>
        </thead>
        <tbody>
          {FAULT_KINDS.map((k) => {
            const value = kindValue(k);
            return (
              <tr key={k} className={value !== '0' ? 'active' : undefined}>
                <td>
                  <label htmlFor={`${id}-${k}`}>
                    <code>{k}</code>
                  </label>{' '}
                  <span className="muted">{FAULT_DESCRIPTIONS[k]}</span>
                </td>
                <td className="num">
                  <input
                    id={`${id}-${k}`}
                    type="number"
                    min={0}
                    max={MAX_BUDGET}
                    value={value}
                    onChange={(e) =>
                      setNumber(`faults.${k}`, e.target.value, manifest.faults.perKind[k] ?? 0)
                    }
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {retryEndpoints(manifest).map((endpoint) => {
        const spec = manifest.endpoints[endpoint];
        if (spec?.kind !== 'messages') return null;
        const policy = configuredRetries(spec);
        return (
          <fieldset key={endpoint} className="retry-settings">
            <legend>
              Retries of <strong>{endpoint}</strong> after a handler fails
            </legend>
            {RETRY_FIELDS.map(({ field, label }) => {
              const name = `retries.${endpoint}.${field}`;
              const { min, max } = RETRY_POLICY_RANGE[field];
              return (
                <div className="settings-row" key={field}>
                  <label htmlFor={`${id}-${endpoint}-${field}`}>{label}</label>
                  <input
                    id={`${id}-${endpoint}-${field}`}
                    type="number"
                    min={min}
                    max={max}
                    value={settings[name] ?? String(policy[field])}
                    onChange={(e) => setNumber(name, e.target.value, policy[field], min, max)}
                  />
                </div>
              );
            })}
          </fieldset>
        );
      })}
    </section>
  );
}
