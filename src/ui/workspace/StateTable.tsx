/**
 * A model-checking counterexample as a state table (exercise 18): one row per step, from the
 * initial state, one column per state variable, and every value a step changed marked (a
 * highlighted cell, and "changed" for screen readers). Each step's row shows, on demand, the
 * code of that step in the learner's model, so the trace reads next to what produced it.
 */
import { stableStringify } from '../../core/hash';
import { stepSource } from './stepSource';

interface Props {
  labels: readonly string[];
  /** states[0] is the initial state; states[i] the state after labels[i - 1]. */
  states: readonly unknown[];
  /** The learner's model, to show each step's code. */
  code: string;
}

export function StateTable({ labels, states, code }: Props) {
  const records = states.map(asRecord);
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  return (
    <div className="trace-table-host" tabIndex={0}>
      <table className="trace-table">
        <caption>
          Counterexample, {labels.length} steps: each row is the state after its step; changed
          values are marked.
        </caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Step</th>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {records.map((state, i) => {
            const label = i === 0 ? 'initial state' : labels[i - 1]!;
            const source = i === 0 ? null : stepSource(code, stepName(label));
            return (
              <tr key={i} className={i === records.length - 1 ? 'is-last' : undefined}>
                <td>{i}</td>
                <th scope="row">
                  <code>{label}</code>
                  {source && (
                    <details>
                      <summary>its code</summary>
                      <pre>{source}</pre>
                    </details>
                  )}
                </th>
                {columns.map((c) => {
                  const changed =
                    i > 0 && stableStringify(records[i - 1]![c]) !== stableStringify(state[c]);
                  return (
                    <td key={c} className={changed ? 'changed' : undefined}>
                      {formatValue(state[c])}
                      {changed && <span className="visually-hidden"> (changed)</span>}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function asRecord(state: unknown): Record<string, unknown> {
  return typeof state === 'object' && state !== null && !Array.isArray(state)
    ? (state as Record<string, unknown>)
    : { state };
}

/** "SendOutgoingMsg: fail" → "SendOutgoingMsg" (the step; the rest is its outcome). */
function stepName(label: string): string {
  return label.split(/[:\s(]/, 1)[0]!;
}

/** A state value in the lesson's notation: sets in braces, (message, txId) pairs, k→v maps. */
export function formatValue(v: unknown): string {
  if (v === undefined) return '';
  if (v === null || typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `{${v.map(formatValue).join(', ')}}`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 2 && 'id' in o && 'txId' in o)
    return `(${String(o.id)}, tx${String(o.txId)})`;
  return keys.map((k) => `${k}→${formatValue(o[k])}`).join(', ');
}
